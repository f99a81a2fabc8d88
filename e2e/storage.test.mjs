// End-to-end tests of "nothing lost, nothing frozen" on the release build, in headless Chromium:
// leaving the editor while saves fail, never-stored drafts, the leave prompts, version history,
// the 回收站, two tabs at one revision, the panic banner, and careless input.
// usage: node e2e/storage.test.mjs dist
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, ok, saved, staleSecondPage, suite, DRAFT, field, text, stored, downloaded } from './harness.mjs';

const { server, browser, t, fresh } = await suite();
const appKeys = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('selfeval.')));

/** Every localStorage write throws QuotaExceededError until `storageBack`. */
const storageFull = (page) => page.evaluate(() => {
  if (!window.__setItem) window.__setItem = Storage.prototype.setItem; // (no ??=: Chromium 80 runs this too)
  Storage.prototype.setItem = function () {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
});
const storageBack = (page) => page.evaluate(() => { Storage.prototype.setItem = window.__setItem; });

/** Click "‹ 草稿列表" and answer the leave question (returns its text, or null if none came). */
async function back(page, accept = true) {
  let asked = null;
  const onDialog = async (d) => { asked = d.message(); accept ? await d.accept() : await d.dismiss(); };
  page.once('dialog', onDialog);
  await page.click('a.back');
  await page.waitForTimeout(300);
  page.off('dialog', onDialog);
  return asked;
}

try {
  await t.test('leaving the editor while saves fail keeps the draft as 未保存, reopens and saves it', async () => {
    const { context, page } = await fresh();
    const before = await stored(page, page.draftId);
    await storageFull(page);
    await page.fill(field('unit.contact'), '存储已满时写的');
    await page.waitForSelector('#save-failed');
    const asked = await back(page);
    ok(asked && asked.includes('还没有保存到浏览器') && asked.includes('浏览器本地存储空间已满'), `asked: ${asked}`);
    await page.waitForSelector('#drafts tr.unsaved');
    ok((await text(page, 'tr.unsaved')).includes('未保存'), 'listed as 未保存');
    eq(await stored(page, page.draftId), before, 'storage untouched');
    // its download holds the edit
    const dl = await downloaded(page, () => page.click('tr.unsaved .download-unsaved'));
    eq(JSON.parse(readFileSync(await dl.path(), 'utf8')).report.unit.contact, '存储已满时写的');
    // space comes back; opening it again stores it at once
    await storageBack(page);
    await page.click('tr.unsaved button:has-text("打开")');
    await page.waitForSelector('#rate');
    eq(await page.inputValue(field('unit.contact')), '存储已满时写的');
    await saved(page);
    eq(JSON.parse(await stored(page, page.draftId)).report.unit.contact, '存储已满时写的');
    ok(await back(page) === null, 'nothing to ask once saved');
    eq(await page.$$eval('tr.unsaved', (r) => r.length), 0);
    await context.close();
  });

  await t.test('really full storage: back to the list, then back to the draft once space returns', async () => {
    const { context, page } = await fresh();
    const filled = await page.evaluate(() => {
      const chunk = 'x'.repeat(16 * 1024);
      try { for (let i = 0; i < 2000; i++) localStorage.setItem(`filler.${i}`, chunk); } catch (e) { return e.name; }
      return 'never full';
    });
    eq(filled, 'QuotaExceededError');
    const before = await stored(page, page.draftId);
    await page.fill(field('sections.sec-2.text'), '存储满时写下的正文。'.repeat(4000));
    await page.waitForSelector('#save-failed');
    ok(await back(page) !== null, 'asked before leaving');
    await page.waitForSelector('tr.unsaved');
    eq(await stored(page, page.draftId), before, 'the stored copy is untouched');
    await page.evaluate(() => { for (let i = 0; i < 2000; i++) localStorage.removeItem(`filler.${i}`); });
    await page.click('tr.unsaved a.open');
    await page.waitForSelector('#rate');
    await saved(page);
    ok(JSON.parse(await stored(page, page.draftId)).report.sections.some((s) => s.text.startsWith('存储满时写下的正文。')),
      'stored once space returned');
    await context.close();
  });

  await t.test('staying in the editor when asked keeps everything in place', async () => {
    const { context, page } = await fresh();
    await storageFull(page);
    await page.fill(field('unit.contact'), '不要走');
    await page.waitForSelector('#save-failed');
    const asked = await back(page, false);
    ok(asked !== null, 'asked');
    ok(page.url().includes(`#/d/${page.draftId}`), `still on the draft: ${page.url()}`);
    eq(await page.inputValue(field('unit.contact')), '不要走');
    // the browser's Back button is asked the same way
    page.once('dialog', (d) => d.dismiss());
    await page.evaluate(() => { location.hash = '#/'; });
    await page.waitForTimeout(300);
    eq(await page.inputValue(field('unit.contact')), '不要走');
    await context.close();
  });

  await t.test('a draft that could never be stored survives leaving the editor', async () => {
    const { context, page } = await fresh();
    await back(page);
    await storageFull(page);
    await page.click('#new-sample');
    await page.waitForSelector('#save-failed');
    await page.fill(field('unit.contact'), '从未保存');
    ok(await back(page) !== null, 'asked');
    await page.waitForSelector('tr.unsaved');
    eq(await page.$$eval('tr.unsaved', (r) => r.length), 1);
    await page.click('tr.unsaved a.open');
    await page.waitForSelector('#rate');
    eq(await page.inputValue(field('unit.contact')), '从未保存');
    await context.close();
  });

  await t.test('closing the page with unsaved drafts asks first (returnValue is set)', async () => {
    const { context, page } = await fresh();
    await storageFull(page);
    await page.fill(field('unit.contact'), 'x');
    await page.waitForSelector('#save-failed');
    let kind = null;
    page.once('dialog', async (d) => { kind = d.type(); await d.dismiss(); });
    await page.close({ runBeforeUnload: true });
    await new Promise((r) => setTimeout(r, 500));
    eq(kind, 'beforeunload');
    // from the list too, with a parked draft and no editor open
    const p2 = await context.newPage();
    await p2.goto(`${server.url}#/d/${page.draftId}`);
    await p2.waitForSelector('#rate');
    await storageFull(p2);
    await p2.fill(field('unit.contact'), 'y');
    await p2.waitForSelector('#save-failed');
    await back(p2);
    await p2.waitForSelector('tr.unsaved');
    // a real BeforeUnloadEvent: the app cancels it and sets returnValue for older cores
    const seen = await p2.evaluate(() => new Promise((resolve) => {
      window.addEventListener('beforeunload', (ev) => resolve([ev.defaultPrevented, ev.returnValue]), { once: true });
      window.dispatchEvent(new Event('beforeunload', { cancelable: true }));
    }));
    eq(seen[0], true, 'prevented from the list');
    let kind2 = null;
    p2.once('dialog', async (d) => { kind2 = d.type(); await d.dismiss(); });
    await p2.close({ runBeforeUnload: true });
    await new Promise((r) => setTimeout(r, 500));
    eq(kind2, 'beforeunload', 'asked on close from the list');
    await context.close();
  });

  await t.test('leaving a tab in the two-tab conflict state keeps its version as 未保存', async () => {
    const { context, page: a } = await fresh();
    const b = await staleSecondPage(context, a, 'A 的');
    await b.fill(field('unit.contact'), 'B 的');
    const asked = await back(b);
    ok(asked && asked.includes('另一个窗口'), `asked: ${asked}`);
    await b.waitForSelector('tr.unsaved');
    eq(JSON.parse(await stored(a, a.draftId)).report.unit.contact, 'A 的');
    await b.click('tr.unsaved a.open');
    await b.waitForSelector('#conflict');
    eq(await b.inputValue(field('unit.contact')), 'B 的');
    await context.close();
  });

  await t.test('a write by another tab at the same revision number is a conflict', async () => {
    const { context, page: a } = await fresh();
    await a.fill(field('unit.contact'), 'A');
    await saved(a);
    const b = await context.newPage();
    await b.goto(server.url + '#/');
    await b.waitForSelector('#drafts');
    // B writes the very revision A holds, under another writer (a race between the tabs)
    await b.evaluate(([k]) => {
      const v = JSON.parse(localStorage.getItem(k));
      v.writer = 'another-tab';
      v.report.unit.contact = 'B';
      localStorage.setItem(k, JSON.stringify(v));
    }, [DRAFT + a.draftId]);
    await a.waitForSelector('#conflict');
    await a.fill(field('unit.phone'), '1');
    await a.waitForTimeout(1200);
    eq(JSON.parse(await stored(a, a.draftId)).report.unit.contact, 'B', 'A did not overwrite B');
    await context.close();
  });

  await t.test('版本历史: a text wiped in one session and saved the next can be previewed and restored, undoably', async () => {
    const { context, page } = await fresh();
    const id = page.draftId;
    await page.fill(field('unit.contact'), '第一天的联系人');
    await saved(page);
    // another session (a reload) wipes it by accident, and saves
    await page.reload();
    await page.waitForSelector('#rate');
    await page.fill(field('unit.contact'), '');
    await saved(page);
    await page.reload();
    await page.waitForSelector('#rate');
    await page.fill(field('unit.phone'), '次日');
    await saved(page);
    await back(page);
    await page.click(`#drafts tr[data-id="${id}"] .versions`);
    await page.waitForSelector('#versions tr.version');
    const rows = await page.$$eval('#versions tr.version', (r) => r.map((x) => x.textContent));
    ok(rows.length >= 2, `versions: ${rows}`);
    ok(rows.every((r) => /\d\d:\d\d:\d\d/.test(r) && /KB/.test(r) && /\d+\.\d\d/.test(r)), `time, total, size: ${rows}`);
    // the one with the text: the session before the wipe
    const index = await page.evaluate(() => [...document.querySelectorAll('#versions tr.version')].length - 1);
    const wanted = `#versions tr.version[data-index="${index - 1}"]`;
    await page.click(`${wanted} .preview-version`);
    const frame = await (await page.waitForSelector('iframe.version-preview')).contentFrame();
    await frame.waitForSelector('body');
    ok((await frame.textContent('body')).includes('广州市黄埔区'), 'preview shows the report');
    page.once('dialog', (d) => d.accept());
    await page.click(`${wanted} .restore-version`);
    await page.waitForSelector('#undo-restore');
    await page.click(`#drafts tr[data-id="${id}"] a.open`);
    await page.waitForSelector('#rate');
    eq(await page.inputValue(field('unit.contact')), '第一天的联系人');
    // undo the restore
    await back(page);
    await page.click('#undo-restore button');
    await page.waitForFunction(() => !document.querySelector('#undo-restore'));
    await page.click(`#drafts tr[data-id="${id}"] a.open`);
    await page.waitForSelector('#rate');
    eq(await page.inputValue(field('unit.contact')), '');
    eq(await page.inputValue(field('unit.phone')), '次日');
    await context.close();
  });

  await t.test('回收站: deletes survive a reload, each can be undone, emptying leaves no key', async () => {
    const { context, page } = await fresh();
    await back(page);
    await page.click('#new-sample');
    await page.waitForSelector('#rate');
    await back(page);
    await page.waitForFunction(() => document.querySelectorAll('#drafts tbody tr').length === 2);
    const ids = await page.$$eval('#drafts tbody tr', (r) => r.map((x) => x.dataset.id));
    for (const id of ids) await page.click(`#drafts tr[data-id="${id}"] .delete`);
    await page.reload();
    await page.waitForSelector('#trash');
    eq(await page.$$eval('#trash tbody tr', (r) => r.length), 2);
    eq(await page.$$eval('#drafts tbody tr', (r) => r.length), 0);
    // undo the first delete, not only the last
    await page.click(`#trash tr[data-id="${ids[0]}"] .undelete`);
    await page.waitForSelector(`#drafts tr[data-id="${ids[0]}"]`);
    page.once('dialog', (d) => d.accept());
    await page.click('#empty-trash');
    await page.waitForFunction(() => !document.querySelector('#trash'));
    const keys = await appKeys(page);
    ok(keys.every((k) => !k.includes(ids[1])), `no key of the purged draft: ${keys}`);
    ok(keys.some((k) => k.includes(ids[0])), 'the restored one stays');
    await context.close();
  });

  await t.test('a delete that cannot be written says so and changes nothing', async () => {
    const { context, page } = await fresh();
    await back(page);
    await storageFull(page);
    await page.click(`#drafts tr[data-id="${page.draftId}"] .delete`);
    await page.waitForSelector('#home-error');
    ok((await text(page, '#home-error')).includes('无法删除'), 'says why');
    await storageBack(page);
    await page.reload();
    await page.waitForSelector(`#drafts tr[data-id="${page.draftId}"]`);
    await context.close();
  });

  await t.test('a panic shows 程序出错 with a download of every open draft', async () => {
    const { context, page } = await fresh();
    await page.fill(field('unit.contact'), '崩溃前写的');
    await page.evaluate(() => { try { window.wasmBindings.selfevalTestPanic(); } catch (e) { /* the trap */ } });
    await page.waitForSelector('#crash');
    ok((await text(page, '#crash')).includes('程序出错'), 'says so');
    const dl = await downloaded(page, () => page.click('#crash a.crash-download'));
    eq(JSON.parse(readFileSync(await dl.path(), 'utf8')).report.unit.contact, '崩溃前写的');
    await context.close();
  });

  await t.test('careless input: PDF control characters, a 30-digit amount, odd imported files', async () => {
    const { context, page } = await fresh();
    await page.fill(field('sections.sec-2.text'), '从PDF复制\u0000的\u0007文字\u000c下一页');
    await saved(page);
    const raw = await stored(page, page.draftId);
    ok(!/\\u000[07c]/.test(raw), 'no control characters stored');
    ok(JSON.parse(raw).report.sections.some((s) => s.text === '从PDF复制的文字\n下一页'), 'text kept without them');
    await page.fill(field('budget.sources.src-1.executed'), '999999999999999999999999999999');
    await page.waitForFunction(() => document.querySelector('#findings').textContent.includes('数值过大'));
    await page.fill(field('indicators.ind-1.weight'), '9999999999999999999999999999');
    await page.fill(field('unit.contact'), '仍可编辑');
    eq(await page.inputValue(field('unit.contact')), '仍可编辑', 'page still responds');
    // import: duplicate row ids, an id a URL cannot carry, a 28-digit weight
    const file = JSON.parse(raw);
    file.report.id = '别人的 编号/1';
    file.report.indicators[1].id = file.report.indicators[0].id;
    file.report.indicators[2].weight = '9999999999999999999999999999';
    const dir = mkdtempSync(join(tmpdir(), 'selfeval-'));
    writeFileSync(join(dir, 'odd.json'), JSON.stringify(file));
    await back(page);
    await page.setInputFiles('#import', join(dir, 'odd.json'));
    await page.click('#import-new');
    await page.waitForSelector('#rate');
    const id = page.url().split('#/d/')[1].split('/')[0];
    ok(/^[A-Za-z0-9_-]+$/.test(id), `a new well-formed id: ${id}`);
    const ids = await page.$$eval('[data-path$=".level3"]', (l) => l.map((x) => x.dataset.path));
    eq(new Set(ids).size, ids.length, 'row ids unique');
    ok((await text(page, '#findings')).includes('数值过大'), 'the weight is a finding');
    // a schema of the wrong type, and a file too large, change nothing
    await back(page);
    const before = await page.$$eval('#drafts tbody tr', (r) => r.length);
    file.schema = '1';
    await page.setInputFiles('#import', { name: 'schema.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await page.waitForSelector('#home-error');
    ok((await text(page, '#home-error')).includes('格式版本'), await text(page, '#home-error'));
    await page.click('#home-error button');
    await page.setInputFiles('#import', { name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(9 * 1024 * 1024, 32) });
    await page.waitForSelector('#home-error');
    ok((await text(page, '#home-error')).includes('过大'), await text(page, '#home-error'));
    eq(await page.$$eval('#drafts tbody tr', (r) => r.length), before);
    ok(page.errors.every((e) => !e.includes('panicked')), `no panic: ${page.errors}`);
    await context.close();
  });

  await t.test('an export that fails says why', async () => {
    const { context, page } = await fresh();
    await page.fill(field('indicators.ind-1.reason'), '长'.repeat(40000));
    await page.click('.export-menu summary');
    await page.click('#export-xlsx');
    await page.waitForSelector('.edit-error');
    ok((await text(page, '.edit-error')).includes('32,767'), await text(page, '.edit-error'));
    await context.close();
  });
} finally {
  await browser.close();
  server.stop();
}
process.exit(t.finish() ? 1 : 0);
