// Draws the document page's charts from the JSON the server embeds (values in 万元).
(function () {
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  function draw(id, option) {
    var el = document.getElementById(id);
    if (!el || !window.echarts) return;
    if (!option) { el.style.display = "none"; return; }
    echarts.init(el).setOption(option);
  }
  draw("chart-treemap", data.treemap && {
    title: { text: "支出按功能分类（类/款/项，万元）", textStyle: { fontSize: 14 } },
    tooltip: {}, series: [{ type: "treemap", data: data.treemap, leafDepth: 2 }]
  });
  function pie(title, items) {
    return items && { title: { text: title, textStyle: { fontSize: 14 } }, tooltip: {},
      series: [{ type: "pie", radius: "60%", data: items, label: { formatter: "{b}\n{c}万元" } }] };
  }
  draw("chart-basic", pie("基本支出与项目支出", data.basic_project));
  draw("chart-people", pie("人员经费与公用经费", data.people_public));
  var three = data.three_public;
  var series = three ? [{ type: "bar", name: "本年", data: three.values }] : [];
  if (three && three.previous) {
    series.unshift({ type: "bar", name: three.previous.year + "年", data: three.previous.values });
  }
  draw("chart-three", three && {
    title: { text: "“三公”经费（万元）", textStyle: { fontSize: 14 } }, tooltip: {}, legend: { top: 24 },
    xAxis: { type: "category", data: three.items, axisLabel: { interval: 0, fontSize: 10 } },
    yAxis: { type: "value" }, series: series
  });
})();
