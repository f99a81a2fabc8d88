// Where the time of one piece of the slow-office-PC work goes (not a test; prints figures):
// a CPU profile (self time by function) and, with TRACE=1, the browser's own work (style,
// layout, paint) from a trace, with each style or layout pass in order; with INCL=<regex>, the
// inclusive time of the functions whose names match; with CSS=<rules>, a style added first;
// with CATS=<categories>, the trace's categories (e.g. with
// disabled-by-default-devtools.timeline.invalidationTracking, why each layout was needed).
// usage: node e2e/profile.mjs <dist> first|open|batch|key|paste [cpu rate, default 1]
// Function names need a wasm that keeps them: wasm-bindgen's output before wasm-opt, e.g.
//   cargo build --release --target wasm32-unknown-unknown -p selfeval
//   wasm-bindgen --target web --no-typescript --out-dir /tmp/wb target/wasm32-unknown-unknown/release/selfeval.wasm
//   cp -r dist /tmp/named && cp /tmp/wb/selfeval_bg.wasm /tmp/named/selfeval-*_bg.wasm
import { serve, launch } from './harness.mjs';
import { storeGenerated, makeBatchFiles, gridHolds, pasteBlock, pasteShown } from './workloads.mjs';

const [dist, what, rateArg] = process.argv.slice(2);
const rate = Number(rateArg ?? 1);
const server = await serve(dist);
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
const page = await context.newPage();
page.setDefaultTimeout(120000);
const cdp = await context.newCDPSession(page);
// `first`: a first visit, from navigation until the sample's figures are in and 1.5 s after
// (the page is not touched before: nothing is stored yet)
const first = what === 'first';
if (!first) {
  await page.goto(server.url);
  await page.waitForSelector('#preview .doc-title', { state: 'attached' });
  // the stored sample grown to 300 indicators, as scripts/bench makes it
  await storeGenerated(page, 300);
}

// each: what is done before the clock starts, the work (in the page), when it is done
const works = {
  open: [
    async () => { await page.evaluate(() => { location.hash = '#/'; }); await page.waitForSelector('#drafts'); },
    () => { location.hash = '#/d/bench300'; },
    `() => (${gridHolds})(300) && !!document.querySelector('#total')`,
  ],
  batch: [
    async () => {
      await page.evaluate(() => { location.hash = '#/'; });
      await page.click('#to-batch');
      await page.waitForSelector('#batch-files', { state: 'attached' });
      await makeBatchFiles(page, 200);
    },
    () => {
      const input = document.querySelector('#batch-files');
      input.files = window.__batchFiles;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    () => document.querySelector('#batch-table').getAttribute('aria-rowcount') === '201' && !document.querySelector('#batch-progress') && !!document.querySelector('#batch-table tbody tr'),
  ],
  // 20 keystrokes in the budget part, each waiting for its frame
  key: [
    async () => {
      await page.evaluate(() => { location.hash = '#/d/bench300/budget'; });
      await page.waitForSelector('[data-path="budget.sources.src-1.executed"]');
      await page.waitForTimeout(1500);
    },
    async () => {
      const f = document.querySelector('[data-path="budget.sources.src-1.executed"]');
      for (let i = 0; i < 20; i++) {
        f.value = i % 2 ? '3000' : '3990.84';
        f.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      }
    },
    () => true,
  ],
  // 300 rows pasted at the grid's first cell (as scripts/bench does), from 确定粘贴 to the
  // rows drawn showing them
  paste: [
    async () => {
      await page.evaluate(() => { location.hash = '#/d/bench300/indicators'; });
      await page.waitForSelector('.sheet-grid[data-list="ind"] input[data-row="0"][data-col="0"]');
      await page.waitForTimeout(1500);
      await page.evaluate((block) => {
        const input = document.querySelector('.sheet-grid[data-list="ind"] input[data-row="0"][data-col="0"]');
        input.focus();
        const dt = new DataTransfer();
        dt.setData('text/plain', block);
        input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      }, pasteBlock(300));
      await page.waitForSelector('#paste-apply');
    },
    () => document.querySelector('#paste-apply').click(),
    pasteShown,
  ],
};
works.first = [async () => {}, null, null];
const [prepare, start, done] = works[what] ?? (() => { throw new Error(`no work ${what}: first, open, batch, key or paste`); })();
await prepare();
// CSS=<rules>: a style tried on the page before the work, without a rebuild
if (process.env.CSS) await page.addStyleTag({ content: process.env.CSS });
await cdp.send('Emulation.setCPUThrottlingRate', { rate });
const events = [];
if (process.env.TRACE) {
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  await cdp.send('Tracing.start', { categories: process.env.CATS ?? 'devtools.timeline', transferMode: 'ReportEvents' });
}
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
let ms;
if (first) {
  await page.goto(server.url, { waitUntil: 'commit' });
  await page.waitForSelector('#rate', { state: 'attached' });
  ms = await page.evaluate(() => performance.now());
  await page.waitForTimeout(1500);
} else {
  ms = await page.evaluate(async ({ start, done }) => {
    const go = eval(`(${start})`), end = eval(`(${done})`);
    const t0 = performance.now();
    await go();
    while (!end()) await new Promise((r) => requestAnimationFrame(r));
    await new Promise((r) => requestAnimationFrame(r));
    return performance.now() - t0;
  }, { start: start.toString(), done: done.toString() });
}
const { profile } = await cdp.send('Profiler.stop');
console.log(`${what} at ${rate}× CPU: ${ms.toFixed(0)} ms`);
if (process.env.TRACE) {
  const ended = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await ended;
  if (process.env.TRACE_FILE) (await import('node:fs')).writeFileSync(process.env.TRACE_FILE, JSON.stringify(events));
  const passes = events.filter((e) => e.ph === 'X' && ['Layout', 'UpdateLayoutTree'].includes(e.name));
  console.log(`style (U) and layout (L) passes, ms: ${passes.map((e) => `${e.name[0]}${(e.dur / 1000).toFixed(0)}`).join(' ')}`);
  const sum = new Map();
  for (const e of events) if (e.ph === 'X' && e.dur) sum.set(e.name, (sum.get(e.name) ?? 0) + e.dur / 1000);
  console.log('trace, ms (inclusive):');
  for (const [k, v] of [...sum].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(v.toFixed(1).padStart(8), k);
}
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
profile.samples.forEach((id, i) => {
  const f = byId.get(id).callFrame;
  const k = f.functionName || `(anonymous ${f.url.split('/').pop()}:${f.lineNumber})`;
  self.set(k, (self.get(k) ?? 0) + profile.timeDeltas[i] / 1000);
});
if (process.env.INCL) {
  // inclusive time: each sample counts once for every function on its stack
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map();
  profile.samples.forEach((id, i) => {
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const f = byId.get(n).callFrame;
      const k = f.functionName || `(anonymous ${f.url.split('/').pop()}:${f.lineNumber})`;
      if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + profile.timeDeltas[i] / 1000); }
    }
  });
  const pick = new RegExp(process.env.INCL);
  console.log('inclusive time, ms:');
  for (const [k, v] of [...incl].filter(([k]) => pick.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(v.toFixed(1).padStart(8), k.slice(0, 160));
}
console.log('self time, ms:');
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 30))) console.log(v.toFixed(1).padStart(8), k.slice(0, 160));
await browser.close();
server.stop();
