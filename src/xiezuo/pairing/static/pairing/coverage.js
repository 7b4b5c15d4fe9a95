// The coverage charts (ECharts, local): every township paired or not, and the deep-poverty
// villages of each township paired or not; a click opens the pairing (or the list behind the
// bar). Data come from the json_script block; nothing inline (CSP).
(function () {
  "use strict";
  if (!window.echarts) return;
  var el = document.getElementById("coverage-data");
  if (!el) return;
  var d = JSON.parse(el.textContent);
  var GREEN = "#1d6b2f", RED = "#9b1c1c", GREY = "#d9b3b3";
  function draw(id, option, onClick) {
    var node = document.getElementById(id);
    if (!node) return;
    var chart = echarts.init(node);
    chart.setOption(option);
    chart.on("click", onClick);
    window.addEventListener("resize", function () { chart.resize(); });
    window.addEventListener("beforeprint", function () { chart.resize(); });
  }
  draw("coverage-towns", {
    tooltip: {formatter: function (p) {
      var t = d.townships[p.dataIndex];
      return t.name + "：" + (t.paired ? d.labels.paired + "（" + t.n + "）" : d.labels.unpaired);
    }},
    grid: {left: 20, right: 10, top: 10, bottom: 70},
    xAxis: {type: "category", data: d.townships.map(function (t) { return t.name; }),
            axisLabel: {rotate: 45, interval: 0}},
    yAxis: {type: "value", show: false, max: 1},
    series: [{type: "bar", data: d.townships.map(function (t) {
      return {value: 1, itemStyle: {color: t.paired ? GREEN : RED}};
    })}]
  }, function (p) {
    var t = d.townships[p.dataIndex];
    if (t && t.url) window.location.href = t.url;
  });
  draw("coverage-villages", {
    tooltip: {trigger: "axis"}, legend: {top: 0},
    grid: {left: 30, right: 10, top: 30, bottom: 70},
    xAxis: {type: "category", data: d.villages.map(function (t) { return t.name; }),
            axisLabel: {rotate: 45, interval: 0}},
    yAxis: {type: "value", minInterval: 1},
    series: [
      {name: d.labels.paired, type: "bar", stack: "v", itemStyle: {color: GREEN},
       data: d.villages.map(function (t) { return t.paired; })},
      {name: d.labels.unpaired, type: "bar", stack: "v", itemStyle: {color: GREY},
       data: d.villages.map(function (t) { return t.unpaired; })}
    ]
  }, function (p) {
    var t = d.villages[p.dataIndex];
    if (t && t.url) window.location.href = t.url;
  });
})();
