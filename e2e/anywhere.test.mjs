// Open anywhere: the single file from file://, offline after the first visit (service worker),
// a new build picked up on the next load with a notice, and the browser-floor message.
// usage: node e2e/anywhere.test.mjs dist
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve, launch, runner, eq, ok, saved, downloaded, FIXTURES } from './harness.mjs';

const dist = path.resolve(process.argv[2] ?? 'dist');
const browser = await launch();
const t = runner();

async function open(url, init) {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1440, height: 900 } });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.goto(url);
  return { context, page };
}

const text = (page, sel) => page.textContent(sel).then((s) => s.trim());

/** Download a format from the export menu (the .docx unless said); its name and bytes. */
async function docx(page, id = 'export-docx') {
  if (!(await page.isVisible(`#${id}`))) await page.click('.export-menu summary');
  const download = await downloaded(page, () => page.click(`#${id}`));
  const bytes = readFileSync(await download.path());
  return { name: download.suggestedFilename(), bytes };
}

try {
  await t.test('dist/selfeval.html works from file://: figures, an edit kept across a reload, every format', async () => {
    // count the wasm modules inflated in the page: the exporter only once the menu opens
    const { context, page } = await open(`file://${dist}/selfeval.html`, () => {
      window.__inflated = 0;
      const D = window.DecompressionStream;
      window.DecompressionStream = function (f) { window.__inflated++; return new D(f); };
    });
    await page.waitForSelector('#rate');
    eq(await text(page, '#rate'), '98.49%');
    eq(await text(page, '#total'), '99.77');
    eq(await page.evaluate(() => window.__inflated), 1, 'only the app is inflated at start');
    await page.fill('[data-path="unit.contact"]', '文件版联系人');
    await saved(page);
    await page.reload();
    await page.waitForSelector('#rate');
    eq(await page.inputValue('[data-path="unit.contact"]'), '文件版联系人', 'kept in local storage');
    const { name, bytes } = await docx(page);
    ok(name.endsWith('.docx'), name);
    eq(bytes.subarray(0, 2).toString(), 'PK', 'a zip');
    ok(bytes.length > 10000, `${bytes.length} bytes`);
    eq(await page.evaluate(() => window.__inflated), 2, 'the exporter inflated on first use');
    // every other format from the same page, the exporter not inflated again
    for (const [id, ext] of [['export-xlsx', '.xlsx'], ['export-html', '.html'], ['export-csv', '.csv']]) {
      const file = await docx(page, id);
      ok(file.name.endsWith(ext) && file.bytes.length > 1000, `${id}: ${file.name} ${file.bytes.length}`);
    }
    eq(await page.evaluate(() => window.__inflated), 2, 'inflated once');
    eq(page.errors, []);
    await context.close();
  });

  await t.test('after one visit the app loads, edits and exports with the network off', async () => {
    const server = await serve(dist);
    const { context, page } = await open(server.url);
    await page.waitForSelector('#rate');
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    server.stop();
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('#rate');
    eq(await text(page, '#rate'), '98.49%');
    await page.waitForSelector('#preview .doc-title', { state: 'attached' });
    const { bytes } = await docx(page);
    eq(bytes.subarray(0, 2).toString(), 'PK', 'the exporter module came from the cache');
    // a new tab to the address opens too
    const other = await context.newPage();
    const otherErrors = [];
    other.on('pageerror', (e) => otherErrors.push(String(e)));
    await other.goto(server.url);
    await other.waitForSelector('#drafts, #rate', { timeout: 15000 }).catch(async (e) => {
      // what the page shows instead, for the record
      const shown = await other.evaluate(() => document.body.innerText.slice(0, 300)).catch(() => '');
      throw new Error(`${e.message.split('\n')[0]}; the page shows: ${JSON.stringify(shown)}; errors: ${otherErrors.join('; ')}`);
    });
    eq(otherErrors, [], 'no page error in the new tab');
    eq(page.errors, []);
    await context.close();
  });

  await t.test('a new build is picked up on the next load, with a notice once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'selfeval-dist-'));
    cpSync(dist, dir, { recursive: true });
    const server = await serve(dir);
    const { context, page } = await open(server.url);
    await page.waitForSelector('#rate');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    eq(await page.$('#updated'), null, 'no notice on a first visit');
    await page.waitForTimeout(1500);
    // "deploy" a new build: another build id in the page and in the worker
    for (const f of ['index.html', 'sw.js']) {
      const p = path.join(dir, f);
      const s = readFileSync(p, 'utf8');
      const id = /SELFEVAL_BUILD = "([0-9a-f]+)"|const VERSION = "([0-9a-f]+)"/.exec(s);
      writeFileSync(p, s.replaceAll(id[1] ?? id[2], 'feedfacefeedface'));
    }
    // When the browser checks sw.js on its own is Chromium's affair, not the app's: after a
    // first install that check has been seen to wait 5–40 s behind the old worker, and longer on
    // a loaded CI machine. So ask for the check as the page's loader does (update()), wait until
    // the new build's worker is active, and then the very next load must run it and say so.
    const active = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      await reg.update();
      // activated once its activate step has removed the old build's cache
      for (let i = 0; i < 600; i++) {
        const keys = await caches.keys();
        if (keys.length === 1 && keys[0] === 'selfeval-feedfacefeedface' && !reg.installing && !reg.waiting) return true;
        await new Promise((r) => setTimeout(r, 100));
      }
      return false;
    });
    ok(active, 'the new build installed beside the old one, which it then removed');
    await page.reload();
    await page.waitForSelector('#rate');
    ok((await page.$('#updated')) !== null, 'the notice on the first load after the new build took over');
    ok((await text(page, '#updated')).includes('已更新到新版本'), 'its text');
    await page.reload();
    await page.waitForSelector('#rate');
    eq(await page.$('#updated'), null, 'said once');
    server.stop();
    rmSync(dir, { recursive: true, force: true });
    await context.close();
  });

  await t.test('without DecompressionStream (Firefox < 113, Safari < 16.4) the single file inflates its wasm itself', async () => {
    const { context, page } = await open(`file://${dist}/selfeval.html`, () => { delete window.DecompressionStream; });
    await page.waitForSelector('#rate');
    eq(await page.evaluate(() => typeof DecompressionStream), 'undefined');
    eq(await text(page, '#total'), '99.77');
    await page.fill('[data-path="unit.contact"]', '无解压接口');
    await saved(page);
    const { name, bytes } = await docx(page);
    ok(name.endsWith('.docx') && bytes.subarray(0, 2).toString() === 'PK', `the exporter inflated too: ${name}`);
    // and the reader, on the first Word/Excel import: a bureau 自评表 read from file://
    await page.click('a.back');
    await page.setInputFiles('#import', path.join(FIXTURES, '某某区财政局自评表.xlsx'));
    await page.waitForSelector('#import-preview');
    ok((await page.textContent('#import-found')).includes('95.60'), 'the reader inflated: the 自评表 read');
    eq(page.errors, []);
    await context.close();
  });

  await t.test('a browser without what the app needs gets a message, not a blank page', async () => {
    const server = await serve(dist);
    for (const [init, missing, notMissing] of [
      [() => { delete window.WebAssembly; }, 'WebAssembly', '批量内存'],
      [() => { WebAssembly.validate = () => false; }, '批量内存 (bulk-memory)', null],
      // an engine with all but one feature (i32.extend8_s, 0xC0) is told which one
      [() => { const v = WebAssembly.validate; WebAssembly.validate = (b) => !new Uint8Array(b).includes(0xc0) && v(b); },
        '符号扩展 (sign-ext)', '批量内存'],
    ]) {
      const { context, page } = await open(server.url, init);
      await page.waitForSelector('#unsupported');
      const msg = await text(page, '#unsupported');
      ok(msg.includes('此浏览器版本过旧'), msg);
      ok(msg.includes(missing), msg);
      ok(!notMissing || !msg.includes(notMissing), `names only what is missing: ${msg}`);
      ok(msg.includes('Chrome') && msg.includes('80') && msg.includes('Firefox 91') && msg.includes('Safari 15'), 'names the minimum versions');
      await context.close();
    }
    server.stop();
  });
} finally {
  await browser.close();
}
process.exit(t.finish() ? 1 : 0);
