//! The `qingli` binary: parse arguments, run, map the result to an exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match qingli::cli::parse(std::env::args_os()) {
        Ok(cli) => cli,
        Err(refused) => {
            if refused.to_stdout {
                print!("{}", refused.text);
            } else {
                // A usage error may echo the command line: made terminal-safe.
                eprint!("{}", qingli::terminal_message(&refused.text));
            }
            return ExitCode::from(refused.code);
        }
    };
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
/// 20% longer (docs/performance.md), and musl's, of the static release
/// builds, is slower still.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
