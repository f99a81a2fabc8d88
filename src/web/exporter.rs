//! The bridge to the office modules (crates/office, built once per feature): .docx and .xlsx
//! are written by the exporter, loaded the first time the export menu opens, and Word and
//! Excel files are read by the reader, loaded on the first such import; so the editor's first
//! load carries neither their XML, zip and deflate nor calamine.
//!
//! The page's loaders (`window.selfevalExporter`, `window.selfevalReader`, in index.html)
//! fetch a module once and hand back its exports; the single-file build puts the modules in
//! the page itself.

use js_sys::{Function, Promise, Reflect, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Where the module is: shown in the export menu while it loads or when it failed.
#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    Idle,
    Loading,
    Ready,
    Failed(String),
}

/// An office module and its state, one per module per page.
#[derive(Clone, Copy)]
pub struct Module {
    pub load: RwSignal<Load>,
    /// the page's loader for it (index.html)
    loader: &'static str,
    /// its name in messages
    name: &'static str,
}

impl Module {
    fn new(loader: &'static str, name: &'static str) -> Self {
        Module {
            load: RwSignal::new(Load::Idle),
            loader,
            name,
        }
    }
}

/// The exporter module (.docx, .xlsx written): a context of its own.
#[derive(Clone, Copy)]
pub struct Exporter(pub Module);

impl Default for Exporter {
    fn default() -> Self {
        Exporter(Module::new("selfevalExporter", "导出模块"))
    }
}

impl std::ops::Deref for Exporter {
    type Target = Module;
    fn deref(&self) -> &Module {
        &self.0
    }
}

/// The reader module (Word and Excel files read): a context of its own.
#[derive(Clone, Copy)]
pub struct Reader(pub Module);

impl Default for Reader {
    fn default() -> Self {
        Reader(Module::new("selfevalReader", "Office 文件读取模块"))
    }
}

/// A thrown value as a message: an `Error`'s message, a string, or its debug form.
fn message(e: &JsValue) -> String {
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    super::storage::js_message(e)
}

async fn module(loader: &str, name: &str) -> Result<JsValue, String> {
    let loader = Reflect::get(&window(), &JsValue::from_str(loader))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or_else(|| format!("本页面缺少{name}的加载程序"))?;
    let promise: Promise = loader
        .call0(&JsValue::NULL)
        .map_err(|e| message(&e))?
        .dyn_into()
        .map_err(|_| format!("{name}的加载程序有误"))?;
    JsFuture::from(promise).await.map_err(|e| message(&e))
}

impl Module {
    /// Start loading the module (when the export menu opens), so it is there by the click.
    pub fn preload(self) {
        if matches!(self.load.get_untracked(), Load::Idle | Load::Failed(_)) {
            leptos::task::spawn_local(async move {
                let _ = self.ready().await;
            });
        }
    }

    /// The module, loaded if need be; its state follows.
    async fn ready(self) -> Result<JsValue, String> {
        if self.load.get_untracked() != Load::Ready {
            self.load.set(Load::Loading);
        }
        let result = module(self.loader, self.name).await;
        self.load.set(match &result {
            Ok(_) => Load::Ready,
            Err(e) => Load::Failed(e.clone()),
        });
        result.map_err(|e| format!("{}加载失败（{e}），请检查网络后重试", self.name))
    }

    /// Call the module's function `name`; what it returns, or the message it threw.
    async fn apply(self, name: &str, args: js_sys::Array) -> Result<JsValue, String> {
        let m = self.ready().await?;
        let f: Function = Reflect::get(&m, &JsValue::from_str(name))
            .ok()
            .and_then(|f| f.dyn_into().ok())
            .ok_or_else(|| format!("{}中没有 {name}", self.name))?;
        f.apply(&JsValue::NULL, &args).map_err(|e| message(&e))
    }

    /// Call the module's function `name` with text arguments; its result is the file's bytes.
    pub async fn call(self, name: &str, args: &[String]) -> Result<Vec<u8>, String> {
        let args: js_sys::Array = args.iter().map(|a| JsValue::from_str(a)).collect();
        let out = self.apply(name, args).await?;
        Ok(Uint8Array::new(&out).to_vec())
    }
}

impl Reader {
    /// Read a Word or Excel file as a draft under `pack` (its JSON): the module's answer
    /// (`Imported::to_json`), or why the file cannot be read.
    pub async fn import(
        self,
        bytes: &[u8],
        name: &str,
        pack: &str,
        choices: &str,
    ) -> Result<String, String> {
        let args = js_sys::Array::of4(
            &Uint8Array::from(bytes),
            &JsValue::from_str(name),
            &JsValue::from_str(pack),
            &JsValue::from_str(choices),
        );
        let out = self.0.apply("importFile", args).await?;
        out.as_string()
            .ok_or_else(|| "读取模块的结果有误".to_string())
    }
}
