//! The page size a province-scale load takes its memory in.
//!
//! mimalloc asks the kernel for transparent huge pages on its arenas, and
//! the kernel zeroes each 2 MiB page whole when it is first touched. For a
//! few hundred MB that saves faults; at a million records it cost more than
//! it saved. Measured on the 2-core benchmark machine (`review --format
//! json`, interleaved runs):
//!
//! | records | huge pages | small pages |
//! |---|---|---|
//! | 100,000 | 0.462-0.478 s | 0.498-0.508 s |
//! | 300,000 | 1.575 s | 1.503 s |
//! | 1,000,000 | 5.6-6.2 s, 5.0-5.2 s in the kernel, 831 MB | 5.1-5.4 s, 3.7-3.9 s in the kernel, 778 MB |
//!
//! So a walk that has listed [`SMALL_PAGES_FROM`] files, or a load of that
//! many records, turns huge pages off for the rest of the process (Linux
//! only; the setting is the process's and is inherited by the `git` it
//! starts). Turning them off already during the walk took `review` at a
//! million records from 5.04 to 4.95 s (minimum of 6 interleaved runs): the
//! walk's growing lists had spent 6% of its CPU time zeroing huge pages.
//! `MIMALLOC_ALLOW_THP`, when set, decides instead.

use std::sync::atomic::{AtomicBool, Ordering};

/// Whether huge pages have been turned off (once is enough).
static SMALL: AtomicBool = AtomicBool::new(false);

/// The number of records from which a load turns transparent huge pages off.
pub(crate) const SMALL_PAGES_FROM: usize = 200_000;

/// Turns transparent huge pages off for the rest of the process once a walk
/// or a load counts `records` of [`SMALL_PAGES_FROM`] or more. Returns
/// whether they have been asked off (by this call or an earlier one).
/// Memory already touched keeps its pages.
pub(crate) fn for_load(records: usize) -> bool {
    if records < SMALL_PAGES_FROM {
        return false;
    }
    // The walk asks once per folder: the environment is read until they are off.
    if SMALL.load(Ordering::Relaxed) {
        return true;
    }
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_some() {
        return false;
    }
    SMALL.swap(true, Ordering::Relaxed) || small_pages()
}

#[cfg(target_os = "linux")]
fn small_pages() -> bool {
    // Refused only by kernels older than 3.15: huge pages then stay on.
    rustix::thread::disable_transparent_huge_pages(true).is_ok()
}

#[cfg(not(target_os = "linux"))]
fn small_pages() -> bool {
    false
}

#[cfg(test)]
mod tests {
    /// Below the threshold nothing changes; from it on, huge pages are off
    /// for the process (Linux). This is the only test that reads the setting.
    #[test]
    fn huge_pages_go_off_from_the_threshold() {
        if std::env::var_os("MIMALLOC_ALLOW_THP").is_some() {
            return;
        }
        assert!(!super::for_load(super::SMALL_PAGES_FROM - 1));
        #[cfg(target_os = "linux")]
        {
            // Off already only when the process that started this one turned
            // them off (the setting is inherited); then this checks less.
            let inherited = rustix::thread::transparent_huge_pages_are_disabled().ok();
            assert!(super::for_load(super::SMALL_PAGES_FROM));
            assert_eq!(rustix::thread::transparent_huge_pages_are_disabled().ok(), Some(true), "was {inherited:?}");
        }
    }
}
