// The first visit's first screen as HTML in dist/index.html and dist/selfeval.html, so it is
// painted as soon as the page arrives instead of after the program has been compiled and has
// run. Headless Chromium opens the finished build as a first visit; the screen, as it is when
// the sample's 执行率 appears, is written into both pages with what the fields hold, without ids
// (the program's page has them), followed by scripts/prerender.js, which keeps it only for a
// first visit and hands what is typed into it to the program's page when that replaces it
// (src/prerender.rs). The program is fetched once the screen is painted.
// usage: node scripts/prerender.mjs <dist>   (run by scripts/build, after dist.py)
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { serve, launch } from '../e2e/harness.mjs';

const dist = process.argv[2] ?? 'dist';
const server = await serve(dist);
const browser = await launch();
let screen;
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: 'block' });
  await context.addInitScript(() => {
    const seen = new MutationObserver(() => {
      if (!document.querySelector('#rate')) return;
      seen.disconnect();
      // once the fields' values are set (by effects queued behind the views)
      setTimeout(capture);
    });
    const capture = () => {
      // what the fields hold is in their properties: as attributes, so the HTML shows it
      for (const i of document.querySelectorAll('input')) {
        if (i.type === 'checkbox' || i.type === 'radio') i.toggleAttribute('checked', i.checked);
        else if (i.value) i.setAttribute('value', i.value);
      }
      for (const s of document.querySelectorAll('select')) for (const o of s.options) o.toggleAttribute('selected', o.selected);
      const body = document.body.cloneNode(true);
      const areas = document.querySelectorAll('textarea');
      body.querySelectorAll('textarea').forEach((t, k) => { t.textContent = areas[k].value; });
      for (const e of body.querySelectorAll('noscript, script')) e.remove();
      // the program's page has the ids; the save state is the program's to say
      for (const e of body.querySelectorAll('[id]')) { e.setAttribute('data-pid', e.id); e.removeAttribute('id'); }
      for (const e of body.querySelectorAll('.save-status')) { e.textContent = ''; e.className = 'save-status'; }
      window.__screen = body.innerHTML;
    };
    seen.observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => window.__screen);
  screen = await page.evaluate(() => window.__screen);
  await context.close();
} finally {
  await browser.close();
  server.stop();
}
if (!screen || !screen.includes('data-pid="rate"')) throw new Error('prerender: the first screen was not captured');
// Leptos's empty markers, and the sample's id (a new one each visit) in the outline's links
screen = screen.replace(/<!---->/g, '').replace(/#\/d\/[0-9a-z]+/g, '#/d/sample');

const script = readFileSync(new URL('./prerender.js', import.meta.url), 'utf8');
// The page's inline scripts without their comment lines (they are in the sources): 1.5 KB of
// the first load, gzipped
function withoutComments(html) {
  return html.replace(/(<script(?: type="module")?>)([\s\S]*?)(<\/script>)/g,
    (_, open, body, close) => open + body.replace(/^[ \t]*\/\/.*\n/gm, '') + close);
}
const init = 'const wasm = await init(';
// index.html and the single file (dist/selfeval.html, whose first open from disk is a first
// visit too): the screen after the <noscript>, and the program started once it is painted
for (const name of ['index.html', 'selfeval.html']) {
  const file = path.join(dist, name);
  const html = readFileSync(file, 'utf8');
  const marker = '</noscript>';
  if (!html.includes(marker) || html.includes('id="prerender"') || !html.includes(init)) {
    throw new Error(`prerender: ${name} is not as dist.py left it`);
  }
  let out = html.replace(marker,
    `${marker}\n    <div id="prerender" aria-busy="true">${screen}</div>\n    <script>\n${script}    </script>`);
  // the program, its JS glue too, fetched once the prerendered screen is painted, not preloaded
  // beside it: the wasm preloaded made the paint later and the program no sooner; the glue
  // fetched and compiled meanwhile (a static import, preloaded) made it 10–14 ms later
  const glue = out.match(/import init, \* as bindings from '([^']+)';\n/);
  if (!glue) throw new Error(`prerender: ${name}'s module script is not as trunk writes it`);
  out = out.replace(/<link rel="(?:modulepreload|preload)" href="\.\/selfeval-[0-9a-f]+(?:_bg\.wasm|\.js)"[^>]*>/g, '')
    .replace(glue[0], '')
    .replace(init, 'if (window.selfevalPrerender) await window.selfevalPrerender.painted;\n'
      + `const bindings = await import('${glue[1]}');\nconst init = bindings.default;\n${init}`);
  writeFileSync(file, withoutComments(out));
}
console.log(`prerender: the first screen, ${(screen.length / 1024).toFixed(1)} KB of HTML, in index.html and selfeval.html`);
