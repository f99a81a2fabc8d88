//! Timings of the core (native, release): what one keystroke costs before any DOM work, for
//! the sample and a generated 300-indicator draft. Medians of 200 runs.
//! usage: cargo run --release -p selfeval-core --example bench_core
use std::time::Instant;

mod common;

use common::generated;
use selfeval_core::{check, evaluate, report::document, sample, Pack};

fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

fn main() {
    println!("native, release, median of 200 runs (ms)");
    println!("draft                      evaluate    check   evaluate+check   document");
    for (name, r) in [
        ("sample (12 indicators)", sample()),
        ("generated, 300 indicators", generated(300)),
    ] {
        let pack = Pack::builtin_by_id(&r.pack_id).unwrap();
        let eval = median_ms(200, || {
            std::hint::black_box(evaluate(&r, &pack));
        });
        let e = evaluate(&r, &pack);
        let checked = median_ms(200, || {
            std::hint::black_box(check(&r, &pack, &e));
        });
        let both = median_ms(200, || {
            let e = evaluate(&r, &pack);
            std::hint::black_box(check(&r, &pack, &e));
        });
        let doc = median_ms(200, || {
            std::hint::black_box(document::document(&r, &e));
        });
        println!("{name:<26} {eval:>8.3} {checked:>8.3}   {both:>14.3}   {doc:>8.3}");
    }
}
