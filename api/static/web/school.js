// The roosteraar's pages: a job's live progress. The job page's section carries data-events (the page's own
// event stream, with the cookie login); each progress event updates the words in the live region and the
// chart of the objective and the bound. When the job ends the page is loaded again: the server shows the result.
"use strict";

(function () {
  const box = document.getElementById("job");
  if (!box) return;
  const svg = document.getElementById("chart");
  const text = document.getElementById("progress");
  const stateText = document.getElementById("job-state");
  const points = [];
  const NS = "http://www.w3.org/2000/svg";
  const H = 200, PAD = 24;
  let W = 600;

  function shown(value, digits) {
    if (value === null || value === undefined) return "—";
    return Number(value).toLocaleString(document.documentElement.lang || "nl", {maximumFractionDigits: digits});
  }

  function words(point) {
    const gap = point.gap === null || point.gap === undefined ? "—" : shown(point.gap * 100, 1) + "%";
    return box.dataset.textProgress.replace("{objective}", shown(point.objective, 0))
      .replace("{bound}", shown(point.bound, 0)).replace("{gap}", gap).replace("{seconds}", shown(point.seconds, 1));
  }

  function line(key, klass) {
    const usable = points.filter((p) => typeof p[key] === "number");
    if (usable.length === 0) return;
    const all = points.flatMap((p) => [p.objective, p.bound]).filter((v) => typeof v === "number");
    const low = Math.min(...all), high = Math.max(...all), span = high - low || 1;
    const first = Math.min(...points.map((p) => p.seconds || 0));
    const last = Math.max(...points.map((p) => p.seconds || 0));
    const path = usable.map((p) => {
      const x = PAD + (((p.seconds || 0) - first) / (last - first || 1)) * (W - 2 * PAD);
      const y = H - PAD - ((p[key] - low) / span) * (H - 2 * PAD);
      return x.toFixed(1) + "," + y.toFixed(1);
    });
    if (last === first) {  // one moment only: a level line across, so that it shows
      const y = path[0].split(",")[1];
      path.splice(0, path.length, PAD + "," + y, (W - PAD) + "," + y);
    }
    const poly = document.createElementNS(NS, "polyline");
    poly.setAttribute("points", path.join(" "));
    poly.setAttribute("class", klass);
    poly.setAttribute("fill", "none");
    svg.appendChild(poly);
  }

  function draw() {
    W = Math.max(200, Math.round(svg.getBoundingClientRect().width) || 600);  // one unit a pixel: text unstretched
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    const axis = document.createElementNS(NS, "polyline");
    axis.setAttribute("points", `${PAD},${PAD} ${PAD},${H - PAD} ${W - PAD},${H - PAD}`);
    axis.setAttribute("class", "axis");
    axis.setAttribute("fill", "none");
    svg.appendChild(axis);
    line("objective", "objective");
    line("bound", "bound");
    const all = points.flatMap((p) => [p.objective, p.bound]).filter((v) => typeof v === "number");
    if (all.length) {  // the highest and lowest value at the axis, so the lines have a scale
      label(shown(Math.max(...all), 0), PAD + 4, PAD + 10);
      label(shown(Math.min(...all), 0), PAD + 4, H - PAD - 4);
    }
  }

  function label(words, x, y) {
    const node = document.createElementNS(NS, "text");
    node.setAttribute("x", x);
    node.setAttribute("y", y);
    node.textContent = words;
    svg.appendChild(node);
  }

  function usable(point) {
    return typeof point.objective === "number" || typeof point.bound === "number";
  }

  draw();
  if (!box.dataset.events) {  // the job has ended: its points as the page was given them
    JSON.parse(box.dataset.points || "[]").filter(usable).forEach((point) => points.push(point));
    draw();
    return;
  }
  // the stream sends every point from the first: the chart starts empty
  const events = new EventSource(box.dataset.events);
  events.addEventListener("progress", (event) => {
    const point = JSON.parse(event.data);
    if (!usable(point)) return;
    points.push(point);
    text.textContent = words(point);
    draw();
  });
  events.addEventListener("state", (event) => {
    const state = JSON.parse(event.data).state;
    const word = box.dataset["state" + state.charAt(0).toUpperCase() + state.slice(1)];
    if (word) stateText.textContent = word;
  });
  events.addEventListener("end", () => {
    events.close();
    text.textContent = box.dataset.textEnded;
    window.setTimeout(() => window.location.reload(), 800);
  });
})();
