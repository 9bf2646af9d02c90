//! The `parkledger` binary: parse the command line, run, print any error in plain words.
//!
//! On Windows the executable is a GUI one, so that starting it from the Start menu opens
//! no black console window. Started from cmd or PowerShell it attaches to that console, so
//! the command line (`parkledger audit`, `parkledger export …`) still prints there.

#![cfg_attr(windows, windows_subsystem = "windows")]

use std::process::ExitCode;

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    #[cfg(windows)]
    attach_parent_console();
    match parkledger::cli::run(started) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("parkledger: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Print to the console of the program that started this one, where there is one. A handle
/// the parent gave (output redirected to a file or a pipe) is kept as it is: only when a
/// standard handle is missing is the parent's console attached, which sets the missing ones.
#[cfg(windows)]
fn attach_parent_console() {
    use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_ERROR_HANDLE, STD_OUTPUT_HANDLE};
    // SAFETY: plain Win32 calls with constant arguments; failure (no parent console, as when
    // started from Explorer) is the normal case and leaves the process as it was.
    unsafe {
        let missing = |which| GetStdHandle(which).is_null();
        if missing(STD_OUTPUT_HANDLE) || missing(STD_ERROR_HANDLE) {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}
