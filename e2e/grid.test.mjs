// The tables as a spreadsheet, on the release build in headless Chromium: keyboard moves and
// edits, pasting a tab-separated block and an HTML table as Excel puts them on the clipboard
// (with a bad cell), header mapping of a whole pasted 自评表, undo of a paste, copy out; a
// 300-row grid, which draws only the rows in sight.
// usage: node e2e/grid.test.mjs dist
import { serve, launch, runner, eq, ok, freshApp } from './harness.mjs';
import { storeGenerated } from './workloads.mjs';

const dist = process.argv[2] ?? 'dist';
const server = await serve(dist);
const browser = await launch();
const t = runner();
const cell = (row, col) => `.sheet-grid[data-list="ind"] input[data-row="${row}"][data-col="${col}"]`;
const ACTUAL = 7, WEIGHT = 8, REASON = 9, LEVEL1 = 0;
const focused = (page) => page.evaluate(() => [document.activeElement?.dataset?.row, document.activeElement?.dataset?.col].join(','));

/** Paste into the focused cell as Excel does: text/plain and (optionally) text/html. */
async function paste(page, text, html) {
  await page.evaluate(([text, html]) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    if (html) dt.setData('text/html', html);
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, [text, html]);
}

/** The sample, which opens as a grid (more than a few indicators). */
async function openGrid() {
  const { context, page } = await freshApp(browser, server.url, { grid: true });
  await page.waitForSelector(cell(0, ACTUAL));
  eq(await page.getAttribute('#indicators-grid', 'aria-pressed'), 'true', 'the grid by default');
  return { context, page };
}

