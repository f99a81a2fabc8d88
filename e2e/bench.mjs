// Benchmarks (not tests): prints figures, asserts nothing.
// Time from a keystroke in an amount field to the updated total on screen, in headless
// Chromium on the release build, for the sample draft and a generated 300-indicator draft.
// usage: node e2e/bench.mjs dist
import { serve, launch } from './harness.mjs';

const dist = process.argv[2] ?? 'dist';
const RUNS = 20;
const FRAME = 1000 / 60;
const server = await serve(dist);
const browser = await launch();

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Type into the 财政拨款 执行数 field RUNS times; per run, ms until #total changed in the DOM
 *  and until the frame after it. */
async function keystrokes(page) {
  return page.evaluate(async (runs) => {
    const input = document.querySelector('[data-path="budget.sources.src-1.executed"]');
    const total = document.querySelector('#total');
    const dom = [], frame = [];
    for (let i = 0; i < runs + 2; i++) {
      const changed = new Promise((resolve) => {
        const obs = new MutationObserver(() => { obs.disconnect(); resolve(performance.now()); });
        obs.observe(total, { childList: true, subtree: true, characterData: true });
      });
      const t0 = performance.now();
      input.value = i % 2 ? '3990.84' : '3000';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const t1 = await changed;
      const t2 = await new Promise((r) => requestAnimationFrame(() => r(performance.now())));
      if (i >= 2) { dom.push(t1 - t0); frame.push(t2 - t0); } // the first two warm up
      await new Promise((r) => setTimeout(r, 30));
    }
    return { dom, frame };
  }, RUNS);
}

async function openSample(page) {
  await page.goto(server.url);
  await page.waitForSelector('#rate');
}

/** A copy of the stored sample with its indicator table grown to `n` rows, opened. */
async function openGenerated(page, n) {
  const id = await page.evaluate((n) => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('selfeval.v1.draft.'));
    const file = JSON.parse(localStorage.getItem(key));
    const rows = file.report.indicators;
    const out = [];
    for (let i = 0; i < n; i++) {
      const r = structuredClone(rows[i % rows.length]);
      r.id = `ind-${i + 1}`;
      r.level3 = `${r.level3} ${i + 1}`;
      out.push(r);
    }
    file.report.indicators = out;
    file.report.id = 'bench300';
    file.revision = 1;
    localStorage.setItem('selfeval.v1.draft.bench300', JSON.stringify(file));
    return 'bench300';
  }, n);
  await page.goto(`${server.url}#/d/${id}`);
  await page.waitForSelector('#rate');
  await page.waitForFunction((n) => document.querySelectorAll('.row-card.indicator').length === n, n);
}

const fmt = (x) => x.toFixed(1).padStart(6);
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
// export generation in the browser: time spent building the file (window.__selfevalTimings)
console.log(`\nreport generation for the sample (median of 10, ms; target < 200)`);
{
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await openSample(page);
  for (const [label, id, key] of [['Word (.docx)', 'export-docx', 'docx'], ['HTML', 'export-html', 'html']]) {
    const times = [];
    for (let i = 0; i < 12; i++) {
      await page.click('.export-menu summary');
      await page.click(`#${id}`);
      const ms = await page.evaluate((k) => window.__selfevalTimings?.[k], key);
      if (i >= 2) times.push(ms);
    }
    console.log(`${label.padEnd(26)} ${fmt(median(times))}`);
  }
  await context.close();
}
await browser.close();
server.stop();
