//! What the core's examples share: the draft they time, made as `e2e/workloads.mjs` makes it.

use selfeval_core::{sample, Report};

/// The sample with its indicator table grown to `n` rows (its rows repeated, each with its own
/// id and name), as scripts/bench grows it in the browser.
pub fn generated(n: usize) -> Report {
    let mut r = sample();
    let rows = r.indicators.clone();
    r.indicators = (0..n)
        .map(|i| {
            let mut x = rows[i % rows.len()].clone();
            x.id = format!("ind-{}", i + 1);
            x.level3 = format!("{} {}", x.level3, i + 1);
            x
        })
        .collect();
    r
}
