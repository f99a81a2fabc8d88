// Benchmarks (not tests): prints figures, asserts nothing.
// - bytes of the first load, the exporter module and dist/selfeval.html (gzipped), beside a
//   bare Leptos page built the same way;
// - time to interactive of the sample (median of 10 cold loads; its first screen, prerendered,
//   until the program's page replaces it), beside the bare page and beside its own first
//   screen as a static page (what the layout alone takes: as it is, with its text in one
//   size, and its header alone), the pages' cold loads in turn; and on return visits, beside
//   the bare page's;
// - time from a keystroke in an amount field to the updated total on screen, for the sample
//   draft and a generated 300-indicator draft;
// - what the sample takes in local storage; export times.
// usage: node e2e/bench.mjs dist [bare-dist]
import { readFileSync, readdirSync, existsSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, launch } from './harness.mjs';
import { storeGenerated, makeBatchFiles, gridHolds, pasteBlock, pasteShown } from './workloads.mjs';

const dist = process.argv[2] ?? 'dist';
const bareDist = process.argv[3];
const RUNS = 20;
const FRAME = 1000 / 60;
const server = await serve(dist);
const browser = await launch();

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Type `values` in turn into the input `input` RUNS times (after two warm-up runs); per run,
 *  ms until `target` changed in the DOM and until the frame after it. By default the 财政拨款
 *  执行数 field and the total. */
async function keystrokes(page, input = '[data-path="budget.sources.src-1.executed"]', target = '#total',
  values = ['3000', '3990.84']) {
  return page.evaluate(async ({ runs, input, target, values }) => {
    const field = document.querySelector(input);
    const shown = document.querySelector(target);
    const dom = [], frame = [];
    for (let i = 0; i < runs + 2; i++) {
      const changed = new Promise((resolve) => {
        const obs = new MutationObserver(() => { obs.disconnect(); resolve(performance.now()); });
        obs.observe(shown, { childList: true, subtree: true, characterData: true });
      });
      const t0 = performance.now();
      field.value = values[i % 2];
      field.dispatchEvent(new Event('input', { bubbles: true }));
      const t1 = await changed;
      const t2 = await new Promise((r) => requestAnimationFrame(() => r(performance.now())));
      if (i >= 2) { dom.push(t1 - t0); frame.push(t2 - t0); }
      await new Promise((r) => setTimeout(r, 30));
    }
    return { dom, frame };
  }, { runs: RUNS, input, target, values });
}

async function openSample(page) {
  await page.goto(server.url);
  await ready(page);
}

/** The whole editor built: the blocks below the fold come after the first paint, the
 *  preview last. */
async function ready(page) {
  // attached: below 1440 px wide the side panel with the figures may be folded away
  await page.waitForSelector('#rate', { state: 'attached' });
  await page.waitForSelector('#preview .doc-title', { state: 'attached' });
}

/** A copy of the stored sample with its indicator table grown to `n` rows, opened. */
async function openGenerated(page, n) {
  const id = await storeGenerated(page, n);
  await page.goto(`${server.url}#/d/${id}`);
  await ready(page);
  // more than a few rows open as a grid (which draws the rows its box shows)
  await page.waitForFunction(gridHolds, n);
}

/** Scroll the indicator grid's box so its row `row` is drawn (a long grid draws the rows in
 *  sight and a margin). */
async function showRow(page, row) {
  await page.evaluate((row) => {
    const grid = document.querySelector('.sheet-grid[data-list="ind"]');
    const box = grid.closest('.grid-scroll');
    box.scrollIntoView();
    const tr = grid.querySelector('tbody tr[aria-rowindex]');
    box.scrollTop = grid.tHead.offsetHeight + row * tr.offsetHeight - box.clientHeight / 2;
  }, row);
  await page.waitForSelector(`.sheet-grid[data-list="ind"] input[data-row="${row}"]`, { state: 'attached' });
}

/** Paste a 300-row block (名称 … 权重) into the grid at its first cell: ms until the preview
 *  shows, and until the applied rows are on screen. */
