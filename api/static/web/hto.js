// The hto'er's page: copy the calendar link (a button with data-copy="#input"), said in a live region.
"use strict";

document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const input = document.querySelector(button.getAttribute("data-copy"));
  if (!input) return;
  input.select();
  try {
    await navigator.clipboard.writeText(input.value);
  } catch (error) {
    document.execCommand("copy");  // older browsers, or a page not served over HTTPS
  }
  const status = button.closest("#subscription").querySelector("[data-copy-status]");
  if (status) status.textContent = button.getAttribute("data-copied");
});
