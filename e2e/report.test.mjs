// End-to-end tests of the finished report: every download button and its file's content,
// the print view, re-import of the HTML report, hostile text, charts.
// usage: node e2e/report.test.mjs dist
import { readFileSync, copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, runner, eq, ok, freshApp, downloaded } from './harness.mjs';

const dist = process.argv[2] ?? 'dist';
const server = await serve(dist);
const browser = await launch();
const t = runner();
const DRAFT = 'selfeval.v1.draft.';
const TITLE = '广州市黄埔区人民代表大会常务委员会办公室2021年部门整体支出绩效自评报告';

const fresh = () => freshApp(browser, server.url);

const saveDir = mkdtempSync(join(tmpdir(), 'selfeval-report-'));
let saved = 0;

/** Click an item of the export menu and return the downloaded file's path (kept under its
 *  own extension, so a browser opens an .html as a page) and name. */
async function exportFile(page, id) {
  await page.click('.export-menu summary');
  const dl = await downloaded(page, () => page.click(`#${id}`));
  const name = dl.suggestedFilename();
  const path = join(saveDir, `${saved++}${name.slice(name.lastIndexOf('.'))}`);
  copyFileSync(await dl.path(), path);
  return { path, name };
}

/** The text of word/document.xml's paragraphs, through Python's zipfile. */
function docxText(path) {
  const py = `
import re, sys, zipfile
xml = zipfile.ZipFile(sys.argv[1]).read('word/document.xml').decode('utf-8')
for p in xml.split('</w:p>'):
    t = ''.join(re.findall(r'<w:t[^>]*>([^<]*)</w:t>', p))
    t = t.replace('&lt;', '<').replace('&gt;', '>').replace('&quot;', '"').replace('&amp;', '&')
    if t: print(t)
`;
  return execFileSync('python3', ['-c', py, path], { encoding: 'utf8' });
}

