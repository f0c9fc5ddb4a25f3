// Hybrooster pages: the little plain JavaScript the pages need beyond htmx. No inline scripts (the
// Content-Security-Policy forbids them): behaviour is attached here, by data- attributes.
"use strict";

// A form or button with data-confirm asks first (publishing, deleting).
document.addEventListener("submit", (event) => {
  const question = event.target.getAttribute("data-confirm");
  if (question && !window.confirm(question)) event.preventDefault();
});
