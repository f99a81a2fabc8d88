//! Rough timings of the core on a draft with 300 indicators (native, release): what one
//! keystroke costs before any DOM work. usage: cargo run --release --example bench_core
use std::time::Instant;

use selfeval_core::{check, document, evaluate, sample, Pack, Summary};

fn main() {
    let mut r = sample();
    let rows = r.indicators.clone();
    r.indicators = (0..300)
        .map(|i| {
            let mut x = rows[i % rows.len()].clone();
            x.id = format!("ind-{}", i + 1);
            x
        })
        .collect();
    let pack = Pack::builtin_by_id(&r.pack_id).unwrap();
    let n = 50;
    let t = Instant::now();
    for _ in 0..n {
        let e = evaluate(&r, &pack);
        let f = check(&r, &pack, &e);
        let _ = Summary::new(&r, &pack, &e, &f);
    }
    let per = t.elapsed().as_secs_f64() * 1000.0 / n as f64;
    let e = evaluate(&r, &pack);
    let t = Instant::now();
    for _ in 0..n {
        let _ = document::document(&r, &e);
    }
    let doc = t.elapsed().as_secs_f64() * 1000.0 / n as f64;
    let t = Instant::now();
    for _ in 0..n {
        let _ = r.clone();
    }
    let clone = t.elapsed().as_secs_f64() * 1000.0 / n as f64;
    println!("300 indicators: evaluate+check+summary {per:.2} ms, document {doc:.2} ms, clone {clone:.3} ms");
}
