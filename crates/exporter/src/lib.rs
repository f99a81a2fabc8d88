//! The exporter module: .docx and .xlsx of a draft, built in the browser on first use.
//!
//! These two formats need docx-rs and rust_xlsxwriter with their zip and XML stacks, which are
//! most of the bytes of a build that carries them and are used once a day; so they live in
//! this second wasm module, loaded when the export menu is first opened. It takes the draft as
//! its file (docs/format.md) and the pack as its JSON, evaluates them with the same core the
//! editor runs — figures are computed from the raw inputs, once, by one code — and returns the
//! file's bytes.

use selfeval_core::{draft_file, evaluate, Pack};
use wasm_bindgen::prelude::*;

fn read(draft: &str, pack: &str) -> Result<(selfeval_core::Report, Pack), String> {
    let report = draft_file::from_json(draft).map_err(|e| e.to_string())?;
    let pack = Pack::from_json(pack).map_err(|e| e.to_string())?;
    Ok((report, pack))
}

/// The report as a Word document.
pub fn docx(draft: &str, pack: &str) -> Result<Vec<u8>, String> {
    let (r, p) = read(draft, pack)?;
    Ok(selfeval_core::export::docx::docx(&r, &evaluate(&r, &p)))
}

/// The 自评表 as an Excel workbook.
pub fn xlsx(draft: &str, pack: &str) -> Result<Vec<u8>, String> {
    let (r, p) = read(draft, pack)?;
    selfeval_core::export::xlsx::self_evaluation_xlsx(&r, &evaluate(&r, &p))
}

/// A table (the 汇总 of many drafts) as an Excel workbook.
pub fn table_xlsx(table: &str) -> Result<Vec<u8>, String> {
    let t: selfeval_core::sheet::Table =
        serde_json::from_str(table).map_err(|e| format!("汇总表数据有误：{e}"))?;
    selfeval_core::export::xlsx::table_xlsx(&t)
}

#[wasm_bindgen(js_name = reportDocx)]
pub fn report_docx(draft: &str, pack: &str) -> Result<Vec<u8>, JsError> {
    docx(draft, pack).map_err(|e| JsError::new(&e))
}

#[wasm_bindgen(js_name = reportXlsx)]
pub fn report_xlsx(draft: &str, pack: &str) -> Result<Vec<u8>, JsError> {
    xlsx(draft, pack).map_err(|e| JsError::new(&e))
}

#[wasm_bindgen(js_name = tableXlsx)]
pub fn summary_xlsx(table: &str) -> Result<Vec<u8>, JsError> {
    table_xlsx(table).map_err(|e| JsError::new(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_module_gives_what_the_core_gives() {
        let r = selfeval_core::sample();
        let p = Pack::builtin_by_id(&r.pack_id).unwrap();
        let bytes = docx(&draft_file::to_json(&r), &p.to_json()).unwrap();
        assert_eq!(
            bytes,
            selfeval_core::export::docx::docx(&r, &evaluate(&r, &p))
        );
        let x = xlsx(&draft_file::to_json(&r), &p.to_json()).unwrap();
        assert!(x.starts_with(b"PK"));
        let err = docx("{", &p.to_json()).unwrap_err();
        assert!(!err.is_empty());
    }
}
