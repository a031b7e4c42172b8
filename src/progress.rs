//! A progress line on stderr for long runs.
//!
//! Silent unless stderr is a terminal, and even then only once a command has
//! run for about a second: small registers and CI logs never see it. The
//! loader counts files with [`tick`] (one relaxed atomic add); a display
//! thread redraws `正在读取登记簿: N/M 个文件` every 100 ms while files are
//! being read, and clears the line as soon as they are, before any report
//! is written. Nothing here touches stdout, so reports stay
//! byte-identical.

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

static DONE: AtomicUsize = AtomicUsize::new(0);
static TOTAL: AtomicUsize = AtomicUsize::new(0);
static PHASE: Mutex<&str> = Mutex::new("");

/// Starts a counted phase of `total` steps.
pub(crate) fn phase(label: &'static str, total: usize) {
    *PHASE.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = label;
    TOTAL.store(total, Ordering::Relaxed);
    DONE.store(0, Ordering::Relaxed);
}

/// One step of the current phase done.
pub(crate) fn tick() {
    DONE.fetch_add(1, Ordering::Relaxed);
}

/// When to show the progress line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Never,
    /// On a terminal, once the command has run for about a second.
    AfterASecond,
    /// From the start (`QINGLI_PROGRESS=always`).
    Always,
}

/// The display; dropping it stops the thread and clears the line.
pub(crate) struct Display {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Display {
    /// Starts the display.
    pub(crate) fn start(mode: Mode) -> Display {
        let stop = Arc::new(AtomicBool::new(false));
        if mode == Mode::Never {
            return Display { stop, thread: None };
        }
        let delay = if mode == Mode::Always { Duration::ZERO } else { Duration::from_secs(1) };
        let flag = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            let start = Instant::now();
            let mut shown = false;
            while !flag.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(if delay.is_zero() { 5 } else { 100 }));
                if start.elapsed() < delay || flag.load(Ordering::Relaxed) {
                    continue;
                }
                let label = *PHASE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                let (done, total) = (DONE.load(Ordering::Relaxed), TOTAL.load(Ordering::Relaxed));
                let mut err = std::io::stderr().lock();
                if total > 0 && done < total {
                    let _ = write!(err, "\r\x1b[2K{label}: {done}/{total} 个文件");
                    shown = true;
                } else if shown {
                    // Loading is over: clear the line before any report is written.
                    let _ = write!(err, "\r\x1b[2K");
                    shown = false;
                }
                let _ = err.flush();
            }
            if shown {
                let _ = write!(std::io::stderr().lock(), "\r\x1b[2K");
            }
        });
        Display { stop, thread: Some(thread) }
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
