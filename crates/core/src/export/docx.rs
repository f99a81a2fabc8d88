//! The report as a Word document in 公文 layout (after GB/T 9704-2012), written as
//! WordprocessingML (see [`super::ooxml`]).
//!
//! A4; margins 天头 37 mm, 地脚 35 mm, 订口 28 mm, 翻口 26 mm; title 2号 小标宋; body 3号
//! 仿宋_GB2312 at an exact 28 pt line pitch; 一级 headings 黑体, 二级 楷体, 三级 仿宋 bold;
//! page numbers "— 1 —" in 4号 宋体 at the foot. Tables carry their width, grid and every
//! cell's width in DXA (WPS and LibreOffice collapse tables that lack them) and repeat their
//! header rows across pages. No timestamps: the same draft gives the same bytes.

use super::ooxml::{esc, package, rels, DECL};
use crate::model::Report;
use crate::report::document::{self, Block, Run as DocRun};
use crate::report::sheet;
use crate::scoring::Evaluation;

/// Twips (1/20 pt) per millimetre.
const MM: f64 = 56.692_913;
const PAGE_W: u32 = 11906; // A4 210 mm
const PAGE_H: u32 = 16838; // A4 297 mm
const TOP: i32 = (37.0 * MM) as i32;
const BOTTOM: i32 = (35.0 * MM) as i32;
const LEFT: i32 = (28.0 * MM) as i32;
const RIGHT: i32 = (26.0 * MM) as i32;
/// The 附表 is a landscape section with 20 mm margins (25 mm at the top), so a 自评表 of
/// thirteen columns keeps every figure on one line.
const WIDE_MARGIN: i32 = (20.0 * MM) as i32;
const WIDE_TOP: i32 = (25.0 * MM) as i32;
/// The landscape text block's width in DXA: the 自评表's width.
pub const APPENDIX_W: usize = PAGE_H as usize - 2 * WIDE_MARGIN as usize;

/// Font sizes in half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 五号 10.5 pt, 小五 9 pt.
const SIZE_2: usize = 44;
const SIZE_3: usize = 32;
const SIZE_4: usize = 28;
const SIZE_5: usize = 21;
const SIZE_SMALL_5: usize = 18;

const TITLE_FONT: &str = "方正小标宋简体";
const BODY_FONT: &str = "仿宋_GB2312";
const HEI: &str = "黑体";
const KAI: &str = "楷体_GB2312";
const SONG: &str = "宋体";

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// A run's look: its 中文 font (Latin text is Times New Roman), size in half-points, bold.
#[derive(Clone, Copy)]
struct Look {
    font: &'static str,
    size: usize,
    bold: bool,
}

const fn look(font: &'static str, size: usize) -> Look {
    Look {
        font,
        size,
        bold: false,
    }
}

impl Look {
    const fn bold(self) -> Look {
        Look { bold: true, ..self }
    }

    fn rpr(self, out: &mut String) {
        out.push_str(&format!(
            r#"<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{}" />"#,
            self.font
        ));
        if self.bold {
            out.push_str("<w:b /><w:bCs />");
        }
        out.push_str(&format!(
            r#"<w:sz w:val="{0}" /><w:szCs w:val="{0}" /></w:rPr>"#,
            self.size
        ));
    }
}

/// A run of text; a line break in it is a `w:br`, a tab a `w:tab`.
fn run(out: &mut String, text: &str, look: Look) {
    out.push_str("<w:r>");
    look.rpr(out);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br />");
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                out.push_str("<w:tab />");
            }
            if !piece.is_empty() {
                out.push_str(r#"<w:t xml:space="preserve">"#);
                esc(out, piece);
                out.push_str("</w:t>");
            }
        }
    }
    out.push_str("</w:r>");
}

/// A paragraph's properties, written in the schema's order.
#[derive(Clone, Copy, Default)]
struct Para {
    keep_next: bool,
    /// Line pitch in twips, and whether exact (else at least single).
    line: Option<(u32, bool)>,
    /// 首行缩进两字.
    indent: bool,
    align: Option<&'static str>,
    outline: Option<u8>,
    /// The paragraph mark's size (an empty table cell's height follows it).
    mark: Option<usize>,
}

/// Exactly 28 pt between lines, as 公文 pages have 22 lines.
const BODY: Para = Para {
    keep_next: false,
    line: Some((560, true)),
    indent: false,
    align: None,
    outline: None,
    mark: None,
};

