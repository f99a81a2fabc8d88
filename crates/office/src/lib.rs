//! The office module (`selfeval-office`): the Office formats, .docx and .xlsx, built in the
//! browser on first use. The readers of Word and Excel files join it (the import work), as
//! heavy and as rarely used.
//!
//! These formats need their XML writers and a zip deflater (`export::ooxml`) and are used once
//! a day; so they live in this second wasm module, loaded when the export menu is first
//! opened. It takes what the editor already computed — the report's blocks (`document::document`) or the 自评表
//! (`sheet::sheet`) — as JSON and only lays it out: figures are computed once, by the editor,
//! and this module links none of the evaluation or the draft model.

use selfeval_core::report::document::Block;
use selfeval_core::report::sheet::{Sheet, Table};
use wasm_bindgen::prelude::*;

fn read<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, String> {
    serde_json::from_str(json).map_err(|e| format!("导出数据有误：{e}"))
}

/// The report's blocks as a Word document.
pub fn docx(blocks: &str) -> Result<Vec<u8>, String> {
    let blocks: Vec<Block> = read(blocks)?;
    Ok(selfeval_core::export::docx::docx_of(blocks))
}

/// The 自评表 as an Excel workbook.
pub fn xlsx(sheet: &str) -> Result<Vec<u8>, String> {
    let sheet: Sheet = read(sheet)?;
    selfeval_core::export::xlsx::sheet_xlsx(&sheet)
}

/// A table (the 汇总 of many drafts) as an Excel workbook.
pub fn table_xlsx(table: &str) -> Result<Vec<u8>, String> {
    let t: Table = read(table)?;
    selfeval_core::export::xlsx::table_xlsx(&t)
}

#[wasm_bindgen(js_name = reportDocx)]
pub fn report_docx(blocks: &str) -> Result<Vec<u8>, JsError> {
    docx(blocks).map_err(|e| JsError::new(&e))
}

#[wasm_bindgen(js_name = reportXlsx)]
pub fn report_xlsx(sheet: &str) -> Result<Vec<u8>, JsError> {
    xlsx(sheet).map_err(|e| JsError::new(&e))
}

#[wasm_bindgen(js_name = tableXlsx)]
pub fn summary_xlsx(table: &str) -> Result<Vec<u8>, JsError> {
    table_xlsx(table).map_err(|e| JsError::new(&e))
}

#[cfg(test)]
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
