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
/// mimalloc.h; the crate exports no constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

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
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: called from `main` before any thread exists (mimalloc's
        // options are not synchronised); -1 is a documented
        // value of this option ("no purging at all").
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    }
}
