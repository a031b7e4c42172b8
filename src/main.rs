//! The `qingli` binary: parse arguments, run, map the result to an exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match qingli::cli::parse(std::env::args_os()) {
        Ok(cli) => cli,
        Err(refused) => {
            if refused.to_stdout {
                print!("{}", refused.text);
            } else {
                eprint!("{}", refused.text);
            }
            return ExitCode::from(refused.code);
        }
    };
    // Not for `site`: it runs for tens of seconds at province scale, and
    // returning what it frees keeps its peak under 1.5 GB (1,352 MB at a
    // million documents; 1,470-1,588 MB keeping it).
    if !matches!(cli.command, qingli::cli::Command::Site(_)) {
        keep_freed_memory();
    }
    let today = chrono::Local::now().date_naive();
    match qingli::run(cli, today) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            if qingli::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("错误: {}", qingli::terminal_message(&format!("{err:#}")));
            ExitCode::from(2)
        }
    }
}

/// mimalloc: parsing allocates many small strings and maps on two threads at
/// once; with glibc's allocator `review` over 100,000 documents took about
/// 20% longer (see the benchmark notes in the README).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its position in `mi_option_e`,
/// mimalloc.h; the crate exports no constant for it), and its default.
/// Set only while the option there still has that default, so a mimalloc
/// that numbers its options otherwise is left as it is.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
const MI_PURGE_DELAY_DEFAULT: std::ffi::c_long = 1000;

/// Keeps freed memory for reuse instead of returning it to the system a
/// second after it is freed (mimalloc's default). A run over a province
/// register frees and allocates again for seconds at a time (each batch of
/// records read, parsed, dropped): returned memory came back as fresh huge
/// pages the kernel zeroes again. At 1,000,000 records that was 8,000-11,000
/// page faults and about 1 s of system time in `review` (800 faults, and
/// 12% less wall time, without); peak memory grew 30 MB. A process ends
/// within seconds and `review --interactive` holds no more than its peak.
/// `MIMALLOC_PURGE_DELAY`, when set, still decides.
#[allow(unsafe_code)]
fn keep_freed_memory() {
    // SAFETY: called from `main` before any thread exists (mimalloc's
    // options are not synchronised); reading an option has no
    // precondition, and -1 is a documented value of this one ("no purging
    // at all").
    unsafe {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none()
            && libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) == MI_PURGE_DELAY_DEFAULT
        {
            libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1);
        }
    }
}

#[cfg(test)]
mod tests {
    /// The option numbered [`super::MI_OPTION_PURGE_DELAY`] is the purge
    /// delay: it has that option's default, and keeping freed memory sets it.
    #[test]
    #[allow(unsafe_code)]
    fn the_purge_delay_is_the_option_set() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        // SAFETY: reads and sets one option; this test is the only code in
        // its process that touches mimalloc's options.
        let before = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        assert_eq!(before, super::MI_PURGE_DELAY_DEFAULT);
        super::keep_freed_memory();
        let after = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        assert_eq!(after, -1);
    }
}
