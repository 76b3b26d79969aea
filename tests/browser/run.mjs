// Browser tests of the pages `refpy --visualize` writes (docs/VISUALIZE.md),
// in headless Chromium (/usr/bin/chromium, driven by playwright-core).
//
//   node tests/browser/run.mjs PAGE.html...
//       Opens each page, steps through it with the keyboard, opens `#step=N`
//       and `#step=end` directly, toggles the inline drawing, and checks the
//       DOM against the trace embedded in the page. Prints the draw time per
//       step; exits with status 1 on any failed check.
//   node tests/browser/run.mjs --screenshot OUT.png SCRIPT.py|PAGE.html [--step N]
//       Saves a picture of one step (SCRIPT.py is run by target/debug/refpy).
//
// tests/browser.rs builds the pages and runs the first form.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const INLINE_TYPES = new Set(['int', 'float', 'str', 'bool', 'NoneType']);
const VIEWPORT = { width: 1440, height: 900 };
// Steps with more objects draw those types inline even when not asked to.
const AUTO_INLINE = 150;

function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

// ---- what the trace says each step must show -----------------------------

// The step whose frames and heap step `i` shows (the step limit step shows the one before).
function stateOf(steps, i) {
  return steps[i].event === 'step_limit_reached' ? (i > 0 ? steps[i - 1] : null) : steps[i];
}

// Per step, the objects freed since the previous step that an earlier step
// showed: a `free` event of an id last seen in a step's heap, unless an
// `alloc` event of the same id came first (the id was reused).
function freedPerStep(steps) {
  const lastSeen = new Set();
  return steps.map((s) => {
    const freed = [];
    for (const e of s.heap_events || []) {
      if ('alloc' in e) {
        lastSeen.delete(e.alloc);
      } else if (lastSeen.delete(e.free)) {
        freed.push(`${e.free}:${e.by}`);
      }
    }
    for (const o of s.heap || []) {
      lastSeen.add(o.id);
    }
    return freed.sort();
  });
}

// The arrows a step must show, as sorted `from -> to` strings.
function expectedArrows(state, inline) {
  if (!state) {
    return [];
  }
  const byId = new Map(state.heap.map((o) => [o.id, o]));
  const drawn = (id) => !(inline && INLINE_TYPES.has(byId.get(id).type));
  const out = [];
  for (const f of state.frames) {
    for (const [name, id] of f.locals) {
      if (drawn(id)) {
        out.push(`frame:${f.frame_id}:${name} -> ${id}`);
      }
    }
  }
  const inner = state.frames[state.frames.length - 1];
  if (state.event === 'return' && state.return_value !== undefined && inner && drawn(state.return_value)) {
    out.push(`frame:${inner.frame_id}:return -> ${state.return_value}`);
  }
  for (const o of state.heap) {
    if (drawn(o.id)) {
      for (const r of o.referents) {
        if (drawn(r)) {
          out.push(`${o.id} -> ${r}`);
        }
      }
    }
  }
  return out.sort();
}

// ---- what the page shows --------------------------------------------------

// Runs in the page: the DOM of the current step, and each arrow's geometry
// checked against the elements it joins.
function snapshot() {
  const all = (sel) => Array.from(document.querySelectorAll(sel));
  const viz = document.getElementById('viz').getBoundingClientRect();
  const box = (id) => document.querySelector(`#heaprows .obj[data-object-id="${id}"]`);
  const inside = (x, y, el, slack) => {
    const r = el.getBoundingClientRect();
    const [px, py] = [x + viz.left, y + viz.top];
    return px >= r.left - slack && px <= r.right + slack && py >= r.top - slack && py <= r.bottom + slack;
  };
  const arrows = all('#arrows path.arrow').map((p) => {
    const nums = (p.getAttribute('d').match(/-?\d+(\.\d+)?/g) || []).map(Number);
    const [x1, y1] = nums;
    const [x2, y2] = nums.slice(-2);
    const from = p.dataset.from;
    const to = p.dataset.to;
    const m = /^frame:(\d+):/.exec(from);
    const source = m ? document.querySelector(`.frame[data-frame-id="${m[1]}"]`) : box(from);
    const target = box(to);
    return {
      from, to,
      source: Boolean(source), target: Boolean(target),
      startsInSource: Boolean(source) && inside(x1, y1, source, 1),
      endsOnTarget: Boolean(target) && inside(x2, y2, target, 2),
    };
  });
  const err = document.getElementById('error');
  const current = document.querySelector('#code .line.current .ln');
  const boxes = all('#heaprows .obj[data-object-id]');
  const overlaps = [];
  const rects = boxes.map((b) => b.getBoundingClientRect());
  for (let i = 0; i < rects.length; i += 1) {
    for (let j = i + 1; j < rects.length; j += 1) {
      const a = rects[i];
      const b = rects[j];
      if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) {
        overlaps.push(`${boxes[i].dataset.objectId}/${boxes[j].dataset.objectId}`);
      }
    }
  }
  return {
    step: Number(document.body.dataset.step),
    inline: document.body.dataset.inline,
    hash: location.hash,
    drawMs: window.refpyView.lastDrawMs,
    boxes: boxes.map((b) => ({
      id: b.dataset.objectId, type: b.dataset.type, refcount: b.dataset.refcount,
      badge: b.querySelector('.rc') ? b.querySelector('.rc').textContent : null,
    })),
    overlaps,
    arrows,
    freed: all('#heaprows .obj.freed').map((b) => `${b.dataset.freedId}:${b.dataset.freedBy}`).sort(),
    frames: all('#framelist .frame').map((f) => f.dataset.frameId),
    error: err.hidden ? '' : err.className,
    stdout: document.getElementById('stdout').textContent,
    line: current ? Number(current.textContent) : 0,
  };
}

