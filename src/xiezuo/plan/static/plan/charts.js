// The plan's charts (ECharts, local): the dashboard's per-chapter status bars and a target's
// values by year. Data come from json_script blocks; nothing inline (CSP).
(function () {
  "use strict";
  if (!window.echarts) return;
  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function draw(el, option) {
    var chart = echarts.init(el);
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
  }
  var charts = data("plan-charts");
  if (charts) {
    Object.keys(charts).forEach(function (n) {
      var el = document.getElementById("chart-" + n);
      if (!el) return;
      var c = charts[n];
      draw(el, {
        tooltip: {trigger: "axis"}, legend: {top: 0}, grid: {left: 30, right: 10, top: 30, bottom: 25},
        xAxis: {type: "category", data: c.years}, yAxis: {type: "value", minInterval: 1},
        series: c.series.map(function (s) {
          return {name: s.name, type: "bar", stack: "s", data: s.data, itemStyle: {color: s.colour}};
        })
      });
    });
  }
  var d = data("target-chart-data"), target = document.getElementById("target-chart");
  if (d && target) {
    draw(target, {
      tooltip: {trigger: "axis"}, legend: {top: 0}, grid: {left: 60, right: 10, top: 30, bottom: 25},
      xAxis: {type: "category", data: d.years}, yAxis: {type: "value"},
      series: [{name: target.dataset.labelDone, type: "bar", data: d.values, itemStyle: {color: "#1d6b2f"}},
               {name: target.dataset.labelRequired, type: "line", data: d.required, itemStyle: {color: "#9b1c1c"}}]
    });
  }
})();
