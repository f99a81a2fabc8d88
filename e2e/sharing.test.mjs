// End-to-end tests of passing drafts between colleagues as files, on the release build in
// headless Chromium: each colleague is a browser context of their own (their own storage).
// usage: node e2e/sharing.test.mjs dist
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { serve, launch, runner, eq, ok, freshApp, saved, downloaded } from './harness.mjs';

const dist = process.argv[2] ?? 'dist';
const server = await serve(dist);
const browser = await launch();
const t = runner();

const fresh = () => freshApp(browser, server.url);
const field = (path) => `[data-path="${path}"]`;
const text = (page, sel) => page.textContent(sel).then((s) => s.trim());

/** Download the open draft's .json; returns its path. */
async function exportJson(page) {
  await page.click('.export-menu summary');
  const dl = await downloaded(page, () => page.click('#export-json'));
  return dl.path();
}

async function back(page) {
  await page.click('a.back');
  await page.waitForSelector('#drafts');
}

/** A colleague takes my file, edits it with `edit`, and sends theirs back (a path). */
async function colleague(path, edit) {
  const { context, page } = await fresh();
  await back(page);
  await page.setInputFiles('#import', path);
  await page.waitForSelector('#rate');
  await edit(page);
  await saved(page);
  const theirs = await exportJson(page);
  return { context, theirs };
}

