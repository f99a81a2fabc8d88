//! The .docx of the sample draft: golden document.xml, every seed text and figure in order,
//! WPS-safe tables, escaping, stable bytes.

use std::io::Read;

use selfeval_core::export::docx::{document_xml, docx, APPENDIX_W};
use selfeval_core::report::document::{document, Block, Run};
use selfeval_core::{evaluate, sample, Pack, Report};

const GOLDEN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/golden/sample-document.xml"
);

fn xml_of(r: &Report) -> String {
    let pack = Pack::builtin_by_id(&r.pack_id).unwrap();
    document_xml(r, &evaluate(r, &pack))
}

/// The text of each paragraph of a document.xml, in order (runs joined, entities decoded).
fn paragraphs(xml: &str) -> Vec<String> {
    xml.split("</w:p>")
        .map(|p| {
            let mut text = String::new();
            for piece in p.split("<w:t").skip(1) {
                let Some(start) = piece.find('>') else {
                    continue;
                };
                let body = &piece[start + 1..];
                let end = body.find("</w:t>").unwrap_or(body.len());
                text.push_str(&body[..end]);
            }
            text.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&")
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// `UPDATE_GOLDEN=1 cargo test -p selfeval-core --test docx` rewrites the golden file after a
/// deliberate layout change.
#[test]
fn golden_document_xml() {
    let xml = xml_of(&sample());
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(GOLDEN, &xml).unwrap();
        return;
    }
    let golden = std::fs::read_to_string(GOLDEN).expect("golden file (UPDATE_GOLDEN=1 to create)");
    assert!(
        xml == golden,
        "word/document.xml differs from tests/golden/sample-document.xml"
    );
}

#[test]
fn same_draft_same_bytes() {
    let r = sample();
    let pack = Pack::builtin_by_id(&r.pack_id).unwrap();
    let e = evaluate(&r, &pack);
    let a = docx(&r, &e);
    // also after other documents were built on this thread
    let _ = xml_of(&r);
    assert_eq!(a, docx(&r, &e));
    let other = std::thread::spawn(move || docx(&r, &e)).join().unwrap();
    assert_eq!(a, other);
    assert_eq!(&a[..2], b"PK");
}

#[test]
fn every_seed_heading_paragraph_and_figure_in_order() {
    let r = sample();
    let pack = Pack::builtin_by_id(&r.pack_id).unwrap();
    let e = evaluate(&r, &pack);
    let text = paragraphs(&document_xml(&r, &e));
    // what the document should say, block by block
    let mut expected = Vec::new();
    for b in document(&r, &e) {
        match b {
            Block::Title(t) => expected.push(t),
            Block::Heading { number, text, .. } => expected.push(format!("{number}{text}")),
            Block::Paragraph(runs) => expected.push(
                runs.iter()
                    .map(|r| match r {
                        Run::Text(t) | Run::Bold(t) => t.as_str(),
                    })
                    .collect(),
            ),
            _ => {}
        }
    }
    let mut at = 0;
    for want in &expected {
        let found = text[at..].iter().position(|p| p == want);
        let Some(i) = found else {
            panic!("missing or out of order: {want}")
        };
        at += i + 1;
    }
    // the seed's own words and figures
    for s in &r.sections {
        assert!(text.iter().any(|p| p.ends_with(&s.title)), "{}", s.title);
    }
    let all = text.join("\n");
    for fig in [
        "4051.83",
        "3990.84",
        "98.49%",
        "完成预算的 98.49%",
        "99.77",
        "等级：优",
    ] {
        assert!(all.contains(fig), "{fig}");
    }
    assert_eq!(
        text[0],
        "广州市黄埔区人民代表大会常务委员会办公室2021年部门整体支出绩效自评报告"
    );
}

#[test]
fn tables_are_safe_for_wps_and_repeat_their_headers() {
    let xml = xml_of(&sample());
    let tables = xml.matches("<w:tbl>").count();
    assert_eq!(tables, 2);
    assert_eq!(
        xml.matches(&format!("<w:tblW w:w=\"{APPENDIX_W}\" w:type=\"dxa\" />"))
            .count(),
        2
    );
    assert!(xml.contains("<w:tblLayout w:type=\"fixed\" />"));
    assert_eq!(xml.matches("<w:tblGrid>").count(), 2);
    // every cell has its width in dxa
    assert_eq!(
        xml.matches("<w:tcW w:w=").count(),
        xml.matches("<w:tc>").count()
    );
    assert!(!xml.contains("<w:tcW w:w=\"0\""));
    assert_eq!(xml.matches("<w:tblHeader />").count(), 2);
    // the text is portrait A4, the 附表 a landscape section of its own
    let sections: Vec<&str> = xml.split("<w:sectPr>").skip(1).collect();
    assert_eq!(sections.len(), 2);
    assert!(sections[0].contains("<w:pgSz w:w=\"11906\" w:h=\"16838\" />"));
    assert!(sections[1].contains("w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\""));
    let appendix = xml.find("附表：").unwrap();
    assert!(xml.find("<w:sectPr>").unwrap() < appendix);
    // every table column of the grid fits the landscape block, each cell wide enough for
    // its figures: the grid adds up to the table's width
    for grid in xml.split("<w:tblGrid>").skip(1) {
        let grid = &grid[..grid.find("</w:tblGrid>").unwrap()];
        let sum: usize = grid
            .split("w:w=\"")
            .skip(1)
            .map(|w| w[..w.find('"').unwrap()].parse::<usize>().unwrap())
            .sum();
        assert_eq!(sum, APPENDIX_W);
    }
}

#[test]
fn page_setup_fonts_and_page_numbers() {
    let r = sample();
    let pack = Pack::builtin_by_id(&r.pack_id).unwrap();
    let bytes = docx(&r, &evaluate(&r, &pack));
    let mut zip = docx_zip(&bytes);
    let xml = read(&mut zip, "word/document.xml");
    assert!(xml.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\""));
    assert!(xml.contains("w:eastAsia=\"方正小标宋简体\""));
    assert!(xml.contains("w:eastAsia=\"仿宋_GB2312\""));
    assert!(xml.contains("w:eastAsia=\"黑体\""));
    assert!(xml.contains("w:eastAsia=\"楷体_GB2312\""));
    assert!(xml.contains("w:line=\"560\" w:lineRule=\"exact\""));
    // where a 公文 font is missing, Word and WPS substitute the common one
    let fonts = read(&mut zip, "word/fontTable.xml");
    for (name, alt) in [
        ("方正小标宋简体", "宋体"),
        ("仿宋_GB2312", "仿宋"),
        ("楷体_GB2312", "楷体"),
    ] {
        assert!(
            fonts.contains(&format!(
                "<w:font w:name=\"{name}\"><w:altName w:val=\"{alt}\" />"
            )),
            "{name}"
        );
    }
    let footer = read(&mut zip, "word/footer1.xml");
    assert!(
        footer.contains("— ") && footer.contains("PAGE") && footer.contains(" —"),
        "{footer}"
    );
}

fn docx_zip(bytes: &[u8]) -> Vec<(String, String)> {
    // a minimal reader of the stored entries' names and texts, through the zip crate
    let mut archive = zip_archive(bytes);
    let mut out = Vec::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let mut s = String::new();
        let _ = f.read_to_string(&mut s);
        out.push((f.name().to_string(), s));
    }
    out
}

fn zip_archive(bytes: &[u8]) -> zip::ZipArchive<std::io::Cursor<Vec<u8>>> {
    zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap()
}

fn read(entries: &mut [(String, String)], name: &str) -> String {
    entries
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, s)| s.clone())
        .unwrap_or_else(|| panic!("{name} not in the docx"))
}

#[test]
fn hostile_text_is_escaped_in_the_xml() {
    let mut r = sample();
    r.sections[1].text = "<script>alert(1)</script> ]]> & 结束".into();
    let xml = xml_of(&r);
    assert!(!xml.contains("<script>"));
    assert!(xml.contains("&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &amp; 结束"));
    assert!(paragraphs(&xml).contains(&"<script>alert(1)</script> ]]> & 结束".to_string()));
}

#[test]
fn a_line_break_in_a_cell_is_a_break_not_a_space() {
    let mut r = sample();
    r.indicators[0].reason = "第一行\n第二行\t完".into();
    let xml = xml_of(&r);
    assert!(xml.contains(
        r#"<w:t xml:space="preserve">第一行</w:t><w:br /><w:t xml:space="preserve">第二行</w:t><w:tab /><w:t xml:space="preserve">完</w:t>"#
    ));
}
