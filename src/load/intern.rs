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
//! threads rarely wait for each other. Each thread also keeps the values it
//! has already looked up in a small table of its own, so a value met again
//! (most are) takes no lock at all: the shard locks' atomic operations,
//! bounced between the cores, were four fifths of the interner's time
//! (perf annotate, `review` over 100,000 records). Which thread stored a
//! value first makes no difference to anything read from it.

use std::cell::RefCell;
use std::collections::HashSet;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};

use foldhash::fast::RandomState;
use std::sync::{Arc, Mutex, PoisonError};

/// Text shared by the records that repeat it.
pub(crate) type Shared = Arc<str>;

const SHARDS: usize = 16;

/// How many values a thread keeps at hand: the distinct issuers, units,
/// kinds and reasons of a province register are a few thousand; text that
/// rarely repeats (law names of one record) beyond this goes to the shards.
const NEAR_MAX: usize = 4096;

/// Gives each interner its own number, so a thread's table is never taken
/// for another interner's.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

thread_local! {
    /// This thread's values at hand, and the number of the interner they
    /// came from (emptied when another interner asks).
    static NEAR: RefCell<(u64, HashSet<Shared, RandomState>)> = RefCell::new((0, HashSet::default()));
}

/// A set of distinct texts, safe to use from several threads.
#[derive(Debug)]
pub(crate) struct Interner {
    id: u64,
    hasher: RandomState,
    shards: [Mutex<HashSet<Shared, RandomState>>; SHARDS],
}

impl Default for Interner {
    fn default() -> Interner {
        Interner {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            hasher: RandomState::default(),
            shards: Default::default(),
        }
    }
}

impl Interner {
    /// The stored copy of `s`, stored now if it is new.
    pub(crate) fn get(&self, s: &str) -> Shared {
        NEAR.with(|near| {
            let mut near = near.borrow_mut();
            if near.0 != self.id {
                near.1.clear();
                near.0 = self.id;
            }
            if let Some(found) = near.1.get(s) {
                return Arc::clone(found);
            }
            let stored = self.get_shared(s);
            if near.1.len() < NEAR_MAX {
                near.1.insert(Arc::clone(&stored));
            }
            stored
        })
    }

    /// The stored copy of `s` from the shared table, stored now if it is new.
    fn get_shared(&self, s: &str) -> Shared {
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

    /// A thread's table of values at hand serves one interner at a time:
    /// another interner's value is never handed out, even for equal text.
    #[test]
    fn another_interner_gets_its_own_copy() {
        let first = Interner::default();
        let second = Interner::default();
        let a = first.get("财务科");
        let b = second.get("财务科");
        assert!(!Arc::ptr_eq(&a, &b));
        assert!(Arc::ptr_eq(&first.get("财务科"), &a));
        assert!(Arc::ptr_eq(&second.get("财务科"), &b));
        assert_eq!((first.len(), second.len()), (1, 1));
    }
}
