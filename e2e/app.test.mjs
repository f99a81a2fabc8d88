// End-to-end tests of the release build (dist/) in headless Chromium.
// usage: node e2e/app.test.mjs dist
import { serve, launch, runner, eq, ok, saved } from './harness.mjs';

const dist = process.argv[2] ?? 'dist';
const server = await serve(dist);
const browser = await launch();
const t = runner();

const context = await browser.newContext();
const page = await context.newPage();
page.setDefaultTimeout(10000);
const consoleErrors = [];
const foreignRequests = [];
page.on('pageerror', (e) => consoleErrors.push(String(e)));
page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
page.on('request', (r) => {
  const u = r.url();
  if (!u.startsWith(server.url) && !u.startsWith('data:') && !u.startsWith('blob:')) foreignRequests.push(u);
});
const text = (sel) => page.textContent(sel).then((s) => s.trim());

/** A page in a fresh context (a first visit), not yet opened, collecting its page errors in
 *  `p.errors`; `before(c)` prepares the context (init scripts) first, `options` are the context's. */
async function coldPage(before = async () => {}, options = {}) {
  const c = await browser.newContext({ viewport: { width: 1440, height: 900 }, ...options });
  await before(c);
  const p = await c.newPage();
  p.errors = [];
  p.on('pageerror', (e) => p.errors.push(String(e)));
  return { c, p };
}

/** A first visit whose program (the first part of the wasm) is held back until `release()`
 *  (`release(false)` refuses it instead); no service worker, which would fetch it itself. */
async function heldFirstVisit() {
  const { c, p } = await coldPage(undefined, { serviceWorkers: 'block' });
  let release;
  const held = new Promise((r) => { release = r; });
  await p.route(/_bg\.wasm$/, async (route) => ((await held) ? route.continue() : route.abort('connectionreset')));
  await p.goto(server.url);
  return { c, p, release: (ok = true) => release(ok) };
}

