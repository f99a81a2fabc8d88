// The slow-office-PC workloads, made the same way by scripts/bench (e2e/bench.mjs) and
// e2e/profile.mjs, so the figures of one explain the other's.

/** The stored sample copied with its indicator table grown to `n` rows, stored as the draft
 *  `bench300`; its id. */
export async function storeGenerated(page, n) {
  return page.evaluate((n) => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('selfeval.v1.draft.'));
    const file = JSON.parse(localStorage.getItem(key));
    const rows = file.report.indicators;
    const out = [];
    for (let i = 0; i < n; i++) {
      const r = JSON.parse(JSON.stringify(rows[i % rows.length]));
      r.id = `ind-${i + 1}`;
      r.level3 = `${r.level3} ${i + 1}`;
      out.push(r);
    }
    file.report.indicators = out;
    file.report.id = 'bench300';
    file.revision = 1;
    localStorage.setItem('selfeval.v1.draft.bench300', JSON.stringify(file));
    return 'bench300';
  }, n);
}

/** `n` departments' draft files (the stored sample under other names) in `window[name]`, a
 *  FileList ready for the 汇总's input: made before any clock starts, as a user's files exist
 *  before they are chosen. */
export async function makeBatchFiles(page, n, name = '__batchFiles') {
  await page.evaluate(({ n, name }) => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('selfeval.v1.draft.') && !k.endsWith('bench300'));
    const good = JSON.parse(localStorage.getItem(key));
    const dt = new DataTransfer();
    for (let i = 0; i < n; i++) {
      good.report.id = `dept-${i}`; good.report.origin = `dept-${i}`; good.report.unit.name = `第${i + 1}部门`;
      dt.items.add(new File([JSON.stringify(good)], `dept-${i}.json`, { type: 'application/json' }));
    }
    window[name] = dt.files;
  }, { n, name });
}

/** In the page: the indicator grid holds `n` rows and has drawn some (a long grid draws the
 *  rows in sight and a margin). Self-contained, so it can be sent into the page. */
export function gridHolds(n) {
  const grid = document.querySelector('.sheet-grid[data-list="ind"]');
  return grid?.getAttribute('aria-rowcount') === String(n + 1) && !!grid.querySelector('tbody tr[aria-rowindex]');
}

/** The block pasted into the grid: `n` rows of 一级 … 权重, the i-th named 粘贴指标 i. */
export function pasteBlock(n) {
  const rows = [];
  for (let i = 0; i < n; i++) rows.push(['履职效能', '监督工作', `粘贴指标 ${i + 1}`, '≥', '项', '30', '', '29', '0.3'].join('\t'));
  return rows.join('\r\n');
}

/** In the page: every row the grid has drawn shows its name from `pasteBlock`. */
export function pasteShown() {
  const drawn = [...document.querySelectorAll('.sheet-grid[data-list="ind"] input[data-col="2"]')];
  return drawn.length > 0 && drawn.every((i) => i.value === `粘贴指标 ${Number(i.dataset.row) + 1}`);
}
