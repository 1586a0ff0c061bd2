/* Charts of the monitoring pages (Chart.js, vendored). Data come from <script type="application/json">
   elements written by Django's json_script; every chart has a table with the same figures next to it. */
(function () {
  "use strict";
  var GREEN = "#2e7d32", ORANGE = "#ef6c00", RED = "#c62828", BLUE = "#1f4e79", GREY = "#9e9e9e", LIGHT = "#90caf9";
  var STATUS_COLOURS = { on_track: GREEN, at_risk: ORANGE, off_track: RED };

  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function nl(n) { return n === null || n === undefined ? "–" : Number(n).toLocaleString("nl-NL"); }

  function progress(canvasId, dataId) {
    var rows = data(dataId), canvas = document.getElementById(canvasId);
    if (!rows || !rows.length || !canvas) return;
    canvas.parentNode.style.height = Math.max(160, rows.length * 28 + 60) + "px";
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: rows.map(function (r) { return r.label; }),
        datasets: [{
          label: "% van het doel",
          data: rows.map(function (r) { return r.progress; }),
          backgroundColor: rows.map(function (r) { return STATUS_COLOURS[r.status] || BLUE; })
        }]
      },
      options: {
        indexAxis: "y", maintainAspectRatio: false, animation: false,
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: function (c) { return nl(c.raw) + "% van het doel"; } } } },
        scales: { x: { beginAtZero: true, suggestedMax: 120, title: { display: true, text: "% van het doel" } } }
      }
    });
  }

  function budget(canvasId, dataId) {
    var rows = data(dataId), canvas = document.getElementById(canvasId);
    if (!rows || !rows.length || !canvas) return;
    var sets = [{ label: "Toegewezen", key: "allocated", colour: LIGHT }, { label: "Besteed", key: "spent", colour: BLUE }];
    if (rows[0].committed !== undefined) sets.splice(1, 0, { label: "Verplicht", key: "committed", colour: GREY });
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: rows.map(function (r) { return r.label || ("Spoor " + r.track); }),
        datasets: sets.map(function (s) {
          return { label: s.label, backgroundColor: s.colour, data: rows.map(function (r) { return r[s.key]; }) };
        })
      },
      options: {
        maintainAspectRatio: false, animation: false,
        plugins: { tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": € " + nl(c.raw); } } } },
        scales: { y: { beginAtZero: true, ticks: { callback: function (v) { return "€ " + nl(v); } } } }
      }
    });
  }

  function context(containerId, dataId) {
    var series = data(dataId), container = document.getElementById(containerId);
    if (!series || !container) return;
    series.forEach(function (s, index) {
      var canvas = document.getElementById(containerId + "-" + index);
      if (!canvas) return;
      var municipality = s.municipality.map(function (p) { return p && typeof p === "object" ? Number(p.value) : p; });
      var national = s.national.map(function (p) { return p && typeof p === "object" ? Number(p.value) : p; });
      new Chart(canvas, {
        type: "line",
        data: {
          labels: s.years.map(function (y, i) { return String(y) + ((s.provisional && s.provisional[i]) ? "*" : ""); }),
          datasets: [
            { label: "Zwolle", data: municipality, borderColor: BLUE, backgroundColor: BLUE, tension: 0.2 },
            { label: "Nederland", data: national, borderColor: GREY, backgroundColor: GREY, borderDash: [6, 4], tension: 0.2 }
          ]
        },
        options: { maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true } } }
      });
    });
  }

  function history(canvasId, dataId) {
    var rows = data(dataId), canvas = document.getElementById(canvasId);
    if (!rows || !rows.length || !canvas) return;
    new Chart(canvas, {
      type: "line",
      data: {
        labels: rows.map(function (r) { return r.period; }),
        datasets: [
          { label: "Waarde", data: rows.map(function (r) { return r.value; }), borderColor: BLUE, backgroundColor: BLUE },
          { label: "Doel", data: rows.map(function (r) { return r.target; }), borderColor: ORANGE, backgroundColor: ORANGE, borderDash: [6, 4], spanGaps: true }
        ]
      },
      options: { maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true } } }
    });
  }

  // Bars per month: {labels, stacked, series: [{label, colour, values}]}; null values are months
  // without a fact yet (shown as a gap, and as "–" in the table).
  function monthly(canvasId, dataId) {
    var chart = data(dataId), canvas = document.getElementById(canvasId);
    if (!chart || !chart.labels.length || !canvas) return;
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: chart.labels,
        datasets: chart.series.map(function (s) {
          return { label: s.label, backgroundColor: s.colour, data: s.values };
        })
      },
      options: {
        maintainAspectRatio: false, animation: false,
        plugins: { tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + nl(c.raw); } } } },
        scales: {
          x: { stacked: !!chart.stacked },
          y: { stacked: !!chart.stacked, beginAtZero: true, ticks: { precision: 0 } }
        }
      }
    });
  }

  window.pgaMonitoringCharts = { progress: progress, budget: budget, context: context, history: history, monthly: monthly };
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var kind = el.getAttribute("data-chart");
      if (window.pgaMonitoringCharts[kind]) window.pgaMonitoringCharts[kind](el.id, el.getAttribute("data-source"));
    });
  });
})();
