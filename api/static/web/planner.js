// The planner's week grid: choose a time by click, drag or keyboard (arrows move, Shift+arrow extends within
// the day, Enter chooses). The choice fills the mark form and asks the server what it would do (htmx).
"use strict";

(() => {
  const grid = document.querySelector("[data-weekgrid]");
  const form = document.querySelector("[data-draft-form]");
  if (!grid || !form) return;
  const cells = Array.from(grid.querySelectorAll("td[data-day]"));
  const columns = grid.querySelector("thead tr").children.length - 1;
  let anchor = null;
  let chosen = [];
  let dragging = false;

  const at = (cell) => cells.indexOf(cell);
  const cellAt = (index) => cells[index] || null;
  const focus = (cell) => {
    if (!cell) return;
    cells.forEach((c) => c.setAttribute("tabindex", "-1"));
    cell.setAttribute("tabindex", "0");
    cell.focus();
  };
  const mark = (from, to) => {
    chosen.forEach((c) => { c.classList.remove("chosen"); c.removeAttribute("aria-selected"); });
    const a = at(from), b = at(to);
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    chosen = [];
    for (let i = lo; i <= hi; i += columns) chosen.push(cells[i]);
    chosen.forEach((c) => { c.classList.add("chosen"); c.setAttribute("aria-selected", "true"); });
  };
  const draft = () => {
    if (!chosen.length) return;
    form.querySelector("[name=day]").value = chosen[0].dataset.day;
    form.querySelector("[name=start]").value = chosen[0].dataset.start;
    form.querySelector("[name=end]").value = chosen[chosen.length - 1].dataset.end;
    if (window.htmx) window.htmx.trigger(form, "drafted");
  };
  const sameDay = (cell) => anchor && cell && cell.dataset.day === anchor.dataset.day;

  if (cells.length) cells[0].setAttribute("tabindex", "0");

  // The reason is not sent along while the answer is awaited (it stays out of URLs): Save takes it from the form.
  document.addEventListener("submit", (event) => {
    const save = event.target.closest("[data-save-form]");
    if (save) save.querySelector("[name=reason]").value = form.querySelector("[name=reason]").value;
  });

  grid.addEventListener("mousedown", (event) => {
    const cell = event.target.closest("td[data-day]");
    if (!cell) return;
    event.preventDefault();
    if (!(event.shiftKey && sameDay(cell))) anchor = cell;
    dragging = true;
    mark(anchor, cell);
    focus(cell);
  });
  grid.addEventListener("mouseover", (event) => {
    const cell = event.target.closest("td[data-day]");
    if (dragging && sameDay(cell)) mark(anchor, cell);
  });
  document.addEventListener("mouseup", () => {
    if (dragging) { dragging = false; draft(); }
  });

  grid.addEventListener("keydown", (event) => {
    const cell = event.target.closest("td[data-day]");
    if (!cell) return;
    const index = at(cell);
    const moves = { ArrowUp: -columns, ArrowDown: columns, ArrowLeft: -1, ArrowRight: 1 };
    if (event.key in moves) {
      event.preventDefault();
      const next = cellAt(index + moves[event.key]);
      if (!next) return;
      if (event.shiftKey && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
        if (!anchor || !sameDay(cell)) anchor = cell;
        mark(anchor, next);
      } else {
        anchor = null;
      }
      focus(next);
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      if (!anchor || !chosen.includes(cell)) { anchor = cell; mark(cell, cell); }
      draft();
      anchor = null;
    } else if (event.key === "Escape") {
      chosen.forEach((c) => { c.classList.remove("chosen"); c.removeAttribute("aria-selected"); });
      chosen = [];
      anchor = null;
    }
  });
})();
