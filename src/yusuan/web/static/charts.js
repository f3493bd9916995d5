// Draws the document page's charts from the JSON the server embeds (values in 万元).
(function () {
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  function fixed(v) { return v === null || v === undefined ? "未列" : Number(v).toFixed(2); }
  function draw(id, option) {
    var el = document.getElementById(id);
    if (!el || !window.echarts) return;
    if (!option) { el.style.display = "none"; return; }
    echarts.init(el).setOption(option);
  }
  // treemap: labels wrap inside their box (never cut with "…"); a box too small for its
  // name shows none, and the tooltip names every box with its amount
  draw("chart-treemap", data.treemap && {
    title: { text: "支出按功能分类（类/款/项，万元）", textStyle: { fontSize: 14 } },
    tooltip: { formatter: function (p) { return p.name + "：" + fixed(p.value) + " 万元"; } },
    series: [{
      type: "treemap", data: data.treemap, leafDepth: 2, top: 40, roam: false,
      label: { show: true, overflow: "break", formatter: function (p) { return p.name + "\n" + fixed(p.value); } },
      upperLabel: { show: true, height: 22, overflow: "break",
        formatter: function (p) { return p.name + " " + fixed(p.value); } },
      levels: [{ itemStyle: { gapWidth: 3 } }, { itemStyle: { gapWidth: 1 } }]
    }]
  });
  function pie(title, items) {
    return items && { title: { text: title, textStyle: { fontSize: 14 } }, tooltip: {},
      series: [{ type: "pie", radius: "55%", data: items,
        label: { formatter: function (p) { return p.name + "\n" + fixed(p.value) + " 万元"; } } }] };
  }
  draw("chart-basic", pie("基本支出与项目支出", data.basic_project));
  draw("chart-people", pie("人员经费与公用经费", data.people_public));
  // 三公: one group of bars per item, one bar per year (the department's previous year
  // beside this one), each labelled with its amount
  var three = data.three_public;
  var bar = function (name, values) {
    return { type: "bar", name: name, data: values, barGap: "10%",
      label: { show: true, position: "top", fontSize: 11, formatter: function (p) { return fixed(p.value); } } };
  };
  var series = three ? [bar((three.year || "本") + "年", three.values)] : [];
  if (three && three.previous) { series.unshift(bar(three.previous.year + "年", three.previous.values)); }
  draw("chart-three", three && {
    title: { text: "“三公”经费分项（万元）", textStyle: { fontSize: 14 } },
    tooltip: { trigger: "axis", valueFormatter: function (v) { return fixed(v) + " 万元"; } },
    legend: { top: 24 }, grid: { top: 64, left: 56, right: 16, bottom: 56 },
    xAxis: { type: "category", data: three.items,
      axisLabel: { interval: 0, fontSize: 11, width: 84, overflow: "break" } },
    yAxis: { type: "value", name: "万元" }, series: series
  });
})();