async function pasteRows(page, n) {
  await showRow(page, 0);
  return page.evaluate(async ({ block, shown }) => {
    const pasted = new Function(`return (${shown})()`);
    const input = document.querySelector('.sheet-grid[data-list="ind"] input[data-row="0"][data-col="0"]');
    input.focus();
    const dt = new DataTransfer();
    dt.setData('text/plain', block);
    const t0 = performance.now();
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    while (!document.querySelector('#paste-apply')) await new Promise((r) => setTimeout(r, 1));
    const t1 = performance.now();
    document.querySelector('#paste-apply').click();
    // every row drawn shows its pasted name
    while (!pasted()) await new Promise((r) => requestAnimationFrame(r));
    return { preview: t1 - t0, applied: performance.now() - t0 };
  }, { block: pasteBlock(n), shown: pasteShown.toString() });
}

const fmt = (x) => x.toFixed(1).padStart(6);
const gz = (file) => zlib.gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(10);

/** Gzipped bytes of what index.html loads before the page takes a keystroke: the page, its
 *  stylesheet, JS glue and (the first part of) its wasm; the rest of a split wasm comes after
 *  the first part, the exporter module on first export. */
function firstLoad(dir) {
  const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const files = new Set(['index.html']);
  for (const m of html.matchAll(/(?:href="|from '|import\('|module_or_path: ')\.\/([^"']+\.(?:css|js|wasm))/g)) files.add(m[1]);
  return [...files].reduce((n, f) => n + gz(path.join(dir, f)), 0);
}

console.log('bytes transferred, gzipped');
const first = firstLoad(dist);
/** Gzipped bytes of the office module in dist/<prefix>-<hash>/, 0 if there is none. */
const officeModule = (prefix) => {
  const dir = readdirSync(dist).find((f) => f.startsWith(`${prefix}-`));
  return dir ? readdirSync(path.join(dist, dir)).reduce((n, f) => n + gz(path.join(dist, dir, f)), 0) : 0;
};
const exporter = officeModule('exporter');
const reader = officeModule('reader');
// the rest of a split build's wasm (scripts/split.mjs): fetched once the first part is in
const restFile = readdirSync(dist).find((f) => f.endsWith('_rest.wasm'));
const rest = restFile ? gz(path.join(dist, restFile)) : 0;
// one module: the first screen and the first edit (a keystroke in the budget part) need the
// same bytes; a split build's first edit needs its rest too
console.log(`first screen (page, CSS, JS, wasm)   ${kb(first)}`);
console.log(`first edit (what a keystroke needs)  ${kb(first + rest)}   (goal ≤ 450 KB)`);
console.log(`exporter module (.docx, .xlsx)       ${kb(exporter)}   (on first export)`);
console.log(`reader module (Word, Excel read)     ${kb(reader)}   (on first Word/Excel import)`);
console.log(`app with exporter                    ${kb(first + rest + exporter)}   (budget 800 KB)`);
console.log(`whole app with both                  ${kb(first + rest + exporter + reader)}`);
if (existsSync(path.join(dist, 'selfeval.html'))) console.log(`dist/selfeval.html (one file)        ${kb(gz(path.join(dist, 'selfeval.html')))}`);
let bareFirst = null;
if (bareDist) {
  bareFirst = firstLoad(bareDist);
  console.log(`bare Leptos 0.8 CSR page             ${kb(bareFirst)}   (app ÷ bare ${(first / bareFirst).toFixed(1)}×)`);
}

/** A fresh context whose every page records, in `window.__bench`, when `selector` was first
 *  in a frame the page produced (`painted`, ms from navigation), when the page's first
 *  content was on screen (`shown`: the browser's first contentful paint, which counts until
 *  the frame is presented; on both pages the figure is in that frame) and its long tasks
 *  (`tasks`: start, duration). */
async function timedContext(selector, viewport = { width: 1440, height: 900 }) {
  const context = await browser.newContext({ viewport });
  await context.addInitScript((sel) => {
    window.__bench = { painted: 0, shown: 0, tasks: [] };
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__bench.tasks.push([e.startTime, e.duration])))
      .observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((l) => l.getEntriesByName('first-contentful-paint').forEach((e) => {
      window.__bench.shown = e.startTime;
    })).observe({ type: 'paint', buffered: true });
    const seen = new MutationObserver(() => {
      if (!document.querySelector(sel)) return;
      seen.disconnect();
      requestAnimationFrame(() => setTimeout(() => { window.__bench.painted = performance.now(); }));
    });
    seen.observe(document, { childList: true, subtree: true });
  }, selector);
  return context;
}

/** When the figure was on screen, from a page's `window.__bench`: the later of its frame and
 *  the first contentful paint. */
const onScreen = (bench) => Math.max(bench.painted, bench.shown);

/** A page's `window.__bench` once its figure has been on screen for 700 ms, read without
 *  touching the page before then (below). */
async function quiet(page) {
  for (let wait = 900; ; wait = 300) {
    await new Promise((r) => setTimeout(r, wait));
    const bench = await page.evaluate(() => ({ ...window.__bench, now: performance.now() }));
    if (bench.painted > 0 && bench.shown > 0 && bench.now > onScreen(bench) + 700) return bench;
    if (bench.now > 30000) throw new Error(`${page.url()}: the figure not on screen in 30 s`);
  }
}

/** One cold load (a fresh context) of `url`, timed in the page itself, in ms from navigation:
 *  - `painted`: `selector` in the DOM and the frame that shows it produced;
 *  - `shown`: on screen (the first contentful paint), if later;
 *  - `interactive`: that, and no long task (over 50 ms, which would hold a keystroke back)
 *    starting within the next 500 ms: the later of the two ends.
 *  The driver keeps out of the page while it loads: Playwright's `waitForSelector` (which the
 *  runs before the last of 2026-12-01 used here) injects its selector engine, 20–25 ms of
 *  script on the page's main thread, just when a page with a screen full of text is being laid
 *  out and rasterised on this machine's two cores. So the page is only read once it has been
 *  quiet. The context is fresh (no cache, no service worker, no stored draft); its window is
 *  not (below). `viewport` and `rate` (the CPU that many times slower, from before navigation)
 *  as the slow office PC's runs give them. */
async function coldLoad(url, selector, { viewport, rate } = {}) {
  const context = await timedContext(selector, viewport);
  const page = await context.newPage();
  if (rate) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate });
  // a fresh context opens a new window, and the browser builds that window's own UI (its
  // "WebUI Top Renderer": 60–70 ms of CPU here) for a while after: let it finish first, as it
  // has in the browser a user types the address into
  await page.waitForTimeout(1000);
  await page.goto(url, { waitUntil: 'commit' });
  const bench = await quiet(page);
  const { painted, tasks } = bench;
  const shown = onScreen(bench);
  const busy = tasks.filter(([start]) => start < shown + 500).map(([start, d]) => start + d);
  await context.close();
  return { painted, shown, interactive: Math.max(shown, ...busy) };
}

