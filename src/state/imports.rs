use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;
use selfeval_core::app::import::{self, Imported};
use selfeval_core::edit::lifecycle::fresh;
use selfeval_core::edit::merge::{self, Plan, Side};
use selfeval_core::file::draft::{self, MAX_FILE_BYTES};
use selfeval_core::file::office::limits;
use selfeval_core::store::EntryState;
use selfeval_core::{Pack, Report};

use crate::state::{Drafts, Nav, Route};
use crate::web::clock::new_id;
use crate::web::exporter::Reader;
use crate::web::prefs;

/// The id under which a newer version's file opens, read-only.
pub const VIEW_NEWER: &str = "newer-file";

/// A file whose draft is already here (same origin): it waits for the user's choice.
#[derive(Clone, Debug, PartialEq)]
pub struct Incoming {
    pub file: String,
    pub report: Report,
    /// The stored draft it matches: its id and name.
    pub target: String,
    pub target_name: String,
    /// It holds exactly what the stored draft holds.
    pub unchanged: bool,
}

/// Focus the preview's heading once it is drawn (a screen reader hears what was read).
fn focus_preview() {
    request_animation_frame(|| {
        if let Some(h) = document().get_element_by_id("import-preview-title") {
            crate::web::focus::focus_start(&h);
        }
    });
}

/// A Word report or Excel 自评表 read as a draft, shown before anything is stored. Its bytes
/// and framework are kept to read it again when the user places a column.
#[derive(Clone, Debug)]
pub struct Preview {
    pub file: String,
    pub imported: Imported,
    bytes: Arc<Vec<u8>>,
    pack: Arc<Pack>,
}

/// A merge being resolved: the plan, and the side chosen for each conflict so far.
#[derive(Clone, Debug, PartialEq)]
pub struct Merging {
    pub incoming: Incoming,
    pub mine: Report,
    pub plan: Plan,
    pub choices: BTreeMap<String, Side>,
}

/// Files coming in (picked or dropped, one or many), and what becomes of them. Nothing is
/// stored until a file has been read completely and, for a draft already here, the user has
/// chosen: open as a new draft, replace, or merge.
#[derive(Clone, Copy)]
pub struct Imports {
    /// Same-draft files waiting for a choice; the first is asked about.
    pub waiting: RwSignal<Vec<Incoming>>,
    pub merging: RwSignal<Option<Merging>>,
    /// A replacement for a draft, applied as one undo step when its editor opens.
    pub pending: RwSignal<Option<(String, Report, String)>>,
    /// A file from a newer version of the app, opened read-only as stored drafts of a newer
    /// schema are (its name, what could be read, why it is read-only).
    pub viewing: RwSignal<Option<(String, Report, String)>>,
    /// Word and Excel files read, each waiting for the user to confirm it as a new draft.
    pub previews: RwSignal<Vec<Preview>>,
    /// Reading a Word or Excel file (the office module may be loading).
    pub reading: RwSignal<Option<String>>,
    drafts: Drafts,
    nav: Nav,
    office: Reader,
}

impl Imports {
    pub fn new(drafts: Drafts, nav: Nav, office: Reader) -> Self {
        Imports {
            waiting: RwSignal::new(Vec::new()),
            merging: RwSignal::new(None),
            pending: RwSignal::new(None),
            viewing: RwSignal::new(None),
            previews: RwSignal::new(Vec::new()),
            reading: RwSignal::new(None),
            drafts,
            nav,
            office,
        }
    }

