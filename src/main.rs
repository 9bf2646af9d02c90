//! The `parkledger` binary: parse the command line, run, print any error in plain words.

use std::process::ExitCode;

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    match parkledger::cli::run(started) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("parkledger: {e:#}");
            ExitCode::FAILURE
        }
    }
}