/** Ten cold loads of each of `pages` ([name, url, selector]), taken in turn (one of each, ten
 *  times), so that the machine's drift over the run falls on all of them alike; each page's
 *  medians, by name. */
async function interactive(pages) {
  const rows = pages.map(() => []);
  for (let i = 0; i < 10; i++) {
    for (const [k, [, url, selector]] of pages.entries()) rows[k].push(await coldLoad(url, selector));
  }
  const m = (k, key) => median(rows[k].map((r) => r[key]));
  return Object.fromEntries(pages.map(([name], k) =>
    [name, { painted: m(k, 'painted'), shown: m(k, 'shown'), interactive: m(k, 'interactive') }]));
}
/** Return visits: in each of 5 fresh contexts a first load, then 3 reloads, each once the
 *  page has been on screen for 2.5 s (the service worker has installed, the browser has cached
 *  the compiled wasm), the driver out of the page while it loads, as above; the median of the
 *  15 reloads, in ms from navigation until `selector` is in a frame and its figure on screen. */
async function returning(url, selector) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const context = await timedContext(selector);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    await quiet(page);
    for (let k = 0; k < 3; k++) {
      await page.waitForTimeout(1800);
      await page.reload({ waitUntil: 'commit' });
      times.push(onScreen(await quiet(page)));
    }
    await context.close();
  }
  return median(times);
}
console.log('\ntime to interactive, median of 10 cold loads, the pages in turn (ms from navigation)');
console.log('page                      figure: produced   on screen   interactive');
const row = (name, t) => console.log(`${name.padEnd(24)}   ${fmt(t.painted)}      ${fmt(t.shown)}      ${fmt(t.interactive)}`);
// the floor: the sample's first screen as it is when its 执行率 appears, as a static page with
// the app's stylesheet and no script at all
const [body, frame] = await (async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(() => {
    const seen = new MutationObserver(() => {
      // the program's page (not the prerendered one it replaces)
      if (!document.querySelector('#rate') || document.querySelector('#prerender')) return;
      seen.disconnect();
      const body = document.body.cloneNode(true);
      body.querySelectorAll('script').forEach((s) => s.remove());
      window.__firstScreen = body.outerHTML;
      window.__frame = `<body>${document.querySelector('.app-header').outerHTML}`
        + `<p>执行率 <b id="rate">${document.querySelector('#rate').textContent}</b></p></body>`;
    });
    seen.observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('#rate');
  const screens = await page.evaluate(() => [window.__firstScreen, window.__frame]);
  await context.close();
  return screens;
})();
// the app's stylesheet, inline in its page (scripts/dist.py)
const css = readFileSync(path.join(dist, 'index.html'), 'utf8').match(/<style>[^]*?<\/style>/)[0];
/** `body` as a static page with the app's stylesheet, inline as in the app (and `extra` CSS
 *  after it), served. */
const still = (body, extra = '') => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'selfeval-static-'));
  writeFileSync(path.join(dir, 'index.html'), '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
    + `${css}${extra}</head>${body}</html>`);
  return serve(dir);
};
const statics = await Promise.all([still(body),
  // what of the floor is the screen's text and what is not: the same screen with all its text
  // in one size and weight (one font strike, so each glyph is shaped and rasterised once) and
  // no layers (no sticky or scrolled boxes); and the page's frame alone (its header and the
  // figure), whose time is the navigation and the stylesheet
  still(body, '<style>*{font-size:14px!important;font-weight:400!important;position:static!important;overflow:visible!important}</style>'),
  still(frame)]);
