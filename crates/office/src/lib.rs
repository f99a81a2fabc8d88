//! The office module (`selfeval-office`): the Office formats, written (.docx and .xlsx
//! exports) and read (a Word report or an Excel 自评表 imported as a draft), in the browser
//! on first use. Both are heavy (XML, zip, calamine) and rarely used, so they live here.
//!
//! Reading: [`package`] opens the zip with limits, [`word`] and [`sheets`] turn the XML into
//! `file::office`, and the core's `app::import` makes the draft; what crosses back to the
//! editor is a draft file with the preview's lines (`Imported::to_json`).
//!
//! The page loads it as two modules, one per feature (scripts/build): `write` when the export
//! menu first opens, `read` on the first Word/Excel import, so an export does not fetch the
//! readers' calamine and encoding tables (about 470 KB gzipped against the writers' 90).
//!
//! Writing needs the XML writers and a zip deflater (`export::ooxml`). It takes what the
//! editor already computed — the report's blocks (`document::document`) or the 自评表
//! (`sheet::sheet`) — as JSON and only lays it out: figures are computed once, by the editor.

#[cfg(feature = "write")]
use selfeval_core::report::document::Block;
#[cfg(feature = "write")]
use selfeval_core::report::sheet::{Sheet, Table};
use wasm_bindgen::prelude::*;

#[cfg(feature = "read")]
pub mod package;
#[cfg(feature = "read")]
pub mod sheets;
#[cfg(feature = "read")]
pub mod word;

#[cfg(feature = "read")]
use selfeval_core::app::import::{self, Imported};
#[cfg(feature = "read")]
use selfeval_core::file::office::limits;
#[cfg(feature = "read")]
use selfeval_core::Pack;

#[cfg(feature = "write")]
fn read<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, String> {
    selfeval_core::base::json::from_text(json).map_err(|e| format!("导出数据有误：{e}"))
}

#[cfg(feature = "write")]
/// The report's blocks as a Word document.
pub fn docx(blocks: &str) -> Result<Vec<u8>, String> {
    let blocks: Vec<Block> = read(blocks)?;
    Ok(selfeval_core::export::docx::docx_of(blocks))
}

#[cfg(feature = "write")]
/// The 自评表 as an Excel workbook.
pub fn xlsx(sheet: &str) -> Result<Vec<u8>, String> {
    let sheet: Sheet = read(sheet)?;
    selfeval_core::export::xlsx::sheet_xlsx(&sheet)
}

#[cfg(feature = "write")]
/// A table (the 汇总 of many drafts) as an Excel workbook.
pub fn table_xlsx(table: &str) -> Result<Vec<u8>, String> {
    let t: Table = read(table)?;
    selfeval_core::export::xlsx::table_xlsx(&t)
}

#[cfg(feature = "read")]
/// Read a Word or Excel file as a new draft under `pack` (its JSON); what it found and did
/// not understand come with it.
pub fn import_file(
    bytes: &[u8],
    name: &str,
    pack: &str,
    choices: &import::Choices,
) -> Result<Imported, String> {
    if bytes.len() > limits::FILE_BYTES {
        return Err(format!(
            "文件过大（{}），超过 {} 的导入上限：请删去图片等内容后另存再导入",
            selfeval_core::base::number::fmt_mb(bytes.len()),
            selfeval_core::base::number::fmt_mb(limits::FILE_BYTES)
        ));
    }
    if let Some(why) = import::refusal(name, bytes) {
        return Err(why);
    }
    let pack = Pack::from_json(pack).map_err(|e| format!("框架有误：{e}"))?;
    let id = "imported";
    if bytes.starts_with(b"PK") {
        let mut pkg = package::Package::open(bytes)?;
        if pkg.has("word/document.xml") {
            let doc = word::read(&mut pkg)?;
            return Ok(import::word::import(&doc, &pack, id, name, choices));
        }
        if !(pkg.has("xl/workbook.xml") || pkg.has("content.xml") || pkg.has("xl/workbook.bin")) {
            return Err("这不是 Word（.docx）或 Excel（.xlsx）文件，无法导入".into());
        }
    } else if !bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(
            "这不是 Word（.docx）或 Excel（.xlsx/.xls）文件，也不是本工具的草稿文件，无法导入"
                .into(),
        );
    }
    let book = sheets::read(bytes).map_err(|e| {
        // an old binary file that is not a workbook: a .doc, or an encrypted .docx/.xlsx
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            "无法读取此文件：它可能设有打开密码，或是旧版 Word 文档（.doc）。请在 Word/WPS/Excel 中打开，\
             取消密码并另存为 .docx 或 .xlsx 后再导入"
                .to_string()
        } else {
            e
        }
    })?;
    Ok(import::workbook::import(&book, &pack, id, name, choices))
}

#[cfg(feature = "read")]
/// `choices`: the user's placing of unknown columns, as JSON (`import::Choices`).
#[wasm_bindgen(js_name = importFile)]
pub fn import_js(bytes: &[u8], name: &str, pack: &str, choices: &str) -> Result<String, JsError> {
    let choices: import::Choices =
        selfeval_core::base::json::from_text(choices).unwrap_or_default();
    import_file(bytes, name, pack, &choices)
        .map(|i| i.to_json())
        .map_err(|e| JsError::new(&e))
}

#[cfg(feature = "write")]
#[wasm_bindgen(js_name = reportDocx)]
pub fn report_docx(blocks: &str) -> Result<Vec<u8>, JsError> {
    docx(blocks).map_err(|e| JsError::new(&e))
}

#[cfg(feature = "write")]
#[wasm_bindgen(js_name = reportXlsx)]
pub fn report_xlsx(sheet: &str) -> Result<Vec<u8>, JsError> {
    xlsx(sheet).map_err(|e| JsError::new(&e))
}

#[cfg(feature = "write")]
#[wasm_bindgen(js_name = tableXlsx)]
pub fn summary_xlsx(table: &str) -> Result<Vec<u8>, JsError> {
    table_xlsx(table).map_err(|e| JsError::new(&e))
}

#[cfg(all(test, feature = "write"))]
mod tests {
    use super::*;
    use selfeval_core::{
        evaluate,
        report::{document, sheet},
        sample, Pack,
    };

    #[test]
    fn the_module_gives_what_the_core_gives() {
        let r = sample();
        let p = Pack::builtin_by_id(&r.pack_id).unwrap();
        let e = evaluate(&r, &p);
        let blocks = serde_json::to_string(&document::document(&r, &e)).unwrap();
        assert_eq!(
            docx(&blocks).unwrap(),
            selfeval_core::export::docx::docx(&r, &e)
        );
        let s = serde_json::to_string(&sheet::sheet(&r, &e)).unwrap();
        let x = xlsx(&s).unwrap();
        assert!(x.starts_with(b"PK"));
        assert!(docx("{").unwrap_err().contains("导出数据有误"));
    }
}
