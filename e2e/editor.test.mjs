// End-to-end tests of the editor and local drafts on the release build, in headless Chromium.
// Each test gets a fresh browser context (empty localStorage), so it starts as a first visit:
// the sample draft is created and opened.
// usage: node e2e/editor.test.mjs dist
import { readFileSync } from 'node:fs';
import { eq, ok, saved, staleSecondPage, suite, DRAFT, field, text, stored, downloaded } from './harness.mjs';

const { server, browser, t, fresh } = await suite();
async function findings(page) {
  return page.$$eval('#findings .msg', (l) => l.map((x) => x.textContent));
}

try {
  await t.test('a first visit opens the sample draft with its computed summary', async () => {
    const { context, page } = await fresh();
    eq(await text(page, '#budget'), '4051.83');
    eq(await text(page, '#executed'), '3990.84');
    eq(await text(page, '#rate'), '98.49%');
    eq(await text(page, '#total'), '99.77');
    eq(await text(page, '#grade'), '优');
    ok((await text(page, '#preview')).includes('全年预算数 4051.83 万元，执行数 3990.84 万元，完成预算的 98.49%。'), 'preview text');
    // it is stored, and listed on the home screen
    ok((await stored(page, page.draftId)).includes('"revision":1'), 'stored at revision 1');
    await page.click('a.back');
    await page.waitForSelector('#drafts tbody tr');
    eq(await page.$$eval('#drafts tbody tr', (r) => r.length), 1);
    ok((await text(page, '#drafts tbody tr')).includes('99.77'), 'list shows the total');
    eq(page.errors, []);
    await context.close();
  });

  await t.test('typing into every kind of field survives a reload', async () => {
    const { context, page } = await fresh();
    await page.fill(field('unit.contact'), '张三');
    await page.fill(field('unit.functions'), '负责区人大常委会机关日常运转。\n第二段。');
    await page.fill(field('budget.sources.src-2.adjusted'), '１２．５');
    await page.fill(field('budget.sources.src-2.executed'), '10');
    await page.fill(field('budget.sources.src-2.reason'), '项目尚未完成验收。');
    await page.selectOption(field('budget.sources.src-2.kind'), 'unit');
    await page.check(field('indicators.ind-2.core'));
    await page.selectOption(field('indicators.ind-9.actual'), '良');
    await page.fill(field('indicators.ind-1.actual'), '29');
    await page.fill(field('indicators.ind-1.reason'), '一项报告推迟至次年。');
    await page.fill(field('sections.sec-3.title'), '部门整体支出绩效目标（修订）');
    await page.fill(field('sections.sec-3.text'), '新的目标文字。');
    await page.fill(field('problems.prob-1.measure'), '完善制度。');
    await page.fill(field('signoff.date'), '2022年3月31日');
    await saved(page);
    await page.reload();
    await page.waitForSelector('#rate');
    eq(await page.inputValue(field('unit.contact')), '张三');
    eq(await page.inputValue(field('unit.functions')), '负责区人大常委会机关日常运转。\n第二段。');
    eq(await page.inputValue(field('budget.sources.src-2.adjusted')), '１２．５');
    eq(await page.inputValue(field('budget.sources.src-2.reason')), '项目尚未完成验收。');
    eq(await page.inputValue(field('budget.sources.src-2.kind')), 'unit');
    eq(await page.isChecked(field('indicators.ind-2.core')), true);
    eq(await page.inputValue(field('indicators.ind-9.actual')), '良');
    eq(await page.inputValue(field('indicators.ind-1.actual')), '29');
    eq(await page.inputValue(field('sections.sec-3.title')), '部门整体支出绩效目标（修订）');
    eq(await page.inputValue(field('sections.sec-3.text')), '新的目标文字。');
    eq(await page.inputValue(field('problems.prob-1.measure')), '完善制度。');
    eq(await page.inputValue(field('signoff.date')), '2022年3月31日');
    // and the figures follow: 4051.83 + 12.5 budget, 3990.84 + 10 executed
    eq(await text(page, '#budget'), '4064.33');
    eq(await text(page, '#executed'), '4000.84');
    eq(page.errors, []);
    await context.close();
  });

  await t.test('amounts in every accepted form give the same figure', async () => {
    const { context, page } = await fresh();
    const f = field('budget.sources.src-1.executed');
    for (const form of ['3,990.84', '３９９０．８４', '3990.84万元', ' 3990.84 ', '３，９９０．８４ 万元']) {
      await page.fill(f, '1');
      await page.fill(f, form);
      eq(await text(page, '#executed'), '3990.84', form);
      eq(await text(page, '#rate'), '98.49%', form);
      eq(await page.inputValue(f), form, 'keeps the text as typed');
    }
    ok((await text(page, '.budget-row .parsed')).includes('= 3990.84'), 'shows the value read');
    eq(page.errors, []);
    await context.close();
  });

  await t.test('a bad amount keeps its text, shows the message, and is not a zero', async () => {
    const { context, page } = await fresh();
    const f = field('budget.sources.src-1.executed');
    await page.fill(f, '3O90.84');
    eq(await page.inputValue(f), '3O90.84');
    ok((await text(page, '.field.invalid .parse-error')).includes('含有无法识别的字符“O”'), 'message in place');
    eq(await page.getAttribute(f, 'aria-invalid'), 'true');
    ok((await findings(page)).some((m) => m.includes('填写的“3O90.84”不是有效数字')), 'listed in findings');
    eq(await text(page, '#executed'), '0.00', 'the unreadable row adds nothing; no silent zero is stored');
    await saved(page);
    await page.reload();
    await page.waitForSelector('#rate');
    eq(await page.inputValue(f), '3O90.84', 'still there after reload');
    await context.close();
  });

  await t.test('三公经费, 政府采购 and quarterly payments are computed where they are typed', async () => {
    const { context, page } = await fresh();
    await page.fill(field('budget.spending.three_public_budget'), '12');
    await page.fill(field('budget.spending.three_public_actual'), '10.56万元');
    eq(await text(page, '#three-public-rate'), '88.00%');
    await page.fill(field('budget.spending.procurement_plan'), '320');
    await page.fill(field('budget.spending.procurement_actual'), '232.77');
    eq(await text(page, '#procurement-rate'), '72.74%');
    // 20% of 4051.83 paid by March: behind the 25% 序时进度
    await page.fill(field('budget.spending.paid_q1'), '810.37');
    eq(await text(page, '[data-quarter="1"]'), '20.00%（序时 25%）');
    eq(await text(page, '#payment-progress'), '80.00%');
    ok((await findings(page)).includes('一季度末支付进度 20.00%，低于序时进度 25%'), 'behind schedule');
    // the amounts survive a reload
    await saved(page);
    await page.reload();
    await page.waitForSelector('#three-public-rate');
    eq(await text(page, '#three-public-rate'), '88.00%');
    eq(await page.inputValue(field('budget.spending.three_public_actual')), '10.56万元');
    eq(page.errors, []);
    await context.close();
  });

  await t.test('findings follow edits and jump to their field', async () => {
    const { context, page } = await fresh();
    eq((await findings(page)).filter((m) => m.includes('执行率')).length, 0);
    await page.fill(field('budget.sources.src-1.executed'), '3000');
    eq(await text(page, '#rate'), '74.04%');
    const msgs = await findings(page);
    ok(msgs.includes('财政拨款的执行率 74.04% 低于 90%，请说明原因'), msgs.join(' | '));
    ok(msgs.some((m) => m.includes('“部门整体支出情况”中写的“完成预算的 98.49%”')), 'narrative cross-check');
    await page.click('[data-finding="budget.sources.src-1.reason"]');
    await page.waitForFunction(() => document.activeElement?.dataset?.path === 'budget.sources.src-1.reason');
    ok(page.url().endsWith('/budget'), page.url());
    await page.keyboard.type('政策调整，部分项目暂缓。');
    await page.waitForFunction(() => ![...document.querySelectorAll('#findings .msg')]
      .some((m) => m.textContent.includes('请说明原因')));
    await context.close();
  });

  await t.test('undo and redo, by keyboard and by button', async () => {
    const { context, page } = await fresh();
    const f = field('unit.contact');
    await page.click(f);
    await page.keyboard.type('李四');
    await page.waitForTimeout(1600); // a pause makes the next typing its own step
    await page.click(field('unit.phone'));
    await page.keyboard.type('020-1234');
    await page.keyboard.press('Control+z');
    eq(await page.inputValue(field('unit.phone')), '');
    eq(await page.inputValue(f), '李四');
    await page.keyboard.press('Control+z');
    eq(await page.inputValue(f), '');
    await page.keyboard.press('Control+Shift+z');
    eq(await page.inputValue(f), '李四');
    await page.click('#redo');
    eq(await page.inputValue(field('unit.phone')), '020-1234');
    await page.click('#undo');
    eq(await page.inputValue(field('unit.phone')), '');
    // removing a row is undoable too
    await page.click('[data-id="ind-3"] .row-tools .danger');
    eq(await page.$$eval('.row-card.indicator', (l) => l.length), 11);
    await page.click('#undo');
    eq(await page.$$eval('.row-card.indicator', (l) => l.length), 12);
    await context.close();
  });

  await t.test('the section in view is kept in the URL across a reload', async () => {
    const { context, page } = await fresh();
    await page.click('nav.outline a[href$="/indicators"]');
    ok(page.url().endsWith('/indicators'), page.url());
    await page.reload();
    await page.waitForSelector('#rate');
    ok(page.url().endsWith('/indicators'), page.url());
    eq(await page.getAttribute('nav.outline a[href$="/indicators"]', 'aria-current'), 'location');
    await page.waitForFunction(() => {
      const r = document.getElementById('part-indicators').getBoundingClientRect();
      return r.top < window.innerHeight && r.bottom > 0;
    });
    await context.close();
  });

  await t.test('carry forward to next year keeps structure and clears the figures', async () => {
    const { context, page } = await fresh();
    await page.click('a.back');
    await page.click('#drafts tbody tr .carry');
    await page.waitForSelector('#rate');
    eq(await page.inputValue(field('unit.year')), '2022');
    eq(await page.inputValue(field('budget.sources.src-1.executed')), '');
    eq(await text(page, '#rate'), '—');
    eq(await page.inputValue(field('indicators.ind-1.actual')), '');
    ok((await page.inputValue(field('sections.sec-2.text'))).startsWith('2021 年，区人大常委会'), 'texts kept');
    ok((await text(page, '#draft-name')).includes('2022年'), 'named for the new year');
    await page.click('a.back');
    await page.waitForFunction(() => document.querySelectorAll('#drafts tbody tr').length === 2);
    await context.close();
  });

  await t.test('a failed write shows a banner at once, editing goes on, nothing is lost', async () => {
    const { context, page } = await fresh();
    const before = await stored(page, page.draftId);
    // the browser's storage is full: every write throws QuotaExceededError
    await page.evaluate(() => {
      window.__setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await page.fill(field('unit.contact'), '王五');
    await page.waitForSelector('#save-failed');
    ok((await text(page, '#save-failed')).includes('浏览器本地存储空间已满'), 'says why');
    eq(await text(page, '#save-status'), '保存失败');
    eq(await stored(page, page.draftId), before, 'storage untouched');
    await page.fill(field('unit.phone'), '020-8888');
    eq(await page.inputValue(field('unit.contact')), '王五', 'editing continues');
    const dl = await downloaded(page, () => page.click('#banner-download'));
    const json = JSON.parse(readFileSync(await dl.path(), 'utf8'));
    eq(json.format, 'selfeval-draft');
    eq(json.report.unit.contact, '王五');
    eq(json.report.unit.phone, '020-8888');
    // space comes back: retry stores everything
    await page.evaluate(() => { Storage.prototype.setItem = window.__setItem; });
    await page.click('#save-failed button:has-text("重试保存")');
    await saved(page);
    await page.reload();
    await page.waitForSelector('#rate');
    eq(await page.inputValue(field('unit.phone')), '020-8888');
    await context.close();
  });

  await t.test('really filling localStorage up is caught the same way', async () => {
    const { context, page } = await fresh();
    const filled = await page.evaluate(() => {
      const chunk = 'x'.repeat(16 * 1024);
      try { for (let i = 0; i < 2000; i++) localStorage.setItem(`filler.${i}`, chunk); } catch (e) { return e.name; }
      return 'never full';
    });
    eq(filled, 'QuotaExceededError');
    await page.fill(field('sections.sec-2.text'), '很长的正文'.repeat(20000));
    await page.waitForSelector('#save-failed');
    eq(await page.inputValue(field('unit.name')), '广州市黄埔区人民代表大会常务委员会办公室');
    await page.evaluate(() => { for (let i = 0; i < 2000; i++) localStorage.removeItem(`filler.${i}`); });
    await context.close();
  });

  await t.test('a corrupt stored draft shows as damaged, downloadable, never overwritten', async () => {
    const { context, page } = await fresh();
    const broken = '{"format":"selfeval-draft","schema":1,"revision":3,"report":{"unit":{"na';
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [DRAFT + 'broken', broken]);
    await page.click('a.back');
    await page.waitForSelector('tr.damaged[data-id="broken"]');
    ok((await text(page, 'tr.damaged')).includes('已损坏'), 'marked damaged');
    const dl = await downloaded(page, () => page.click('tr.damaged .download-raw'));
    eq(readFileSync(await dl.path(), 'utf8'), broken, 'raw text downloads as it is');
    // working on another draft never touches it
    await page.click('#new-sample');
    await page.waitForSelector('#rate');
    await page.fill(field('unit.contact'), '赵六');
    await saved(page);
    eq(await stored(page, 'broken'), broken);
    await page.goto(server.url + '#/d/broken');
    await page.waitForSelector('.banner.error');
    ok((await text(page, '.banner.error')).includes('已损坏'), 'opening it explains');
    eq(await stored(page, 'broken'), broken);
    await context.close();
  });

  await t.test('a draft from a newer version opens read-only and is never written back', async () => {
    const { context, page } = await fresh();
    const future = JSON.stringify({ format: 'selfeval-draft', schema: 99, revision: 5, saved_at: '2031-01-01 00:00:00',
      report: { id: 'future', name: '新版本的草稿', unit: { name: '未来单位', year: 2030 }, hologram: true } });
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [DRAFT + 'future', future]);
    await page.goto(server.url + '#/d/future');
    await page.waitForSelector('#read-only');
    ok((await text(page, '#read-only')).includes('较新版本'), 'says why');
    eq(await page.inputValue(field('unit.name')), '未来单位');
    eq(await page.isDisabled(field('unit.name')), true);
    await page.keyboard.press('Control+z');
    await page.waitForTimeout(1200);
    eq(await stored(page, 'future'), future);
    await page.click('a.back');
    ok((await text(page, 'tr[data-id="future"]')).includes('较新版本'), 'listed as newer');
    await context.close();
  });

  await t.test('two pages on one draft do not overwrite each other', async () => {
    const { context, page: a } = await fresh();
    // B learns at once that its copy is stale, before it writes anything
    const b = await staleSecondPage(context, a, 'A 的修改');
    await b.fill(field('unit.contact'), 'B 的修改');
    await b.waitForTimeout(1200);
    eq(await text(b, '#save-status'), '已停止自动保存');
    const kept = JSON.parse(await stored(a, a.draftId));
    eq(kept.report.unit.contact, 'A 的修改');
    // B keeps its version as a new draft
    await b.click('#save-copy');
    await b.waitForFunction((id) => !location.hash.includes(id), a.draftId);
    await b.waitForSelector('#rate');
    eq(await b.inputValue(field('unit.contact')), 'B 的修改');
    eq(JSON.parse(await stored(a, a.draftId)).report.unit.contact, 'A 的修改');
    // A, meanwhile, goes on saving its own
    await a.fill(field('unit.phone'), '1');
    await saved(a);
    await context.close();
  });

  await t.test('a stale page can take the stored version, its own one undo away', async () => {
    const { context, page: a } = await fresh();
    const b = await staleSecondPage(context, a, 'A');
    await b.fill(field('unit.phone'), 'B');
    await b.click('#take-stored');
    eq(await b.inputValue(field('unit.contact')), 'A');
    await b.click('#undo');
    eq(await b.inputValue(field('unit.phone')), 'B');
    await context.close();
  });

  await t.test('drafts can be renamed, duplicated, deleted with undo, and restored from the history', async () => {
    const { context, page } = await fresh();
    await page.fill(field('unit.contact'), '第二版');
    await saved(page);
    await page.click('a.back');
    const row = `#drafts tr[data-id="${page.draftId}"]`;
    await page.click(`${row} button:has-text("重命名")`);
    await page.fill(`${row} .rename-input`, '我的 2021 报告');
    await page.press(`${row} .rename-input`, 'Enter');
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('我的 2021 报告'), row);
    // the oldest version in the history is the one before this session's edits
    await page.click(`${row} .versions`);
    await page.waitForSelector('#versions tr.version');
    page.once('dialog', (d) => d.accept());
    await page.click('#versions tr.version:last-of-type .restore-version');
    await page.waitForSelector('#undo-restore');
    await page.click(`${row} a.open`);
    await page.waitForSelector('#rate');
    eq(await page.inputValue(field('unit.contact')), '');
    await page.click('a.back');
    await page.click(`${row} button:has-text("复制")`);
    await page.waitForSelector('#rate');
    await page.click('a.back');
    await page.waitForFunction(() => document.querySelectorAll('#drafts tbody tr').length === 2);
    await page.click(`${row} .delete`);
    await page.waitForSelector('#undo-delete');
    eq(await page.$$eval('#drafts tbody tr', (r) => r.length), 1);
    await page.click('#undo-delete button');
    await page.waitForFunction(() => document.querySelectorAll('#drafts tbody tr').length === 2);
    await context.close();
  });

  await t.test('import a draft file as a new draft; a bad file changes nothing', async () => {
    const { context, page } = await fresh();
    await page.click('.export-menu summary');
    const dl = await downloaded(page, () => page.click('#export-json'));
    const path = await dl.path();
    await page.click('a.back');
    await page.setInputFiles('#import', path);
    // the file of a draft already here: asked, and opened as a new draft
    await page.click('#import-new');
    await page.waitForSelector('#rate');
    ok(!page.url().includes(page.draftId), 'imported under a new id');
    await page.click('a.back');
    await page.waitForFunction(() => document.querySelectorAll('#drafts tbody tr').length === 2);
    await page.setInputFiles('#import', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"other"}') });
    await page.waitForSelector('#home-error');
    ok((await text(page, '#home-error')).includes('这不是本工具的草稿文件'), 'says why');
    eq(await page.$$eval('#drafts tbody tr', (r) => r.length), 2);
    await context.close();
  });

  await t.test('storage use and persistence are shown', async () => {
    const { context, page } = await fresh();
    await page.click('a.back');
    ok(/约 \d+ KB/.test(await text(page, '#storage-usage')), await text(page, '#storage-usage'));
    await page.waitForFunction(() => document.querySelector('#persist-state').textContent.includes('持久保存'));
    await context.close();
  });
} finally {
  await browser.close();
  server.stop();
}
process.exit(t.finish() ? 1 : 0);