try {
  await t.test('keyboard moves and edits as in a spreadsheet', async () => {
    const { context, page } = await openGrid();
    // the sample reads cleanly: 优 in a 定性 row is a result, not a bad figure
    eq(await page.$$eval('.sheet-grid td.invalid', (l) => l.length), 0, 'no cell marked');
    // the linked 预算执行率 row shows its computed rate, read-only, as its card does
    const linked = await page.$$eval('.sheet-grid td.computed input.cell', (l) => l.map((i) => [i.value, i.readOnly]));
    eq(JSON.stringify(linked), JSON.stringify([['98.49%', true]]), 'linked completion value');
    await page.click(cell(0, ACTUAL));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('29');
    eq(await page.textContent('.sheet-grid [data-computed="ind-1"]'), '7.73', '29 of 30 × 8');
    await page.keyboard.press('ArrowDown');
    eq(await focused(page), `1,${ACTUAL}`);
    await page.keyboard.press('Enter');
    eq(await focused(page), `2,${ACTUAL}`);
    await page.keyboard.press('Shift+Enter');
    eq(await focused(page), `1,${ACTUAL}`);
    // Esc puts back what the cell held when it was entered
    await page.keyboard.type('99');
    await page.keyboard.press('Escape');
    eq(await page.inputValue(cell(1, ACTUAL)), '6');
    // across cells with the caret at the edge
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowRight');
    eq(await focused(page), `1,${WEIGHT}`);
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowLeft');
    eq(await focused(page), `1,${ACTUAL}`);
    // a bad figure stays as typed and is marked in place, never a zero
    await page.keyboard.press('Control+A');
    await page.keyboard.type('六项');
    await page.waitForSelector(`.sheet-grid td.invalid ${cell(1, ACTUAL).split(' ').pop()}`);
    eq(await page.inputValue(cell(1, ACTUAL)), '六项');
    ok((await page.textContent('.grid-wrap .cell-error')).startsWith('第 2 行 · 完成值：'), 'the message in words');
    // rows from the keyboard
    const rows = await page.$$eval('.sheet-grid[data-list="ind"] tbody tr', (r) => r.length);
    await page.keyboard.press('Alt+Insert');
    await page.waitForFunction((n) => document.querySelectorAll('.sheet-grid[data-list="ind"] tbody tr').length === n + 1, rows);
    eq(page.errors, []);
    await context.close();
  });

  await t.test('as in Excel: a click selects the cell and typing replaces it, arrows move at once, Enter on the last row adds one, 性质 is a choice', async () => {
    const { context, page } = await openGrid();
    await page.click(cell(0, WEIGHT));
    await page.keyboard.type('9');
    eq(await page.inputValue(cell(0, WEIGHT)), '9', 'typing replaced 8, no Ctrl+A');
    // after typing, the arrows leave the cell at once (the caret is not walked back)
    await page.keyboard.press('ArrowLeft');
    eq(await focused(page), `0,${ACTUAL}`);
    await page.keyboard.press('ArrowLeft');
    eq(await focused(page), `0,${ACTUAL - 1}`, 'from a cell just entered, left moves at once');
    // F2 edits inside: the arrows move the caret
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('F2');
    await page.keyboard.press('ArrowLeft');
    eq(await focused(page), `0,${ACTUAL}`, 'the caret moved, not the cell');
    // 性质 is a choice; the arrows go on to the next row and do not change it
    const nature = '.sheet-grid[data-list="ind"] select[data-row="0"][data-col="3"]';
    eq(await page.$eval(nature, (s) => [...s.options].map((o) => o.value)), ['≥', '≤', '=', '定性']);
    await page.focus(nature);
    await page.keyboard.press('ArrowDown');
    eq(await focused(page), '1,3');
    eq(await page.inputValue(nature), '≥', 'arrowing past did not change it');
    await page.selectOption('.sheet-grid[data-list="ind"] select[data-row="1"][data-col="3"]', '≤');
    eq(await page.inputValue('.sheet-grid [data-path="indicators.ind-2.nature"]'), '≤');
    // a 定性 row's 完成值 offers the pack's words; one outside them is marked
    eq(await page.getAttribute(cell(6, ACTUAL), 'list'), 'grid-words');
    ok((await page.$$eval('#grid-words option', (o) => o.map((x) => x.value))).includes('良'), 'the ladder words');
    eq(await page.getAttribute(cell(0, ACTUAL), 'list'), null, 'not on a measured row');
    await page.click(cell(6, ACTUAL));
    await page.keyboard.type('还行');
    await page.waitForSelector(`.sheet-grid td.invalid ${cell(6, ACTUAL).split(' ').pop()}`);
    await page.keyboard.press('Control+a');
    await page.keyboard.type('较好');
    await page.waitForFunction((sel) => !document.querySelector(sel).closest('td').classList.contains('invalid'), cell(6, ACTUAL));
    // Enter on the last row adds a row and goes to it
    await page.click(cell(11, WEIGHT));
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('.sheet-grid[data-list="ind"] tbody tr').length === 13);
    await page.waitForFunction((c) => document.activeElement?.dataset?.row === '12' && document.activeElement?.dataset?.col === String(c), WEIGHT);
    eq(page.errors, []);
    await context.close();
  });

  await t.test('a pasted block fills from the cursor after a preview, flags a bad cell, undoes in one step', async () => {
    const { context, page } = await openGrid();
    await page.click(cell(10, ACTUAL));
    // 完成值 + 权重 of rows 11–13; the last row is new; "八" is no number
    await paste(page, '31\t9\r\n2200篇\t10\r\n96%\t八\r\n');
    await page.waitForSelector('#paste-preview');
    const summary = await page.textContent('#paste-preview p');
    ok(summary.includes('新增 1 行') && summary.includes('1 个单元格无法识别'), summary);
    await page.click('#paste-apply');
    await page.waitForFunction(() => document.querySelectorAll('.sheet-grid[data-list="ind"] tbody tr').length === 13);
    eq(await page.inputValue(cell(11, WEIGHT)), '10');
    eq(await page.inputValue(cell(12, WEIGHT)), '八', 'kept as pasted');
    ok(await page.$(`td.invalid > ${cell(12, WEIGHT).split(' ').pop()}`), 'flagged in place');
    // one undo step takes the whole paste back
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => document.querySelectorAll('.sheet-grid[data-list="ind"] tbody tr').length === 12);
    eq(await page.inputValue(cell(11, WEIGHT)), '10', 'row 12 as before');
    eq(await page.inputValue(cell(10, ACTUAL)), '', 'row 11 as before');
    await context.close();
  });

  await t.test('a whole 自评表 pasted as Excel’s HTML maps its columns by header', async () => {
    const { context, page } = await openGrid();
    await page.click(cell(0, LEVEL1));
    const html = `<html><body><table>
      <tr><td>序号</td><td>一级指标</td><td>二级指标</td><td>指标名称</td><td>指标性质</td><td>计量单位</td><td>年度指标值</td><td>实际完成值</td><td>分值</td><td>得分</td><td>偏差原因分析</td></tr>
      <tr><td>1</td><td>产出指标</td><td>数量指标</td><td>播发稿件数量</td><td>≥</td><td>篇</td><td>2200</td><td>2859</td><td>10</td><td>10</td><td></td></tr>
      <tr><td>2</td><td>效益指标</td><td>社会效益指标</td><td>群众满意度</td><td>大于等于</td><td>%</td><td>≥95%</td><td>96%</td><td>8</td><td>8</td><td>无</td></tr>
      </table></body></html>`;
    await paste(page, 'ignored when there is a table', html);
    await page.waitForSelector('#paste-preview');
    ok((await page.textContent('#paste-preview')).includes('“得分”由本工具计算'), 'computed header noted');
    ok(await page.$('#paste-preview select[data-header="0"]'), 'asks about 序号 only');
    eq(await page.$$eval('#paste-preview select[data-header]', (s) => s.length), 1);
    await page.click('#paste-apply');
    await page.waitForFunction(() => document.querySelector('[data-path="indicators.ind-1.level3"]')?.value === '播发稿件数量');
    eq(await page.inputValue('.sheet-grid [data-path="indicators.ind-1.unit"]'), '篇');
    eq(await page.inputValue('.sheet-grid [data-path="indicators.ind-2.nature"]'), '≥');
    eq(await page.inputValue('.sheet-grid [data-path="indicators.ind-2.target"]'), '≥95%');
    eq(await page.inputValue('.sheet-grid [data-path="indicators.ind-2.reason"]'), '无');
    await context.close();
  });

  await t.test('copy out gives tab-separated rows with numbers as numbers', async () => {
    const { context, page } = await freshApp(browser, server.url);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.click('#budget-grid');
    await page.fill('.sheet-grid[data-list="src"] [data-path="budget.sources.src-1.initial"]', '4,000.00万元');
    await page.click('.sheet-grid[data-list="src"] ~ * .copy-grid, .grid-wrap:has([data-list="src"]) .copy-grid');
    const text = await page.evaluate(() => navigator.clipboard.readText());
    ok(text.startsWith('财政拨款\t4000\t4051.83\t3990.84\t'), JSON.stringify(text.slice(0, 60)));
    await context.close();
  });
  await t.test('the chosen view is kept; the cards are one click away', async () => {
    const { context, page } = await openGrid();
    await page.click('#indicators-cards');
    await page.waitForSelector('.row-card.indicator');
    await page.reload();
    await page.waitForSelector('.row-card.indicator');
    eq(await page.$('.sheet-grid[data-list="ind"]'), null, 'cards after a reload');
    await context.close();
  });

  await t.test('a range of cells copies as tab-separated rows and Delete empties it; the row menu inserts and removes', async () => {
    const { context, page } = await openGrid();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.click(cell(0, 5));
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    eq(await page.$$eval('.sheet-grid td.in-range', (l) => l.length), 6);
    await page.keyboard.press('Control+c');
    const text = await page.evaluate(() => navigator.clipboard.readText());
    eq(text, '30\t\t30\r\n6\t\t6\r\n');
    // Delete empties the range, one undo step puts it back
    await page.keyboard.press('Delete');
    await page.waitForFunction((sel) => document.querySelector(sel).value === '', cell(1, 7));
    eq([await page.inputValue(cell(0, 5)), await page.inputValue(cell(1, 7)), await page.inputValue(cell(0, 4))], ['', '', '项'],
      'the range emptied, the cell beside it kept');
    await page.click('#undo');
    await page.waitForFunction((sel) => document.querySelector(sel).value === '6', cell(1, 7));
    eq(await page.inputValue(cell(0, 5)), '30', 'one undo');
    await page.click('.sheet-grid[data-list="ind"] tbody tr:nth-child(2) th.rownum', { button: 'right' });
    await page.click('.row-menu .menu-above');
    await page.waitForFunction(() => document.querySelectorAll('.sheet-grid[data-list="ind"] tbody tr').length === 13);
    eq(await page.inputValue(cell(1, 2)), '', 'a new row above the second');
    eq(await page.inputValue(cell(2, 2)), '开展执法检查和工作评议');
    await page.click('.sheet-grid[data-list="ind"] tbody tr:nth-child(2) th.rownum', { button: 'right' });
    await page.click('.row-menu .menu-remove');
    await page.waitForFunction(() => document.querySelectorAll('.sheet-grid[data-list="ind"] tbody tr').length === 12);
    await context.close();
  });

  await t.test('添加指标 from the library brings the rule and the explanation', async () => {
    const { context, page } = await freshApp(browser, server.url);
    await page.click('#library-open');
    await page.fill('#library-search', '采购');
    await page.waitForSelector('#library-results li');
    const item = page.locator('#library-results li', { hasText: '政府采购执行率' });
    await item.locator('.library-add').click();
    await page.waitForSelector('[data-path="indicators.ind-13.level3"]');
    eq(await page.inputValue('[data-path="indicators.ind-13.level3"]'), '政府采购执行率');
    eq(await page.inputValue('[data-path="indicators.ind-13.link"]'), 'procurement_rate', 'computed from the draft');
    ok((await page.textContent('.row-card.indicator[data-id="ind-13"]')).includes('指标解释：实际政府采购金额'), 'explanation beside the row');
    // one undo step takes it away
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => !document.querySelector('[data-path="indicators.ind-13.level3"]'));
    eq(page.errors, []);
    await context.close();
  });
  await t.test('a row the framework left to be named shows its hint, and typing replaces it', async () => {
    const { context, page } = await freshApp(browser, server.url, { grid: true });
    await page.click('a.back');
    await page.selectOption('#new-pack', 'self-eval-10-90');
    await page.click('#new-blank');
    await page.waitForSelector('.sheet-grid[data-list="ind"]');
    const LEVEL3 = 2;
    const rows = await page.$$eval(`.sheet-grid[data-list="ind"] input[data-col="${LEVEL3}"]`,
      (l) => l.map((i) => [i.value, i.placeholder]));
    const at = rows.findIndex(([, hint]) => hint.startsWith('（请填写'));
    ok(at >= 0, `a hint among ${JSON.stringify(rows)}`);
    eq(rows[at][0], '', 'the cell is empty, the hint its placeholder');
    await page.click(cell(at, LEVEL3));
    await page.keyboard.type('办件数量');
    eq(await page.inputValue(cell(at, LEVEL3)), '办件数量', 'typed, no hint left in the text');
    ok(!(await page.textContent('#findings')).includes(`第 ${at + 1} 行尚未命名`), 'the finding goes');
    await context.close();
  });

  await t.test('a 300-row grid draws the rows in sight, and the keyboard, a finding and Enter reach every row', async () => {
    const { context, page } = await openGrid();
    await storeGenerated(page, 300);
    await page.goto(`${server.url}#/d/bench300`);
    const grid = '.sheet-grid[data-list="ind"]';
    await page.waitForFunction((g) => document.querySelector(g)?.getAttribute('aria-rowcount') === '301', grid);
    await page.waitForSelector(cell(0, ACTUAL));
    const drawn = () => page.$$eval(`${grid} tbody tr[aria-rowindex]`, (l) => l.map((tr) => Number(tr.getAttribute('aria-rowindex')) - 2));
    const first = await drawn();
    ok(first.length >= 20 && first.length <= 80 && first[0] === 0, `some rows drawn: ${first.length}`);
    // the rows not drawn keep their height: the box scrolls as over 300 rows
    await page.$eval(grid, (t) => t.closest('.grid-scroll').scrollIntoView());
    await page.waitForTimeout(100);
    const box = await page.$eval(`${grid}`, (t) => {
      const b = t.closest('.grid-scroll');
      return { scroll: b.scrollHeight, row: t.querySelector('tbody tr[aria-rowindex]').offsetHeight };
    });
    ok(box.scroll >= 300 * box.row, JSON.stringify(box));
    // scrolled to the end: the last rows, numbered as they are
    await page.$eval(grid, (t) => { const b = t.closest('.grid-scroll'); b.scrollIntoView(); b.scrollTop = b.scrollHeight; });
    await page.waitForSelector(cell(299, ACTUAL));
    eq(await page.textContent(`${grid} tr[aria-rowindex="301"] th.rownum`), '300');
    ok(!(await page.$(cell(0, ACTUAL))), 'the first row is no longer drawn');
    // Enter on the last row adds a row and goes to it
    await page.click(cell(299, WEIGHT));
    await page.keyboard.press('Enter');
    await page.waitForFunction((c) => document.activeElement?.dataset?.row === '300' && document.activeElement?.dataset?.col === String(c), WEIGHT);
    eq(await page.getAttribute(grid, 'aria-rowcount'), '302');
    // back at the top, ↓ goes down past the rows first drawn
    await page.$eval(grid, (t) => { t.closest('.grid-scroll').scrollTop = 0; });
    await page.waitForSelector(cell(0, ACTUAL));
    await page.click(cell(0, ACTUAL));
    for (let i = 0; i < 90; i++) await page.keyboard.press('ArrowDown');
    eq(await focused(page), `90,${ACTUAL}`, 'the focus went down 90 rows');
    // a finding on a row far below focuses its cell
    await page.keyboard.press('Control+a');
    await page.keyboard.type('九十项');
    await page.$eval(grid, (t) => { t.closest('.grid-scroll').scrollTop = 0; });
    await page.waitForSelector(cell(0, ACTUAL));
    await page.waitForFunction(() => !document.querySelector('[data-row="90"]'));
    await page.click('[data-finding="indicators.ind-91.actual"]');
    await page.waitForFunction((c) => document.activeElement?.dataset?.row === '90' && document.activeElement?.dataset?.col === String(c), ACTUAL);
    eq(await page.inputValue(cell(90, ACTUAL)), '九十项');
    // a row added at the top later stays in view: the grid does not go back to the finding
    await page.$eval(grid, (t) => { t.closest('.grid-scroll').scrollTop = 0; });
    await page.waitForSelector(cell(0, ACTUAL));
    await page.click(cell(0, ACTUAL));
    await page.keyboard.press('Alt+Insert');
    await page.waitForFunction((g) => document.querySelector(g).getAttribute('aria-rowcount') === '303', grid);
    await page.waitForTimeout(200);
    ok(await page.$(cell(0, ACTUAL)), 'the top rows still drawn');
    eq(await page.$eval(grid, (t) => t.closest('.grid-scroll').scrollTop), 0, 'the grid stays at the top');
    eq(page.errors, []);
    await context.close();
  });
} finally {
  await browser.close();
  server.stop();
}
process.exit(t.finish() ? 1 : 0);
