// qingli site: filter the 现行有效目录 as you type. The rows are in
// assets/search-data.js, loaded when a search begins, so the page itself
// stays small; rows are built with textContent only (never innerHTML).
(function () {
  "use strict";
  var form = document.getElementById("search");
  var table = document.getElementById("catalog");
  if (!form || !table) { return; }
  // Columns: page, title, 文号, 制定机关, 发布日期, 有效期至, 状态, 责任单位.
  var rows = null;
  var hay = null;
  var loading = false;
  var LIMIT = 1000;
  var OPEN = /[\[(【〖［（﹝〔<〈《]/g;
  var CLOSE = /[\])】〗］）﹞〕>〉》]/g;
  // Substring matching needs no word segmentation; compare NFKC forms with
  // one bracket style and no spaces, so [2005] finds 〔2005〕 and ２００５ finds 2005.
  function norm(s) {
    return String(s).normalize("NFKC").toLowerCase().replace(OPEN, "〔").replace(CLOSE, "〕").replace(/\s+/g, "");
  }
  var q = document.getElementById("q");
  var fIssuer = document.getElementById("f-issuer");
  var fUnit = document.getElementById("f-unit");
  var fYear = document.getElementById("f-year");
  var fStatus = document.getElementById("f-status");
  var count = document.getElementById("count");
  var pager = document.getElementById("pager");
  var tbody = table.tBodies[0];
  var pristine = true;

  // Each cell carries its column's name: on a phone a row is a labelled card.
  var labels = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) { return th.textContent; });

  function cell(tr, text) {
    var td = document.createElement("td");
    td.textContent = text;
    td.setAttribute("data-label", labels[tr.cells.length] || "");
    tr.appendChild(td);
    return td;
  }

  // A script element rather than fetch(): a site opened from disk
  // (file://) may load a script but not fetch a file.
  function load() {
    if (rows || loading) { return; }
    loading = true;
    count.textContent = "正在载入检索数据…";
    window.qingliSearchData = function (data) {
      rows = data;
      hay = rows.map(function (r) { return norm(r[1] + "\u0001" + r[2] + "\u0001" + r[3]); });
      update();
    };
    var src = form.getAttribute("data-rows");
    var script = document.createElement("script");
    script.src = src;
    script.onerror = function () {
      loading = false;
      count.textContent = "未能载入检索数据(" + src + "),请确认网站的 assets 文件夹完整";
    };
    document.head.appendChild(script);
  }

  function update() {
    if (!rows) { load(); return; }
    var want = norm(q.value);
    var issuer = fIssuer.value, unit = fUnit.value, year = fYear.value, status = fStatus.value;
    var shown = [];
    var total = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      if (want && hay[i].indexOf(want) < 0) { continue; }
      if (issuer && r[3].split("、").indexOf(issuer) < 0) { continue; }
      if (unit && r[7] !== unit) { continue; }
      if (year && r[4].slice(0, 4) !== year) { continue; }
      if (status && r[6] !== status) { continue; }
      total++;
      if (shown.length < LIMIT) { shown.push(i); }
    }
    var body = document.createElement("tbody");
    shown.forEach(function (i, k) {
      var r = rows[i];
      var tr = document.createElement("tr");
      cell(tr, String(k + 1));
      var a = document.createElement("a");
      a.href = r[0];
      a.textContent = r[1];
      cell(tr, "").appendChild(a);
      cell(tr, r[2]); cell(tr, r[3]); cell(tr, r[4]); cell(tr, r[5]); cell(tr, r[6]);
      body.appendChild(tr);
    });
    table.replaceChild(body, tbody);
    tbody = body;
    if (pager) { pager.hidden = true; }
    var text = "找到 " + total + " 件(共 " + rows.length + " 件)";
    if (total > LIMIT) { text += ",显示前 " + LIMIT + " 件;请输入更多文字缩小范围"; }
    count.textContent = text;
    pristine = false;
  }

  form.hidden = false;
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  q.addEventListener("focus", load);
  q.addEventListener("input", update);
  [fIssuer, fUnit, fYear, fStatus].forEach(function (s) { s.addEventListener("change", update); });
  if (q.value && pristine) { update(); }
})();
