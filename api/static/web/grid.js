// The timetable grid: keyboard (arrows move, Enter opens "why here", L locks the time, M moves), clicking a
// lesson, and dragging it to another cell. The "why here" panel comes from the server (htmx); its rows say
// per other slot whether the lesson may go there, and the grid cells get that as a symbol and a word.
"use strict";

(() => {
  const table = document.getElementById("grid-table");
  if (!table) return;
  const panel = document.getElementById("why-panel");
  const live = document.getElementById("grid-live");
  const message = document.getElementById("grid-message");
  const data = table.dataset;
  const cells = Array.from(table.querySelectorAll("td[data-row]"));
  let shown = null; // {lesson, copy} whose why is on the grid
  let moving = null; // {lesson, copy} being moved by keyboard or drag

  const say = (text) => { live.textContent = ""; window.setTimeout(() => { live.textContent = text; }, 50); };
  const refuse = (text) => { message.textContent = text; };
  const cellAt = (row, col) => table.querySelector(`td[data-row="${row}"][data-col="${col}"]`);
  const slotCell = (day, period) => table.querySelector(`td[data-day="${day}"][data-period="${period}"]`);

  function focusCell(cell) {
    if (!cell) return;
    cells.forEach((c) => { c.tabIndex = -1; });
    cell.tabIndex = 0;
    cell.focus();
  }

  // The lesson a key acts on: the one whose why is open, if it is in this cell, else the cell's first.
  function firstLesson(cell) {
    const open = shown && Array.from(cell.querySelectorAll(".lesson"))
      .find((l) => l.dataset.lesson === shown.lesson && l.dataset.copy === String(shown.copy));
    return open || cell.querySelector(".lesson[data-first]") || cell.querySelector(".lesson");
  }

  // Enter again on a cell with several lessons (clusters, groups split in two) opens the next one.
  function nextLesson(cell) {
    const all = Array.from(cell.querySelectorAll(".lesson"));
    const isShown = (l) => shown && l.dataset.lesson === shown.lesson && l.dataset.copy === String(shown.copy);
    const at = all.findIndex(isShown);
    return at >= 0 ? all[(at + 1) % all.length] : firstLesson(cell);
  }

  function openWhy(lesson, copy) {
    if (shown && shown.lesson === lesson && shown.copy === copy && panel.querySelector(".why")) {
      return Promise.resolve();
    }
    shown = { lesson, copy };
    clearMarks();
    const waiting = document.createElement("p");
    waiting.className = "muted";
    waiting.textContent = data.msgLoading;
    panel.replaceChildren(waiting);
    const query = new URLSearchParams({ timetable: data.timetable, lesson, copy, view: data.view, id: data.id });
    return window.htmx.ajax("GET", `${data.base}/why?${query}`, { target: "#why-panel", swap: "innerHTML" });
  }

  function clearMarks() {
    cells.forEach((cell) => {
      cell.classList.remove("why-forbidden", "why-costlier", "why-equal", "why-cheaper", "why-here");
      delete cell.dataset.why;
      delete cell.dataset.reason;
      cell.querySelectorAll(".why-mark").forEach((mark) => mark.remove());
    });
  }

  // The why rows of the panel onto the grid: a class (colour), a symbol and the verdict's word in each cell.
  function markCells() {
    const why = panel.querySelector(".why");
    if (!why) return;
    clearMarks();
    shown = { lesson: why.dataset.whyLesson, copy: why.dataset.whyCopy };
    const here = slotCell(why.dataset.whyDay, why.dataset.whyPeriod);
    if (here) here.classList.add("why-here");
    why.querySelectorAll("tr[data-verdict]").forEach((row) => {
      const cell = slotCell(row.dataset.day, row.dataset.period);
      if (!cell) return;
      cell.dataset.why = row.dataset.verdict;
      cell.dataset.reason = row.dataset.reason;
      cell.classList.add(`why-${row.dataset.verdict}`);
      const mark = document.createElement("span");
      mark.className = "why-mark";
      mark.setAttribute("aria-hidden", "true");
      mark.textContent = row.querySelector(".verdict").textContent.trim().split(" ")[0];
      cell.appendChild(mark);
    });
  }

  function drop(cell) {
    if (!moving) return;
    const move = moving;
    moving = null;
    cells.forEach((c) => c.classList.remove("drop-ok", "drop-bad", "moving-from"));
    const why = panel.querySelector(".why");
    if (!why || why.dataset.whyLesson !== move.lesson || why.dataset.whyCopy !== String(move.copy)) {
      refuse(data.msgWait);
      return;
    }
    if (cell.dataset.day === why.dataset.whyDay && cell.dataset.period === why.dataset.whyPeriod) {
      say(data.msgHere);
      return;
    }
    if (!cell.dataset.why || cell.dataset.why === "forbidden") {
      const reason = cell.dataset.reason || data.msgNoslot;
      refuse(data.msgRefused.replace("{reason}", reason));
      say(data.msgRefused.replace("{reason}", reason));
      return;
    }
    const form = document.getElementById("grid-move-form");
    form.elements.lesson.value = move.lesson;
    form.elements.copy.value = move.copy;
    form.elements.day.value = cell.dataset.day;
    form.elements.period.value = cell.dataset.period;
    form.submit();
  }

  function toggleLock(cell) {
    const lesson = firstLesson(cell);
    if (!lesson) return;
    const form = document.getElementById("grid-toggle-form");
    form.elements.lesson.value = lesson.dataset.lesson;
    form.elements.copy.value = lesson.dataset.copy;
    form.submit();
  }

  table.addEventListener("keydown", (event) => {
    const cell = event.target.closest("td[data-row]");
    if (!cell) return;
    const row = Number(cell.dataset.row);
    const col = Number(cell.dataset.col);
    const steps = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (steps[event.key]) {
      event.preventDefault();
      focusCell(cellAt(row + steps[event.key][0], col + steps[event.key][1]));
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      if (moving) { drop(cell); return; }
      const lesson = nextLesson(cell);
      if (lesson) openWhy(lesson.dataset.lesson, lesson.dataset.copy);
    } else if (event.key === "Escape" && moving) {
      moving = null;
      cells.forEach((c) => c.classList.remove("moving-from"));
      say(data.msgCancelled);
    } else if (event.key === "l" || event.key === "L") {
      event.preventDefault();
      toggleLock(cell);
    } else if (event.key === "m" || event.key === "M") {
      const lesson = firstLesson(cell);
      if (!lesson) return;
      event.preventDefault();
      moving = { lesson: lesson.dataset.lesson, copy: lesson.dataset.copy };
      cell.classList.add("moving-from");
      message.textContent = "";
      openWhy(moving.lesson, moving.copy);
      say(data.msgMoving);
    }
  });

  table.addEventListener("click", (event) => {
    const lesson = event.target.closest(".lesson");
    const cell = event.target.closest("td[data-row]");
    if (cell) focusCell(cell);
    if (lesson) openWhy(lesson.dataset.lesson, lesson.dataset.copy);
  });

  // Dragging: the cells light up (from the why rows) while the lesson is carried; a forbidden drop is refused.
  table.addEventListener("dragstart", (event) => {
    const lesson = event.target.closest(".lesson[draggable]");
    if (!lesson) return;
    moving = { lesson: lesson.dataset.lesson, copy: lesson.dataset.copy };
    message.textContent = "";
    event.dataTransfer.setData("text/plain", lesson.dataset.lesson);
    event.dataTransfer.effectAllowed = "move";
    openWhy(moving.lesson, moving.copy);
  });
  table.addEventListener("dragover", (event) => {
    const cell = event.target.closest("td[data-row]");
    if (!cell || !moving) return;
    event.preventDefault();
    cells.forEach((c) => { if (c !== cell) c.classList.remove("drop-ok", "drop-bad"); });
    const ok = cell.dataset.why && cell.dataset.why !== "forbidden";
    cell.classList.toggle("drop-ok", Boolean(ok));
    cell.classList.toggle("drop-bad", !ok);
    // "move" even where it is forbidden: the drop must still come, so that the refusal can say why.
    event.dataTransfer.dropEffect = "move";
  });
  table.addEventListener("drop", (event) => {
    const cell = event.target.closest("td[data-row]");
    if (!cell) return;
    event.preventDefault();
    drop(cell);
  });
  table.addEventListener("dragend", () => {
    cells.forEach((c) => c.classList.remove("drop-ok", "drop-bad"));
  });

  document.body.addEventListener("htmx:afterSwap", (event) => {
    if (event.detail.target === panel) markCells();
  });

  // Another view: the list of groups, teachers, rooms or hto'ers is another one, so show the view's first.
  const viewSelect = document.querySelector("[data-grid-view]");
  if (viewSelect) {
    viewSelect.addEventListener("change", () => {
      const form = viewSelect.form;
      form.elements.id.disabled = true;
      form.submit();
    });
  }

  // Back from a lock or a move: the same lesson's why is open again, and its cell has the focus.
  if (data.openLesson) {
    const wanted = `.lesson[data-lesson="${CSS.escape(data.openLesson)}"][data-copy="${CSS.escape(data.openCopy)}"]`;
    const lesson = table.querySelector(wanted);
    if (lesson) focusCell(lesson.closest("td"));
    openWhy(data.openLesson, data.openCopy);
  }
})();