const bare = bareDist ? await serve(bareDist) : null;
const cold = await interactive([
  // a first visit is shown its first screen as HTML (scripts/prerender.mjs) until the program's
  // page replaces it: the figure painted is the one in either
  ['sample draft', server.url, '#rate, [data-pid="rate"]'],
  ['  the program\'s page in', server.url, '#rate'],
  ['its first screen, static', statics[0].url, '#rate'],
  ['  one font size, no layers', statics[1].url, '#rate'],
  ['  its header alone', statics[2].url, '#rate'],
  ...(bare ? [['bare Leptos page', bare.url, '#total']] : []),
]);
statics.forEach((s) => s.stop());
for (const [name, t] of Object.entries(cold)) row(name, t);
if (bare) {
  const tti = cold['sample draft'].interactive, bareTti = cold['bare Leptos page'].interactive;
  console.log(`app ÷ bare, interactive: ${(tti / bareTti).toFixed(2)}× (goal ≤ 1.5×); `
    + `its first screen as a static page ÷ bare: ${(cold['its first screen, static'].interactive / bareTti).toFixed(2)}×`);
  const again = await returning(server.url, '#rate');
  const bareAgain = await returning(bare.url, '#total');
  console.log(`return visits (reloads in the same browser, median of 15): sample ${fmt(again).trim()} ms, bare page ${fmt(bareAgain).trim()} ms (${(again / bareAgain).toFixed(2)}×)`);
  bare.stop();
}

