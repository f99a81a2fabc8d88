//! Files in and out: downloads (text or bytes) under a name file systems take, and the text of
//! a file the user picked or dropped.

use wasm_bindgen::{JsCast, JsValue};

use super::storage::js_message;

/// Offer `text` as a file download.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::new();
    parts.push(&JsValue::from_str(text));
    download_parts(filename, mime, &parts)
}

/// Offer `bytes` as a file download.
pub fn download_bytes(filename: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let parts = js_sys::Array::new();
    parts.push(&js_sys::Uint8Array::from(bytes));
    download_parts(filename, mime, &parts)
}

fn download_parts(filename: &str, mime: &str, parts: &js_sys::Array) -> Result<(), String> {
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(parts, &opts)
        .map_err(|e| js_message(&e))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| js_message(&e))?;
    let doc = leptos::prelude::document();
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|e| js_message(&e))?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    // revoke after the click has been handled
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(5),
    );
    Ok(())
}

/// A file name without characters that file systems refuse.
pub fn file_name(base: &str, ext: &str) -> String {
    let clean: String = base
        .chars()
        .map(|c| if "\\/:*?\"<>|".contains(c) { '_' } else { c })
        .collect();
    let clean = clean.trim();
    format!("{}.{ext}", if clean.is_empty() { "草稿" } else { clean })
}

/// The text of a file the user picked.
pub async fn read_file(file: web_sys::File) -> Result<String, String> {
    let mut texts = Reading::start(&[file]).texts().await;
    texts.pop().unwrap_or_else(|| Err("没有读到文件".into()))
}

/// Files' texts being read: started at once, awaited later, so that 汇总 reads the next files
/// while it parses these. The files are read as one blob and split again by their sizes: each
/// read is a round trip to the browser that cost more than its bytes (200 drafts of 28 KB, at
/// 4× CPU: 280 ms as 200 reads, 75 ms as one). Read as bytes and decoded here, as
/// `Blob.text()` would: the browser's UTF-16 string and its copy back into the program's
/// memory were a tenth of a 汇总's time.
pub struct Reading {
    files: Vec<web_sys::File>,
    read: wasm_bindgen_futures::JsFuture,
}

impl Reading {
    pub fn start(files: &[web_sys::File]) -> Self {
        let parts: js_sys::Array = files.iter().collect();
        let read = match web_sys::Blob::new_with_blob_sequence(&parts) {
            Ok(blob) => blob.array_buffer(),
            Err(e) => js_sys::Promise::reject(&e),
        };
        Reading {
            files: files.to_vec(),
            read: wasm_bindgen_futures::JsFuture::from(read),
        }
    }

    /// Each file's text, in the order given. Where the joined read fails (a file changed or
    /// went away since it was picked), each file is read alone, so the others still come in
    /// and the one at fault says why.
    pub async fn texts(self) -> Vec<Result<String, String>> {
        let joined = match self.read.await {
            Ok(buf) => js_sys::Uint8Array::new(&buf),
            Err(_) if self.files.len() > 1 => {
                let mut texts = Vec::with_capacity(self.files.len());
                for f in &self.files {
                    texts.push(read_one(f).await);
                }
                return texts;
            }
            Err(e) => return vec![Err(js_message(&e))],
        };
        // each file's bytes copied once, straight from the browser's buffer into its own
        let mut at = 0;
        self.files
            .iter()
            .map(|f| {
                let end = (at + f.size() as u32).min(joined.length());
                let bytes = joined.subarray(at, end).to_vec();
                at = end;
                Ok(selfeval_core::base::text::from_utf8(bytes))
            })
            .collect()
    }
}

async fn read_one(file: &web_sys::File) -> Result<String, String> {
    read_bytes(file.clone())
        .await
        .map(selfeval_core::base::text::from_utf8)
}

/// The bytes of a file the user picked (a Word or Excel file to import).
pub async fn read_bytes(file: web_sys::File) -> Result<Vec<u8>, String> {
    let buf = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| js_message(&e))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}
