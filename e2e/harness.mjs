// Shared by the end-to-end tests and the benchmarks: serve a dist/ folder on a free loopback
// port and drive Debian's headless Chromium with playwright-core (no browser download), or
// with ENGINE=chromium-80 / chromium-86 an old core from e2e/engines.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cdpProxy } from './engines/proxy.mjs';

/** e2e/fixtures: the Word and Excel files crates/office/tests/import.rs writes. */
export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

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

/** The browser the suites run in: Debian's Chromium, or the old core ENGINE names. */
export async function launch() {
  if (process.env.ENGINE) return launchEngine(process.env.ENGINE);
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** An old Chromium core from e2e/engines (scripts/setup --test unpacks them), started
 *  headless by hand and driven over CDP; through `cdpProxy` where it is older than what
 *  Playwright drives (84). Closing the browser ends the process. */
export async function launchEngine(name) {
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'engines', name);
  const profile = mkdtempSync(path.join(tmpdir(), `selfeval-${name}-`));
  const proc = spawn(path.join(dir, 'chromium'), ['--headless', ...CHROMIUM_ARGS, '--remote-debugging-port=0',
    `--user-data-dir=${profile}`, 'about:blank'],
  { env: { ...process.env, LD_LIBRARY_PATH: `${dir}/lib:${dir}` }, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const ws = await new Promise((resolve, reject) => {
    proc.stderr.on('data', (d) => { log += d; const m = log.match(/ws:\/\/\S+/); if (m) resolve(m[0]); });
    proc.on('exit', () => reject(new Error(`${name} did not start:\n${log}`)));
    setTimeout(() => reject(new Error(`${name} did not start in 20 s:\n${log}`)), 20000);
  });
  const { Browser } = await (await fetch(ws.replace(/^ws:(\/\/[^/]+).*/, 'http:$1/json/version'))).json();
  const major = Number(Browser.split('/')[1].split('.')[0]);
  const proxy = major < 84 ? await cdpProxy(ws) : null;
  // the Playwright of e2e/engines: today's calls DOM methods these cores lack (checkVisibility)
  const { chromium: old } = await import('./engines/node_modules/playwright-core/index.mjs');
  const browser = await old.connectOverCDP(proxy ? proxy.url : ws);
  browser.major = major;
  // these cores report no download events Playwright reads: every context gets the page-side
  // capture `downloaded()` reads instead
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (opts) => {
    const context = await newContext(opts);
    context.capturesDownloads = true;
    await context.addInitScript(captureDownloads);
    return context;
  };
  const end = () => { proxy?.close(); proc.kill(); setTimeout(() => rmSync(profile, { recursive: true, force: true }), 500); };
  browser.on('disconnected', end);
  const close = browser.close.bind(browser);
  browser.close = async () => { await close().catch(() => {}); end(); };
  return browser;
}

/** In a page of an old core: the files the app hands to the browser as a download (an <a
 *  download> clicked on a blob: URL), kept in `window.__downloads` instead. */
function captureDownloads() {
  const blobs = new Map();
  const create = URL.createObjectURL;
  URL.createObjectURL = function (b) { const url = create.call(URL, b); blobs.set(url, b); return url; };
  const click = HTMLAnchorElement.prototype.click;
  window.__downloads = [];
  const keep = (a) => {
    const entry = { name: a.download || 'download' };
    window.__downloads.push(entry);
    const reader = new FileReader();
    reader.onload = () => { entry.data = String(reader.result).split(',')[1]; };
    reader.readAsDataURL(blobs.get(a.href));
  };
  const isDownload = (a) => a.hasAttribute('download') && blobs.has(a.href);
  HTMLAnchorElement.prototype.click = function () {
    if (!isDownload(this)) return click.call(this);
    keep(this);
  };
  // and a link the user clicks (the crash banner's)
  document.addEventListener('click', (e) => {
    const a = e.target.closest && e.target.closest('a');
    if (a && isDownload(a)) { e.preventDefault(); keep(a); }
  }, true);
}

/** The file `action` makes the page download, as Playwright's Download (its name and a path),
 *  in Debian's Chromium and, through the page-side capture, in the old cores. */
export async function downloaded(page, action) {
  if (!page.context().capturesDownloads) {
    const [dl] = await Promise.all([page.waitForEvent('download'), action()]);
    return dl;
  }
  const before = await page.evaluate(() => window.__downloads.length);
  await action();
  const entry = await (await page.waitForFunction(
    (n) => window.__downloads.length > n && window.__downloads[n].data !== undefined && window.__downloads[n], before)).jsonValue();
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'selfeval-dl-')), 'download');
  writeFileSync(file, Buffer.from(entry.data, 'base64'));
  return { suggestedFilename: () => entry.name, path: async () => file };
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
