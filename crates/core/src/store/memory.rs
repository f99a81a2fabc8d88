//! An in-memory `KeyValue`: for tests, with faults to inject (a size limit (quota exceeded),
//! a disabled store, and a write that fails after a number of successful ones), and for the
//! shell's first visit, which runs the store's code once in memory before it runs it for real.

use std::collections::BTreeMap;

use super::{KeyValue, StoreError};

#[derive(Debug, Default, Clone)]
pub struct MemoryStore {
    pub map: BTreeMap<String, String>,
    /// Total characters allowed (keys and values); `None` for no limit.
    pub quota: Option<usize>,
    /// Every call fails as if storage were disabled.
    pub disabled: bool,
    /// When set, this many more writes succeed and the ones after fail (quota exceeded).
    pub writes_left: Option<usize>,
}

impl MemoryStore {
    /// Characters in use, counted the way the quota counts them.
    pub fn used(&self) -> usize {
        self.map
            .iter()
            .map(|(k, v)| k.chars().count() + v.chars().count())
            .sum()
    }

    fn check(&self) -> Result<(), StoreError> {
        if self.disabled {
            return Err(StoreError::Unavailable("已禁用".into()));
        }
        Ok(())
    }
}

impl KeyValue for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.check()?;
        Ok(self.map.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.check()?;
        if let Some(n) = self.writes_left {
            if n == 0 {
                return Err(StoreError::Quota);
            }
            self.writes_left = Some(n - 1);
        }
        if let Some(q) = self.quota {
            let others: usize = self
                .map
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .map(|(k, v)| k.chars().count() + v.chars().count())
                .sum();
            if others + key.chars().count() + value.chars().count() > q {
                return Err(StoreError::Quota);
            }
        }
        self.map.insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.check()?;
        self.map.remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.check()?;
        Ok(self.map.keys().cloned().collect())
    }
}
