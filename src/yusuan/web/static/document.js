// The document page: tabs, and the finding's cell or sentence brought to the middle of
// the window (not its top edge, where the sticky table header would hide it).
(function () {
  var tabs = document.querySelectorAll("#tabs a[data-tab]");
  var panes = document.querySelectorAll("section.tab");
  function show(id) {
    panes.forEach(function (p) { p.hidden = p.id !== id; });
    tabs.forEach(function (a) { a.classList.toggle("active", a.dataset.tab === id); });
    if (id === "tab-charts") { window.dispatchEvent(new Event("resize")); }
    if (id === "tab-page") { toBox(); }
  }
  // the page image: bring the drawn box (PDF points × the rendering scale) to the middle
  function toBox() {
    var img = document.getElementById("page-image");
    if (!img || !img.dataset.box) { return; }
    if (!img.complete || !img.naturalWidth) { img.addEventListener("load", toBox, { once: true }); return; }
    var b = img.dataset.box.split(",").map(Number);
    var ratio = img.clientWidth / img.naturalWidth * Number(img.dataset.scale || 1);
    var middle = (b[1] + b[3]) / 2 * ratio;
    var top = img.getBoundingClientRect().top + window.scrollY + middle - window.innerHeight / 2;
    window.scrollTo(0, Math.max(0, top));
  }
  function paneOf(el) {
    while (el && !(el.classList && el.classList.contains("tab"))) { el = el.parentElement; }
    return el;
  }
  function focus(id) {
    var el = id && document.getElementById(id);
    if (!el) { return false; }
    var pane = paneOf(el);
    if (pane) { show(pane.id); }
    document.querySelectorAll(".focus").forEach(function (x) { x.classList.remove("focus"); });
    el.classList.add("focus");
    el.scrollIntoView({ block: "center", inline: "center" });
    return true;
  }
  tabs.forEach(function (a) {
    a.addEventListener("click", function (e) { e.preventDefault(); show(a.dataset.tab); });
  });
  var banner = document.getElementById("banner");
  var hash = decodeURIComponent(location.hash.slice(1));
  var target = (banner && banner.dataset.target) || hash;
  window.addEventListener("hashchange", function () {
    focus(decodeURIComponent(location.hash.slice(1)));
  });
  var page = document.getElementById("banner-page");
  if (page) {
    page.addEventListener("click", function (e) { e.preventDefault(); show("tab-page"); });
  }
  // an OCR cell opened as ?cell=ANCHOR: its page image first, its box in the middle
  if (banner && banner.dataset.open && document.getElementById(banner.dataset.open)) {
    show(banner.dataset.open);
    return;
  }
  // a finding is opened as ?f=KEY (no #fragment, which the browser would keep at the
  // window's top edge): the banner names its target, centred here
  if (!focus(target)) { show(hash && document.getElementById(hash) ? hash : "tab-tables"); }
  window.addEventListener("load", function () { focus(target); });
})();
