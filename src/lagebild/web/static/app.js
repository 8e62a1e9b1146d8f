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

function showJob(job, section, note) {
  // the job's items so far, as the server-rendered result table shows them (text only)
  const body = section.querySelector("tbody");
  for (let i = body.rows.length; i < job.items.length; i++) {
    const item = job.items[i];
    const row = body.insertRow();
    row.className = item.outcome;
    row.insertCell().textContent = item.origin;
    row.insertCell().textContent = item.outcome;
    const cell = row.insertCell();
    if (item.article_id) {
      const link = document.createElement("a");
      link.href = "/articles/" + encodeURIComponent(item.article_id);
      link.textContent = item.article_id;
      cell.appendChild(link);
    }
    row.insertCell().textContent = item.reason || "";
  }
  section.querySelector(".counts").textContent =
    `new ${job.new} · revised ${job.revision} · unchanged ${job.unchanged} · failed ${job.failed}`;
  note.textContent = note.dataset.template
    .replace("{processed}", job.processed)
    .replace("{inputs}", job.inputs);
}

async function pollJob(url, token, section, note, button) {
  const headers = { Authorization: "Bearer " + token, Accept: "application/json" };
  for (;;) {
    const response = await fetch(url, { headers });
    const job = await response.json();
    if (!response.ok) throw new Error(job.detail || response.statusText);
    showJob(job, section, note);
    if (job.state === "done" || job.state === "failed") {
      section.dataset.state = job.state;
      note.hidden = job.state === "done";
      if (job.error) note.textContent = note.dataset.failed + " " + job.error;
      button.disabled = false;
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
}

function watchIngest() {
  // With scripts, the form starts a background job and shows its items as they are
  // stored; without, it posts to /ingest and the server answers when all is done.
  const form = document.getElementById("ingest-form");
  const note = document.getElementById("ingest-progress");
  const template = document.getElementById("ingest-result-template");
  if (!form || !note || !template || !window.fetch) return;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    note.hidden = false;
    note.className = "progress";
    const old = document.getElementById("ingest-result");
    if (old) old.remove();
    const token = form.elements.token.value;
    try {
      const response = await fetch("/api/ingest/jobs", {
        method: "POST",
        body: new FormData(form),
        headers: { Authorization: "Bearer " + token, Accept: "application/json" },
      });
      const job = await response.json();
      if (!response.ok) throw new Error(job.detail || response.statusText);
      const section = template.content.firstElementChild.cloneNode(true);
      form.after(section);
      await pollJob(job.url, token, section, note, button);
    } catch (error) {
      note.className = "error";
      note.setAttribute("role", "alert");
      note.textContent = note.dataset.failed + " " + error.message;
      button.disabled = false;
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("canvas.chart").forEach(drawChart);
  watchIngest();
  const mark = document.getElementById("hl");
  if (mark) mark.scrollIntoView({ block: "center" });
});