{
  const context = await browser.newContext();
  const page = await context.newPage();
  await openSample(page);
  await page.waitForFunction(() => /^已保存/.test(document.querySelector('#save-status')?.textContent ?? ''));
  const use = await page.evaluate(() => {
    let draft = 0, all = 0;
    for (const k of Object.keys(localStorage)) {
      const n = (k.length + localStorage.getItem(k).length) * 2; // UTF-16
      all += n;
      if (k.startsWith('selfeval.v1.draft.')) draft += n;
    }
    return { draft, all };
  });
  console.log(`\nlocal storage: the sample draft ${kb(use.draft).trim()}, everything the app stored ${kb(use.all).trim()} (UTF-16)`);
  await context.close();
}
console.log('');
console.log(`keystroke in an amount field → updated total (median of ${RUNS}, ms; one frame = ${FRAME.toFixed(1)} ms)`);
console.log('draft                      to DOM   to next frame   frames');
for (const [name, open] of [['sample (12 indicators)', openSample], ['generated, 300 indicators', (p) => openSample(p).then(() => openGenerated(p, 300))]]) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(60000);
  await open(page);
  const { dom, frame } = await keystrokes(page);
  const f = median(frame);
  console.log(`${name.padEnd(26)} ${fmt(median(dom))}   ${fmt(f)}          ${(f / FRAME).toFixed(2)}`);
  await context.close();
}
// the grid: a keystroke in a cell of a 300-row grid, and pasting 300 rows
{
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(60000);
  await openSample(page);
  await openGenerated(page, 300);
  await showRow(page, 144);
  const { dom } = await keystrokes(page, '.sheet-grid[data-list="ind"] input[data-row="144"][data-col="7"]',
    '.sheet-grid [data-computed="ind-145"]', ['20', '30']);
  console.log(`\ngrid, 300 indicators: keystroke in a cell → its 得分 ${fmt(median(dom))} ms (${(median(dom) / FRAME).toFixed(2)} frames)`);
  // ↓ from cell to cell: the focus moves, the selected row changes, until the next frame
  // (each row brought into the grid's drawn rows first: a long grid draws the rows in sight)
  const moves = [];
  for (let i = 0; i < RUNS; i++) {
    await showRow(page, 100 + i);
    moves.push(await page.evaluate(async (row) => {
      const el = document.querySelector(`.sheet-grid[data-list="ind"] input[data-row="${row}"][data-col="7"]`);
      el.focus();
      await new Promise((r) => setTimeout(r, 20));
      const t0 = performance.now();
      el.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true }));
      await new Promise((r) => requestAnimationFrame(() => r()));
      return performance.now() - t0;
    }, 100 + i));
  }
  console.log(`grid, 300 indicators: ↓ to the next cell, to the next frame ${fmt(median(moves))} ms`);
  const p = await pasteRows(page, 300);
  console.log(`grid: paste 300 rows → preview ${fmt(p.preview)} ms, applied and on screen ${fmt(p.applied)} ms (goal < 1000)`);
  await context.close();
}
// export generation in the browser: time spent building the file (window.__selfevalTimings)
console.log(`\nreport generation for the sample (median of 10, ms; target < 200)`);
{
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await openSample(page);
  for (const [label, id, key] of [['Word (.docx)', 'export-docx', 'reportDocx'], ['HTML', 'export-html', 'html']]) {
    const times = [];
    for (let i = 0; i < 12; i++) {
      await page.evaluate((k) => { if (window.__selfevalTimings) delete window.__selfevalTimings[k]; }, key);
      await page.click('.export-menu summary');
      await page.click(`#${id}`);
      // the .docx is built in the exporter module, asynchronously
      await page.waitForFunction((k) => window.__selfevalTimings?.[k] !== undefined, key);
      const ms = await page.evaluate((k) => window.__selfevalTimings[k], key);
      if (i >= 2) times.push(ms);
    }
    console.log(`${label.padEnd(26)} ${fmt(median(times))}`);
  }
  await context.close();
}