// ---- checks ------------------------------------------------------------------

class PageCheck {
  constructor(name, trace) {
    this.name = name;
    this.steps = trace.steps;
    this.freed = freedPerStep(this.steps);
    this.problems = [];
  }

  fail(i, what) {
    if (this.problems.length < 40) {
      this.problems.push(`${this.name} step ${i + 1}: ${what}`);
    }
  }

  // Compares one snapshot with step `i` of the trace; `toggled`: the
  // inline drawing was asked for.
  step(snap, i, toggled) {
    const s = this.steps[i];
    const state = stateOf(this.steps, i);
    if (snap.step !== i + 1) {
      this.fail(i, `the page shows step ${snap.step}`);
      return;
    }
    const auto = Boolean(state) && state.heap.length > AUTO_INLINE;
    const inline = toggled || auto;
    const mode = inline ? (toggled ? 'on' : 'auto') : 'off';
    if (snap.inline !== mode) {
      this.fail(i, `inline drawing '${snap.inline}', expected '${mode}'`);
    }
    if (snap.hash !== `#step=${i + 1}`) {
      this.fail(i, `the address ends in '${snap.hash}'`);
    }
    const objects = new Map((state ? state.heap : []).map((o) => [String(o.id), o]));
    const shown = new Set();
    for (const b of snap.boxes) {
      const o = objects.get(b.id);
      if (!o) {
        this.fail(i, `box ${b.id} is no object of the step`);
        continue;
      }
      if (shown.has(b.id)) {
        this.fail(i, `object ${b.id} has two boxes`);
      }
      shown.add(b.id);
      if (b.type !== o.type) {
        this.fail(i, `box ${b.id}: data-type ${b.type}, the trace says ${o.type}`);
      }
      if (b.refcount !== String(o.refcount) || b.badge !== String(o.refcount)) {
        this.fail(i, `box ${b.id} (${o.type}): refcount ${b.refcount}, badge ${b.badge}, the trace says ${o.refcount}`);
      }
    }
    for (const [id, o] of objects) {
      if (!shown.has(id) && !(inline && INLINE_TYPES.has(o.type))) {
        this.fail(i, `object ${id} (${o.type}) has no box`);
      }
    }
    if (snap.overlaps.length) {
      this.fail(i, `boxes overlap: ${snap.overlaps.slice(0, 3).join(', ')}`);
    }
    this.arrows(snap, i, state, inline);
    if (snap.freed.join() !== this.freed[i].join()) {
      this.fail(i, `freed markers [${snap.freed}], the heap events free [${this.freed[i]}]`);
    }
    if (state && snap.stdout !== state.stdout) {
      this.fail(i, 'stdout differs from the trace');
    }
    if (state && state.line && snap.line !== state.line) {
      this.fail(i, `current line ${snap.line}, the trace says ${state.line}`);
    }
    const wanted = { step_limit_reached: 'limit', uncaught_exception: 'fatal', exception: 'raised' }[s.event] || '';
    if (wanted ? !snap.error.split(' ').includes(wanted) : snap.error !== '') {
      this.fail(i, `error panel '${snap.error}' for a '${s.event}' step`);
    }
  }

  arrows(snap, i, state, inline) {
    const got = [];
    for (const a of snap.arrows) {
      got.push(`${a.from} -> ${a.to}`);
      if (!a.source || !a.target) {
        this.fail(i, `arrow ${a.from} -> ${a.to}: an endpoint is missing`);
      } else if (!a.startsInSource || !a.endsOnTarget) {
        this.fail(i, `arrow ${a.from} -> ${a.to} does not join its endpoints`);
      }
    }
    got.sort();
    const want = expectedArrows(state, inline);
    if (got.join('\n') !== want.join('\n')) {
      const missing = want.filter((w) => !got.includes(w));
      const extra = got.filter((g) => !want.includes(g));
      this.fail(i, `arrows differ from the references: missing [${missing.slice(0, 4)}], extra [${extra.slice(0, 4)}]`);
    }
  }
}

