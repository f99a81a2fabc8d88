// Shared by the end-to-end tests and the benchmarks: serve a dist/ folder on a free loopback
// port and drive Debian's headless Chromium with playwright-core (no browser download).
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import net from 'node:net';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

/** Serve `dist` with python's static server; resolves once it answers. */
export async function serve(dist) {
  const port = await freePort();
  const proc = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dist],
    { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try { await fetch(url); return { url, stop: () => proc.kill() }; }
    catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  proc.kill();
  throw new Error(`static server on ${url} did not start`);
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** A minimal runner whose closing line CI understands: "N passed, N failed". */
export function runner() {
  let passed = 0, failed = 0;
  return {
    async test(name, fn) {
      try { await fn(); passed++; console.log(`ok   ${name}`); }
      catch (e) { failed++; console.log(`FAIL ${name}\n     ${String(e.message).split('\n').join('\n     ')}`); }
    },
    finish() {
      console.log(`${passed} passed, ${failed} failed`);
      return failed;
    },
  };
}

export function eq(actual, expected, what = '') {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what} expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

export function ok(cond, what) {
  if (!cond) throw new Error(what);
}

/** Until the save status says the draft is stored (已保存 and the time). */
export const saved = (page) => page.waitForFunction(
  () => /^已保存 \d\d:\d\d:\d\d$/.test(document.querySelector('#save-status')?.textContent ?? ''));

/** A suite's setup: the built app (the folder named on the command line) served, the browser,
 *  the runner, and `fresh()` for a fresh context and page on the app, opened on the sample. */
export async function suite() {
  const dist = process.argv[2] ?? 'dist';
  const server = await serve(dist);
  const browser = await launch();
  return { dist, server, browser, t: runner(), fresh: () => freshApp(browser, server.url) };
}

/** The key prefix of stored drafts. */
export const DRAFT = 'selfeval.v1.draft.';
/** The input of a field, by its path. */
export const field = (path) => `[data-path="${path}"]`;
export const text = (page, sel) => page.textContent(sel).then((s) => s.trim());
/** The stored draft file of draft `id`, as text. */
export const stored = (page, id) => page.evaluate((k) => localStorage.getItem(k), DRAFT + id);

/** A second page on the draft page `a` has open, after `a` saved `contact` as the unit's
 *  联系人: the second learns at once that its copy is stale (#conflict), before it writes. */
export async function staleSecondPage(context, a, contact) {
  const b = await context.newPage();
  await b.goto(a.url());
  await b.waitForSelector('#rate');
  await a.fill('[data-path="unit.contact"]', contact);
  await saved(a);
  await b.waitForSelector('#conflict');
  return b;
}

/** A fresh context (empty localStorage) and a page on the app, opened as a first visit on the
 *  sample draft; the page collects its errors in `page.errors` and knows `page.draftId`.
 *  `opts`: `grid` (no view preset: the sample opens as a grid), `viewport` and `scale` (the
 *  window, 1440×900 at 1 unless given), `ready` (what shows once the app is up, `#rate`). */
export async function freshApp(browser, url, opts = {}) {
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: opts.viewport ?? { width: 1440, height: 900 },
    deviceScaleFactor: opts.scale ?? 1,
  });
  // the suites written for the indicator cards keep them (the sample would open as a grid);
  // e2e/grid chooses the grid, which the app then remembers
  if (!opts.grid) {
    await context.addInitScript(() => {
      if (!localStorage.getItem('selfeval.v1.view.indicators')) localStorage.setItem('selfeval.v1.view.indicators', 'cards');
    });
  }
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  await page.goto(url);
  await page.waitForSelector(opts.ready ?? '#rate');
  page.draftId = page.url().split('#/d/')[1].split('/')[0];
  return { context, page };
}
