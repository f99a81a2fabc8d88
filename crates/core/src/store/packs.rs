//! Framework packs the user brought in or made, beside the built-in ones: one key holds them
//! all (a handful of packs, some 20 KB each).

use super::{KeyValue, Store, StoreError, PACKS_KEY};
use crate::model::pack::{Pack, PackError};

impl<K: KeyValue> Store<K> {
    /// The user's packs; one that does not read (damaged, newer) is left out, not lost.
    pub fn user_packs(&self) -> Vec<Pack> {
        self.pack_texts()
            .iter()
            .filter_map(|t| Pack::from_json(t).ok())
            .collect()
    }

    fn pack_texts(&self) -> Vec<String> {
        self.kv
            .get(PACKS_KEY)
            .ok()
            .flatten()
            .and_then(|t| crate::base::json::from_text::<Vec<String>>(&t).ok())
            .unwrap_or_default()
    }

    fn put_pack_texts(&mut self, texts: Vec<String>) -> Result<(), StoreError> {
        self.kv.set(
            PACKS_KEY,
            &serde_json::to_string(&texts).expect("strings serialise"),
        )
    }

    /// Store `pack` (replacing the user's pack of the same id).
    pub fn put_pack(&mut self, pack: &Pack) -> Result<(), PackSaveError> {
        pack.validate().map_err(PackSaveError::Invalid)?;
        let mut texts = self.pack_texts();
        texts.retain(|t| Pack::from_json(t).map_or(true, |p| p.id != pack.id));
        texts.push(pack.to_json());
        self.put_pack_texts(texts).map_err(PackSaveError::Store)
    }

    pub fn remove_pack(&mut self, id: &str) -> Result<(), StoreError> {
        let mut texts = self.pack_texts();
        texts.retain(|t| Pack::from_json(t).map_or(true, |p| p.id != id));
        self.put_pack_texts(texts)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum PackSaveError {
    Invalid(PackError),
    Store(StoreError),
}

impl std::fmt::Display for PackSaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PackSaveError::Invalid(e) => e.fmt(f),
            PackSaveError::Store(e) => e.fmt(f),
        }
    }
}
