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
      var c = charts[n];
      // tracked targets (no status): one small bar chart each, its unit on the axis; a bar
      // opens the list behind the year's figure
      (c.tracked || []).forEach(function (t, i) {
        var box = document.getElementById("tracked-" + n + "-" + i);
        if (!box) return;
        var chart = echarts.init(box);
        chart.setOption({
          title: {text: t.name, textStyle: {fontSize: 12, fontWeight: "normal"}, top: 0},
          tooltip: {trigger: "axis"}, grid: {left: 60, right: 10, top: 40, bottom: 25},
          xAxis: {type: "category", data: c.years},
          yAxis: {type: "value", name: t.unit, nameTextStyle: {align: "right"}},
          series: [{name: t.unit, type: "bar", data: t.data, itemStyle: {color: "#4f8fcf"},
                    label: {show: true, position: "top", fontSize: 10}}]
        });
        chart.on("click", function (p) { if (t.links[p.dataIndex]) window.location = t.links[p.dataIndex]; });
        window.addEventListener("resize", function () { chart.resize(); });
      });
      var el = document.getElementById("chart-" + n);
      if (!el) return;
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