impl Para {
    /// `sect` is a section's properties when this paragraph ends a section.
    fn ppr(self, out: &mut String, sect: Option<&str>) {
        out.push_str("<w:pPr>");
        if self.keep_next {
            out.push_str("<w:keepNext />");
        }
        match self.line {
            Some((line, exact)) => out.push_str(&format!(
                r#"<w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="{}" />"#,
                if exact { "exact" } else { "auto" }
            )),
            None => out.push_str(r#"<w:spacing w:before="0" w:after="0" />"#),
        }
        if self.indent {
            // in characters for Word and WPS, and in twips (2 × 16 pt) for LibreOffice,
            // which ignores the character form
            out.push_str(r#"<w:ind w:firstLineChars="200" w:firstLine="640" />"#);
        }
        if let Some(a) = self.align {
            out.push_str(&format!(r#"<w:jc w:val="{a}" />"#));
        }
        if let Some(l) = self.outline {
            out.push_str(&format!(r#"<w:outlineLvl w:val="{l}" />"#));
        }
        if let Some(size) = self.mark {
            out.push_str(&format!(
                r#"<w:rPr><w:sz w:val="{size}" /><w:szCs w:val="{size}" /></w:rPr>"#
            ));
        }
        if let Some(sect) = sect {
            out.push_str(sect);
        }
        out.push_str("</w:pPr>");
    }
}

/// What a section holds, in order: paragraphs (their properties and runs) and tables.
enum Piece {
    P(Para, String),
    T(String),
}

impl Piece {
    fn text(para: Para, text: &str, look: Look) -> Piece {
        let mut runs = String::new();
        run(&mut runs, text, look);
        Piece::P(para, runs)
    }

    fn write(&self, out: &mut String, sect: Option<&str>) {
        match self {
            Piece::P(para, runs) => {
                out.push_str("<w:p>");
                para.ppr(out, sect);
                out.push_str(runs);
                out.push_str("</w:p>");
            }
            Piece::T(t) => {
                out.push_str(t);
                // a section cannot end on a table: its properties go in a paragraph after it
                if let Some(sect) = sect {
                    Piece::P(Para::default(), String::new()).write(out, Some(sect));
                }
            }
        }
    }
}

fn heading(level: u8, number: &str, text: &str) -> Piece {
    let label = format!("{number}{text}");
    let l = match level {
        1 => look(HEI, SIZE_3),
        2 => look(KAI, SIZE_3),
        3 => look(BODY_FONT, SIZE_3).bold(),
        _ => look(BODY_FONT, SIZE_3),
    };
    let para = Para {
        keep_next: true,
        indent: true,
        outline: Some(level.saturating_sub(1)),
        ..BODY
    };
    Piece::text(para, &label, l)
}

fn paragraph(runs: &[DocRun]) -> Piece {
    let body = look(BODY_FONT, SIZE_3);
    let mut out = String::new();
    for r in runs {
        match r {
            DocRun::Text(t) => run(&mut out, t, body),
            DocRun::Bold(t) => run(&mut out, t, body.bold()),
        }
    }
    let para = Para {
        indent: true,
        align: Some("both"),
        ..BODY
    };
    Piece::P(para, out)
}

fn cell(out: &mut String, text: &str, width: usize, l: Look) {
    out.push_str(&format!(
        r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa" /><w:vAlign w:val="center" /></w:tcPr>"#
    ));
    let para = Para {
        align: Some("center"),
        mark: Some(l.size),
        ..Para::default()
    };
    out.push_str("<w:p>");
    para.ppr(out, None);
    if !text.is_empty() {
        run(out, text, l);
    }
    out.push_str("</w:p></w:tc>");
}

/// Left and right cell padding (1 mm each), and a margin for the fonts that stand in for
/// 仿宋_GB2312 and Times New Roman being a little wider than these measures.
const PADDING: usize = 2 * 57 + 90;

/// A text's width on one line, in twips at `size` half-points: a CJK character is one em;
/// Latin characters as wide as Times New Roman sets them (digits half an em, "%" 0.83), so
/// the widths hold in Word, WPS and LibreOffice (whose Liberation Serif has the same metrics).
fn one_line(text: &str, size: usize) -> usize {
    let em = size * 10;
    let milli: usize = text
        .chars()
        .map(|c| match c {
            '0'..='9' => 500,
            '.' | ',' | ' ' | ':' | ';' => 250,
            '%' => 833,
            '-' | '(' | ')' | '/' => 333,
            'A'..='Z' => 722,
            c if c.is_ascii() => 556,
            _ => 1000,
        })
        .sum();
    milli * em / 1000
}

/// The narrowest a cell may be: a figure whole (it must never wrap); a text wraps between
/// CJK characters and at spaces, but keeps four characters a line (and its longest word).
fn narrowest(text: &str, figure: bool, size: usize) -> usize {
    if figure {
        return one_line(text, size);
    }
    let word = text
        .split(|c: char| c.is_whitespace() || !c.is_ascii())
        .map(|w| one_line(w, size))
        .max()
        .unwrap_or(0);
    one_line(text, size).min(4 * size * 10).max(word)
}

/// Column widths in DXA that fill `width`, from the content: each column at least as wide as
/// its widest figure, and what is left shared by how much more each column's longest text
/// wants (as a browser lays out an automatic table). `None` when the figures alone do not fit.
fn fitted(t: &sheet::Table, width: usize, size: usize) -> Option<Vec<usize>> {
    let n = t.header.len();
    let full = |text: &str| one_line(text, size) + PADDING;
    // a header may wrap to two characters a line
    let mut least: Vec<usize> = t
        .header
        .iter()
        .map(|h| one_line(h, size).min(2 * size * 10) + PADDING)
        .collect();
    let mut most: Vec<usize> = t.header.iter().map(|h| full(h)).collect();
    for row in &t.rows {
        for (i, c) in row.cells.iter().enumerate().take(n) {
            let text = c.shown();
            least[i] = least[i].max(narrowest(&text, c.is_figure(), size) + PADDING);
            most[i] = most[i].max(full(&text));
        }
    }
    let (sum_least, sum_most) = (least.iter().sum::<usize>(), most.iter().sum::<usize>());
    if sum_least > width {
        return None;
    }
    let mut out: Vec<usize> = if sum_most <= width {
        most.iter().map(|m| m * width / sum_most).collect()
    } else {
        let want = sum_most - sum_least;
        least
            .iter()
            .zip(&most)
            .map(|(l, m)| l + (width - sum_least) * (m - l) / want.max(1))
            .collect()
    };
    let used: usize = out.iter().sum();
    if let Some(last) = out.last_mut() {
        *last += width.saturating_sub(used);
    }
    Some(out)
}

/// Widths and font size of a 自评表 table: 五号 where its figures fit, else 小五, else (an
/// absurd number of columns) the sheet's relative widths.
fn layout(t: &sheet::Table, width: usize) -> (Vec<usize>, usize) {
    [SIZE_5, SIZE_SMALL_5]
        .into_iter()
        .find_map(|size| fitted(t, width, size).map(|w| (w, size)))
        .unwrap_or_else(|| (dxa_widths(&t.widths, width), SIZE_SMALL_5))
}

/// Column widths in DXA from relative widths (per mille), the last taking the rounding rest.
fn dxa_widths(widths: &[u32], width: usize) -> Vec<usize> {
    let total: u32 = widths.iter().sum::<u32>().max(1);
    let mut out: Vec<usize> = widths
        .iter()
        .map(|w| width * *w as usize / total as usize)
        .collect();
    let used: usize = out.iter().sum();
    if let Some(last) = out.last_mut() {
        *last += width - used;
    }
    out
}

/// A 自评表 table: its width, grid and every cell's width in DXA, fixed layout, thin borders,
/// narrow cell padding (1 mm, room for figures in narrow columns); the header row repeats on
/// every page and never splits. Body rows may split, so a long 原因 does not leave a gap.
fn table(t: &sheet::Table, width: usize) -> String {
    let (w, size) = layout(t, width);
    let border = |side: &str| {
        format!(r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000" />"#)
    };
    let mut out = format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa" /><w:jc w:val="center" /><w:tblBorders>"#
    );
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        out.push_str(&border(side));
    }
    out.push_str(r#"</w:tblBorders><w:tblLayout w:type="fixed" /><w:tblCellMar><w:top w:w="0" w:type="dxa" /><w:left w:w="57" w:type="dxa" /><w:bottom w:w="0" w:type="dxa" /><w:right w:w="57" w:type="dxa" /></w:tblCellMar></w:tblPr><w:tblGrid>"#);
    for c in &w {
        out.push_str(&format!(r#"<w:gridCol w:w="{c}" />"#));
    }
    out.push_str("</w:tblGrid><w:tr><w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>");
    let body = look(BODY_FONT, size);
    for (h, w) in t.header.iter().zip(&w) {
        cell(&mut out, h, *w, body.bold());
    }
    out.push_str("</w:tr>");
    for r in &t.rows {
        out.push_str("<w:tr>");
        let l = if r.total { body.bold() } else { body };
        for (c, w) in r.shown().iter().zip(&w) {
            cell(&mut out, c, *w, l);
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out
}

/// `word/footer1.xml`: "— PAGE —", centred, 4号 宋体.
fn footer() -> String {
    let l = look(SONG, SIZE_4);
    let mut out = format!(r#"{DECL}<w:ftr {NS}><w:p>"#);
    Para {
        align: Some("center"),
        ..Para::default()
    }
    .ppr(&mut out, None);
    run(&mut out, "— ", l);
    let field = |out: &mut String, inner: &str| {
        out.push_str("<w:r>");
        l.rpr(out);
        out.push_str(inner);
        out.push_str("</w:r>");
    };
    field(&mut out, r#"<w:fldChar w:fldCharType="begin" />"#);
    field(
        &mut out,
        r#"<w:instrText xml:space="preserve"> PAGE </w:instrText>"#,
    );
    field(&mut out, r#"<w:fldChar w:fldCharType="separate" />"#);
    field(&mut out, "<w:t>1</w:t>");
    field(&mut out, r#"<w:fldChar w:fldCharType="end" />"#);
    run(&mut out, " —", l);
    out.push_str("</w:p></w:ftr>");
    out
}

/// A section's properties: the footer, page size and orientation, margins.
fn section(landscape: bool) -> String {
    let (w, h, orient) = if landscape {
        (PAGE_H, PAGE_W, r#" w:orient="landscape""#)
    } else {
        (PAGE_W, PAGE_H, "")
    };
    let (top, right, bottom, left, footer) = if landscape {
        (WIDE_TOP, WIDE_MARGIN, WIDE_MARGIN, WIDE_MARGIN, 567)
    } else {
        (TOP, RIGHT, BOTTOM, LEFT, 794)
    };
    format!(
        r#"<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter" /><w:pgSz w:w="{w}" w:h="{h}"{orient} /><w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="850" w:footer="{footer}" w:gutter="0" /><w:cols w:space="425" /></w:sectPr>"#
    )
}

/// The report's blocks as paragraphs and tables: the text (portrait) and, from the 附表 on,
/// the appendix (landscape).
fn pieces(blocks: Vec<Block>) -> (Vec<Piece>, Vec<Piece>) {
    let (mut text, mut appendix) = (Vec::new(), Vec::new());
    let mut out = &mut text;
    for block in blocks {
        match block {
            Block::Title(t) => {
                let para = Para {
                    // 35 pt exactly: a two-line 2号 title stays one block
                    line: Some((700, true)),
                    align: Some("center"),
                    ..Para::default()
                };
                out.push(Piece::text(para, &t, look(TITLE_FONT, SIZE_2)));
                out.push(Piece::P(BODY, String::new()));
            }
            Block::Heading {
                level,
                number,
                text,
                ..
            } => out.push(heading(level, &number, &text)),
            Block::Paragraph(runs) => out.push(paragraph(&runs)),
            Block::Appendix(title) => {
                // the section break starts the landscape page
                out = &mut appendix;
                let para = Para {
                    keep_next: true,
                    align: Some("center"),
                    ..BODY
                };
                out.push(Piece::text(para, &title, look(HEI, SIZE_3)));
            }
            Block::Table(t) => {
                let para = Para {
                    keep_next: true,
                    ..BODY
                };
                out.push(Piece::text(para, &t.caption, look(HEI, SIZE_4)));
                out.push(Piece::T(table(&t, APPENDIX_W)));
            }
            Block::Signoff(fields) => {
                let line = fields
                    .iter()
                    .map(|(label, value)| {
                        let v = if value.trim().is_empty() {
                            "　　　　　"
                        } else {
                            value
                        };
                        format!("{label}：{v}")
                    })
                    .collect::<Vec<_>>()
                    .join("　　");
                out.push(Piece::P(BODY, String::new()));
                out.push(Piece::text(BODY, &line, look(BODY_FONT, SIZE_4)));
            }
        }
    }
    (text, appendix)
}

/// `word/document.xml`: the text in a portrait section of its own, then the appendix in the
/// document's last section, landscape.
fn body(blocks: Vec<Block>) -> String {
    let (text, appendix) = pieces(blocks);
    let mut out = format!("{DECL}<w:document {NS}><w:body>");
    let last = text.len().saturating_sub(1);
    let portrait = section(false);
    for (i, piece) in text.iter().enumerate() {
        let ends = i == last && !appendix.is_empty();
        piece.write(&mut out, ends.then_some(portrait.as_str()));
    }
    for piece in &appendix {
        piece.write(&mut out, None);
    }
    out.push_str(&section(!appendix.is_empty()));
    out.push_str("</w:body></w:document>");
    out
}

/// `word/styles.xml`: the defaults (3号 仿宋_GB2312 and Times New Roman, Chinese), the
/// Normal paragraph and table styles.
fn styles() -> String {
    format!(
        r#"{DECL}<w:styles {NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="{BODY_FONT}" w:hAnsi="Times New Roman" w:cs="Times New Roman" /><w:kern w:val="2" /><w:sz w:val="{SIZE_3}" /><w:szCs w:val="{SIZE_3}" /><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA" /></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val="0" /></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal" /><w:qFormat /></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table" /><w:tblPr><w:tblInd w:w="0" w:type="dxa" /><w:tblCellMar><w:top w:w="0" w:type="dxa" /><w:left w:w="108" w:type="dxa" /><w:bottom w:w="0" w:type="dxa" /><w:right w:w="108" w:type="dxa" /></w:tblCellMar></w:tblPr></w:style></w:styles>"#
    )
}

fn settings() -> String {
    format!(
        r#"{DECL}<w:settings {NS}><w:defaultTabStop w:val="420" /><w:characterSpacingControl w:val="compressPunctuation" /><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15" /></w:compat></w:settings>"#
    )
}

/// The fonts the report names, each with the font Word and WPS fall back to where it is not
/// installed (`w:altName`): 方正小标宋简体 → 宋体, 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体.
fn font_table() -> String {
    let cjk = |name: &str, alt: &str, family: &str| {
        format!(
            r#"<w:font w:name="{name}"><w:altName w:val="{alt}" /><w:charset w:val="86" /><w:family w:val="{family}" /><w:pitch w:val="fixed" /></w:font>"#
        )
    };
    let fonts = [
        cjk(TITLE_FONT, SONG, "auto"),
        cjk(BODY_FONT, "仿宋", "modern"),
        cjk(KAI, "楷体", "modern"),
        cjk(HEI, "SimHei", "modern"),
        cjk(SONG, "SimSun", "auto"),
        r#"<w:font w:name="Times New Roman"><w:charset w:val="00" /><w:family w:val="roman" /><w:pitch w:val="variable" /></w:font>"#.to_string(),
    ];
    format!("{DECL}<w:fonts {NS}>{}</w:fonts>", fonts.concat())
}

/// The `word/document.xml` of the report (for golden tests and inspection).
pub fn document_xml(report: &Report, eval: &Evaluation) -> String {
    body(document::document(report, eval))
}

/// The .docx file of the report.
pub fn docx(report: &Report, eval: &Evaluation) -> Vec<u8> {
    docx_of(document::document(report, eval))
}

/// The .docx of a report's blocks (see [`crate::report::document`]), already computed.
pub fn docx_of(blocks: Vec<Block>) -> Vec<u8> {
    let title = blocks
        .iter()
        .find_map(|b| match b {
            Block::Title(t) => Some(t.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let document_rels = rels(&[
        ("rId1", "styles", "styles.xml"),
        ("rId2", "settings", "settings.xml"),
        ("rId3", "fontTable", "fontTable.xml"),
        ("rIdFooter", "footer", "footer1.xml"),
    ]);
    let (document, styles, settings, fonts, footer) =
        (body(blocks), styles(), settings(), font_table(), footer());
    package(
        &title,
        &[
            (
                "word/document.xml",
                Some("officedocument.wordprocessingml.document.main+xml"),
                document.as_bytes(),
            ),
            (
                "word/_rels/document.xml.rels",
                None,
                document_rels.as_bytes(),
            ),
            (
                "word/styles.xml",
                Some("officedocument.wordprocessingml.styles+xml"),
                styles.as_bytes(),
            ),
            (
                "word/settings.xml",
                Some("officedocument.wordprocessingml.settings+xml"),
                settings.as_bytes(),
            ),
            (
                "word/fontTable.xml",
                Some("officedocument.wordprocessingml.fontTable+xml"),
                fonts.as_bytes(),
            ),
            (
                "word/footer1.xml",
                Some("officedocument.wordprocessingml.footer+xml"),
                footer.as_bytes(),
            ),
        ],
    )
}
