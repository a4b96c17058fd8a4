/**
 * The report page's script, inlined as text (plain browser JavaScript: no
 * backticks, no `${`, as it lives in a template string). It draws the
 * hosts × passes grid on a canvas, only the rows and columns in view, so
 * 1,000 × 200 cells cost what ~50 rows cost; hover names a cell; a click
 * (or Enter / the arrow keys) opens its task results and diffs in the side
 * panel. Every text from the data is set with textContent, never as HTML.
 *
 * window.jailfleetReport is for the browser test and for anyone poking at
 * the page from the console: outcome(host, passId), cellCenter(host, passId).
 */
export const REPORT_SCRIPT = String.raw`
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('report-data').textContent);
  var S = JSON.parse(document.getElementById('report-styles').textContent);
  var TASKS = { o: 'ok', d: 'drifted', r: 'repaired', f: 'failed', s: 'skipped' };
  var EXPLAIN = {
    o: 'ok: nothing drifted. Task results of ok hosts are not embedded in the page; jailfleet history PASS lists them.',
    '.': 'No result for this host in this pass: it was not in the inventory then, or its results were pruned.',
    s: 'No pass ran: this tick was skipped because the previous pass was still running.',
    m: 'No pass ran: the process was down at this tick (recorded as missed, not replayed).',
    i: 'The pass was interrupted before this host was recorded.',
    w: 'The pass is still running; this host has no result yet.'
  };
  var P = D.passes.length, H = D.hosts.length;
  var RH = 16, HEAD = 34, MINCW = 4, MAXCW = 18;
  var FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  var $ = function (id) { return document.getElementById(id); };
  var wrap = $('grid-wrap'), canvas = $('grid-canvas'), scroller = $('grid-scroll'), spacer = $('grid-spacer');
  var tip = $('tooltip'), panel = $('panel'), body = $('panel-body'), filter = $('host-filter'), only = $('problems-only'), shown = $('hosts-shown');
  var ctx = canvas.getContext('2d');
  var cells = new Map();
  D.cells.forEach(function (c) { cells.set(c[0] * P + c[1], c); });
  var passCol = new Map();
  D.passes.forEach(function (p, i) { passCol.set(p[0], i); });
  var problem = D.grid.map(function (row) { return /[drfub]/.test(row); });
  var rows = [], pos = new Int32Array(H);
  var LW = 120, CW = 8, hover = null, selected = null, frame = 0, fitted = new Map();

  function color(code) { return S[code] ? S[code].color : '#ffffff'; }
  function label(code) { return S[code] ? S[code].label : 'unknown'; }
  function time(ms) { return new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + 'Z'; }
  function el(parent, tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== null && text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    parent.appendChild(e);
    return e;
  }
  // Dark text on the light colours (ok, amber, the greys), white on the dark ones.
  function ink(bg) {
    var n = parseInt(bg.slice(1), 16);
    return ((n >> 16) * 299 + ((n >> 8) & 255) * 587 + (n & 255) * 114) / 1000 > 150 ? '#111827' : '#ffffff';
  }
  function badge(parent, text, bg) {
    var b = el(parent, 'span', text, 'badge');
    b.style.background = bg;
    b.style.color = ink(bg);
  }

  function setRows() {
    var q = filter.value.trim().toLowerCase();
    rows = [];
    pos.fill(-1);
    for (var i = 0; i < H; i++) {
      if (q && D.hosts[i].toLowerCase().indexOf(q) < 0) continue;
      if (only.checked && !problem[i]) continue;
      pos[i] = rows.length;
      rows.push(i);
    }
    shown.textContent = rows.length === H ? H + ' hosts' : rows.length + ' of ' + H + ' hosts';
  }

  function measureLabels() {
    ctx.font = FONT;
    var w = 0;
    for (var i = 0; i < H; i++) w = Math.max(w, ctx.measureText(D.hosts[i]).width);
    LW = Math.min(260, Math.max(96, Math.ceil(w) + 16));
  }

  function layout() {
    CW = Math.max(MINCW, Math.min(MAXCW, Math.floor((wrap.clientWidth - LW - 18) / Math.max(P, 1))));
    spacer.style.width = LW + P * CW + 'px';
    spacer.style.height = HEAD + rows.length * RH + 'px';
    var want = HEAD + rows.length * RH + (LW + P * CW > wrap.clientWidth ? 18 : 2);
    wrap.style.height = Math.max(HEAD + 3 * RH, Math.min(Math.round(window.innerHeight * 0.7), want)) + 'px';
    var dpr = window.devicePixelRatio || 1, w = scroller.clientWidth, h = scroller.clientHeight;
    canvas.style.width = w + 'px';
    canvas.style.height = h + 'px';
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    draw();
  }

  // Host names longer than the label column are cut with an ellipsis (cached: measuring is the slow part).
  function fit(name, max) {
    var key = name + '\u0000' + max, got = fitted.get(key);
    if (got !== undefined) return got;
    var s = name;
    if (ctx.measureText(s).width > max) {
      while (s.length > 1 && ctx.measureText(s + '\u2026').width > max) s = s.slice(0, -1);
      s += '\u2026';
    }
    fitted.set(key, s);
    return s;
  }

  function outline(cell, stroke, width, sx, sy) {
    if (!cell || pos[cell.r] < 0) return;
    ctx.strokeStyle = stroke;
    ctx.lineWidth = width;
    ctx.strokeRect(LW + cell.c * CW - sx + width / 2, HEAD + pos[cell.r] * RH - sy + width / 2, Math.max(CW - width, 1), RH - width);
  }

  function draw() {
    frame = 0;
    var w = scroller.clientWidth, h = scroller.clientHeight, sx = scroller.scrollLeft, sy = scroller.scrollTop;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, w, h);
    var r0 = Math.max(0, Math.floor(sy / RH)), r1 = Math.min(rows.length, Math.ceil((sy + h - HEAD) / RH));
    var c0 = Math.max(0, Math.floor(sx / CW)), c1 = Math.min(P, Math.ceil((sx + w - LW) / CW));
    var gap = CW >= 6 ? 1 : 0, r, c;
    ctx.save();
    ctx.beginPath();
    ctx.rect(LW, HEAD, w - LW, h - HEAD);
    ctx.clip();
    for (r = r0; r < r1; r++) {
      var row = D.grid[rows[r]], y = HEAD + r * RH - sy;
      for (c = c0; c < c1; c++) {
        ctx.fillStyle = color(row[c]);
        ctx.fillRect(LW + c * CW - sx, y, CW - gap, RH - 1);
      }
    }
    outline(hover, '#111827', 1, sx, sy);
    outline(selected, '#000000', 2, sx, sy);
    ctx.restore();

    ctx.save();
    ctx.beginPath();
    ctx.rect(0, HEAD, LW, h - HEAD);
    ctx.clip();
    ctx.font = FONT;
    ctx.textBaseline = 'middle';
    for (r = r0; r < r1; r++) {
      var hi = rows[r];
      ctx.fillStyle = selected && selected.r === hi ? '#000000' : problem[hi] ? '#1f2937' : '#6b7280';
      ctx.fillText(fit(D.hosts[hi], LW - 14), 6, HEAD + r * RH - sy + RH / 2);
    }
    ctx.restore();

    // Pass times along the top, one label per ~110 px.
    ctx.save();
    ctx.beginPath();
    ctx.rect(LW, 0, w - LW, HEAD);
    ctx.clip();
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'alphabetic';
    ctx.fillStyle = '#6b7280';
    var every = Math.max(1, Math.ceil(110 / CW));
    for (c = Math.floor(c0 / every) * every; c < c1; c += every) {
      var x = LW + c * CW - sx;
      ctx.fillRect(x, HEAD - 7, 1, 6);
      ctx.fillText(time(D.passes[c][1]).slice(5), x + 3, HEAD - 10);
    }
    ctx.restore();
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = '#6b7280';
    ctx.fillText('host \u2193  pass \u2192', 6, HEAD - 10);
    ctx.fillStyle = '#e5e7eb';
    ctx.fillRect(0, HEAD - 1, w, 1);
    ctx.fillRect(LW - 1, 0, 1, h);
  }

  function redraw() { if (!frame) frame = requestAnimationFrame(draw); }

  function cellAt(clientX, clientY) {
    var b = scroller.getBoundingClientRect(), x = clientX - b.left, y = clientY - b.top;
    if (x < LW || y < HEAD || x >= scroller.clientWidth || y >= scroller.clientHeight) return null;
    var c = Math.floor((x - LW + scroller.scrollLeft) / CW), r = Math.floor((y - HEAD + scroller.scrollTop) / RH);
    if (c < 0 || c >= P || r < 0 || r >= rows.length) return null;
    return { r: rows[r], c: c };
  }

  function describe(cell) {
    var p = D.passes[cell.c], code = D.grid[cell.r][cell.c];
    return D.hosts[cell.r] + '\npass #' + p[0] + ' \u00b7 ' + time(p[1]) + (p[4] ? ' \u00b7 --fix' : '') + '\n' + label(code);
  }

  function showTip(cell, clientX, clientY) {
    if (!cell) { tip.hidden = true; return; }
    tip.textContent = describe(cell);
    tip.hidden = false;
    var x = clientX + 14, y = clientY + 14;
    if (x + tip.offsetWidth > window.innerWidth - 4) x = clientX - tip.offsetWidth - 10;
    if (y + tip.offsetHeight > window.innerHeight - 4) y = clientY - tip.offsetHeight - 10;
    tip.style.left = x + 'px';
    tip.style.top = y + 'px';
  }

  function renderDiff(parent, text) {
    var pre = el(parent, 'pre', null, 'diff');
    text.replace(/\n$/, '').split('\n').forEach(function (line) {
      var cls = /^(\+\+\+|---)( |$)/.test(line) ? 'file' : line[0] === '+' ? 'add' : line[0] === '-' ? 'del' : line.slice(0, 2) === '@@' ? 'hunk' : '';
      el(pre, 'span', line, cls);
    });
  }

  function renderTasks(detail) {
    var ok = detail[3], codes = detail[4], idx = detail[5];
    if (!codes.length && !ok) el(body, 'p', 'No task results were recorded for this host in this pass.', 'explain');
    for (var i = 0; i < codes.length; i++) {
      var code = codes[i], message = D.strings[idx[4 * i + 2]], diff = D.strings[idx[4 * i + 3]];
      var box = el(body, 'div', null, 'task');
      var head = el(box, 'div', null, 'task-head');
      badge(head, (TASKS[code] || code) + (code === 'r' ? ' (corrective)' : ''), color(code));
      el(head, 'span', D.strings[idx[4 * i]], 'task-name');
      el(head, 'span', D.strings[idx[4 * i + 1]], 'module');
      if (message) el(box, 'p', message, 'message');
      if (diff) renderDiff(box, diff);
      else if (code === 'd' || code === 'r') el(box, 'p', 'Its diff is no longer kept (--keep-days).', 'explain');
    }
    if (ok) el(body, 'p', (codes.length ? 'The other ' : 'All ') + ok + (ok === 1 ? ' task was' : ' tasks were') + ' ok.', 'also');
  }

  function open(cell) {
    selected = cell;
    var p = D.passes[cell.c], code = D.grid[cell.r][cell.c];
    body.replaceChildren();
    el(body, 'h2', D.hosts[cell.r]);
    el(body, 'p', 'pass #' + p[0] + ' \u00b7 ' + time(p[1]) + (p[2] >= 0 ? ' to ' + time(p[2]) : '') + ' \u00b7 ' + p[3] + (p[4] ? ' \u00b7 --fix' : ''), 'meta');
    badge(el(body, 'p'), label(code), color(code));
    if (D.strings[p[5]]) el(body, 'p', 'Pass note: ' + D.strings[p[5]], 'note');
    var detail = cells.get(cell.r * P + cell.c);
    if (!detail) el(body, 'p', EXPLAIN[code] || '', 'explain');
    else {
      if (detail[2]) el(body, 'p', D.strings[detail[2]], 'message');
      renderTasks(detail);
    }
    panel.hidden = false;
    panel.scrollTop = 0;
    draw();
  }

  function close() {
    panel.hidden = true;
    selected = null;
    draw();
  }

  // Scrolls a cell into view when it is not; returns its centre in client coordinates.
  function reveal(cell) {
    var w = scroller.clientWidth - LW, h = scroller.clientHeight - HEAD, x = cell.c * CW, y = pos[cell.r] * RH;
    if (x < scroller.scrollLeft || x + CW > scroller.scrollLeft + w) scroller.scrollLeft = x - w / 2;
    if (y < scroller.scrollTop || y + RH > scroller.scrollTop + h) scroller.scrollTop = y - h / 2;
    draw();
    var b = scroller.getBoundingClientRect();
    return { x: b.left + LW + x - scroller.scrollLeft + CW / 2, y: b.top + HEAD + y - scroller.scrollTop + RH / 2 };
  }

  function move(dr, dc) {
    var from = selected || (rows.length ? { r: rows[0], c: P - 1 } : null);
    if (!from || pos[from.r] < 0) return;
    var r = Math.min(rows.length - 1, Math.max(0, pos[from.r] + dr)), c = Math.min(P - 1, Math.max(0, from.c + dc));
    var cell = { r: rows[r], c: c };
    reveal(cell);
    open(cell);
  }

  scroller.addEventListener('scroll', function () { tip.hidden = true; redraw(); });
  scroller.addEventListener('mousemove', function (e) {
    var cell = cellAt(e.clientX, e.clientY);
    if ((cell && hover && cell.r === hover.r && cell.c === hover.c) || cell === hover) { showTip(cell, e.clientX, e.clientY); return; }
    hover = cell;
    showTip(cell, e.clientX, e.clientY);
    redraw();
  });
  scroller.addEventListener('mouseleave', function () { hover = null; tip.hidden = true; redraw(); });
  scroller.addEventListener('click', function (e) {
    var cell = cellAt(e.clientX, e.clientY);
    if (cell) open(cell);
  });
  scroller.addEventListener('keydown', function (e) {
    var keys = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (keys[e.key]) { e.preventDefault(); move(keys[e.key][0], keys[e.key][1]); }
    else if (e.key === 'Enter' && !selected) move(0, 0);
  });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape' && !panel.hidden) close(); });
  $('panel-close').addEventListener('click', close);
  filter.addEventListener('input', function () { setRows(); scroller.scrollTop = 0; layout(); });
  only.addEventListener('change', function () { setRows(); scroller.scrollTop = 0; layout(); });
  window.addEventListener('resize', function () { layout(); });

  setRows();
  measureLabels();
  layout();

  window.jailfleetReport = {
    hosts: H,
    passes: P,
    outcome: function (host, passId) {
      var r = D.hosts.indexOf(host), c = passCol.get(passId);
      return r < 0 || c === undefined ? null : label(D.grid[r][c]);
    },
    cellCenter: function (host, passId) {
      var r = D.hosts.indexOf(host), c = passCol.get(passId);
      return r < 0 || c === undefined || pos[r] < 0 ? null : reveal({ r: r, c: c });
    }
  };
})();
`;
