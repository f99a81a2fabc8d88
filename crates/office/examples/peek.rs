//! What an import makes of a file: `cargo run -p selfeval-office --example peek -- FILE [PACK]`
//! (`PEEK_TIME=1` also times reading a workbook and making its draft).
fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let bytes = std::fs::read(&path).unwrap();
    let id = std::env::args()
        .nth(2)
        .unwrap_or_else(|| "self-eval-10-90".into());
    let pack = selfeval_core::Pack::builtin_by_id(&id).expect("a built-in pack id");
    if std::env::var("PEEK_TIME").is_ok() {
        let t = std::time::Instant::now();
        let book = selfeval_office::sheets::read(&bytes).unwrap();
        eprintln!("read: {:?}", t.elapsed());
        let t = std::time::Instant::now();
        let _ = selfeval_core::app::import::workbook::import(
            &book,
            &pack,
            "x",
            &path,
            &Default::default(),
        );
        eprintln!("draft: {:?}", t.elapsed());
    }
    match selfeval_office::import_file(&bytes, &path, &pack.to_json(), &Default::default()) {
        Ok(i) => {
            println!("found:\n  {}", i.found.join("\n  "));
            println!("not understood:\n  {}", i.missed.join("\n  "));
            for s in &i.report.sections {
                let head: String = s.text.chars().take(30).collect();
                println!("{}{} [{head}]", "  ".repeat(s.level as usize), s.title);
            }
            for x in &i.report.indicators {
                println!(
                    "  {} | {} | {} | {} {} | {} | {} | {:?}",
                    x.level1,
                    x.level2,
                    x.level3,
                    x.nature.symbol(),
                    x.target.0,
                    x.actual.0,
                    x.weight.0,
                    x.link
                );
            }
            let b = &i.report.budget;
            for r in b.sources.iter().chain(&b.uses) {
                println!(
                    "  {} {:?} {} {} {}",
                    r.name, r.kind, r.initial.0, r.adjusted.0, r.executed.0
                );
            }
            println!("{:?}", i.report.unit);
            let e = selfeval_core::evaluate(&i.report, &pack);
            for x in &e.indicators {
                println!("  score {:?} of {} {}", x.score, x.weight, x.explanation);
            }
            println!("adjustments: {:?}", e.adjustments);
        }
        Err(e) => println!("refused: {e}"),
    }
}
