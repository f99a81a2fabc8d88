use leptos::prelude::*;
use selfeval_core::store::PackSaveError;
use selfeval_core::Pack;

use crate::web::storage::Backend;

/// The framework packs the user can choose from: the built-in ones, then the user's own
/// (imported as files, or copied and edited here), stored locally.
#[derive(Clone, Copy)]
pub struct Library {
    pub packs: RwSignal<Vec<Pack>>,
    backend: Option<Backend>,
}

impl Library {
    /// The built-in packs only (for tests).
    pub fn builtin() -> Self {
        Library {
            packs: RwSignal::new(Pack::builtin()),
            backend: None,
        }
    }

    /// The built-in packs and the user's, from `backend`.
    pub fn load(backend: Backend) -> Self {
        let mut packs = Pack::builtin();
        let builtin: Vec<String> = packs.iter().map(|p| p.id.clone()).collect();
        packs.extend(
            backend
                .store()
                .user_packs()
                .into_iter()
                .filter(|p| !builtin.contains(&p.id)),
        );
        Library {
            packs: RwSignal::new(packs),
            backend: Some(backend),
        }
    }

    pub fn is_builtin(id: &str) -> bool {
        Pack::is_builtin(id)
    }

    pub fn find(&self, id: &str) -> Option<Pack> {
        self.packs
            .with_untracked(|p| p.iter().find(|p| p.id == id).cloned())
    }

    /// The pack a draft names, or the first one when the draft names a pack this build does
    /// not have (the draft keeps its own indicator table either way; the editor says so).
    pub fn for_draft(&self, id: &str) -> Pack {
        self.find(id)
            .unwrap_or_else(|| self.packs.with_untracked(|p| p[0].clone()))
    }

    /// Store a user pack (validated) and list it; a built-in pack's id cannot be taken.
    pub fn save(&self, pack: Pack) -> Result<(), String> {
        if Self::is_builtin(&pack.id) {
            return Err(format!("“{}”是内置指标体系的编号，请换一个", pack.id));
        }
        let backend = self.backend.ok_or("没有存储")?;
        backend
            .store()
            .put_pack(&pack)
            .map_err(|e: PackSaveError| format!("无法保存指标体系：{e}"))?;
        self.packs
            .update(|ps| match ps.iter_mut().find(|p| p.id == pack.id) {
                Some(p) => *p = pack,
                None => ps.push(pack),
            });
        Ok(())
    }

    pub fn remove(&self, id: &str) -> Result<(), String> {
        let backend = self.backend.ok_or("没有存储")?;
        backend
            .store()
            .remove_pack(id)
            .map_err(|e| format!("无法删除指标体系：{e}"))?;
        self.packs.update(|ps| ps.retain(|p| p.id != id));
        Ok(())
    }
}
