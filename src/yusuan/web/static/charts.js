// Draws the document page's charts from the JSON the server embeds (values in 万元).
(function () {
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  function fixed(v) {
    return v === null || v === undefined ? "未列"
      : Number(v).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
  // the 三公 items on two short lines, so four fit side by side at phone width
  var SHORT = { "因公出国（境）费": "因公出国\n（境）费", "公务用车购置费": "公务用车\n购置费",
    "公务用车运行维护费": "公务用车\n运行维护费" };
  function draw(id, option) {
    var el = document.getElementById(id);
    if (!el || !window.echarts) return;
    if (!option) { el.style.display = "none"; return; }
    echarts.init(el).setOption(option);
  }
  // treemap: a label is drawn whole or not at all, never cut: each box shows the longest of
  // “code name / amount”, “code name”, “code” that fits it (measured in the font drawn); the
  // tooltip names every box with its amount
  var measure = document.createElement("canvas").getContext("2d");
  function fits(text, box, size, lines) {
    measure.font = size + "px sans-serif";
    var wide = Math.max.apply(null, text.split("\n").map(function (t) { return measure.measureText(t).width; }));
    return wide <= box.width - 8 && lines * (size + 3) <= box.height - 4;
  }
  function whole(chart, upper) {
    return function (p) {
      var data = chart.getModel().getSeriesByIndex(0).getData();
      var box = data.getItemLayout(p.dataIndex);
      if (!p.name) { return ""; }
      var code = p.name.split(" ")[0];
      var tries = upper ? [[p.name + " " + fixed(p.value), 1], [p.name, 1], [code, 1]]
        : [[p.name + "\n" + fixed(p.value), 2], [p.name, 1], [code, 1]];
      for (var i = 0; box && i < tries.length; i++) {
        if (fits(tries[i][0], upper ? { width: box.width, height: 22 } : box, 12, tries[i][1])) { return tries[i][0]; }
      }
      return "";
    };
  }
  var treeEl = document.getElementById("chart-treemap");
  if (data.treemap && treeEl && window.echarts) {
    var tree = echarts.init(treeEl);
    tree.setOption({
      title: { text: "支出按功能分类（类/款/项，万元）", textStyle: { fontSize: 14 } },
      tooltip: { formatter: function (p) { return p.name + "：" + fixed(p.value) + " 万元"; } },
      series: [{
        type: "treemap", name: "全部支出", data: data.treemap, leafDepth: 2, top: 40, roam: false,
        label: { show: true, fontSize: 12, overflow: "none", formatter: whole(tree, false) },
        upperLabel: { show: true, height: 22, fontSize: 12, overflow: "none", formatter: whole(tree, true) },
        levels: [{ itemStyle: { gapWidth: 3 } }, { itemStyle: { gapWidth: 1 } }]
      }]
    });
  } else { draw("chart-treemap", null); }
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
      axisLabel: { interval: 0, fontSize: 11, formatter: function (v) { return SHORT[v] || v; } } },
    yAxis: { type: "value", name: "万元" }, series: series
  });
})();
