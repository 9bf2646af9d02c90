//! The `parkledger` binary: parse the command line, run, print any error in plain words.

use std::process::ExitCode;

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    match parkledger::cli::run(started) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("parkledger: {e:#}");
            ExitCode::FAILURE
        }
    }
}