try {
  await t.test('changes on either side merge without asking, as one undo step', async () => {
    const { context, page } = await fresh();
    const mine = await exportJson(page);
    const c = await colleague(mine, (p) => p.fill(field('indicators.ind-1.reason'), '对方写的偏差原因'));
    await page.fill(field('conclusion'), '我写的结论');
    await saved(page);
    await back(page);
    await page.setInputFiles('#import', c.theirs);
    await page.waitForSelector('#import-choice');
    ok((await text(page, '#import-choice')).includes('同一份草稿'), 'recognised as the same draft');
    await page.click('#import-merge');
    await page.waitForSelector('#rate');
    ok(page.url().includes(page.draftId), 'merged into my draft, not a new one');
    eq(await page.inputValue(field('indicators.ind-1.reason')), '对方写的偏差原因');
    eq(await page.inputValue(field('conclusion')), '我写的结论');
    ok((await text(page, '#edit-note')).includes('已合并'), 'says so');
    await page.click('#undo');
    eq(await page.inputValue(field('indicators.ind-1.reason')), '');
    eq(await page.inputValue(field('conclusion')), '我写的结论');
    await c.context.close();
    await context.close();
  });

  await t.test('re-importing an unchanged file says so instead of offering a merge of nothing', async () => {
    const { context, page } = await fresh();
    await page.fill(field('unit.contact'), '导出前填的');
    await saved(page);
    const mine = await exportJson(page);
    await back(page);
    const before = await page.$$eval('#drafts tbody tr', (l) => l.length);
    await page.setInputFiles('#import', mine);
    await page.waitForSelector('#import-unchanged');
    ok((await text(page, '#import-unchanged')).includes('内容相同'), await text(page, '#import-unchanged'));
    eq(await page.$('#import-merge'), null, 'no merge of nothing offered');
    await page.click('#import-done');
    eq(await page.$('#import-choice'), null, 'and the choice goes');
    eq(await page.$$eval('#drafts tbody tr', (l) => l.length), before, 'no draft added');
    await context.close();
  });

  await t.test('a part both sides changed is the user\'s choice, shown side by side', async () => {
    const { context, page } = await fresh();
    const mine = await exportJson(page);
    const c = await colleague(mine, (p) => p.fill(field('sections.sec-2.text'), '对方改写的第二节。'));
    await page.fill(field('sections.sec-2.text'), '我改写的第二节。');
    await saved(page);
    await back(page);
    await page.setInputFiles('#import', c.theirs);
    await page.click('#import-merge');
    await page.waitForSelector('#merge .merge-conflict');
    eq(await page.$$eval('#merge .merge-conflict', (l) => l.length), 1);
    eq(await page.isDisabled('#merge-finish'), true, 'nothing resolved silently');
    ok((await page.$$eval('#merge mark', (m) => m.map((x) => x.textContent).join(''))).includes('对方'), 'differences marked');
    await page.check('#merge .take-theirs');
    await page.click('#merge-finish');
    await page.waitForSelector('#rate');
    eq(await page.inputValue(field('sections.sec-2.text')), '对方改写的第二节。');
    await c.context.close();
    await context.close();
  });

  await t.test('replace keeps the replaced version in the history; open as new adds a draft', async () => {
    const { context, page } = await fresh();
    const mine = await exportJson(page);
    const c = await colleague(mine, (p) => p.fill(field('unit.contact'), '对方'));
    await page.fill(field('unit.contact'), '我方');
    await saved(page);
    await back(page);
    await page.setInputFiles('#import', c.theirs);
    await page.click('#import-replace');
    await page.waitForSelector('#rate');
    eq(await page.inputValue(field('unit.contact')), '对方');
    await saved(page);
    await back(page);
    await page.click(`#drafts tr[data-id="${page.draftId}"] .versions`);
    await page.waitForSelector('#versions tr.version');
    const versions = await page.$$eval('#versions tr.version', (r) => r.length);
    ok(versions >= 1, 'the version before the replacement is kept');
    await page.setInputFiles('#import', c.theirs);
    await page.click('#import-new');
    await page.waitForSelector('#rate');
    ok(!page.url().includes(page.draftId), 'a new draft');
    await back(page);
    eq(await page.$$eval('#drafts tbody tr', (r) => r.length), 2);
    await c.context.close();
    await context.close();
  });

  await t.test('many files at once, dropped or picked: bad ones are named, the rest imported', async () => {
    const { context, page } = await fresh();
    const good = readFileSync(await exportJson(page), 'utf8');
    await back(page);
    // files of other drafts (another origin each)
    const other = (n) => {
      const f = JSON.parse(good);
      f.report.id = `other-${n}`;
      f.report.origin = `other-${n}`;
      f.report.unit.name = `另一单位 ${n}`;
      return Buffer.from(JSON.stringify(f));
    };
    const unknownPack = JSON.parse(good);
    unknownPack.report.origin = 'x';
    unknownPack.report.pack_id = 'province-2030';
    await page.setInputFiles('#import', [
      { name: 'a.json', mimeType: 'application/json', buffer: other(1) },
      { name: 'b.json', mimeType: 'application/json', buffer: other(2) },
      { name: '坏文件.json', mimeType: 'application/json', buffer: Buffer.from(good.slice(0, 300)) },
      { name: '未知体系.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(unknownPack)) },
    ]);
    await page.waitForSelector('#home-error');
    const err = await text(page, '#home-error');
    ok(err.includes('坏文件.json') && err.includes('损坏或不完整'), err);
    ok(err.includes('未知体系.json') && err.includes('province-2030'), err);
    await page.waitForSelector('#imported');
    eq(await page.$$eval('#drafts tbody tr', (r) => r.length), 3);
    // dropped onto the page
    await page.evaluate((json) => {
      const dt = new DataTransfer();
      const f = JSON.parse(json);
      f.report.origin = 'dropped';
      dt.items.add(new File([JSON.stringify(f)], 'dropped.json', { type: 'application/json' }));
      document.querySelector('main.home').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, good);
    await page.waitForSelector('#rate');
    await back(page);
    eq(await page.$$eval('#drafts tbody tr', (r) => r.length), 4);
    await context.close();
  });

  await t.test('comments travel in the file beside their field, never in the report', async () => {
    const { context, page } = await fresh();
    // the app's own dialog, not the browser's prompt(): the name is asked the first time
    page.on('dialog', (d) => { throw new Error(`a browser dialog: ${d.message()}`); });
    await page.click(field('indicators.ind-1.reason'));
    await page.click('#add-comment');
    await page.waitForSelector('#comment-dialog');
    ok((await text(page, '#comment-dialog')).includes('偏差原因'), 'names the field it is about');
    eq(await page.evaluate(() => document.activeElement.id), 'comment-author', 'focus in the dialog');
    await page.keyboard.type('李审核');
    await page.fill('#comment-text', '偏差原因请写具体');
    await page.click('#comment-save');
    await page.waitForSelector('#comments .comment');
    eq(await page.$('#comment-dialog'), null, 'closed');
    eq(await page.evaluate(() => document.activeElement.id), 'add-comment', 'focus back on its button');
    ok((await text(page, '#comments')).includes('偏差原因请写具体') && (await text(page, '#comments')).includes('李审核'), 'listed with its author');
    await page.waitForSelector(`.field:has(${field('indicators.ind-1.reason')}) .comment-badge`);
    await saved(page);
    const path = await exportJson(page);
    const file = JSON.parse(readFileSync(path, 'utf8'));
    eq(file.report.comments[0].on, 'indicators.ind-1.reason');
    // the report itself carries no comment
    await page.click('.export-menu summary');
    const dl = await downloaded(page, () => page.click('#export-html'));
    ok(!readFileSync(await dl.path(), 'utf8').split('<script')[0].includes('偏差原因请写具体'), 'not in the report');
    // a second comment asks no name again; resolving is kept
    await page.click(field('unit.contact'));
    await page.click('#add-comment');
    await page.waitForSelector('#comment-dialog');
    eq(await page.$('#comment-author'), null, 'the name is not asked again');
    // Esc closes it and nothing is added
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('#comment-dialog'));
    eq(await page.$$eval('#comments .comment', (l) => l.length), 1);
    await page.click('#add-comment');
    await page.waitForSelector('#comment-text:focus');
    await page.keyboard.type('第二条');
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction(() => document.querySelectorAll('#comments .comment').length === 2);
    await page.check('#comments .comment >> nth=0 >> .resolve');
    await saved(page);
    await back(page);
    ok((await text(page, `#drafts tr[data-id="${page.draftId}"]`)).includes('批注 1'), 'open comments in the list');
    await context.close();
  });

  await t.test('已定稿 locks the draft until someone reopens it, on the record', async () => {
    const { context, page } = await fresh();
    const answers = ['王科长'];
    page.on('dialog', (d) => (d.type() === 'prompt' ? d.accept(answers.shift()) : d.accept()));
    await page.selectOption('#status', 'final');
    await page.waitForSelector('#final');
    ok((await text(page, '#final')).includes('王科长'), 'who finalised it');
    eq(await page.isDisabled(field('unit.contact')), true);
    await saved(page);
    await page.reload();
    await page.waitForSelector('#final');
    eq(await page.isDisabled(field('unit.contact')), true, 'still locked after a reload');
    await page.click('#reopen');
    await page.waitForFunction(() => !document.querySelector('#final'));
    await page.fill(field('unit.contact'), '可以改了');
    await saved(page);
    const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), 'selfeval.v1.draft.' + page.draftId));
    eq(stored.report.status_log.map((c) => [c.status, c.by]), [['final', '王科长'], ['drafting', '王科长']]);
    await back(page);
    ok((await text(page, `#drafts tr[data-id="${page.draftId}"]`)).includes('起草中'), 'status in the list');
    await context.close();
  });

  await t.test('汇总: 200 departments\' files at once, broken ones listed, sorted, downloaded as CSV', async () => {
    const { context, page } = await fresh();
    const good = JSON.parse(readFileSync(await exportJson(page), 'utf8'));
    const files = [];
    for (let i = 0; i < 200; i++) {
      const f = structuredClone(good);
      f.report.id = `dept-${i}`;
      f.report.origin = `dept-${i}`;
      f.report.unit.name = `第${i + 1}部门`;
      f.report.budget.sources[0].executed = String(3000 + i * 5);
      files.push({ name: `dept-${i}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(f)) });
    }
    files.push({ name: '截断.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good).slice(0, 500)) });
    files.push({ name: '不是草稿.json', mimeType: 'application/json', buffer: Buffer.from('{"hello":1}') });
    await page.click('a.back');
    await page.click('#to-batch');
    await page.waitForSelector('#batch-files', { state: 'attached' });
    const before = await page.evaluate(() => Object.keys(localStorage).length);
    await page.setInputFiles('#batch-files', files);
    // all 200 read; the table draws the first rows, more as the page is scrolled, all on request
    await page.waitForFunction(() => document.querySelector('#batch-table').getAttribute('aria-rowcount') === '201' && !document.querySelector('#batch-progress'), null, { timeout: 60000 });
    const drawn = () => page.evaluate(() => document.querySelectorAll('#batch-table tbody tr').length);
    const firstDrawn = await drawn();
    ok(firstDrawn >= 20 && firstDrawn < 200, `a screenful and a margin drawn: ${firstDrawn}`);
    ok((await text(page, '#batch-more')).includes(`已显示前 ${firstDrawn} 行`));
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForFunction((n) => document.querySelectorAll('#batch-table tbody tr').length > n, firstDrawn);
    await page.click('#batch-all');
    await page.waitForFunction(() => document.querySelectorAll('#batch-table tbody tr').length === 200);
    eq(await page.$('#batch-more'), null, 'no note once every row is drawn');
    await page.waitForSelector('#batch-refused');
    const refused = await text(page, '#batch-refused');
    ok(refused.includes('截断.json') && refused.includes('不是草稿.json') && refused.includes('2 个文件'), refused);
    eq(await page.evaluate(() => Object.keys(localStorage).length), before, 'nothing stored');
    // sort by 执行率, highest first
    await page.click('#batch-table button.sort[data-col="6"]');
    await page.click('#batch-table button.sort[data-col="6"]');
    const first = await page.$$eval('#batch-table tbody tr:first-child td', (c) => c.map((x) => x.textContent));
    eq(first[1], '第200部门');
    const dl = await downloaded(page, () => page.click('#batch-csv'));
    const csv = readFileSync(await dl.path(), 'utf8');
    ok(csv.startsWith('\uFEFF'), 'BOM for Excel and WPS');
    eq(csv.trim().split('\r\n').length, 202, 'caption, header and 200 rows');
    // the same table as a workbook, built in the exporter module: texts shared, figures numbers
    const book = await downloaded(page, () => page.click('#batch-xlsx'));
    eq(book.suggestedFilename(), '部门整体支出绩效自评汇总.xlsx');
    const py = `
import sys, zipfile, xml.dom.minidom
z = zipfile.ZipFile(sys.argv[1])
for n in z.namelist():
    if n.endswith('.xml') or n.endswith('.rels'): xml.dom.minidom.parseString(z.read(n))
s = z.read('xl/worksheets/sheet1.xml').decode()
print(s.count('<row '), '第200部门' in z.read('xl/sharedStrings.xml').decode(), '<v>3995</v>' in s)
`;
    eq(execFileSync('python3', ['-c', py, await book.path()], { encoding: 'utf8' }).trim(), '202 True True',
      'caption, header and 200 rows; names as text, amounts as numbers');
    // a row opens read-only, and can be imported on purpose
    await page.click('#batch-table tbody tr:first-child .view');
    await page.waitForSelector('#read-only');
    eq(await page.isDisabled(field('unit.name')), true);
    await page.goBack();
    await page.waitForSelector('#batch-table');
    await context.close();
  });

  await t.test('a finance bureau\'s own framework: copied, edited, handed over as a file, used by a department', async () => {
    const { context, page } = await fresh();
    await back(page);
    page.on('dialog', (d) => d.accept());
    await page.click('#packs tr[data-pack="huangpu-2021"] .copy-pack');
    await page.waitForSelector('#pack-editor');
    await page.fill('#pack-name', '某区 2026 部门整体支出评价体系');
    await page.fill('#pack-version', '2026.1');
    await page.fill('#pack-editor .pack-weight >> nth=0', '9');
    await page.click('#pack-save');
    await page.waitForSelector('#pack-error');
    ok((await text(page, '#pack-error')).includes('权重合计'), 'weights must add up');
    await page.fill('#pack-editor .pack-weight >> nth=1', String(Number(await page.inputValue('#pack-editor .pack-weight >> nth=1')) - 1));
    await page.fill('#pack-editor .pack-limit >> nth=0', '50');
    // a rule's parameters as text: a bad one is marked and not taken
    await page.fill('#pack-editor .pack-params >> nth=0', '限值 一百');
    await page.waitForSelector('#pack-editor .parse-error');
    await page.fill('#pack-editor .pack-params >> nth=0', '');
    await page.click('#pack-save');
    await page.waitForFunction(() => !document.querySelector('#pack-editor'));
    const row = '#packs tr:has-text("某区 2026")';
    ok((await text(page, row)).includes('我的') && (await text(page, row)).includes('2026.1'), 'listed as the user\'s');
    const dl = await downloaded(page, () => page.click(`${row} .export-pack`));
    const packFile = await dl.path();
    // a draft under it, handed to a department that does not have the framework yet
    await page.selectOption('#new-pack', { label: '某区 2026 部门整体支出评价体系' });
    await page.click('#new-blank');
    await page.waitForSelector('#rate');
    eq(await page.inputValue('[data-path="indicators.ind-1.weight"]'), '9');
    ok((await text(page, '.field:has([data-path="indicators.ind-1.reason"])')).includes('/ 50 字'), 'the edited limit applies');
    const draftFile = await exportJson(page);
    const dept = await fresh();
    await back(dept.page);
    await dept.page.setInputFiles('#import', draftFile);
    await dept.page.waitForSelector('#home-error');
    ok((await text(dept.page, '#home-error')).includes('导入该体系'), 'says to import the framework first');
    await dept.page.click('#home-error button');
    await dept.page.setInputFiles('#import-pack', packFile);
    await dept.page.waitForSelector('#packs tr:has-text("某区 2026")');
    await dept.page.setInputFiles('#import', draftFile);
    await dept.page.waitForSelector('#rate');
    eq(await dept.page.inputValue('[data-path="indicators.ind-1.weight"]'), '9');
    // after a reload the framework is still there
    await dept.page.reload();
    await dept.page.waitForSelector('#rate');
    eq(await dept.page.$$eval('#pack-missing', (l) => l.length), 0);
    await dept.context.close();
    await context.close();
  });

  await t.test('a file from a newer version opens read-only and is not stored', async () => {
    const { context, page } = await fresh();
    const f = JSON.parse(readFileSync(await exportJson(page), 'utf8'));
    f.schema = 9;
    f.report.origin = 'future';
    f.report.unit.name = '未来版本的单位';
    f.report.hologram = true;
    await back(page);
    const before = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('.draft.')).length);
    await page.setInputFiles('#import', { name: 'future.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(f)) });
    await page.waitForSelector('#read-only');
    ok((await text(page, '#read-only')).includes('较新版本') && (await text(page, '#read-only')).includes('future.json'), 'says why');
    eq(await page.inputValue(field('unit.name')), '未来版本的单位');
    eq(await page.isDisabled(field('unit.name')), true);
    eq(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('.draft.')).length), before, 'nothing stored');
    await context.close();
  });

  await t.test('assumed weights are noted on screen until confirmed, never in the report', async () => {
    const { context, page } = await fresh();
    ok((await text(page, '#weights-note')).includes('权重为假设值'), 'noted beside the score');
    await page.click('.export-menu summary');
    const dl = await downloaded(page, () => page.click('#export-html'));
    ok(!readFileSync(await dl.path(), 'utf8').split('<script')[0].includes('权重为假设值'), 'not in the official report');
    await page.click('#confirm-weights');
    await page.waitForFunction(() => !document.querySelector('#weights-note'));
    await saved(page);
    await page.reload();
    await page.waitForSelector('#rate');
    eq(await page.$$eval('#weights-note', (l) => l.length), 0, 'confirmed for good');
    await context.close();
  });
} finally {
  await browser.close();
  server.stop();
}
process.exit(t.finish() ? 1 : 0);
