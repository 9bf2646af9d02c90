//! Every file ParkLedger writes for the clerk (PDF, Excel, CSV, JSON, PNG, SVG) goes
//! through here, so that a full disk, a power cut or a crash half-way never leaves a
//! truncated file where a good one was. The bytes go to a temporary file in the target's
//! own folder (a rename is atomic only within one file system), are synced to the disk,
//! and the temporary file is then renamed over the target. A failed write removes the
//! temporary file: the old file stays as it was and no debris is left beside it.

use std::io::{self, Write};
use std::path::Path;

use crate::i18n::{tr, trf};

/// The clerk's words for why a file could not be written (the operating system's own
/// text is English, and says `os error 28` where a clerk needs 磁盘已满).
pub fn io_reason(e: &io::Error) -> String {
    let key = match e.kind() {
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => "io.full",
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => "io.denied",
        io::ErrorKind::NotFound => "io.no_folder",
        io::ErrorKind::IsADirectory => "io.is_folder",
        io::ErrorKind::NotADirectory | io::ErrorKind::AlreadyExists => "io.in_the_way",
        io::ErrorKind::FileTooLarge => "io.too_large",
        _ => return trf("io.other", &[&e]),
    };
    tr(key).to_owned()
}

fn failed(path: &Path, e: &io::Error) -> anyhow::Error {
    anyhow::anyhow!(trf("error.write_failed", &[&path.display(), &io_reason(e)]))
}

/// Writes `path` through `fill`, atomically: either the whole new file is there
/// afterwards, or the old one (if any) is untouched. An error from `fill` itself is passed
/// on as it is; an error of the file system is worded for the clerk.
pub fn write_with(path: &Path, fill: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if path.is_dir() {
        return Err(failed(path, &io::Error::from(io::ErrorKind::IsADirectory)));
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("output");
    // A dot first: file managers hide it while it exists.
    let temp = tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(".part").tempfile_in(dir).map_err(|e| failed(path, &e))?;
    {
        let mut out = Watched { inner: io::BufWriter::new(temp.as_file()), error: None };
        let filled = fill(&mut out).and_then(|()| Ok(out.flush()?));
        if let Err(e) = filled {
            // A write that failed under the writer (disk full) is told as such, whatever
            // the writer wrapped it in.
            return Err(out.error.map_or(e, |io| failed(path, &io)));
        }
    }
    temp.as_file().sync_all().map_err(|e| failed(path, &e))?;
    // The new file keeps the old one's permissions (an ordinary file's, 0644, when there
    // was none), not the temporary file's owner-only ones.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map(|m| m.permissions().mode()).unwrap_or(0o644);
        let _ = std::fs::set_permissions(temp.path(), std::fs::Permissions::from_mode(mode));
    }
    temp.persist(path).map_err(|e| failed(path, &e.error))?;
    Ok(())
}

/// Writes `bytes` to `path` atomically (see [`write_with`]).
pub fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_with(path, |out| {
        out.write_all(bytes)?;
        Ok(())
    })
}

/// A writer that remembers the first error of the file system under it.
struct Watched<W> {
    inner: W,
    error: Option<io::Error>,
}

impl<W: Write> Watched<W> {
    fn watch<T>(&mut self, r: io::Result<T>) -> io::Result<T> {
        if let Err(e) = &r
            && self.error.is_none()
        {
            self.error = Some(io::Error::new(e.kind(), e.to_string()));
        }
        r
    }
}

impl<W: Write> Write for Watched<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let r = self.inner.write(buf);
        self.watch(r)
    }

    fn flush(&mut self) -> io::Result<()> {
        let r = self.inner.flush();
        self.watch(r)
    }
}
