// qingli site: search the 现行有效目录 — titles, 文号, 制定机关 and the
// published texts — by substring (Chinese needs no word segmentation).
// The data are in assets/search/, split so that a search loads only what
// it needs (render/site/search.rs writes them):
//   m-N.js   titles' index: each character and each pair of adjacent
//            characters, with the rows (and positions) holding it
//   t-N.js   texts' index: each pair, with the rows whose text holds it
//   rows-N.js  the catalogue rows, CHUNK at a time
//   docs/…js   one document's sentences, loaded to confirm a hit in its
//            text and show the sentence
//   facets.js  the filters' values of every row, loaded when a filter is set
// A page of results loads at most STEP texts; more are confirmed on
// "显示更多". Each file is a script calling one of the functions below (a site opened
// from disk, file://, may load a script but not fetch a file). Text is
// inserted with textContent only, never innerHTML.
(function () {
  "use strict";
  var form = document.getElementById("search");
  var table = document.getElementById("catalog");
  if (!form || !table) { return; }
  var base = form.getAttribute("data-base");
  var SHARDS = { m: Number(form.getAttribute("data-meta")), t: Number(form.getAttribute("data-text")) };
  var CHUNK = Number(form.getAttribute("data-chunk"));
  var TOTAL = Number(form.getAttribute("data-total"));
  var PAGE = 20;   // results shown at a time
  var BATCH = 6;   // texts loaded at a time to confirm hits
  var STEP = 12;   // texts loaded at most for one page of results
  var OPEN = /[\[(【〖［（﹝〔<〈《]/g;
  var CLOSE = /[\])】〗］）﹞〕>〉》]/g;
  // The normal form texts and queries are compared in (text::search::norm):
  // NFKC, lower case, one bracket style, no spaces; so [2005] finds 〔2005〕.
  function norm(s) {
    return String(s).normalize("NFKC").toLowerCase().replace(OPEN, "〔").replace(CLOSE, "〕").replace(/\s+/g, "");
  }
  // The shard of a key: FNV-1a over its code points (text::search::shard).
  function shard(key, n) {
    var h = 0x811c9dc5;
    Array.from(key).forEach(function (c) { h = Math.imul(h ^ c.codePointAt(0), 0x01000193) >>> 0; });
    return h % n;
  }

  var data = { m: {}, t: {}, rows: {}, text: {}, facets: null };
  window.qingliIndex = function (kind, n, map) { data[kind][n] = map; };
  window.qingliRows = function (c, rows) { data.rows[c] = rows; };
  window.qingliText = function (href, groups) { data.text[href] = groups; };
  window.qingliFacets = function (f) { data.facets = f; };
  var loading = {};
  function load(src) {
    if (!loading[src]) {
      loading[src] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = base + src;
        script.onload = function () { resolve(); };
        script.onerror = function () { delete loading[src]; reject(new Error(src)); };
        document.head.appendChild(script);
      });
    }
    return loading[src];
  }

  // A posting list: "Δ[,position…];…", Δ the distance from the row before;
  // or a bitmap, "~" and six rows a character (BITS), for a list of many rows.
  var BITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  function postings(kind, key) {
    var s = (data[kind][shard(key, SHARDS[kind])] || {})[key];
    var out = [];
    if (!s) { return out; }
    if (s[0] === "~") {
      for (var c = 1; c < s.length; c++) {
        var v = BITS.indexOf(s[c]);
        for (var j = 0; j < 6; j++) { if (v >> j & 1) { out.push([(c - 1) * 6 + j, []]); } }
      }
      return out;
    }
    var last = -1;
    s.split(";").forEach(function (e) {
      var parts = e.split(",");
      last += parseInt(parts[0], 36) + 1;
      out.push([last, parts.slice(1).map(function (p) { return parseInt(p, 36); })]);
    });
    return out;
  }
  // The pairs a query is looked up by: every other one, and the last, so
  // each character is in one (a query of n characters needs n/2 shards).
  function cover(chars) {
    var at = [];
    for (var i = 0; i + 1 < chars.length; i += 2) { at.push(i); }
    if (chars.length > 1 && at[at.length - 1] !== chars.length - 2) { at.push(chars.length - 2); }
    return at.map(function (i) { return [i, chars[i] + chars[i + 1]]; });
  }
  // Rows whose title, 文号 or 制定机关 hold the query (exact: the pairs'
  // positions must follow each other).
  function metaHits(chars) {
    if (chars.length === 1) { return postings("m", chars[0]).map(function (p) { return p[0]; }); }
    var keys = cover(chars);
    var first = postings("m", keys[0][1]);
    var rest = keys.slice(1).map(function (k) {
      var at = {};
      postings("m", k[1]).forEach(function (p) { at[p[0]] = p[1]; });
      return [k[0], at];
    });
    return first.filter(function (p) {
      return p[1].some(function (start) {
        return rest.every(function (r) { var pos = r[1][p[0]]; return pos && pos.indexOf(start + r[0]) >= 0; });
      });
    }).map(function (p) { return p[0]; });
  }
  // Every pair of a query: the texts' index keeps no positions, so all of
  // them are asked for (行政许可 is looked up by 政许 too, not only by
  // 行政 and 许可, which thousands of texts hold apart).
  function pairs(chars) {
    var out = [];
    for (var i = 0; i + 1 < chars.length; i++) { out.push(chars[i] + chars[i + 1]); }
    return out;
  }
  // Rows whose text holds every pair of the query: to be confirmed.
  function textCandidates(chars) {
    var lists = pairs(chars).map(function (k) { return postings("t", k).map(function (p) { return p[0]; }); });
    lists.sort(function (a, b) { return a.length - b.length; });
    var out = lists[0] || [];
    lists.slice(1).forEach(function (l) {
      var set = new Set(l);
      out = out.filter(function (x) { return set.has(x); });
    });
    return out;
  }

  function row(k) { return data.rows[Math.floor(k / CHUNK)][k % CHUNK]; }
  function rowsFor(ks) {
    var chunks = {};
    ks.forEach(function (k) { chunks[Math.floor(k / CHUNK)] = true; });
    return Promise.all(Object.keys(chunks).map(function (c) { return load("rows-" + c + ".js"); }));
  }
  function textPath(href) { return href.replace(/\.html$/, ".js"); }

  // Where the query is in a sentence, counted in the sentence's own
  // characters (each character normalised alone; null if that differs).
  function locate(s, q) {
    var normed = "", map = [], pos = 0;
    Array.from(s).forEach(function (c) {
      var n = norm(c);
      for (var k = 0; k < n.length; k++) { map.push(pos); }
      normed += n;
      pos += c.length;
    });
    map.push(pos);
    var at = normed.indexOf(q);
    return at < 0 ? null : [map[at], map[at + q.length]];
  }
  // The first sentence of a text that holds the query: [anchor, sentence].
  function sentenceOf(groups, q) {
    for (var g = 0; g < groups.length; g++) {
      for (var k = 0; k < groups[g][1].length; k++) {
        if (norm(groups[g][1][k]).indexOf(q) >= 0) { return [groups[g][0], groups[g][1][k]]; }
      }
    }
    return null;
  }

  var q = document.getElementById("q");
  var selects = ["issuer", "unit", "year", "status"].map(function (f) { return document.getElementById("f-" + f); });
  var count = document.getElementById("count");
  var pager = document.getElementById("pager");
  var more = document.getElementById("more");
  var tbody = table.tBodies[0];
  var original = { body: tbody, count: count.textContent };
  var labels = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) { return th.textContent; });
  var state = null;
  var generation = 0;

  function cell(tr, text) {
    var td = document.createElement("td");
    td.textContent = text;
    td.setAttribute("data-label", labels[tr.cells.length] || "");
    tr.appendChild(td);
    return td;
  }
  function showRow(k, n, hit) {
    var r = row(k);
    var tr = document.createElement("tr");
    cell(tr, String(n));
    var a = document.createElement("a");
    a.href = r[0] + (hit && hit[0] ? "#" + hit[0] : "");
    a.textContent = r[1];
    cell(tr, "").appendChild(a);
    cell(tr, r[2]); cell(tr, r[3]); cell(tr, r[4]); cell(tr, r[5]); cell(tr, r[6]);
    tbody.appendChild(tr);
    if (!hit) { return; }
    var line = document.createElement("tr");
    line.className = "hit";
    var td = document.createElement("td");
    td.colSpan = labels.length;
    td.setAttribute("data-label", "正文");
    var s = hit[1], at = locate(s, state.q);
    var from = at ? Math.max(0, at[0] - 40) : 0, to = at ? Math.min(s.length, at[1] + 80) : Math.min(s.length, 120);
    // The article's label before the sentence, unless the sentence opens with it.
    var label = hit[0].split("-")[0];
    var lead = label && s.indexOf(label) !== 0 ? label + ":" : "";
    td.appendChild(document.createTextNode(lead + (from > 0 ? "…" : "")));
    if (at) {
      td.appendChild(document.createTextNode(s.slice(from, at[0])));
      var mark = document.createElement("mark");
      mark.textContent = s.slice(at[0], at[1]);
      td.appendChild(mark);
      td.appendChild(document.createTextNode(s.slice(at[1], to)));
    } else {
      td.appendChild(document.createTextNode(s.slice(from, to)));
    }
    if (to < s.length) { td.appendChild(document.createTextNode("…")); }
    line.appendChild(td);
    tbody.appendChild(line);
  }

  function report() {
    var s = state;
    var pending = s.cands.length - s.next;
    var exact = pending === 0 || s.pairsExact;
    var inText = s.pairsExact ? s.cands.length : s.found.length;
    var text;
    if (!s.q) {
      text = "找到 " + s.meta.length + " 件(共 " + TOTAL + " 件)";
    } else {
      text = "找到 " + (s.meta.length + inText) + (exact ? " 件" : " 件以上") + ":名称、文号或制定机关含“" + s.raw
        + "”的 " + s.meta.length + " 件";
      if (s.chars.length < 2) {
        text += "(正文检索请输入至少两个字)";
      } else if (SHARDS.t > 0) {
        text += ",正文含有的 " + inText + " 件";
        if (!exact) { text += "(另有 " + pending + " 件待核对,点“显示更多”继续)"; }
      }
    }
    count.textContent = text;
    more.hidden = s.meta.length + s.found.length - s.shown <= 0 && pending === 0;
  }

  // The next PAGE results: rows whose titles match, then rows whose texts
  // do, each confirmed from its sentences.
  function showMore(g) {
    var s = state;
    var until = s.shown + PAGE;
    s.budget = s.next + STEP;
    var metaPart = s.meta.slice(s.shown, Math.min(until, s.meta.length));
    return rowsFor(metaPart).then(function () {
      if (g !== generation) { return; }
      metaPart.forEach(function (k) { s.shown++; showRow(k, s.shown, null); });
      return confirm(g, until);
    });
  }
  function confirm(g, until) {
    var s = state;
    // Found texts not yet shown go first.
    while (s.shown < until && s.shown - s.meta.length < s.found.length && s.shown >= s.meta.length) {
      var hit = s.found[s.shown - s.meta.length];
      s.shown++;
      showRow(hit[0], s.shown, hit[1]);
    }
    if (s.shown >= until || s.next >= s.cands.length || s.next >= s.budget) { report(); return Promise.resolve(); }
    var batch = s.cands.slice(s.next, Math.min(s.next + BATCH, s.budget));
    return rowsFor(batch).then(function () {
      return Promise.all(batch.map(function (k) { return load(textPath(row(k)[0])); }));
    }).then(function () {
      if (g !== generation) { return; }
      s.next += batch.length;
      batch.forEach(function (k) {
        var hit = sentenceOf(data.text[row(k)[0]] || [], s.q);
        if (hit) { s.found.push([k, hit]); }
      });
      return confirm(g, until);
    });
  }

  function filtersSet() { return selects.some(function (s) { return s.value; }); }
  function passes() {
    if (!filtersSet()) { return function () { return true; }; }
    var f = data.facets;
    var issuer = f.issuers.indexOf(selects[0].value), unit = f.units.indexOf(selects[1].value);
    var year = Number(selects[2].value), status = f.statuses.indexOf(selects[3].value);
    return function (k) {
      var r = f.rows[k];
      return (!selects[0].value || r[0].indexOf(issuer) >= 0) && (!selects[1].value || r[1] === unit)
        && (!selects[2].value || r[2] === year) && (!selects[3].value || r[3] === status);
    };
  }

  function restore() {
    table.replaceChild(original.body, tbody);
    tbody = original.body;
    count.textContent = original.count;
    if (pager) { pager.hidden = false; }
    more.hidden = true;
  }

  function update() {
    var g = ++generation;
    var raw = q.value.trim();
    var nq = norm(raw);
    var chars = Array.from(nq);
    if (!chars.length && !filtersSet()) { restore(); return; }
    count.textContent = "正在检索…";
    var needs = [];
    if (filtersSet()) { needs.push("facets.js"); }
    // (A catalogue with no document in force has no index to load.)
    if (chars.length === 1 && SHARDS.m > 0) { needs.push("m-" + shard(chars[0], SHARDS.m) + ".js"); }
    if (SHARDS.m > 0) { cover(chars).forEach(function (k) { needs.push("m-" + shard(k[1], SHARDS.m) + ".js"); }); }
    if (SHARDS.t > 0) { pairs(chars).forEach(function (k) { needs.push("t-" + shard(k, SHARDS.t) + ".js"); }); }
    Promise.all(needs.map(load)).then(function () {
      if (g !== generation) { return; }
      var ok = passes();
      var meta, cands = [];
      if (chars.length) {
        meta = metaHits(chars).filter(ok);
        if (chars.length > 1 && SHARDS.t > 0) {
          var inMeta = new Set(meta);
          cands = textCandidates(chars).filter(function (k) { return ok(k) && !inMeta.has(k); });
        }
      } else {
        meta = [];
        for (var k = 0; k < TOTAL; k++) { if (ok(k)) { meta.push(k); } }
      }
      state = { q: nq, raw: raw, chars: chars, meta: meta, cands: cands, next: 0, found: [], shown: 0,
                pairsExact: chars.length === 2 };
      var body = document.createElement("tbody");
      table.replaceChild(body, tbody);
      tbody = body;
      if (pager) { pager.hidden = true; }
      return showMore(g);
    }).then(function () {
      if (g === generation && state) { report(); }
    }).catch(function (e) {
      if (g === generation) {
        count.textContent = "未能载入检索数据(" + base + e.message + "),请确认网站的 assets 文件夹完整";
      }
    });
  }

  var timer = null;
  form.hidden = false;
  form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); update(); });
  q.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(update, 150); });
  selects.forEach(function (s) { s.addEventListener("change", update); });
  more.addEventListener("click", function () {
    var g = generation;
    if (!state) { return; }
    more.disabled = true;
    showMore(g).then(function () { more.disabled = false; if (g === generation) { report(); } },
                     function () { more.disabled = false; });
  });
  if (q.value) { update(); }
})();
