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
//! So a load of [`SMALL_PAGES_FROM`] records or more turns huge pages off
//! for the rest of the process (Linux only; the setting is the process's
//! and is inherited by the `git` it starts). `MIMALLOC_ALLOW_THP`, when
//! set, decides instead.

/// The number of records from which a load turns transparent huge pages off.
pub(crate) const SMALL_PAGES_FROM: usize = 200_000;

/// Turns transparent huge pages off for the rest of the process when a load
/// is about to read `records` records and they are [`SMALL_PAGES_FROM`] or
/// more. Returns whether it did. Memory already touched keeps its pages.
pub(crate) fn for_load(records: usize) -> bool {
    if records < SMALL_PAGES_FROM || std::env::var_os("MIMALLOC_ALLOW_THP").is_some() {
        return false;
    }
    small_pages()
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
            assert_eq!(rustix::thread::transparent_huge_pages_are_disabled().ok(), Some(false));
            assert!(super::for_load(super::SMALL_PAGES_FROM));
            assert_eq!(rustix::thread::transparent_huge_pages_are_disabled().ok(), Some(true));
        }
    }
}
