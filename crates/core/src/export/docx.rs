//! The report as a Word document in 公文 layout (after GB/T 9704-2012), built with docx-rs.
//!
//! A4; margins 天头 37 mm, 地脚 35 mm, 订口 28 mm, 翻口 26 mm; title 2号 小标宋; body 3号
//! 仿宋_GB2312 at an exact 28 pt line pitch; 一级 headings 黑体, 二级 楷体, 三级 仿宋 bold;
//! page numbers "— 1 —" in 4号 宋体 at the foot. Tables carry their width, grid and every
//! cell's width in DXA (WPS and LibreOffice collapse tables that lack them) and repeat their
//! header rows across pages. No timestamps: the same draft gives the same bytes.

use docx_rs::{
    AlignmentType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin, PageNum,
    PageOrientationType, PageSize, Paragraph, Run, RunFonts, Section, SpecialIndentType, Table,
    TableCell, TableCellMargins, TableLayoutType, TableRow, VAlignType, WidthType,
};

use crate::document::{self, Block, Run as DocRun};
use crate::evaluate::Evaluation;
use crate::model::Report;
use crate::sheet;

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

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
}

fn run(text: &str, font: &str, size: usize) -> Run {
    Run::new()
        .add_text(crate::text::clean(text))
        .fonts(fonts(font))
        .size(size)
}

/// Exactly 28 pt between lines, as 公文 pages have 22 lines.
fn body_spacing() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(560)
        .before(0)
        .after(0)
}

/// 首行缩进两字: in characters for Word and WPS, and in twips (2 × 16 pt) for LibreOffice,
/// which ignores the character form.
fn indent_two_chars(p: Paragraph) -> Paragraph {
    p.indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
        .first_line_chars(200)
}

fn heading(level: u8, number: &str, text: &str) -> Paragraph {
    let label = format!("{number}{text}");
    let r = match level {
        1 => run(&label, HEI, SIZE_3),
        2 => run(&label, KAI, SIZE_3),
        3 => run(&label, BODY_FONT, SIZE_3).bold(),
        _ => run(&label, BODY_FONT, SIZE_3),
    };
    indent_two_chars(Paragraph::new().add_run(r))
        .line_spacing(body_spacing())
        .keep_next(true)
        .outline_lvl(level.saturating_sub(1) as usize)
}

fn paragraph(runs: &[DocRun]) -> Paragraph {
    let mut p = indent_two_chars(Paragraph::new())
        .line_spacing(body_spacing())
        .align(AlignmentType::Both);
    for r in runs {
        p = p.add_run(match r {
            DocRun::Text(t) => run(t, BODY_FONT, SIZE_3),
            DocRun::Bold(t) => run(t, BODY_FONT, SIZE_3).bold(),
        });
    }
    p
}

fn cell(text: &str, width: usize, size: usize, bold: bool) -> TableCell {
    let mut r = run(text, BODY_FONT, size);
    if bold {
        r = r.bold();
    }
    TableCell::new()
        .add_paragraph(
            Paragraph::new()
                .add_run(r)
                .align(AlignmentType::Center)
                .line_spacing(LineSpacing::new().before(0).after(0)),
        )
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Center)
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

/// Header rows are marked with `cantSplit`; [`repeat_headers`] turns that mark into
/// `tblHeader` (docx-rs has no builder for it). Body rows never get `cantSplit`.
fn table(t: &sheet::Table, width: usize) -> Table {
    let (w, size) = layout(t, width);
    let head = TableRow::new(
        t.header
            .iter()
            .zip(&w)
            .map(|(h, w)| cell(h, *w, size, true))
            .collect(),
    )
    .cant_split();
    let mut out = vec![head];
    out.extend(t.rows.iter().map(|r| {
        TableRow::new(
            r.shown()
                .iter()
                .zip(&w)
                .map(|(c, w)| cell(c, *w, size, r.total))
                .collect(),
        )
    }));
    Table::new(out)
        .set_grid(w.clone())
        .width(width, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        // narrow cell padding (1 mm) leaves room for figures in narrow columns
        .margins(TableCellMargins::new().margin(0, 57, 0, 57))
}

/// Mark the rows built with `cantSplit` as header rows that repeat on every page, and number
/// the paragraph ids from 1: docx-rs draws them from a per-thread counter, so without this the
/// bytes would depend on what the thread built before.
fn normalize(xml: &[u8]) -> Vec<u8> {
    let xml =
        String::from_utf8_lossy(xml).replace("<w:cantSplit />", "<w:cantSplit /><w:tblHeader />");
    const ATTR: &str = "w14:paraId=\"";
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml.as_str();
    let mut n = 0u32;
    while let Some(at) = rest.find(ATTR) {
        let value_at = at + ATTR.len();
        out.push_str(&rest[..value_at]);
        n += 1;
        out.push_str(&format!("{n:08X}"));
        let close = rest[value_at..]
            .find('"')
            .map_or(rest.len(), |i| value_at + i);
        rest = &rest[close..];
    }
    out.push_str(rest);
    out.into_bytes()
}

fn footer() -> Footer {
    let r = |t: &str| run(t, SONG, SIZE_4);
    Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(r("— "))
            .add_page_num(PageNum::new())
            .add_run(r(" —")),
    )
}

