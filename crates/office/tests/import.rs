//! Importing Word reports and Excel 自评表 as drafts, from files laid out the way Word, WPS
//! and the bureaus' templates lay them out (built here as their XML), and this app's own
//! exports read back.

use std::io::Write;

use selfeval_core::app::import::Imported;
use selfeval_core::{evaluate, sample, Pack};
use selfeval_office::import_file;

fn pack() -> Pack {
    Pack::builtin_by_id("self-eval-10-90").unwrap()
}

fn import(bytes: &[u8], name: &str) -> Result<Imported, String> {
    import_file(bytes, name, &pack().to_json())
}

/// A zip of `parts` (name, text), deflated as Word and Excel write them.
fn zip(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        z.start_file(*name, opts).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap();
    out.into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

/// A .docx whose body is `body` (w:p and w:tbl elements) and styles `styles`.
fn docx(body: &str, styles: &str) -> Vec<u8> {
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let styles =
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:styles {W}>{styles}</w:styles>"#);
    zip(&[
        ("[Content_Types].xml", "<Types/>"),
        ("word/document.xml", &doc),
        ("word/styles.xml", &styles),
        (
            "word/footer1.xml",
            &format!("<w:ftr {W}><w:p><w:r><w:t>第 1 页</w:t></w:r></w:p></w:ftr>"),
        ),
    ])
}

/// A paragraph of plain runs; `**…**` marks bold.
fn p(text: &str) -> String {
    let mut out = String::from("<w:p>");
    for (i, part) in text.split("**").enumerate() {
        if part.is_empty() {
            continue;
        }
        let b = if i % 2 == 1 {
            "<w:rPr><w:rFonts w:eastAsia=\"黑体\"/><w:b/></w:rPr>"
        } else {
            ""
        };
        out.push_str(&format!(
            "<w:r>{b}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
            esc(part)
        ));
    }
    out + "</w:p>"
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn styled(style: &str, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{style}"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>{}</w:t></w:r></w:p>"#,
        esc(text)
    )
}

/// A table: each cell "text", or "text|span=N", "|vmerge" (continues the cell above).
fn table(rows: &[&[&str]]) -> String {
    let mut out = String::from("<w:tbl>");
    for r in rows {
        out.push_str("<w:tr>");
        for c in r.iter() {
            let (text, opts) = c.split_once('|').unwrap_or((c, ""));
            let mut pr = String::new();
            if let Some(n) = opts.strip_prefix("span=") {
                pr.push_str(&format!(r#"<w:gridSpan w:val="{n}"/>"#));
            }
            if opts == "vmerge" {
                pr.push_str("<w:vMerge/>");
            }
            if opts == "restart" {
                pr.push_str(r#"<w:vMerge w:val="restart"/>"#);
            }
            out.push_str(&format!("<w:tc><w:tcPr>{pr}</w:tcPr>{}</w:tc>", p(text)));
        }
        out.push_str("</w:tr>");
    }
    out + "</w:tbl>"
}

#[test]
fn this_apps_own_docx_comes_back_as_the_same_draft() {
    let r = sample();
    let pk = Pack::builtin_by_id(&r.pack_id).unwrap();
    let e = evaluate(&r, &pk);
    let bytes = selfeval_core::export::docx::docx(&r, &e);
    let got = import_file(&bytes, "黄埔区人大办2021.docx", &pk.to_json()).unwrap();
    let g = &got.report;
    assert_eq!(g.unit.name, r.unit.name, "{:?}", got.missed);
    assert_eq!(g.unit.year, r.unit.year);
    let titles = |x: &selfeval_core::Report| {
        x.sections
            .iter()
            .map(|s| (s.level, s.title.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(g), titles(&r));
    for (a, b) in g.sections.iter().zip(&r.sections) {
        if !b.text.trim().is_empty() {
            assert_eq!(a.text, b.text, "section {}", b.title);
        }
    }
    let ge = evaluate(g, &pk);
    assert_eq!(ge.budget.total.budget, e.budget.total.budget, "{:#?}", got);
    assert_eq!(ge.budget.total.executed, e.budget.total.executed);
    assert_eq!(g.indicators.len(), r.indicators.len());
    assert_eq!(ge.total, e.total, "{:#?}", got.missed);
}
