// The step-by-step heap view of `refpy --visualize` (docs/VISUALIZE.md).
// It reads the refpy trace (docs/TRACE.md) embedded in the page and draws one
// step at a time: source, frames, heap objects with arrows, freed objects,
// output, errors, the collector's timeline and the pools in use. It uses
// nothing but the DOM: no library, no network.
'use strict';

(function () {
  const doc = JSON.parse(document.getElementById('refpy-trace').textContent);
  const steps = Array.isArray(doc.steps) ? doc.steps : [];
  const count = steps.length;
  // Types Python Tutor draws inside their variable or container slot.
  const INLINE_TYPES = new Set(['int', 'float', 'str', 'bool', 'NoneType']);
  // Above this many objects in a step, those types are drawn inline anyway,
  // to keep the picture readable and each step quick to draw.
  const AUTO_INLINE = 150;
  const $ = (id) => document.getElementById(id);
  const ui = {
    code: $('code'), status: $('status'), stepinfo: $('stepinfo'), slider: $('slider'),
    inline: $('inline'), error: $('error'), stdout: $('stdout'), viz: $('viz'),
    frames: $('framelist'), heap: $('heaprows'), arrows: $('arrows'), gc: $('gc'), pools: $('pools'),
  };

  function esc(text) {
    return String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  }

  // The step whose frames and heap a step index shows: the step limit step
  // has none of its own and shows the step before it.
  function stateOf(i) {
    const s = steps[i];
    if (s && s.event === 'step_limit_reached') {
      return i > 0 ? steps[i - 1] : null;
    }
    return s || null;
  }

  // Objects freed before each step that an earlier step showed, with the
  // description that step gave; and how many objects were freed in all.
  const freedAt = [];
  (function findFreed() {
    const lastSeen = new Map();
    for (const s of steps) {
      const ghosts = [];
      let frees = 0;
      for (const e of s.heap_events || []) {
        if ('alloc' in e) {
          lastSeen.delete(e.alloc);
        } else {
          frees += 1;
          const o = lastSeen.get(e.free);
          if (o) {
            ghosts.push({ obj: o, by: e.by });
            lastSeen.delete(e.free);
          }
        }
      }
      freedAt.push({ ghosts, frees });
      for (const o of s.heap || []) {
        lastSeen.set(o.id, o);
      }
    }
  })();

  // ---- source ----------------------------------------------------------

  const codeLines = [];
  (function buildCode() {
    const lines = String(doc.code || '').split('\n');
    if (lines.length > 1 && lines[lines.length - 1] === '') {
      lines.pop();
    }
    const html = lines.map((text, k) =>
      `<div class="line"><span class="ln">${k + 1}</span><span class="src">${esc(text) || ' '}</span></div>`);
    ui.code.innerHTML = `<h2>Source</h2><div class="lines">${html.join('')}</div>`;
    codeLines.push(...ui.code.querySelectorAll('.line'));
  })();
  let marked = [];

  function markLines(line, prevLine) {
    for (const el of marked) {
      el.classList.remove('current', 'previous');
    }
    marked = [];
    const mark = (n, cls) => {
      const el = codeLines[n - 1];
      if (el) {
        el.classList.add(cls);
        marked.push(el);
      }
    };
    if (prevLine && prevLine !== line) {
      mark(prevLine, 'previous');
    }
    mark(line, 'current');
  }

  function scrollToCurrentLine() {
    const el = ui.code.querySelector('.line.current');
    const box = ui.code.querySelector('.lines');
    if (!el || !box) {
      return;
    }
    const top = el.offsetTop - box.offsetTop;
    if (top < box.scrollTop || top + el.offsetHeight > box.scrollTop + box.clientHeight) {
      box.scrollTop = Math.max(0, top - box.clientHeight / 2);
    }
  }

  // ---- frames and heap ---------------------------------------------------

  // One drawing pass: the HTML of frames and objects and the arrows to draw.
  class Drawing {
    constructor(state, inline) {
      this.byId = new Map((state ? state.heap : []).map((o) => [o.id, o]));
      this.inline = inline;
      this.arrows = [];
    }

    isInline(id) {
      const o = this.byId.get(id);
      return this.inline && o !== undefined && INLINE_TYPES.has(o.type);
    }

    // A slot holding a reference: the value itself when drawn inline,
    // else a dot an arrow starts from.
    slot(from, label, id) {
      const o = this.byId.get(id);
      if (o === undefined) {
        return '<span class="missing">?</span>';
      }
      if (this.isInline(id)) {
        return `<span class="inl t-${esc(o.type)}">${esc(o.repr)}</span>`;
      }
      const src = `s${this.arrows.length}`;
      this.arrows.push({ src, from, label, to: id });
      return `<span class="dot" data-src="${src}"></span>`;
    }

    frame(f, current, state) {
      const key = `frame:${f.frame_id}:`;
      const rows = f.locals.map(([name, id]) =>
        `<tr><td class="vname">${esc(name)}</td><td class="vslot">${this.slot(key + name, name, id)}</td></tr>`);
      if (current && state.event === 'return' && state.return_value !== undefined) {
        rows.push(`<tr class="ret"><td class="vname">return value</td><td class="vslot">${
          this.slot(`frame:${f.frame_id}:return`, 'return value', state.return_value)}</td></tr>`);
      }
      const body = rows.length ? `<table>${rows.join('')}</table>` : '<div class="empty">no variables</div>';
      const line = f.line ? `<span class="fline">line ${f.line}</span>` : '';
      return `<div class="frame${current ? ' current' : ''}" data-frame-id="${f.frame_id}">` +
        `<div class="fhead"><span class="fname">${esc(f.func_name)}</span>${line}</div>${body}</div>`;
    }

    // The objects in rows: each variable (outermost frame first) starts a
    // row holding what it reaches that no earlier row holds, depth first.
    rows(state) {
      const placed = new Set();
      const rows = [];
      const grow = (root) => {
        const row = [];
        const stack = [root];
        while (stack.length) {
          const id = stack.pop();
          const o = this.byId.get(id);
          if (o === undefined || placed.has(id) || this.isInline(id)) {
            continue;
          }
          placed.add(id);
          row.push(o);
          for (let k = o.referents.length - 1; k >= 0; k -= 1) {
            stack.push(o.referents[k]);
          }
        }
        if (row.length) {
          rows.push(row);
        }
      };
      for (const f of state.frames) {
        for (const [, id] of f.locals) {
          grow(id);
        }
      }
      if (state.return_value !== undefined) {
        grow(state.return_value);
      }
      if (state.exception && state.exception.id !== undefined) {
        grow(state.exception.id);
      }
      for (const o of state.heap) {
        grow(o.id);
      }
      return rows;
    }

    object(o) {
      const from = String(o.id);
      let body;
      if (o.items !== undefined) {
        const indexed = o.type === 'list' || o.type === 'tuple';
        const cells = o.items.map((id, k) =>
          `<div class="cell">${indexed ? `<div class="idx">${k}</div>` : ''}<div class="cv">${
            this.slot(from, indexed ? `[${k}]` : 'item', id)}</div></div>`);
        body = cells.length ? `<div class="seq">${cells.join('')}</div>` : '<div class="empty">empty</div>';
      } else if (o.entries !== undefined) {
        const rows = o.entries.map(([k, v]) =>
          `<tr><td class="kslot">${this.slot(from, 'key', k)}</td><td class="vslot">${this.slot(from, 'value', v)}</td></tr>`);
        body = rows.length ? `<table class="map">${rows.join('')}</table>` : '<div class="empty">empty</div>';
      } else if (o.attrs !== undefined) {
        const rows = o.attrs.map(([name, v]) =>
          `<tr><td class="vname">${esc(name)}</td><td class="vslot">${this.slot(from, name, v)}</td></tr>`);
        body = `<table class="map">${rows.join('')}</table>`;
        if (kindOf(o) === 'code') {
          body = `<div class="val">${esc(o.repr)}</div>${body}`;
        }
      } else {
        body = `<div class="val t-${esc(o.type)}">${esc(o.repr)}</div>`;
      }
      return `<div class="obj k-${kindOf(o)}" data-object-id="${o.id}" data-type="${esc(o.type)}" ` +
        `data-refcount="${o.refcount}" title="${esc(describe(o))}">` +
        `<div class="ohead"><span class="otype">${esc(o.type)}</span>` +
        `<span class="rc" title="reference count (sys.getrefcount(x) - 1)">${o.refcount}</span></div>` +
        `${body}<div class="meta">${badges(o)}</div></div>`;
    }
  }

  function kindOf(o) {
    if (o.items !== undefined || o.entries !== undefined) {
      return 'container';
    }
    if (o.type === 'function' || o.type === 'method' || o.type === 'type' || o.type === 'module') {
      return 'code';
    }
    if (o.attrs !== undefined) {
      return 'instance';
    }
    return 'value';
  }

  function badges(o) {
    const out = [];
    out.push(`<span class="b size" title="sys.getsizeof">${o.size === null ? '? B' : `${o.size} B`}</span>`);
    if (o.tracked) {
      const gen = o.generation === 'permanent' ? 'permanent' : `gen ${o.generation}`;
      out.push(`<span class="b gc" title="tracked by the cycle collector">gc ${gen}</span>`);
    }
    const names = { interned: 'interned', small_int: 'small int', singleton: 'singleton' };
    for (const flag of o.flags) {
      out.push(`<span class="b f-${flag}">${names[flag] || esc(flag)}</span>`);
    }
    return out.join('');
  }

  // The tooltip of an object: its repr and where its block lives.
  function describe(o) {
    const block = o.block === 'large'
      ? 'a large block from the system allocator'
      : `a ${o.block.block_size}-byte block (size class ${o.block.size_class}) in pool ${o.block.pool} of arena ${o.block.arena}`;
    return `${o.repr}\nid ${o.id}, ${o.size === null ? 'size unknown' : `${o.size} bytes`}, in ${block}`;
  }

  function ghost(g) {
    const o = g.obj;
    const why = g.by === 'collector' ? 'collected: cycle' : 'refcount reached 0';
    return `<div class="obj freed" data-freed-id="${o.id}" data-freed-by="${g.by}" data-type="${esc(o.type)}" ` +
      `title="${esc(o.repr)}"><div class="ohead"><span class="otype">${esc(o.type)}</span>` +
      `<span class="rc">0</span></div><div class="val">${esc(o.repr)}</div>` +
      `<div class="meta"><span class="b why">${why}</span></div></div>`;
  }

  // Arrows from each slot's dot to its object's box.
  function drawArrows(drawing) {
    const origin = ui.viz.getBoundingClientRect();
    const srcs = new Map();
    for (const el of ui.viz.querySelectorAll('[data-src]')) {
      srcs.set(el.dataset.src, el);
    }
    const boxes = new Map();
    for (const el of ui.heap.querySelectorAll('.obj[data-object-id]')) {
      boxes.set(el.dataset.objectId, el);
    }
    const rects = new Map();
    const rect = (el) => {
      let r = rects.get(el);
      if (r === undefined) {
        r = el.getBoundingClientRect();
        rects.set(el, r);
      }
      return r;
    };
    const paths = [];
    for (const a of drawing.arrows) {
      const s = srcs.get(a.src);
      const t = boxes.get(String(a.to));
      if (!s || !t) {
        continue;
      }
      const sr = rect(s);
      const tr = rect(t);
      const x1 = sr.left + sr.width / 2 - origin.left;
      const y1 = sr.top + sr.height / 2 - origin.top;
      const top = tr.top - origin.top + 12;
      let d;
      if (tr.left - origin.left >= x1 + 8) {
        const x2 = tr.left - origin.left;
        const bend = Math.max(24, (x2 - x1) / 2);
        d = `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${top} ${x2},${top}`;
      } else {
        const x2 = tr.right - origin.left;
        const bend = Math.max(40, Math.abs(x1 - x2) / 3);
        d = `M${x1},${y1} C${x1 + bend},${y1} ${x2 + bend},${top} ${x2},${top}`;
      }
      paths.push(`<path class="arrow" d="${d}" data-from="${esc(a.from)}" data-to="${a.to}" ` +
        `data-label="${esc(a.label)}" marker-end="url(#refpy-head)"></path>`);
    }
    ui.arrows.setAttribute('width', ui.viz.scrollWidth);
    ui.arrows.setAttribute('height', ui.viz.scrollHeight);
    ui.arrows.innerHTML = '<defs><marker id="refpy-head" viewBox="0 0 10 10" refX="9" refY="5" ' +
      'markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"></path>' +
      `</marker></defs>${paths.join('')}`;
  }

  function drawHeap(state, i) {
    const auto = Boolean(state) && state.heap.length > AUTO_INLINE;
    const drawing = new Drawing(state, ui.inline.checked || auto);
    document.body.dataset.inline = drawing.inline ? (ui.inline.checked ? 'on' : 'auto') : 'off';
    const frames = state ? state.frames : [];
    ui.frames.innerHTML = frames.length
      ? frames.map((f, k) => drawing.frame(f, k === frames.length - 1, state)).join('')
      : '<div class="empty">no frames</div>';
    const rows = state ? drawing.rows(state) : [];
    let html = rows.map((row) => `<div class="hrow">${row.map((o) => drawing.object(o)).join('')}</div>`).join('');
    const { ghosts, frees } = freedAt[i] || { ghosts: [], frees: 0 };
    if (ghosts.length) {
      html += `<h3 class="freedhead">Freed since the previous step</h3><div class="hrow">${ghosts.map(ghost).join('')}</div>`;
    }
    if (auto && !ui.inline.checked) {
      html = `<div class="temps">${state.heap.length} objects: ints, floats, strings, bools and None are drawn inline at this step.</div>${html}`;
    }
    if (frees > ghosts.length) {
      const n = frees - ghosts.length;
      html += `<div class="temps">${n} other object${n === 1 ? '' : 's'} freed since the previous step that no step showed</div>`;
    }
    ui.heap.innerHTML = html || '<div class="empty">no objects</div>';
    return drawing;
  }

  // ---- status, output and errors ------------------------------------------

  function drawStatus(i, s, state) {
    const where = state && state.func_name ? ` in <b>${esc(state.func_name)}</b>` : '';
    const line = state && state.line ? `line <b>${state.line}</b>` : 'no line';
    const event = s.event.replace(/_/g, ' ');
    ui.status.innerHTML = `Step <b>${i + 1}</b> of ${count} · ${line}${where} · event <span class="ev ev-${s.event}">${esc(event)}</span>`;
    ui.stepinfo.textContent = `Step ${i + 1} of ${count}`;
  }

  function drawError(s, state) {
    let html = '';
    let cls = '';
    if (s.event === 'step_limit_reached') {
      cls = 'limit';
      html = `<h2>Step limit reached</h2><p>The trace stops after ${count - 1} steps (<code>--trace-max-steps</code>); ` +
        'the page shows the state of the step before. The program itself ran on; its output on the terminal is complete.</p>';
    } else if (s.exception) {
      const e = s.exception;
      const text = `${esc(e.type)}${e.message ? `: ${esc(e.message)}` : ''}`;
      if (s.event === 'uncaught_exception' && !state.frames.length && e.id === undefined) {
        cls = 'fatal';
        html = `<h2>The program did not compile</h2><pre>${esc(e.traceback || text)}</pre>`;
      } else if (s.event === 'uncaught_exception') {
        cls = 'fatal';
        html = `<h2>Uncaught exception</h2><pre>${esc(e.traceback || text)}</pre>`;
      } else {
        cls = 'raised';
        html = `<h2>Exception raised</h2><pre>${text}</pre>`;
      }
    }
    ui.error.hidden = !html;
    ui.error.className = `panel ${cls}`;
    ui.error.innerHTML = html;
  }

  // ---- the collector's timeline --------------------------------------------

  const gcSteps = steps.map((s) => s.collections || []);
  const gcTotal = gcSteps.reduce((n, c) => n + c.length, 0);

  (function buildTimeline() {
    if (!gcTotal) {
      ui.gc.innerHTML = '<div class="empty">No collection ran during these steps.</div><div id="gcnow"></div>';
      return;
    }
    const width = 1000;
    const lane = 20;
    const w = Math.max(width / Math.max(count, 1), 2);
    const marks = [];
    gcSteps.forEach((cs, i) => {
      for (const c of cs) {
        const freed = c.collected > 0 ? ' freed' : '';
        marks.push(`<rect class="gcmark${freed}" x="${(i * width) / count}" y="${c.generation * lane + 3}" ` +
          `width="${w}" height="${lane - 6}"><title>step ${i + 1}: generation ${c.generation}, ` +
          `${c.collected} collected, ${c.uncollectable} uncollectable</title></rect>`);
      }
    });
    const labels = [0, 1, 2].map((g) => `<div>gen ${g}</div>`).join('');
    ui.gc.innerHTML = `<div class="gcgrid"><div class="gclabels">${labels}</div>` +
      `<svg id="gcsvg" viewBox="0 0 ${width} ${3 * lane}" preserveAspectRatio="none">` +
      `<rect class="gclane" x="0" y="0" width="${width}" height="${lane}"></rect>` +
      `<rect class="gclane" x="0" y="${2 * lane}" width="${width}" height="${lane}"></rect>` +
      `${marks.join('')}<rect id="gccursor" x="0" y="0" width="${w}" height="${3 * lane}"></rect></svg></div>` +
      '<div id="gcnow"></div>';
    $('gcsvg').addEventListener('click', (ev) => {
      const r = ev.currentTarget.getBoundingClientRect();
      go(Math.floor(((ev.clientX - r.left) / r.width) * count));
    });
  })();

  function drawTimeline(i) {
    const cursor = $('gccursor');
    if (cursor) {
      cursor.setAttribute('x', (i * 1000) / count);
    }
    const so = [0, 0, 0];
    for (let k = 0; k <= i && k < count; k += 1) {
      for (const c of gcSteps[k]) {
        so[c.generation] += 1;
      }
    }
    const now = gcSteps[i].map((c) =>
      `generation ${c.generation}: ${c.collected} collected${c.uncollectable ? `, ${c.uncollectable} uncollectable` : ''}`);
    $('gcnow').innerHTML = `Collections so far: gen 0 <b>${so[0]}</b> · gen 1 <b>${so[1]}</b> · gen 2 <b>${so[2]}</b>` +
      (now.length ? ` — before this step: <span class="gcnew">${now.join('; ')}</span>` : '');
  }

  // ---- pools ----------------------------------------------------------------

  function drawPools(state) {
    const classes = state && state.pools ? state.pools : [];
    if (!classes.length) {
      ui.pools.innerHTML = '<div class="empty">no pool data at this step</div>';
      return;
    }
    const rows = classes.map((c) => {
      let used = 0;
      const cells = c.pools.map(([arena, pool, n]) => {
        used += n;
        const pct = Math.round((100 * n) / c.blocks_per_pool);
        return `<span class="pool" data-arena="${arena}" data-pool="${pool}" data-used="${n}" ` +
          `title="arena ${arena}, pool ${pool}: ${n} of ${c.blocks_per_pool} blocks in use">` +
          `<span class="fill" style="height:${pct}%"></span></span>`;
      });
      return `<div class="prow" data-size-class="${c.size_class}"><span class="plabel">${c.block_size} B</span>` +
        `<span class="pcells">${cells.join('')}</span><span class="pcount">${used} / ${c.pools.length * c.blocks_per_pool}</span></div>`;
    });
    ui.pools.innerHTML = rows.join('');
  }

  // ---- stepping ---------------------------------------------------------------

  let current = -1;
  const view = { lastDrawMs: 0, drawTimes: [], steps: count, go: (i) => go(i) };
  Object.defineProperty(view, 'step', { get: () => current + 1 });
  window.refpyView = view;

  function render(i) {
    const t0 = performance.now();
    current = i;
    const s = steps[i];
    const state = stateOf(i);
    const prev = i > 0 ? stateOf(i - 1) : null;
    markLines(state ? state.line : 0, prev ? prev.line : 0);
    drawStatus(i, s, state);
    drawError(s, state);
    ui.stdout.textContent = state ? state.stdout : '';
    const drawing = drawHeap(state, i);
    drawTimeline(i);
    drawPools(state);
    ui.slider.value = String(i + 1);
    document.body.dataset.step = String(i + 1);
    document.body.dataset.event = s.event;
    drawArrows(drawing);
    scrollToCurrentLine();
    const ms = performance.now() - t0;
    view.lastDrawMs = ms;
    view.drawTimes.push(ms);
    document.body.dataset.drawMs = ms.toFixed(2);
  }

  function go(i) {
    if (!count) {
      return;
    }
    const k = Math.min(Math.max(Number.isFinite(i) ? i : 0, 0), count - 1);
    if (k !== current) {
      render(k);
    }
    const hash = `#step=${k + 1}`;
    if (location.hash !== hash) {
      try {
        history.replaceState(null, '', hash);
      } catch (e) {
        location.hash = hash;
      }
    }
  }

  // `#step=N` (1-based) or `#step=end`.
  function stepFromHash() {
    const m = /step=(\d+|end)/.exec(location.hash);
    if (!m) {
      return 0;
    }
    return m[1] === 'end' ? count - 1 : parseInt(m[1], 10) - 1;
  }

  $('first').addEventListener('click', () => go(0));
  $('prev').addEventListener('click', () => go(current - 1));
  $('next').addEventListener('click', () => go(current + 1));
  $('last').addEventListener('click', () => go(count - 1));
  ui.slider.addEventListener('input', () => go(parseInt(ui.slider.value, 10) - 1));
  ui.inline.addEventListener('change', () => {
    const k = current;
    current = -1;
    go(k);
  });
  document.addEventListener('keydown', (ev) => {
    if (ev.altKey || ev.ctrlKey || ev.metaKey || ev.target === ui.slider) {
      return;
    }
    const moves = { ArrowLeft: current - 1, ArrowRight: current + 1, Home: 0, End: count - 1 };
    if (ev.key in moves) {
      ev.preventDefault();
      go(moves[ev.key]);
    }
  });
  window.addEventListener('hashchange', () => go(stepFromHash()));
  window.addEventListener('resize', () => {
    const k = current;
    current = -1;
    go(k);
  });
  ui.heap.addEventListener('mouseover', (ev) => highlight(ev.target.closest('.obj[data-object-id]')));
  ui.heap.addEventListener('mouseleave', () => highlight(null));

  // Hovering an object highlights the arrows to it and its pool.
  function highlight(box) {
    for (const el of document.querySelectorAll('.hl')) {
      el.classList.remove('hl');
    }
    if (!box) {
      return;
    }
    for (const p of ui.arrows.querySelectorAll(`path[data-to="${box.dataset.objectId}"]`)) {
      p.classList.add('hl');
    }
    const state = stateOf(current);
    const o = state && state.heap.find((x) => String(x.id) === box.dataset.objectId);
    if (o && o.block !== 'large') {
      const cls = ui.pools.querySelector(`.prow[data-size-class="${o.block.size_class}"]`);
      const pool = cls && cls.querySelector(`.pool[data-arena="${o.block.arena}"][data-pool="${o.block.pool}"]`);
      if (pool) {
        pool.classList.add('hl');
      }
    }
  }

  $('filename').textContent = String(doc.filename || '').split('/').pop();
  ui.slider.max = String(Math.max(count, 1));
  if (count) {
    go(stepFromHash());
  } else {
    ui.status.textContent = 'The trace has no steps.';
  }
})();
