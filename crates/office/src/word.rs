//! A .docx as `file::office::Document`: the body's paragraphs (style, outline level, bold
//! runs, automatic numbering) and tables (merged cells spread), in reading order. Headers,
//! footers and comments are other parts and are not read; deleted text of tracked changes is
//! left out and inserted text kept, as if the changes were accepted.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use selfeval_core::file::office::{limits, Block, Document, Para};

use crate::package::{damaged, Package};

/// A style: its name, its heading level, whether its text is bold, what it is based on.
#[derive(Default, Clone)]
struct Style {
    name: String,
    level: Option<u8>,
    bold: bool,
    based_on: Option<String>,
}

fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

/// `<w:b/>`, `<w:b w:val="1"/>` are on; `w:val="0"` / `"false"` off.
fn on(e: &BytesStart) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "none"))
}

/// A heading level from a style's name: "heading 2", "标题 2", "标题2".
fn level_of_name(name: &str) -> Option<u8> {
    let n = name.to_lowercase();
    let rest = n
        .strip_prefix("heading")
        .or_else(|| n.strip_prefix("标题"))?
        .trim();
    rest.parse::<u8>().ok().filter(|l| (1..=9).contains(l))
}

fn styles(xml: &str) -> Result<HashMap<String, Style>, String> {
    let mut out = HashMap::new();
    let mut r = Reader::from_str(xml);
    let mut current: Option<(String, Style)> = None;
    let mut in_rpr = false;
    loop {
        match r.read_event().map_err(|_| damaged())? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "style" => {
                    if let Some((id, s)) = current.take() {
                        out.insert(id, s);
                    }
                    current = attr(&e, "styleId").map(|id| (id, Style::default()));
                }
                "name" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.name = attr(&e, "val").unwrap_or_default().to_lowercase();
                        s.level = s.level.or(level_of_name(&s.name));
                    }
                }
                "basedOn" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.based_on = attr(&e, "val");
                    }
                }
                "outlineLvl" => {
                    if let Some((_, s)) = current.as_mut() {
                        let l = attr(&e, "val").and_then(|v| v.parse::<u8>().ok());
                        if let Some(l) = l.filter(|l| *l < 9) {
                            s.level = Some(l + 1);
                        }
                    }
                }
                "rPr" => in_rpr = true,
                "b" if in_rpr => {
                    if let Some((_, s)) = current.as_mut() {
                        s.bold = on(&e);
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "rPr" => in_rpr = false,
                "style" => {
                    if let Some((id, s)) = current.take() {
                        out.insert(id, s);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    // what a style inherits (a few steps, never a loop)
    let snapshot = out.clone();
    for s in out.values_mut() {
        let mut base = s.based_on.clone();
        for _ in 0..5 {
            let Some(b) = base.and_then(|b| snapshot.get(&b)) else {
                break;
            };
            s.level = s.level.or(b.level);
            s.bold |= b.bold;
            base = b.based_on.clone();
        }
    }
    Ok(out)
}

/// A table being read: rows of (text, columns spanned, vertical merge: None / start / continue).
#[derive(Default)]
struct Table {
    rows: Vec<Vec<Cell>>,
}

#[derive(Default)]
struct Cell {
    text: String,
    span: usize,
    merge: Option<bool>,
}

impl Table {
    /// Rows of cell texts, a merged cell's text in each grid cell it covers.
    fn grid(self) -> Vec<Vec<String>> {
        let mut out: Vec<Vec<String>> = Vec::new();
        for row in self.rows.into_iter().take(limits::ROWS) {
            let mut cells = Vec::new();
            for c in row {
                let col = cells.len();
                let text = match c.merge {
                    // continues the cell above
                    Some(false) => out
                        .last()
                        .and_then(|r| r.get(col).cloned())
                        .unwrap_or_default(),
                    _ => c.text.trim().to_string(),
                };
                for _ in 0..c.span.clamp(1, limits::COLUMNS) {
                    if cells.len() < limits::COLUMNS {
                        cells.push(text.clone());
                    }
                }
            }
            out.push(cells);
        }
        out
    }
}

/// Read a .docx's body.
pub fn read(pkg: &mut Package) -> Result<Document, String> {
    let body = pkg
        .text("word/document.xml")?
        .ok_or("这不是 Word 文档（.docx）：缺少正文部分")?;
    let styles = match pkg.text("word/styles.xml")? {
        Some(x) => styles(&x)?,
        None => HashMap::new(),
    };
    let mut r = Reader::from_str(&body);
    let mut doc = Document::default();
    // the paragraphs open (a text box's paragraph sits inside another's run)
    let mut paras: Vec<(Para, bool)> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    let mut depth = 0usize;
    let mut in_ppr = false;
    let mut in_rpr = false;
    let mut run_bold: Option<bool> = None;
    let mut in_text = false;
    // inside deleted text, a fallback rendition, or a field's instruction
    let mut skip = 0usize;
    let mut count = 0usize;
    loop {
        let ev = r.read_event().map_err(|_| damaged())?;
        match ev {
            Event::Start(ref e) => {
                depth += 1;
                if depth > 400 {
                    return Err("文件结构嵌套过深（可能是损坏或恶意构造的文件），已拒绝读取".into());
                }
                let name = e.local_name();
                match name.as_ref() {
                    "del" | "moveFrom" | "Fallback" | "instrText" | "delText" => skip += 1,
                    _ if skip > 0 => {}
                    "p" => {
                        count += 1;
                        if count > limits::PARAGRAPHS {
                            return Err("文档过长（段落过多），已拒绝读取".into());
                        }
                        paras.push((Para::default(), false));
                    }
                    "pPr" => in_ppr = true,
                    "rPr" => in_rpr = true,
                    "r" => run_bold = None,
                    "t" => in_text = true,
                    "tbl" => tables.push(Table::default()),
                    "tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.rows.push(Vec::new());
                        }
                    }
                    "tc" => {
                        if let Some(row) = tables.last_mut().and_then(|t| t.rows.last_mut()) {
                            row.push(Cell {
                                span: 1,
                                ..Cell::default()
                            });
                        }
                    }
                    _ => {}
                }
                if skip == 0 {
                    empty(
                        e,
                        &styles,
                        &mut paras,
                        &mut tables,
                        in_ppr,
                        in_rpr,
                        &mut run_bold,
                    );
                }
            }
            Event::Empty(ref e) if skip == 0 => match e.local_name().as_ref() {
                "tab" if !in_ppr => push_text(&mut paras, "\t", run_bold),
                "br" | "cr" => push_text(&mut paras, " ", run_bold),
                _ => empty(
                    e,
                    &styles,
                    &mut paras,
                    &mut tables,
                    in_ppr,
                    in_rpr,
                    &mut run_bold,
                ),
            },
            Event::Text(ref t) if in_text && skip == 0 => {
                push_text(&mut paras, &t.xml10_content(), run_bold);
            }
            Event::GeneralRef(ref g) if in_text && skip == 0 => {
                let s = match &**g {
                    "amp" => "&".to_string(),
                    "lt" => "<".into(),
                    "gt" => ">".into(),
                    "quot" => "\"".into(),
                    "apos" => "'".into(),
                    other => other
                        .strip_prefix("#x")
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .or_else(|| other.strip_prefix('#').and_then(|d| d.parse().ok()))
                        .and_then(char::from_u32)
                        .map(String::from)
                        .unwrap_or_default(),
                };
                push_text(&mut paras, &s, run_bold);
            }
            Event::End(ref e) => {
                depth = depth.saturating_sub(1);
                let name = e.local_name();
                match name.as_ref() {
                    "del" | "moveFrom" | "Fallback" | "instrText" | "delText" => {
                        skip = skip.saturating_sub(1)
                    }
                    _ if skip > 0 => {}
                    "pPr" => in_ppr = false,
                    "rPr" => in_rpr = false,
                    "t" => in_text = false,
                    "p" => {
                        let Some((p, _)) = paras.pop() else { continue };
                        if let Some(cell) = tables
                            .last_mut()
                            .and_then(|t| t.rows.last_mut())
                            .and_then(|r| r.last_mut())
                        {
                            // a cell's paragraphs are its lines
                            let text = p.text();
                            if !text.trim().is_empty() {
                                if !cell.text.is_empty() {
                                    cell.text.push('\n');
                                }
                                cell.text.push_str(text.trim());
                            }
                        } else {
                            // (a text box's paragraph, inside another, comes before it)
                            doc.blocks.push(Block::Para(p));
                        }
                    }
                    "tbl" => {
                        let Some(t) = tables.pop() else { continue };
                        let grid = t.grid();
                        match tables
                            .last_mut()
                            .and_then(|t| t.rows.last_mut())
                            .and_then(|r| r.last_mut())
                        {
                            // a table inside a cell: its text in the cell
                            Some(cell) => {
                                let text = selfeval_core::app::import::word::table_text(&grid);
                                cell.text.push_str(&text);
                            }
                            None => doc.blocks.push(Block::Table(grid)),
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(doc)
}

fn push_text(paras: &mut [(Para, bool)], text: &str, run_bold: Option<bool>) {
    if let Some((p, style_bold)) = paras.last_mut() {
        let bold = run_bold.unwrap_or(*style_bold);
        match p.runs.last_mut() {
            Some((t, b)) if *b == bold => t.push_str(text),
            _ => p.runs.push((text.to_string(), bold)),
        }
    }
}

/// What an element inside a paragraph's or a cell's properties says.
fn empty(
    e: &BytesStart,
    styles: &HashMap<String, Style>,
    paras: &mut [(Para, bool)],
    tables: &mut [Table],
    in_ppr: bool,
    in_rpr: bool,
    run_bold: &mut Option<bool>,
) {
    match e.local_name().as_ref() {
        "pStyle" if in_ppr => {
            if let (Some((p, bold)), Some(id)) = (paras.last_mut(), attr(e, "val")) {
                let s = styles.get(&id).cloned().unwrap_or_else(|| Style {
                    // a style the package does not define: its id may still say "Heading1"
                    level: level_of_name(&id.replace("Heading", "heading ")),
                    name: id.to_lowercase(),
                    ..Style::default()
                });
                p.style = s.name.clone();
                p.heading = p.heading.or(s.level);
                *bold = s.bold;
            }
        }
        "outlineLvl" if in_ppr => {
            if let Some((p, _)) = paras.last_mut() {
                let l = attr(e, "val").and_then(|v| v.parse::<u8>().ok());
                p.heading = l.filter(|l| *l < 9).map(|l| l + 1);
            }
        }
        "numPr" if in_ppr => {
            if let Some((p, _)) = paras.last_mut() {
                p.numbered = true;
            }
        }
        // a paragraph mark's bold (inside pPr) is not its text's
        "b" if in_rpr && !in_ppr => *run_bold = Some(on(e)),
        "gridSpan" => {
            if let Some(c) = tables
                .last_mut()
                .and_then(|t| t.rows.last_mut())
                .and_then(|r| r.last_mut())
            {
                c.span = attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(1);
            }
        }
        "vMerge" => {
            if let Some(c) = tables
                .last_mut()
                .and_then(|t| t.rows.last_mut())
                .and_then(|r| r.last_mut())
            {
                c.merge = Some(attr(e, "val").as_deref() == Some("restart"));
            }
        }
        _ => {}
    }
}