// ---- the slow office PC: the CPU throttled 4× (a 4-core Celeron), at 1366×768 ----
// each figure beside the same work unthrottled; the goal (issue: every office PC) is within a
// frame for a keystroke, under a second for the rest
const OFFICE = { width: 1366, height: 768 };
/** A fresh context and page at 1366×768 whose CPU runs `rate`× slower (1: as it is). */
async function officePage(rate) {
  const context = await browser.newContext({ viewport: OFFICE, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(120000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return { context, page };
}
/** Cold loads at 1366×768 with the CPU `rate`× slower: the median of 5 `interactive`s. */
async function coldThrottled(url, selector, rate) {
  const times = [];
  for (let i = 0; i < 5; i++) times.push((await coldLoad(url, selector, { viewport: OFFICE, rate })).interactive);
  return median(times);
}
/** ms in the page from `start()` until `done()` holds in a frame. */
const timed = (page, start, done, arg) => page.evaluate(async ({ start, done, arg }) => {
  const go = new Function('arg', start), end = new Function('arg', done);
  const t0 = performance.now();
  await go(arg);
  while (!end(arg)) await new Promise((r) => requestAnimationFrame(r));
  await new Promise((r) => requestAnimationFrame(r));
  return performance.now() - t0;
}, { start, done, arg });

async function officeRun(rate) {
  const out = {};
  out.tti = await coldThrottled(server.url, '#rate', rate);
  if (bareDist) {
    const bare = await serve(bareDist);
    out.bareTti = await coldThrottled(bare.url, '#total', rate);
    bare.stop();
  }
  const { context, page } = await officePage(rate);
  await openSample(page);
  await openGenerated(page, 300);
  // keystroke → total at 300 indicators (the amount field, in the budget part)
  out.key = median((await keystrokes(page)).frame);
  // opening the 300-indicator draft from the list
  await page.evaluate(() => { location.hash = '#/'; });
  await page.waitForSelector('#drafts');
  out.open = await timed(page, 'location.hash = "#/d/bench300";',
    `return (${gridHolds})(300) && !!document.querySelector("#total");`);
  // the .docx, first export of the page (the exporter module loads) and a later one
  // (timed in the page: from the click on Word to the file handed to the browser, the app's
  // click on its download link; the menu opened just before, so the first includes the load)
  for (const k of ['docxFirst', 'docx']) {
    const [ms] = await Promise.all([page.evaluate(async () => {
      const click = HTMLAnchorElement.prototype.click;
      const handed = new Promise((resolve) => {
        HTMLAnchorElement.prototype.click = function () {
          HTMLAnchorElement.prototype.click = click;
          resolve(performance.now());
          return click.call(this);
        };
      });
      if (!document.querySelector('#export-docx') || !document.querySelector('.export-menu').open) {
        document.querySelector('.export-menu summary').click();
      }
      await new Promise((r) => requestAnimationFrame(r));
      const t0 = performance.now();
      document.querySelector('#export-docx').click();
      return (await handed) - t0;
    }), page.waitForEvent('download')]);
    out[k] = ms;
  }
  // a grid paste of 300 rows, until applied and on screen
  out.paste = (await pasteRows(page, 300)).applied;
  // 汇总 of 200 departments' files, from choosing them to the table on screen
  await page.evaluate(() => { location.hash = '#/'; });
  await page.waitForSelector('#to-batch');
  await page.click('#to-batch');
  await page.waitForSelector('#batch-files', { state: 'attached' });
  // (the files are made before the clock starts: a user's files exist before they are chosen)
  await makeBatchFiles(page, 200);
  out.batch = await timed(page, `
    const input = document.querySelector('#batch-files');
    input.files = window.__batchFiles;
    input.dispatchEvent(new Event('change', { bubbles: true }));`,
  'return document.querySelector("#batch-table").getAttribute("aria-rowcount") === "201" && !document.querySelector("#batch-progress") && !!document.querySelector("#batch-table tbody tr");');
  await context.close();
  return out;
}
console.log('\nthe slow office PC: CPU throttled 4× (DevTools Emulation.setCPUThrottlingRate), 1366×768 (ms)');
const plain = await officeRun(1);
const slow = await officeRun(4);
const line = (name, key, goal, bareKey) => console.log(`${name.padEnd(44)} ${fmt(plain[key])}   ${fmt(slow[key])}   ${(slow[key] / plain[key]).toFixed(1)}×`
  + (bareKey && slow[bareKey] ? `   bare page ${fmt(plain[bareKey]).trim()} / ${fmt(slow[bareKey]).trim()} (app ÷ bare, 4×: ${(slow[key] / slow[bareKey]).toFixed(2)}×)` : '') + `   goal ${goal}`);
console.log(`${''.padEnd(44)}     as is   4× slower`);
line('first screen interactive (cold, median of 5)', 'tti', '< 1000', 'bareTti');
line('keystroke → total, 300 indicators (frame)', 'key', `< ${FRAME.toFixed(1)}`);
line('open a 300-indicator draft from the list', 'open', '< 1000');
line('.docx export, first (the module loads)', 'docxFirst', '< 1000');
line('.docx export, again', 'docx', '< 1000');
line('grid paste of 300 rows, applied on screen', 'paste', '< 1000');
line('汇总 of 200 files, table on screen', 'batch', '< 1000');

await browser.close();
server.stop();
