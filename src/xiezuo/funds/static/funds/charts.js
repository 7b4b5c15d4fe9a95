// The funds supervision chart (ECharts, local): allocated and disbursed by year. Data from
// json_script blocks; nothing inline (CSP).
(function () {
  "use strict";
  var el = document.getElementById("funds-chart");
  if (!window.echarts || !el) return;
  var d = JSON.parse(document.getElementById("funds-chart-data").textContent);
  var l = JSON.parse(document.getElementById("funds-chart-labels").textContent);
  var chart = echarts.init(el);
  chart.setOption({
    tooltip: {trigger: "axis"}, legend: {data: [l.allocated, l.disbursed]},
    xAxis: {type: "category", data: d.years}, yAxis: {type: "value"},
    series: [{name: l.allocated, type: "bar", data: d.allocated, itemStyle: {color: "#0b4f9c"}},
             {name: l.disbursed, type: "bar", data: d.disbursed, itemStyle: {color: "#1d6b2f"}}]
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