try {
  await t.test('Word download carries the report text and the computed figures', async () => {
    const { context, page } = await fresh();
    const { path, name } = await exportFile(page, 'export-docx');
    eq(name, `${TITLE}.docx`);
    eq(readFileSync(path).subarray(0, 2).toString(), 'PK');
    const text = docxText(path);
    const lines = text.split('\n');
    eq(lines[0], TITLE);
    ok(text.includes('全年预算数 4051.83 万元，执行数 3990.84 万元，完成预算的 98.49%。'), 'seed figures');
    ok(text.includes('（三）部门整体支出情况'), 'numbered headings');
    ok(text.includes('附表：'), '自评表');
    ok(/合计\s*\n?.*/.test(text) && text.includes('99.77') && text.includes('等级：优'), 'total and grade');
    await context.close();
  });

  await t.test('HTML report is self-contained and imports back as the same draft', async () => {
    const { context, page } = await fresh();
    const { path, name } = await exportFile(page, 'export-html');
    eq(name, `${TITLE}.html`);
    const html = readFileSync(path, 'utf8');
    ok(html.includes('完成预算的 98.49%'), 'figures');
    ok(!/(src|href)=/.test(html), 'no external resource');
    ok(html.includes('<svg'), 'charts embedded');
    // the exported page renders on its own, with no request anywhere
    const viewer = await context.newPage();
    const requests = [];
    viewer.on('request', (r) => requests.push(r.url()));
    await viewer.goto('file://' + path);
    eq(await viewer.textContent('h1'), TITLE);
    eq(requests.filter((u) => !u.startsWith('file:')), []);
    await viewer.close();
    // import it: a new draft, equal to the original but for its id
    await page.click('a.back');
    await page.setInputFiles('#import', path);
    await page.click('#import-new');
    await page.waitForFunction((id) => location.hash.startsWith('#/d/') && !location.hash.includes(id), page.draftId);
    await page.waitForSelector('#rate');
    const newId = page.url().split('#/d/')[1].split('/')[0];
    const [a, b] = await page.evaluate(([k1, k2]) =>
      [JSON.parse(localStorage.getItem(k1)).report, JSON.parse(localStorage.getItem(k2)).report], [DRAFT + page.draftId, DRAFT + newId]);
    delete a.id; delete b.id;
    ok(b.base && b.base.unit.name === a.unit.name, 'the file is kept as the base of a later merge');
    delete b.base;
    eq(b, a, 're-imported draft');
    await context.close();
  });

  await t.test('hostile text comes out literally in HTML and Word', async () => {
    const { context, page } = await fresh();
    const hostile = '<script>alert(1)</script> ]]> & <img src=x onerror=alert(2)>';
    await page.fill('[data-path="sections.sec-3.text"]', hostile);
    await page.fill('[data-path="unit.name"]', '某单位</title><script>alert(3)</script>');
    ok((await page.textContent('#preview')).includes(hostile), 'preview shows it as text');
    const { path } = await exportFile(page, 'export-html');
    const viewer = await context.newPage();
    let dialogs = 0;
    viewer.on('dialog', (d) => { dialogs++; d.dismiss(); });
    await viewer.goto('file://' + path);
    ok((await viewer.textContent('article')).includes(hostile), 'literal text in the page');
    eq(await viewer.$$eval('article script, article img', (l) => l.length), 0);
    eq(dialogs, 0);
    await viewer.close();
    const word = await exportFile(page, 'export-docx');
    ok(docxText(word.path).includes(hostile), 'literal text in Word');
    await context.close();
  });

  await t.test('自评表 CSV opens in Chinese with the figures', async () => {
    const { context, page } = await fresh();
    const { path, name } = await exportFile(page, 'export-csv');
    eq(name, `${TITLE}-自评表.csv`);
    const bytes = readFileSync(path);
    eq([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
    const csv = bytes.toString('utf8');
    ok(csv.includes('自评总分,99.77,评价等级,优'), 'total');
    ok(csv.includes('合计,,4051.83,3990.84,98.49%,15,14.77'), 'budget block');
    await context.close();
  });

  await t.test('自评表 .xlsx carries the figures as numbers', async () => {
    const { context, page } = await fresh();
    const { path, name } = await exportFile(page, 'export-xlsx');
    eq(name, `${TITLE}-自评表.xlsx`);
    const py = `
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print(z.read('xl/sharedStrings.xml').decode('utf-8'))
print(z.read('xl/worksheets/sheet1.xml').decode('utf-8'))
`;
    const xml = execFileSync('python3', ['-c', py, path], { encoding: 'utf8' });
    ok(xml.includes('预算执行情况（万元）') && xml.includes('绩效指标完成情况'), 'tables');
    ok(xml.includes('<v>4051.83</v>') && xml.includes('<v>99.77</v>'), 'numbers');
    // the execution rate is a number shown as a percentage, not the text "98.49%"
    ok(xml.includes('<v>0.9849</v>') && !xml.includes('98.49%'), 'rate as a number');
    ok(xml.includes('单位负责人') && xml.includes('填报日期'), 'sign-off rows');
    await context.close();
  });

  await t.test('print view shows only the report, with the figures', async () => {
    const { context, page } = await fresh();
    await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed++; }; });
    await page.click('.export-menu summary');
    await page.click('#print');
    await page.waitForFunction(() => window.__printed === 1);
    const text = await page.textContent('#print-root');
    ok(text.includes(TITLE) && text.includes('完成预算的 98.49%') && text.includes('99.77'), 'report in the print view');
    await page.emulateMedia({ media: 'print' });
    eq(await page.isVisible('#print-root'), true);
    eq(await page.isVisible('.editor'), false);
    eq(await page.isVisible('.toolbar'), false);
    await page.emulateMedia({ media: 'screen' });
    eq(await page.isVisible('#print-root'), false);
    await context.close();
  });

  await t.test('charts follow the figures', async () => {
    const { context, page } = await fresh();
    ok((await page.textContent('#chart-budget')).includes('98.49%'), 'budget chart');
    ok((await page.textContent('#chart-score')).includes('19.77 / 20'), 'score chart');
    await page.fill('[data-path="budget.sources.src-1.executed"]', '3000');
    ok((await page.textContent('#chart-budget')).includes('74.04%'), 'updates');
    await context.close();
  });
} finally {
  await browser.close();
  server.stop();
}
process.exit(t.finish() ? 1 : 0);
