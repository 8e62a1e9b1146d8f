/* lagebild pages: charts from data-* attributes (Chart.js, served locally) and the ingest
   form's progress note. No inline scripts anywhere: the CSP allows only files from here. */
"use strict";

function fillDays(series) {
  // every day between the first and the last, so gaps in coverage show as gaps
  const days = Object.keys(series).sort();
  if (days.length === 0) return { labels: [], values: [] };
  const labels = [];
  const values = [];
  const end = new Date(days[days.length - 1] + "T00:00:00Z");
  for (let d = new Date(days[0] + "T00:00:00Z"); d <= end && labels.length < 400; d.setUTCDate(d.getUTCDate() + 1)) {
    const key = d.toISOString().slice(0, 10);
    labels.push(key);
    values.push(series[key] || 0);
  }
  return { labels, values };
}

function drawChart(canvas) {
  if (typeof Chart === "undefined") return;
  let series;
  try {
    series = JSON.parse(canvas.dataset.series || "{}");
  } catch (e) {
    return;
  }
  const { labels, values } = fillDays(series);
  const spark = canvas.dataset.kind === "spark";
  new Chart(canvas, {
    type: "bar",
    data: {
      labels,
      datasets: [{ label: canvas.dataset.label || "", data: values, backgroundColor: "#3b6ea5" }],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { display: false }, tooltip: { enabled: !spark } },
      scales: spark
        ? { x: { display: false }, y: { display: false, beginAtZero: true } }
        : { y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
  canvas.dataset.drawn = "1";  // for tests and styles: the chart is there
}

function watchIngest() {
  const form = document.getElementById("ingest-form");
  const note = document.getElementById("ingest-progress");
  if (!form || !note) return;
  form.addEventListener("submit", () => {
    note.hidden = false;
    const button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("canvas.chart").forEach(drawChart);
  watchIngest();
  const mark = document.getElementById("hl");
  if (mark) mark.scrollIntoView({ block: "center" });
});