async function checkPage(browser, file) {
  const name = file.split('/').pop();
  const page = await browser.newPage({ viewport: VIEWPORT });
  const logged = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') {
      logged.push(`console ${m.type()}: ${m.text()}`);
    }
  });
  page.on('pageerror', (e) => logged.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) {
      logged.push(`network request: ${r.url()}`);
    }
  });
  const url = pathToFileURL(resolve(file)).href;
  await page.goto(`${url}#step=1`);
  const trace = JSON.parse(await page.textContent('#refpy-trace'));
  const check = new PageCheck(name, trace);
  const n = trace.steps.length;
  // Every step, forward with the Right arrow key.
  for (let i = 0; i < n; i += 1) {
    if (i > 0) {
      await page.keyboard.press('ArrowRight');
    }
    check.step(await page.evaluate(snapshot), i, false);
  }
  const times = await page.evaluate(() => window.refpyView.drawTimes.slice());
  // Back with the Left arrow key; Home and End.
  for (let i = n - 2; i >= Math.max(0, n - 4); i -= 1) {
    await page.keyboard.press('ArrowLeft');
    check.step(await page.evaluate(snapshot), i, false);
  }
  await page.keyboard.press('Home');
  check.step(await page.evaluate(snapshot), 0, false);
  await page.keyboard.press('End');
  check.step(await page.evaluate(snapshot), n - 1, false);
  // The inline drawing, at the middle step.
  const mid = Math.floor(n / 2);
  await page.evaluate((k) => { location.hash = `#step=${k}`; }, mid + 1);
  await page.waitForFunction((k) => document.body.dataset.step === String(k), mid + 1);
  await page.check('#inline');
  check.step(await page.evaluate(snapshot), mid, true);
  await page.uncheck('#inline');
  check.step(await page.evaluate(snapshot), mid, false);
  await page.close();
  // Deep links opened directly, in a fresh page.
  for (const [hash, k] of [[`#step=${mid + 1}`, mid], ['#step=end', n - 1]]) {
    const fresh = await browser.newPage({ viewport: VIEWPORT });
    fresh.on('pageerror', (e) => logged.push(`page error: ${e.message}`));
    await fresh.goto(url + hash);
    check.step(await fresh.evaluate(snapshot), k, false);
    await fresh.close();
  }
  for (const l of logged) {
    check.problems.push(`${name}: ${l}`);
  }
  return { name, steps: n, times, problems: check.problems };
}

function stats(times) {
  const sorted = times.slice().sort((a, b) => a - b);
  const mean = sorted.reduce((s, t) => s + t, 0) / Math.max(sorted.length, 1);
  const median = sorted[Math.floor(sorted.length / 2)] || 0;
  return { mean, median, max: sorted[sorted.length - 1] || 0 };
}

async function runChecks(files) {
  const browser = await launch();
  let failed = 0;
  try {
    for (const file of files) {
      const r = await checkPage(browser, file);
      const t = stats(r.times.slice(1));
      console.log(`${r.problems.length ? 'FAIL' : 'ok  '} ${r.name}: ${r.steps} steps; first draw ` +
        `${(r.times[0] || 0).toFixed(1)} ms; draw per step mean ${t.mean.toFixed(1)} ms, ` +
        `median ${t.median.toFixed(1)} ms, max ${t.max.toFixed(1)} ms`);
      for (const p of r.problems) {
        console.log(`     ${p}`);
      }
      failed += r.problems.length ? 1 : 0;
    }
  } finally {
    await browser.close();
  }
  return failed;
}

async function screenshot(out, target, step) {
  let file = target;
  let tmp = null;
  if (target.endsWith('.py')) {
    tmp = mkdtempSync(join(tmpdir(), 'refpy-shot-'));
    file = join(tmp, 'page.html');
    const refpy = resolve(HERE, '../../target/debug/refpy');
    execFileSync(refpy, ['--visualize', file, resolve(target)], { stdio: 'ignore', cwd: dirname(resolve(target)) });
  }
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    await page.goto(`${pathToFileURL(resolve(file)).href}#step=${step}`);
    await page.screenshot({ path: out, fullPage: true });
  } finally {
    await browser.close();
    if (tmp) {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
}

async function main(argv) {
  const watchdog = setTimeout(() => {
    console.log('FAIL: the browser tests took more than 10 minutes');
    process.exit(2);
  }, 600000);
  watchdog.unref();
  if (argv[0] === '--screenshot') {
    const stepAt = argv.indexOf('--step');
    const step = stepAt > 0 ? argv[stepAt + 1] : 'end';
    await screenshot(argv[1], argv[2], step);
    return 0;
  }
  if (!argv.length) {
    console.log('usage: node run.mjs PAGE.html... | --screenshot OUT.png SCRIPT.py|PAGE.html [--step N]');
    return 2;
  }
  return (await runChecks(argv)) ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
