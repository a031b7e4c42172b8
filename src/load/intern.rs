//! Sharing the text that many records repeat.
//!
//! Issuers, units, kinds, reviewers, stock reasons and cited law names recur
//! across thousands of records; a province register holds a million. Each
//! distinct value is stored once as a [`Shared`] (`Arc<str>`, 16 bytes) and
//! every record points at it, so the register's memory grows with its
//! distinct values, not with its records. Text unique to a record (title,
//! path, 文号) stays a plain `Box<str>`.
//!
//! The [`Interner`] is used while files are parsed on several threads at
//! once: its table is split into shards, each behind its own lock, so two
//! threads rarely wait for each other. Which thread stored a value first
//! makes no difference to anything read from it.

use std::collections::HashSet;
use std::hash::BuildHasher;

use foldhash::fast::RandomState;
use std::sync::{Arc, Mutex, PoisonError};

/// Text shared by the records that repeat it.
pub(crate) type Shared = Arc<str>;

const SHARDS: usize = 16;

/// A set of distinct texts, safe to use from several threads.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    hasher: RandomState,
    shards: [Mutex<HashSet<Shared, RandomState>>; SHARDS],
}

impl Interner {
    /// The stored copy of `s`, stored now if it is new.
    pub(crate) fn get(&self, s: &str) -> Shared {
        let hash = self.hasher.hash_one(s);
        let shard = &self.shards[(hash as usize) % SHARDS];
        let mut set = shard.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(found) = set.get(s) {
            return Arc::clone(found);
        }
        let stored: Shared = Arc::from(s);
        set.insert(Arc::clone(&stored));
        stored
    }

    /// How many distinct texts are stored.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.shards.iter().map(|s| s.lock().unwrap_or_else(PoisonError::into_inner).len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_share_one_allocation() {
        let int = Interner::default();
        let a = int.get("永嘉县人民政府");
        let b = int.get(&String::from("永嘉县人民政府"));
        let c = int.get("县司法局");
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &c));
        assert_eq!(&*b, "永嘉县人民政府");
        assert_eq!(int.len(), 2);
    }

    #[test]
    fn shared_across_threads() {
        let int = Interner::default();
        let got: Vec<Shared> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4).map(|_| s.spawn(|| int.get("财务科"))).collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(got.windows(2).all(|w| Arc::ptr_eq(&w[0], &w[1])));
        assert_eq!(int.len(), 1);
    }
}
