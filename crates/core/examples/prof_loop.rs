use selfeval_core::{check, evaluate, sample, Pack, Report};
fn generated(n: usize) -> Report {
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
fn main() {
    let what = std::env::args().nth(1).unwrap_or_default();
    let r = generated(300);
    let pack = Pack::builtin_by_id(&r.pack_id).unwrap();
    let e = evaluate(&r, &pack);
    let mut kept = selfeval_core::scoring::Scored::default();
    let mut r = r;
    for i in 0..300 {
        if what == "kept" {
            r.budget.sources[0].executed = if i % 2 == 0 {
                "3000".into()
            } else {
                "3990.84".into()
            };
            std::hint::black_box(selfeval_core::scoring::evaluate_with(&r, &pack, &mut kept));
            continue;
        }
        if what == "check" {
            std::hint::black_box(check(&r, &pack, &e));
        } else {
            std::hint::black_box(evaluate(&r, &pack));
        }
    }
}
