//! Writes the sample draft's exports into a folder (used by the test command's LibreOffice
//! check and handy for looking at the layout): sample.docx, sample.html, sample-自评表.csv.
//! usage: cargo run -p selfeval-core --example export_sample -- <dir>

use selfeval_core::export::{csv, docx, html};
use selfeval_core::{evaluate, sample, Pack};

fn main() -> std::io::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/export".into());
    std::fs::create_dir_all(&dir)?;
    let r = sample();
    let pack = Pack::builtin_by_id(&r.pack_id).expect("the sample's pack is built in");
    let e = evaluate(&r, &pack);
    std::fs::write(format!("{dir}/sample.docx"), docx::docx(&r, &e))?;
    std::fs::write(format!("{dir}/sample.html"), html::html(&r, &e))?;
    std::fs::write(
        format!("{dir}/sample-自评表.csv"),
        csv::self_evaluation_csv(&r, &e),
    )?;
    println!("wrote {dir}/sample.docx, sample.html, sample-自评表.csv");
    Ok(())
}
