// Split the served build's wasm in two, by what the first screen runs (binaryen's wasm-split,
// guided by a profile taken in headless Chromium):
// - the first part: the code a first visit runs to show the sample's editor and take typing in
//   it, what opening a stored draft runs, and what says the rest could not be loaded (the
//   draft list and the summary wait for the rest: src/state/rest.rs);
// - the rest (`*_rest.wasm`): everything else, fetched once the first part is in and
//   instantiated while the first screen is built (index.html's loader, scripts/rest.js). Until
//   then a call into it goes through a placeholder that loads it there and then.
// The whole module is kept in target/split/ for dist/selfeval.html, which loads from memory and
// gains nothing from the split. Both parts are named by their content: a profile that differs
// between two builds of the same source cannot pair a cached first part with another rest.
// usage: node scripts/split.mjs <dist>   (run by scripts/build, after trunk)
import { readFileSync, writeFileSync, readdirSync, mkdirSync, rmSync, cpSync, renameSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { serve, launch, saved } from '../e2e/harness.mjs';

const dist = process.argv[2] ?? 'dist';
const work = 'target/split';
const tools = 'target/tools/binaryen-108';
// the features the Rust toolchain emits (docs/browsers.md)
const FEATURES = ['--enable-reference-types', '--enable-bulk-memory', '--enable-mutable-globals',
  '--enable-sign-ext', '--enable-nontrapping-float-to-int', '--enable-multivalue'];

function wasmSplit(...args) {
  execFileSync(`${tools}/usr/bin/wasm-split`, [...FEATURES, ...args], {
    env: { ...process.env, LD_LIBRARY_PATH: `${tools}/usr/lib/x86_64-linux-gnu` },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const wasmName = readdirSync(dist).find((f) => /^selfeval-[0-9a-f]+_bg\.wasm$/.test(f));
if (!wasmName) throw new Error(`split: no selfeval-*_bg.wasm in ${dist}`);
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const whole = path.join(work, 'whole_bg.wasm');
cpSync(path.join(dist, wasmName), whole);

// 1. the profile: an instrumented copy of the build, driven through what the first screen does
wasmSplit('--instrument', whole, '-o', path.join(work, 'instrumented.wasm'));
const site = path.join(work, 'site');
cpSync(dist, site, { recursive: true });
const externrefs = tableExport(whole, '__wbindgen_externrefs');
fixTableExports(path.join(work, 'instrumented.wasm'), path.join(site, wasmName));
rmSync(path.join(site, 'sw.js'), { force: true });
let index = readFileSync(path.join(site, 'index.html'), 'utf8').replace(/ integrity="[^"]*"/g, '');
// the deferred blocks (and the list) wait for a rest that never comes, so they stay out of the
// profile; the instrumented module's exports are kept to read the profile from
index = index.replace('<script type="module">', `<script>
  window.SELFEVAL_BUILD = "profiled";
  window.selfevalRest = { load: function () {
    // where the profile takes the rest's failure (once), a rejection
    if (window.__failRest) { window.__failRest = false; return Promise.reject(new Error("profiled")); }
    return new Promise(function () {});
  } };
  addEventListener("TrunkApplicationStarted", function (e) { window.__profiled = e.detail.wasm; });
</script>
<script type="module">`);
// a first visit starts in steps behind its prerendered screen and then replaces it
// (scripts/prerender.mjs, which runs on the finished build): the same way here, with an empty one
index = index.replace('</noscript>', `</noscript><div id="prerender"></div><script>
${readFileSync(new URL('./prerender.js', import.meta.url), 'utf8')}</script>`);
writeFileSync(path.join(site, 'index.html'), index);

const server = await serve(site);
const browser = await launch();
const profiles = [];
async function profile(page, name) {
  const bytes = await page.evaluate(() => {
    const x = window.__profiled;
    const size = 1 << 20;
    const at = x.__wbindgen_malloc(size, 8);
    const n = x.__write_profile(at, size);
    return Array.from(new Uint8Array(x.memory.buffer, at, n));
  });
  const file = path.join(work, `${name}.prof`);
  writeFileSync(file, Buffer.from(bytes));
  profiles.push(file);
}
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // typing in each kind of field on the first screen (a line, a figure, a text), the autosave,
  // an undo
  const typeAndSave = async () => {
    await page.fill('[data-path="unit.name"]', '示例单位');
    // figures as people type them: separators, a unit, something that does not read, nothing
    for (const v of ['1,234', '26人', '２６', '十', '']) await page.fill('[data-path="unit.staff_authorized"]', v);
    await page.fill('[data-path="unit.functions"]', '负责机关日常运转。\n第二段。');
    await saved(page);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+z');
  };
  // a first visit: the sample's editor, typing in it, the autosave
  await page.goto(server.url);
  await page.waitForSelector('#rate');
  await typeAndSave();
  await profile(page, 'first-visit');
  // coming back, to a newer build: the stored draft, opened again, and the update notice
  await page.evaluate(() => localStorage.setItem('selfeval.v1.build', 'older'));
  await page.reload();
  await page.waitForSelector('#updated');
  await page.waitForSelector('#rate');
  await typeAndSave();
  await profile(page, 'reopen');
  // the rest could not be loaded: the editor says so, and a retry
  const failing = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await failing.addInitScript(() => { window.__failRest = true; });
  const failed = await failing.newPage();
  failed.on('pageerror', (e) => errors.push(e.message));
  await failed.goto(server.url);
  await failed.waitForSelector('#rest-failed');
  await failed.click('#rest-failed button');
  await failed.waitForSelector('.loading-note', { state: 'attached' });
  await profile(failed, 'rest-failed');
  if (errors.length) throw new Error(`split: the instrumented page failed: ${errors.join('; ')}`);
} finally {
  await browser.close();
  server.stop();
}

// 2. the split
wasmSplit('--merge-profiles', ...profiles, '-o', path.join(work, 'merged.prof'));
const first = path.join(work, 'first.wasm');
const rest = path.join(work, 'rest.wasm');
wasmSplit('--split', `--profile=${path.join(work, 'merged.prof')}`, '--export-prefix=%', whole, '-o1', first, '-o2', rest);
fixTableExports(first, first);

// 3. into dist, named by content
const digest = createHash('sha256').update(readFileSync(first)).update(readFileSync(rest)).digest('hex').slice(0, 16);
const firstName = `selfeval-${digest}_bg.wasm`;
const restName = `selfeval-${digest}_rest.wasm`;
rmSync(path.join(dist, wasmName));
renameSync(first, path.join(dist, firstName));
renameSync(rest, path.join(dist, restName));
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
writeFileSync(path.join(dist, 'index.html'), html.split(wasmName).join(firstName));
writeFileSync(path.join(work, 'split.json'), JSON.stringify({ first: firstName, rest: restName, whole }));
const kb = (f) => `${(readFileSync(f).length / 1024).toFixed(0)} KB`;
console.log(`split: first part ${firstName} (${kb(path.join(dist, firstName))}), rest ${restName} (${kb(path.join(dist, restName))})`);

/** The index of the table a module exports under `name`. */
function tableExport(file, name) {
  let found;
  rewriteExports(file, null, (n, kind, index) => { if (kind === 1 && n === name) found = index; return index; });
  if (found === undefined) throw new Error(`split: ${file} exports no table ${name}`);
  return found;
}

/** binaryen 108 writes every exported table as table 0: wasm-bindgen's externref table goes
 *  back to where it was (the rest imports it by name, rightly). */
function fixTableExports(from, to) {
  rewriteExports(from, to, (n, kind, index) => (kind === 1 && n === '__wbindgen_externrefs' ? externrefs : index));
}

/** Rewrite the export section's indices through `map(name, kind, index)`; written to `to`
 *  unless it is null. */
function rewriteExports(from, to, map) {
  const d = readFileSync(from);
  // unsigned LEB128, as the binary format writes its sizes and indices
  const leb = (b, i) => { let r = 0, s = 0, x; do { x = b[i++]; r |= (x & 0x7f) << s; s += 7; } while (x & 0x80); return [r >>> 0, i]; };
  const enc = (n) => { const out = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n); return Buffer.from(out); };
  const parts = [d.subarray(0, 8)];
  for (let i = 8; i < d.length;) {
    const id = d[i];
    const [size, start] = leb(d, i + 1);
    let body = d.subarray(start, start + size);
    if (id === 7) { // exports: name, kind, index
      let [n, j] = leb(body, 0);
      const out = [enc(n)];
      for (let e = 0; e < n; e++) {
        const [len, k] = leb(body, j);
        const name = body.subarray(k, k + len);
        const kind = body[k + len];
        const [index, next] = leb(body, k + len + 1);
        out.push(enc(len), name, Buffer.from([kind]), enc(map(name.toString(), kind, index)));
        j = next;
      }
      body = Buffer.concat(out);
    }
    parts.push(Buffer.from([id]), enc(body.length), body);
    i = start + size;
  }
  if (to) writeFileSync(to, Buffer.concat(parts));
}