try {
  await t.test('opens on the sample draft with its computed summary', async () => {
    await page.goto(server.url);
    await page.waitForSelector('#rate');
    eq(await text('#preview .doc-title'), '广州市黄埔区人民代表大会常务委员会办公室2021年部门整体支出绩效自评报告');
    eq(await text('#budget'), '4051.83', '全年预算数');
    eq(await text('#executed'), '3990.84', '执行数');
    eq(await text('#rate'), '98.49%', '执行率');
    eq(await text('#total'), '99.77', '自评总分');
    eq(await text('#grade'), '优', '等级');
    eq(await page.getAttribute('html', 'lang'), 'zh-CN');
  });

  await t.test('the first screen comes first, the rest of the editor right after', async () => {
    // a cold load in a page of its own: the parts below the fold are built after the first
    // paint, and all of them arrive, the preview last
    const { c, p } = await coldPage((c) => c.addInitScript(() => {
      window.__order = [];
      new MutationObserver(() => {
        const batch = [];
        for (const id of ['rate', 'part-info', 'part-budget', 'part-indicators', 'part-signoff', 'preview']) {
          if (!window.__order.flat().includes(id) && document.getElementById(id)) batch.push(id);
        }
        if (batch.length) window.__order.push(batch);
      }).observe(document, { childList: true, subtree: true });
    }));
    await p.goto(server.url);
    await p.waitForSelector('#preview .doc-title');
    // the ids that appeared together, batch by batch
    const order = await p.evaluate(() => window.__order);
    const shown = JSON.stringify(order);
    eq(order.flat().slice(0, 2).sort(), ['part-info', 'rate'], `the first screen first: ${shown}`);
    eq(order.slice(-1)[0], ['preview'], `the preview last: ${shown}`);
    eq(order.flat().length, 6, `every part: ${shown}`);
    // opening another draft while the parts are still coming is harmless
    await p.goto(`${server.url}#/`);
    await p.reload();
    await p.click('#drafts tbody tr a');
    await p.click('a.back');
    await p.waitForSelector('#drafts');
    await p.waitForTimeout(300);
    eq(p.errors, [], 'no page error');
    await c.close();
  });

  await t.test('a first visit sees its first screen before the program is in, and what is typed there is kept', async () => {
    // the program held back: the page shows the sample's first screen from the HTML alone
    const { c, p, release } = await heldFirstVisit();
    await p.waitForSelector('#prerender [data-pid="rate"]');
    eq(await p.textContent('#prerender [data-pid="rate"]'), '98.49%', '执行率');
    eq(await p.textContent('#prerender [data-pid="total"]'), '99.77', '自评总分');
    eq(await p.inputValue('#prerender [data-path="unit.year"]'), '2021', 'the fields hold the sample');
    eq(await p.$('#rate'), null, 'no program yet');
    // typing into it: a line (the caret in the middle), a text; a link does nothing yet
    await p.click('#prerender [data-path="unit.functions"]');
    await p.keyboard.type('负责机关日常运转。');
    await p.click('#prerender a.back');
    await p.click('#prerender [data-path="unit.name"]');
    await p.keyboard.press('End');
    await p.keyboard.press('ArrowLeft');
    await p.keyboard.press('ArrowLeft');
    await p.keyboard.type('（甲）');
    await p.evaluate(() => { window.__samePage = true; });
    await p.keyboard.press('Enter'); // would send the form
    eq(await p.evaluate(() => [location.hash, location.search, window.__samePage]), ['', '', true],
      'the link and Enter waited');
    release();
    await p.waitForSelector('#rate');
    eq(await p.$('#prerender'), null, "the program's page replaced it");
    eq(await p.inputValue('[data-path="unit.name"]'), '广州市黄埔区人民代表大会常务委员会办（甲）公室', 'the typed line');
    eq(await p.inputValue('[data-path="unit.functions"]'), '负责机关日常运转。', 'the typed text');
    // the focus and the caret stayed where they were: typing goes on in place
    await p.keyboard.type('乙');
    eq(await p.inputValue('[data-path="unit.name"]'), '广州市黄埔区人民代表大会常务委员会办（甲）乙公室');
    eq(await p.evaluate(() => document.querySelectorAll('[data-path="unit.name"]').length), 1, 'one page');
    await saved(p);
    const stored = await p.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('selfeval.v1.draft.'))
      .map((k) => JSON.parse(localStorage.getItem(k)).report));
    eq(stored.map((r) => [r.unit.name, r.unit.functions]),
      [['广州市黄埔区人民代表大会常务委员会办（甲）乙公室', '负责机关日常运转。']], 'stored');
    // coming back: the stored draft, never the prerendered sample
    await p.addInitScript(() => document.addEventListener('DOMContentLoaded', () => {
      window.__prerendered = !!document.getElementById('prerender');
    }));
    await p.reload();
    await p.waitForSelector('#rate');
    eq(await p.evaluate(() => window.__prerendered), false, 'a return visit has no prerendered screen');
    eq(p.errors, [], 'no page error');
    await c.close();
  });

  await t.test('if the program cannot be fetched, the prerendered screen says so and keeps what was typed', async () => {
    const { c, p, release } = await heldFirstVisit();
    await p.fill('#prerender [data-path="unit.contact"]', '李四');
    release(false);
    await p.waitForSelector('#prerender-note.error');
    const note = await p.textContent('#prerender-note');
    ok(note.startsWith('程序未能载入（网络连接失败）') && note.includes('尚未保存'), note);
    eq(await p.inputValue('#prerender [data-path="unit.contact"]'), '李四', 'what was typed is still there to copy');
    await c.close();
  });

  await t.test('a word being put together in an input method on the prerendered screen is finished first', async () => {
    const { c, p, release } = await heldFirstVisit();
    await p.click('#prerender [data-path="unit.contact"]');
    // 拼音 being composed when the program comes in
    await p.evaluate(() => {
      const el = document.activeElement;
      el.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, data: '' }));
      el.value = 'wang';
      el.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: true, data: 'wang' }));
    });
    release();
    await p.waitForSelector('#rate', { state: 'attached' });
    await p.waitForTimeout(300);
    ok(await p.$('#prerender'), 'the prerendered screen stays while the word is composed');
    await p.evaluate(() => {
      const el = document.activeElement;
      el.value = '王';
      el.dispatchEvent(new InputEvent('input', { bubbles: true, data: '王' }));
      el.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '王' }));
    });
    await p.waitForSelector('#prerender', { state: 'detached' });
    eq(await p.inputValue('[data-path="unit.contact"]'), '王', 'the word, in the program\'s page');
    eq(await p.evaluate(() => document.activeElement.getAttribute('data-path')), 'unit.contact', 'focus kept');
    await saved(p);
    eq(p.errors, [], 'no page error');
    await c.close();
  });

  await t.test('the prerendered screen stands aside where it is not the first visit of the list', async () => {
    // another address, and a browser whose storage is refused
    const { c, p } = await coldPage((c) => c.addInitScript(() => document.addEventListener('DOMContentLoaded', () => {
      window.__prerendered = !!document.getElementById('prerender');
    })));
    await p.goto(`${server.url}#/batch`);
    await p.waitForSelector('main');
    eq(await p.evaluate(() => window.__prerendered), false, '#/batch');
    await c.close();
    const refused = await coldPage((c) => c.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
      document.addEventListener('DOMContentLoaded', () => { window.__prerendered = !!document.getElementById('prerender'); });
    }));
    await refused.p.goto(server.url);
    await refused.p.waitForFunction(() => window.__prerendered !== undefined);
    eq(await refused.p.evaluate(() => window.__prerendered), false, 'storage refused');
    await refused.c.close();
  });

  await t.test('the first part of the code shows the editor and takes typing; the rest follows, or comes when called', async () => {
    // the served wasm is in two parts (scripts/split.mjs): hold the rest back (no service
    // worker, which would fetch it for its precache and serve it)
    const { c, p } = await coldPage(undefined, { serviceWorkers: 'block' });
    const asked = [];
    let release;
    const held = new Promise((r) => { release = r; });
    await p.route(/_rest\.wasm$/, async (route) => {
      const kind = route.request().resourceType();
      asked.push(kind);
      if (kind === 'fetch') await held;
      await route.continue();
    });
    await p.goto(server.url);
    await p.waitForSelector('#rate');
    eq(asked, ['fetch'], 'the rest is asked for once, after the first part');
    // typing on the first screen, with its figures and the autosave, needs only the first part
    await p.fill('[data-path="unit.name"]', '未拆分前单位');
    await p.fill('[data-path="unit.staff_authorized"]', '26人');
    await p.fill('[data-path="unit.functions"]', '第一段。\n第二段。');
    await saved(p);
    eq(await p.textContent('#rate'), '98.49%');
    eq(asked, ['fetch'], 'typing needed nothing of the rest');
    ok(!(await p.$('#part-budget')), 'the blocks below the fold wait for the rest');
    await p.waitForSelector('.loading-note', { state: 'visible' }); // it says so, after a moment
    // something the first screen never ran (the review status, asking for a name) loads the
    // rest on the spot
    p.on('dialog', (d) => d.accept('王科长'));
    await p.selectOption('#status', 'review');
    await p.waitForFunction(() => document.querySelector('#status').value === 'review');
    eq(asked, ['fetch', 'xhr'], 'a call into the rest before it arrived fetched it there and then');
    // and the blocks are built once it is in
    await p.waitForSelector('#preview .doc-title', { state: 'attached' });
    await p.waitForSelector('.loading-note', { state: 'detached' });
    release();
    await p.waitForTimeout(200);
    eq(p.errors, [], 'no page error');
    await c.close();
  });

  await t.test('if the rest cannot be loaded the editor says so, keeps saving, and a retry brings it', async () => {
    // (no service worker: it would fetch the rest for the precache, and serve it)
    const { c, p } = await coldPage(undefined, { serviceWorkers: 'block' });
    let refuse = true;
    await p.route(/_rest\.wasm$/, (route) => (refuse ? route.abort('connectionreset') : route.continue()));
    await p.goto(server.url);
    await p.waitForSelector('#rest-failed');
    ok((await p.textContent('#rest-failed')).includes('无法载入程序的其余部分（网络连接失败）'), 'in words');
    await p.fill('[data-path="unit.name"]', '断网时的单位');
    await saved(p);
    refuse = false;
    await p.click('#rest-failed button');
    await p.waitForSelector('#preview .doc-title', { state: 'attached' });
    eq(await p.$('#rest-failed'), null, 'the message goes');
    eq(await p.inputValue('[data-path="unit.name"]'), '断网时的单位');
    eq(p.errors, [], 'no page error');
    await c.close();
  });

  await t.test('where the engine cannot compile the rest synchronously, the program starts once it is in', async () => {
    // Chromium before about 2025: no synchronous compile of more than 4 KB on the main thread
    const { c, p } = await coldPage((c) => c.addInitScript(() => {
      const Module = WebAssembly.Module;
      WebAssembly.Module = function (bytes) {
        if (bytes.byteLength > 4096) throw new RangeError('WebAssembly.Compile is disallowed on the main thread, if the buffer size is larger than 4KB.');
        return new Module(bytes);
      };
    }), { serviceWorkers: 'block' });
    let release;
    const held = new Promise((r) => { release = r; });
    await p.route(/_rest\.wasm$/, async (route) => { await held; await route.continue(); });
    await p.goto(server.url);
    await p.waitForTimeout(500);
    ok(!(await p.$('#rate')), 'nothing runs while the rest is on its way');
    release();
    await p.waitForSelector('#rate');
    p.on('dialog', (d) => d.accept('王科长'));
    await p.selectOption('#status', 'review');
    await p.waitForFunction(() => document.querySelector('#status').value === 'review');
    await p.waitForSelector('#preview .doc-title', { state: 'attached' });
    eq(p.errors, [], 'no page error');
    await c.close();
  });

  await t.test('score table adds up by 一级指标', async () => {
    const rows = await page.$$eval('#score-table tbody tr', (trs) =>
      trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
    eq(rows, [['履职效能', '50', '50.00'], ['预算管理', '20', '19.77'], ['绩效管理', '10', '10.00'],
      ['采购管理', '10', '10.00'], ['资产管理', '10', '10.00']]);
    eq(await text('#score-table tfoot td:last-child'), '99.77');
  });

  await t.test('findings list shows the checks in Chinese', async () => {
    const heading = await text('#findings-h');
    ok(/^检查结果：/.test(heading), heading);
    eq(await page.$$eval('#findings li.error', (l) => l.length), 0, 'errors on the sample');
  });

  await t.test('choosing another framework rescores under its rules', async () => {
    await page.selectOption('#pack', 'self-eval-10-90');
    // the execution rate carries over (linked), the framework's own indicators await values
    eq(await text('#rate'), '98.49%');
    eq(await text('#grade'), '—', 'grade while indicators are unscored');
    const msgs = await page.$$eval('#findings li .msg', (l) => l.map((x) => x.textContent));
    ok(msgs.includes('请填写评价结论'), `findings: ${msgs.join(' | ')}`);
    ok(msgs.some((m) => m.includes('请填写完成值')), 'asks for completion values');
    ok((await text('#part-info .hint')).includes('10/50/30/10'), 'shows the pack notes');
    // the change is one undo step: the sample's own table comes back whole
    await page.click('#undo');
    eq(await page.inputValue('#pack'), 'huangpu-2021');
    eq(await text('#total'), '99.77', 'back to the sample pack');
    eq(await text('#grade'), '优');
  });

  await t.test('no console errors and no request leaves the local server', async () => {
    eq(consoleErrors, [], 'console errors');
    eq(foreignRequests, [], 'requests to elsewhere');
  });
} finally {
  await browser.close();
  server.stop();
}
process.exit(t.finish() ? 1 : 0);
