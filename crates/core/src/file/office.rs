//! An Office file as the importers see it, once its zip and XML are read (crates/office does
//! that): a Word document as paragraphs and tables in reading order, a workbook as sheets of
//! cell texts. No layout survives but what says what a text is: a heading's level, bold runs,
//! automatic numbering, merged cells.

/// A Word document's body, headers, footers, comments and the table of contents left out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Para),
    /// A table's rows of cell texts; a merged cell's text is in each cell it covers.
    Table(Vec<Vec<String>>),
}

/// One paragraph.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Para {
    /// The text in runs, each bold or not (tracked changes accepted: insertions in, deletions
    /// out).
    pub runs: Vec<(String, bool)>,
    /// A heading's level (1 = 一、) from its style or outline level, when it has one.
    pub heading: Option<u8>,
    /// Numbered by Word (numbering.xml): the number is not in the text.
    pub numbered: bool,
    /// The style's name, lower case ("heading 1", "标题 1", "toc 1", "title").
    pub style: String,
}

impl Para {
    pub fn text(&self) -> String {
        self.runs.iter().map(|(t, _)| t.as_str()).collect()
    }

    /// Every visible character is bold.
    pub fn all_bold(&self) -> bool {
        let mut any = false;
        for (t, bold) in &self.runs {
            if t.trim().is_empty() {
                continue;
            }
            if !bold {
                return false;
            }
            any = true;
        }
        any
    }

    pub fn plain(text: &str) -> Para {
        Para {
            runs: vec![(text.to_string(), false)],
            ..Para::default()
        }
    }
}

/// A workbook: its sheets in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Workbook {
    pub sheets: Vec<Grid>,
}

/// One sheet's cells as text, row by row: numbers as written ("3990.84", a % format as
/// "98.49%"), a merged range's text in each cell it covers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grid {
    pub name: String,
    pub rows: Vec<Vec<String>>,
    /// The sheet had more rows than [`limits::ROWS`]; only those were read.
    pub cut: bool,
}

/// The most the importers take, so a hostile or runaway file cannot freeze the page.
pub mod limits {
    /// A file larger than this is refused before it is read.
    pub const FILE_BYTES: usize = 30 * 1024 * 1024;
    /// The unpacked parts of a file together (a zip bomb is refused).
    pub const UNPACKED_BYTES: u64 = 120 * 1024 * 1024;
    /// Rows read from one sheet or table.
    pub const ROWS: usize = 5_000;
    /// Columns read from one row.
    pub const COLUMNS: usize = 64;
    /// Paragraphs read from a document.
    pub const PARAGRAPHS: usize = 50_000;
}