/// What a section holds, in order.
enum Piece {
    P(Box<Paragraph>),
    T(Box<Table>),
}

fn para(p: Paragraph) -> Piece {
    Piece::P(Box::new(p))
}

fn tbl(t: Table) -> Piece {
    Piece::T(Box::new(t))
}

fn portrait_margins() -> PageMargin {
    PageMargin::new()
        .top(TOP)
        .bottom(BOTTOM)
        .left(LEFT)
        .right(RIGHT)
        .header(850)
        .footer(794)
}

fn landscape_margins() -> PageMargin {
    PageMargin::new()
        .top(WIDE_TOP)
        .bottom(WIDE_MARGIN)
        .left(WIDE_MARGIN)
        .right(WIDE_MARGIN)
        .header(850)
        .footer(567)
}

/// The report's blocks as paragraphs and tables: the text (portrait) and, from the 附表 on,
/// the appendix (landscape).
fn pieces(blocks: Vec<Block>) -> (Vec<Piece>, Vec<Piece>) {
    let (mut text, mut appendix) = (Vec::new(), Vec::new());
    let mut out = &mut text;
    for block in blocks {
        match block {
            Block::Title(t) => {
                out.push(para(
                    Paragraph::new()
                        .add_run(run(&t, TITLE_FONT, SIZE_2))
                        .align(AlignmentType::Center)
                        .line_spacing(LineSpacing::new().line(700).before(0).after(0)),
                ));
                out.push(para(Paragraph::new().line_spacing(body_spacing())));
            }
            Block::Heading {
                level,
                number,
                text,
                ..
            } => out.push(para(heading(level, &number, &text))),
            Block::Paragraph(runs) => out.push(para(paragraph(&runs))),
            Block::Appendix(title) => {
                // the section break starts the landscape page
                out = &mut appendix;
                out.push(para(
                    Paragraph::new()
                        .add_run(run(&title, HEI, SIZE_3))
                        .align(AlignmentType::Center)
                        .line_spacing(body_spacing())
                        .keep_next(true),
                ));
            }
            Block::Table(t) => {
                out.push(para(
                    Paragraph::new()
                        .add_run(run(&t.caption, HEI, SIZE_4))
                        .line_spacing(body_spacing())
                        .keep_next(true),
                ));
                out.push(tbl(table(&t, APPENDIX_W)));
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
                out.push(para(Paragraph::new().line_spacing(body_spacing())));
                out.push(para(
                    Paragraph::new()
                        .add_run(run(&line, BODY_FONT, SIZE_4))
                        .line_spacing(body_spacing()),
                ));
            }
        }
    }
    (text, appendix)
}

fn build(blocks: Vec<Block>) -> Docx {
    let (text, appendix) = pieces(blocks);
    // the text in a portrait section of its own; the document's last section is the appendix
    let mut section = Section::new()
        .page_size(PageSize::new().size(PAGE_W, PAGE_H))
        .page_margin(portrait_margins())
        .footer(footer());
    for piece in text {
        section = match piece {
            Piece::P(p) => section.add_paragraph(*p),
            Piece::T(t) => section.add_table(*t),
        };
    }
    let mut doc = Docx::new()
        .default_fonts(fonts(BODY_FONT))
        .default_size(SIZE_3)
        .add_section(section)
        .page_size(PAGE_H, PAGE_W)
        .page_orient(PageOrientationType::Landscape)
        .page_margin(landscape_margins())
        .footer(footer());
    for piece in appendix {
        doc = match piece {
            Piece::P(p) => doc.add_paragraph(*p),
            Piece::T(t) => doc.add_table(*t),
        };
    }
    doc
}

/// The fonts the report names, each with the font Word and WPS fall back to where it is not
/// installed (`w:altName`): 方正小标宋简体 → 宋体, 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体.
fn font_table() -> Vec<u8> {
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
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">{}</w:fonts>"#,
        fonts.concat()
    )
    .into_bytes()
}

/// The `word/document.xml` of the report (for golden tests and inspection).
pub fn document_xml(report: &Report, eval: &Evaluation) -> String {
    let xml = build(document::document(report, eval)).build();
    String::from_utf8_lossy(&normalize(&xml.document)).into_owned()
}

/// The .docx file of the report.
pub fn docx(report: &Report, eval: &Evaluation) -> Vec<u8> {
    docx_of(document::document(report, eval))
}

/// The .docx of a report's blocks (see [`crate::document`]), already computed.
pub fn docx_of(blocks: Vec<Block>) -> Vec<u8> {
    let mut xml = build(blocks).build();
    xml.document = normalize(&xml.document);
    xml.font_table = font_table();
    for footer in &mut xml.footers {
        *footer = normalize(footer);
    }
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out)
        .expect("writing a zip to memory does not fail");
    out.into_inner()
}
