// Starting from what a department has: last year's Word report and the bureau's Excel 自评表
// dropped on the drafts list become a draft after a preview, on the release build in headless
// Chromium. The fixtures are written by crates/office/tests/import.rs (SELFEVAL_WRITE_FIXTURES).
// usage: node e2e/import.test.mjs dist
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { serve, launch, runner, eq, ok, freshApp, field, text, stored, FIXTURES as fixtures } from './harness.mjs';

const dist = process.argv[2] ?? 'dist';
const server = await serve(dist);
const browser = await launch();
const t = runner();

async function home(page) {
  await page.click('a.back');
  await page.waitForSelector('#drafts');
}

const drafts = (page) => page.$$eval('#drafts tbody tr', (rows) => rows.length);

try {
  await t.test('a Word report dropped on the list: preview, confirm, the draft with its figures', async () => {
    const { context, page } = await freshApp(browser, server.url);
    await home(page);
    const before = await drafts(page);
    await page.setInputFiles('#import', path.join(fixtures, '某某市某某局2023年自评报告.docx'));
    await page.waitForSelector('#import-preview');
    const found = await text(page, '#import-found');
    ok(found.includes('某某市某某局') && found.includes('2023'), found);
    ok(found.includes('全年预算数 1250.00 万元'), found);
    ok(found.includes('绩效指标 5 个'), found);
    ok((await text(page, '#import-missed')).includes('“备注”'), 'what was not understood, by place');
    eq(await page.evaluate(() => document.activeElement?.id), 'import-preview-title', 'the preview takes the focus');
    eq(await drafts(page), before, 'nothing stored before confirming');
    await page.click('#import-confirm');
    await page.waitForSelector('#rate');
    eq(await page.inputValue(field('unit.name')), '某某市某某局');
    eq(await page.inputValue(field('unit.contact')), '张三');
    eq(await text(page, '#rate'), '98.00%', 'the execution rate from the budget table in 元');
    ok(Number(await text(page, '#total')) > 0, 'a total');
    ok(page.errors.length === 0, page.errors.join('\n'));
    await context.close();
  });

  await t.test('a bureau 自评表 and a file that cannot be read, dropped together', async () => {
    const { context, page } = await freshApp(browser, server.url);
    await home(page);
    const xlsx = { name: '某某区财政局自评表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: readFileSync(path.join(fixtures, '某某区财政局自评表.xlsx')) };
    await page.setInputFiles('#import', [
      xlsx,
      { name: '去年报告.doc', mimeType: 'application/msword', buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4]) },
      { name: '扫描件.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 ...') },
    ]);
    await page.waitForSelector('#import-preview');
    const err = await text(page, '#home-error');
    ok(err.includes('去年报告.doc') && err.includes('另存为” .docx'), err);
    ok(err.includes('扫描件.pdf') && err.includes('PDF'), err);
    ok(!err.includes('line 1 column'), 'never the JSON reader\'s words');
    const found = await text(page, '#import-found');
    ok(found.includes('绩效指标 5 个') && found.includes('95.60'), found);
    ok((await text(page, '#import-missed')).includes('文件中的得分 20'), 'a score that differs is said');
    // not importing leaves everything as it was
    const before = await drafts(page);
    await page.click('#import-drop');
    eq(await page.$('#import-preview'), null);
    eq(await drafts(page), before);
    await page.setInputFiles('#import', path.join(fixtures, '某某区财政局自评表.xlsx'));
    await page.click('#import-confirm');
    await page.waitForSelector('#rate');
    eq(await text(page, '#total'), '95.60', 'the published total stays the total');
    eq(await page.inputValue(field('unit.supervisor')), '某某区财政局');
    await context.close();
  });
  await t.test('a column the importer does not know is placed by the user, and remembered', async () => {
    const { context, page } = await freshApp(browser, server.url);
    await home(page);
    const file = path.join(fixtures, '带说明列的指标表.docx');
    await page.setInputFiles('#import', file);
    await page.waitForSelector('#import-columns select[data-header="情况说明"]');
    await page.selectOption('#import-columns select[data-header="情况说明"]', 'reason');
    await page.waitForFunction(() => !document.querySelector('#import-columns select'));
    ok(!(await text(page, '#import-preview')).includes('未识别的列“情况说明”'), 'no longer asked');
    await page.click('#import-confirm');
    await page.waitForSelector('#rate');
    const id = page.url().split('#/d/')[1].split('/')[0];
    const draft = JSON.parse(await stored(page, id));
    eq(draft.report.indicators[0].reason, '人手不足', 'the column read as 偏差原因');
    // the next file of the same layout comes in the same way, without asking
    await home(page);
    await page.setInputFiles('#import', file);
    await page.waitForSelector('#import-preview');
    eq(await page.$('#import-columns select'), null, 'remembered');
    await context.close();
  });

  await t.test('汇总 takes a 自评表 from a department that does not use the app, beside a broken one', async () => {
    const { context, page } = await freshApp(browser, server.url);
    await home(page);
    await page.click('#to-batch');
    await page.waitForSelector('#batch-files', { state: 'attached' });
    const xlsx = readFileSync(path.join(fixtures, '某某区财政局自评表.xlsx'));
    await page.setInputFiles('#batch-files', [
      { name: '财政局自评表.xlsx', mimeType: 'application/octet-stream', buffer: xlsx },
      { name: '坏的.xlsx', mimeType: 'application/octet-stream', buffer: xlsx.subarray(0, 900) },
    ]);
    await page.waitForSelector('#batch-refused');
    await page.waitForFunction(() => document.querySelectorAll('#batch-table tbody tr').length === 1);
    const row = await text(page, '#batch-table tbody tr');
    ok(row.includes('某某区财政局机关') && row.includes('95.60') && row.includes('1250.00'), row);
    const refused = await text(page, '#batch-refused');
    ok(refused.includes('坏的.xlsx') && refused.includes('损坏'), refused);
    await context.close();
  });
} finally {
  await browser.close();
  server.stop();
}
process.exit(t.finish() ? 1 : 0);