    /// Read every file completely, then store or ask: draft files as before, Word and Excel
    /// files (read as drafts under `pack`) into a preview. Each bad file gets its own line,
    /// naming the file; the others go on.
    pub async fn files(&self, files: Vec<web_sys::File>, pack: Pack) {
        let mut problems = Vec::new();
        let mut added = Vec::new();
        let previews_before = self.previews.with_untracked(Vec::len);
        for file in files {
            let name = file.name();
            let office = import::is_office(&name, &[]);
            let limit = if office {
                limits::FILE_BYTES
            } else {
                MAX_FILE_BYTES
            };
            if file.size() > limit as f64 {
                let size = selfeval_core::base::number::fmt_mb(file.size() as usize);
                problems.push(if office {
                    format!(
                        "“{name}”过大（{size}），超过 {} 的导入上限：请删去图片等内容后另存再导入",
                        selfeval_core::base::number::fmt_mb(limits::FILE_BYTES)
                    )
                } else {
                    format!("“{name}”过大（{size}），不是本工具的草稿文件（草稿文件通常不到 1 MB）")
                });
                continue;
            }
            let bytes = match crate::web::files::read_bytes(file).await {
                Ok(b) => b,
                Err(e) => {
                    problems.push(format!("无法读取“{name}”：{e}"));
                    continue;
                }
            };
            if let Some(why) = import::refusal(&name, &bytes[..bytes.len().min(8)]) {
                problems.push(format!("“{name}”：{why}"));
                continue;
            }
            if import::is_office(&name, &bytes[..bytes.len().min(8)]) {
                let (bytes, pack) = (Arc::new(bytes), Arc::new(pack.clone()));
                match self.read_office(&name, &bytes, &pack).await {
                    Ok(imported) => self.previews.update(|p| {
                        p.push(Preview {
                            file: name.clone(),
                            imported,
                            bytes,
                            pack,
                        })
                    }),
                    Err(e) => problems.push(format!("“{name}”：{e}")),
                }
                continue;
            }
            let Ok(text) = String::from_utf8(bytes) else {
                problems.push(format!(
                    "“{name}”：不是本工具的草稿文件（.json / .html），也不是 Word 或 Excel 文件"
                ));
                continue;
            };
            match self.take(&name, &text) {
                Ok(Some(id)) => added.push(id),
                Ok(None) => {}
                Err(e) => problems.push(format!("“{name}”：{e}")),
            }
        }
        if !problems.is_empty() {
            self.drafts.error.set(Some(format!(
                "以下文件未导入（现有草稿未受影响）：\n{}",
                problems.join("\n")
            )));
        }
        // one file, nothing to ask: open it, as a user who imported one draft expects
        let previewing = self.previews.with_untracked(Vec::len) > previews_before;
        if previewing {
            focus_preview();
        }
        let asking = self.waiting.with_untracked(|w| !w.is_empty()) || previewing;
        if added.len() == 1 && problems.is_empty() && !asking {
            self.nav.go(Route::Draft {
                id: added.remove(0),
                part: None,
            });
        } else if !added.is_empty() {
            self.drafts
                .notice
                .set(Some(crate::state::Notice::Imported(added.len())));
        }
    }

    /// One file's text: a new draft stored (its id), a same-draft file put to the user
    /// (`None`), or why it was refused.
    fn take(&self, name: &str, text: &str) -> Result<Option<String>, String> {
        let read = draft::from_json_or_html(text);
        let report = match read {
            Ok(r) => r,
            // a newer version's file opens read-only; it is not stored
            Err(
                e @ draft::DraftError::Newer {
                    report: Some(_), ..
                },
            ) => {
                let why = e.to_string();
                if let draft::DraftError::Newer {
                    report: Some(r), ..
                } = e
                {
                    let view = Report {
                        id: VIEW_NEWER.into(),
                        ..*r
                    };
                    self.viewing.set(Some((name.to_string(), view, why)));
                    self.nav.go(Route::Draft {
                        id: VIEW_NEWER.into(),
                        part: None,
                    });
                }
                return Ok(None);
            }
            Err(e) => return Err(e.to_string()),
        };
        self.drafts.known_pack(&report.pack_id)?;
        // written before rows could be linked to the figures the app computes: link them now
        let report = if draft::schema_of(text) == Some(1) {
            let pack = self.drafts.pack(&report.pack_id);
            import::links::adopted(report, &pack)
        } else {
            report
        };
        let same = self.drafts.list.with_untracked(|l| {
            l.iter()
                .filter(|x| x.state == EntryState::Ok)
                .find_map(|x| {
                    let m = x.meta.as_ref()?;
                    (!report.origin.is_empty() && m.origin == report.origin)
                        .then(|| (x.id.clone(), m.name.clone()))
                })
        });
        match same {
            Some((target, target_name)) => {
                // the same content as the draft here: there is nothing to merge or replace,
                // and the user is told so (a copy can still be opened as a new draft)
                let unchanged = self
                    .drafts
                    .read(&target)
                    .is_ok_and(|(mine, _)| merge::plan(&mine, &report).pieces.is_empty());
                self.waiting.update(|w| {
                    w.push(Incoming {
                        file: name.to_string(),
                        report,
                        target,
                        target_name,
                        unchanged,
                    })
                });
                Ok(None)
            }
            None => self
                .drafts
                .create(&draft::as_imported(report, &new_id()))
                .map(Some),
        }
    }

    /// A Word or Excel file read by the office module, with the columns the user placed before.
    async fn read_office(&self, name: &str, bytes: &[u8], pack: &Pack) -> Result<Imported, String> {
        let choices = prefs::IMPORT_COLUMNS.get().unwrap_or_default();
        let choices = serde_json::to_string(&choices).unwrap_or_default();
        self.reading.set(Some(name.to_string()));
        let read = self
            .office
            .import(bytes, name, &pack.to_json(), &choices)
            .await;
        self.reading.set(None);
        read.and_then(|json| Imported::from_json(&json))
    }

