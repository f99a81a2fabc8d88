//! The keystroke's core work on a 300-indicator draft, repeated, for an instruction-counting
//! profiler (counts repeat where timings on a shared machine do not):
//!   CARGO_PROFILE_RELEASE_DEBUG=1 cargo build --release -p selfeval-core --example prof_loop
//!   valgrind --tool=callgrind target/release/examples/prof_loop kept|evaluate|check
//! `kept`: the budget's 执行数 typed again and again, each evaluation reusing the rows the last
//! one scored, as the editor does; `evaluate`: a fresh evaluation each time; `check`: the checks;
//! `batch`: the sample's file read into a 汇总 row (what 200 files cost, read 300 times).
use selfeval_core::scoring::{evaluate_with, Scored};
mod common;

use common::generated;
use selfeval_core::{check, evaluate, sample, Pack};

fn main() {
    let what = std::env::args().nth(1).unwrap_or_else(|| "kept".into());
    let mut r = generated(300);
    let pack = Pack::builtin_by_id(&r.pack_id).unwrap();
    let e = evaluate(&r, &pack);
    let mut kept = Scored::default();
    let file = selfeval_core::file::draft::to_json(&sample());
    let packs = Pack::builtin();
    for i in 0..300 {
        match what.as_str() {
            "kept" => {
                r.budget.sources[0].executed = ["3000", "3990.84"][i % 2].into();
                std::hint::black_box(evaluate_with(&r, &pack, &mut kept));
            }
            "evaluate" => {
                std::hint::black_box(evaluate(&r, &pack));
            }
            "check" => {
                std::hint::black_box(check(&r, &pack, &e));
            }
            "batch" => {
                std::hint::black_box(selfeval_core::report::batch::read("a.json", &file, &packs))
                    .unwrap();
            }
            other => panic!("no work {other}: kept, evaluate, check or batch"),
        }
    }
}