    /// The user placed the previewed file's column `header` (`key`: a column's key, "" for
    /// not imported): remembered, and the file read again.
    pub async fn place_column(&self, header: String, key: String) {
        let Some(p) = self.previews.with_untracked(|p| p.first().cloned()) else {
            return;
        };
        let mut choices = prefs::IMPORT_COLUMNS.get().unwrap_or_default();
        choices.insert(header, key);
        // a setting that cannot be stored is only not remembered; this file still uses it
        prefs::IMPORT_COLUMNS.set(&choices);
        let json = serde_json::to_string(&choices).unwrap_or_default();
        let read = self
            .office
            .import(&p.bytes, &p.file, &p.pack.to_json(), &json)
            .await
            .and_then(|j| Imported::from_json(&j));
        match read {
            Ok(imported) => self.previews.update(|list| {
                if let Some(first) = list.first_mut().filter(|f| Arc::ptr_eq(&f.bytes, &p.bytes)) {
                    first.imported = imported;
                }
            }),
            Err(e) => self.drafts.error.set(Some(format!("“{}”：{e}", p.file))),
        }
    }

    /// The previewed file becomes a new draft; it opens when no other preview waits.
    pub fn confirm_preview(&self) {
        let mut first = None;
        self.previews.update(|p| {
            if !p.is_empty() {
                first = Some(p.remove(0));
            }
        });
        let Some(p) = first else { return };
        let report = fresh(&p.imported.report, &new_id());
        match self.drafts.create(&report) {
            Ok(id) if self.previews.with_untracked(Vec::is_empty) => {
                self.nav.go(Route::Draft { id, part: None })
            }
            Ok(_) => {
                self.drafts
                    .notice
                    .set(Some(crate::state::Notice::Imported(1)));
                focus_preview();
            }
            Err(e) => self.drafts.error.set(Some(e)),
        }
    }

    /// The previewed file is not imported.
    pub fn drop_preview(&self) {
        self.previews.update(|p| {
            if !p.is_empty() {
                p.remove(0);
            }
        });
    }

    fn next(&self) -> Option<Incoming> {
        let mut first = None;
        self.waiting.update(|w| {
            if !w.is_empty() {
                first = Some(w.remove(0));
            }
        });
        first
    }

    /// The file becomes a draft of its own.
    pub fn as_new(&self) {
        if let Some(i) = self.next() {
            let report = draft::as_imported(i.report, &new_id());
            match self.drafts.create(&report) {
                Ok(id) => self.nav.go(Route::Draft { id, part: None }),
                Err(e) => self.drafts.error.set(Some(e)),
            }
        }
    }

    /// The file replaces the stored draft (one undo step in its editor; the version it
    /// replaces goes to the history when it is saved).
    pub fn replace(&self) {
        if let Some(i) = self.next() {
            let mut theirs = i.report;
            theirs.id = i.target.clone();
            theirs.base = Some(Box::new(draft::received(&theirs)));
            let note = format!(
                "已用“{}”替换本草稿（可撤销；原版本保存在版本历史中）",
                i.file
            );
            self.open_with(i.target, theirs, note);
        }
    }

    /// Merge the file into the stored draft: at once when nothing conflicts, else after the
    /// user has chosen for each conflict.
    pub fn merge(&self) {
        let Some(i) = self.next() else { return };
        let mine = match self.drafts.read(&i.target) {
            Ok((r, _)) => r,
            Err(e) => return self.drafts.error.set(Some(e)),
        };
        let plan = merge::plan(&mine, &i.report);
        if plan.conflicts() == 0 {
            let merged = merge::apply(&mine, &i.report, &plan, |_| Side::Mine);
            let note = format!(
                "已合并“{}”的 {} 处修改（可撤销）",
                i.file,
                plan.pieces.len()
            );
            return self.open_with(i.target, merged, note);
        }
        self.merging.set(Some(Merging {
            incoming: i,
            mine,
            plan,
            choices: BTreeMap::new(),
        }));
    }

    /// Every conflict decided: store the result through its editor.
    pub fn finish_merge(&self) {
        let Some(m) = self.merging.get_untracked() else {
            return;
        };
        let merged = merge::apply(&m.mine, &m.incoming.report, &m.plan, |p| {
            m.choices.get(&p.key).copied().unwrap_or(Side::Mine)
        });
        self.merging.set(None);
        let note = format!(
            "已合并“{}”：{} 处修改，其中 {} 处冲突按您的选择处理（可撤销）",
            m.incoming.file,
            m.plan.pieces.len(),
            m.plan.conflicts()
        );
        self.open_with(m.incoming.target, merged, note);
    }

    pub fn cancel(&self) {
        self.merging.set(None);
        self.next();
    }

    fn open_with(&self, id: String, report: Report, note: String) {
        self.pending.set(Some((id.clone(), report, note)));
        self.nav.go(Route::Draft { id, part: None });
    }

    /// The replacement waiting for the draft `id`, if any.
    pub fn take_pending(&self, id: &str) -> Option<(Report, String)> {
        let mut out = None;
        self.pending.update(|p| {
            if p.as_ref().is_some_and(|(pid, _, _)| pid == id) {
                out = p.take().map(|(_, r, n)| (r, n));
            }
        });
        out
    }
}
