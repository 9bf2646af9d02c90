//! Reading spreadsheets into plain text grids: `.xlsx`, `.xls`, `.ods` through calamine,
//! `.csv` in UTF-8 or GBK/GB18030 (what Excel in Chinese offices saves).
//!
//! Every file is outside input, and a small one can be made to inflate without end (a
//! 2 MB .xlsx whose sheet inflates to gigabytes, an .ods whose cells repeat a million
//! times, `/dev/zero`). So what a file may make us take in is bounded before the parsers
//! see it: only regular files, a size on disk, a size for everything a workbook's zip
//! inflates to (measured by inflating it, not by trusting the sizes it declares), and a
//! number of cells. An .xlsx is read cell by cell, never as calamine's dense rectangle
//! (two cells at A1 and XFD1048576 would be seventeen billion slots).

use std::io::Read;
use std::path::Path;

use anyhow::Context;
use calamine::{Data, Reader};
use crate::i18n::{tr, trf};

/// One sheet as text cells; numbers are written in their shortest exact form.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

/// Which text encoding a CSV file was read with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Gbk,
}

/// A CSV or text file larger than this is refused (a county's whole export is about
/// 150 MB; one park's is a few MB).
pub const MAX_TEXT_BYTES: u64 = 256 * 1024 * 1024;
/// A workbook (.xlsx, .xls, .ods) larger than this on disk is refused.
pub const MAX_BOOK_BYTES: u64 = 64 * 1024 * 1024;
/// Everything a workbook's zip inflates to, together.
pub const MAX_INFLATED_BYTES: u64 = 512 * 1024 * 1024;
/// Cells of one file, all sheets together: ten million is 700,000 rows of fourteen
/// columns, far beyond one park's data (a county's is imported park by park).
pub const MAX_CELLS: usize = 10_000_000;

fn mb(bytes: u64) -> u64 {
    bytes / (1024 * 1024)
}

/// Reads a file the clerk chose, refusing what is not a regular file (a device such as
/// `/dev/zero`, a pipe that would block forever, a folder) and what is over `limit` bytes,
/// even if it grows while being read.
pub fn read_bounded(path: &Path, limit: u64) -> anyhow::Result<Vec<u8>> {
    let meta = std::fs::metadata(path).with_context(|| trf("import_err.cannot_read", &[&path.display()]))?;
    anyhow::ensure!(meta.is_file(), trf("import_err.not_a_file", &[&path.display()]));
    let too_big = || anyhow::anyhow!(trf("import_err.too_big", &[&path.display(), &mb(limit)]));
    if meta.len() > limit {
        return Err(too_big());
    }
    let file = std::fs::File::open(path).with_context(|| trf("import_err.cannot_read", &[&path.display()]))?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes).with_context(|| trf("import_err.cannot_read", &[&path.display()]))?;
    if bytes.len() as u64 > limit {
        return Err(too_big());
    }
    Ok(bytes)
}

/// Inflates every entry of a zip-based workbook into nothing, counting: more than
/// [`MAX_INFLATED_BYTES`] together is refused before any parser builds anything from
/// it. Two amplifiers the parsers do not bound are checked on the way: the count of
/// shared strings an .xlsx announces (calamine reserves that many at once), and the
/// cells an .ods repeats (`number-columns-repeated`, `number-rows-repeated`).
fn check_zip(bytes: &[u8]) -> anyhow::Result<()> {
    check_zip_within(bytes, MAX_INFLATED_BYTES)
}

/// [`check_zip`] with another limit (for the tests, which need not inflate 512 MB).
#[doc(hidden)]
pub fn check_zip_within(bytes: &[u8], limit: u64) -> anyhow::Result<()> {
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        // Not a zip after all: calamine says what it is or is not.
        return Ok(());
    };
    let over = || anyhow::anyhow!(trf("import_err.inflates_too_much", &[&mb(limit).max(1)]));
    let mut left = limit;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|_| anyhow::anyhow!(tr("import_err.workbook")))?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let mut limited = (&mut entry).take(left + 1);
        let n = if name == "xl/sharedStrings.xml" {
            let mut head = Vec::new();
            (&mut limited).take(4096).read_to_end(&mut head).map_err(|_| anyhow::anyhow!(tr("import_err.workbook")))?;
            anyhow::ensure!(announced_count(&head).is_none_or(|n| n <= MAX_CELLS as u64), too_many_cells());
            head.len() as u64 + std::io::copy(&mut limited, &mut std::io::sink()).map_err(|_| anyhow::anyhow!(tr("import_err.workbook")))?
        } else if name == "content.xml" {
            let mut counter = OdsCells::default();
            let n = std::io::copy(&mut limited, &mut counter).map_err(|_| anyhow::anyhow!(tr("import_err.workbook")))?;
            anyhow::ensure!(counter.cells <= MAX_CELLS as u64, too_many_cells());
            n
        } else {
            std::io::copy(&mut limited, &mut std::io::sink()).map_err(|_| anyhow::anyhow!(tr("import_err.workbook")))?
        };
        if n > left {
            return Err(over());
        }
        left -= n;
    }
    Ok(())
}

/// An old `.xls` is an OLE2 compound file: streams are chains of sectors through a
/// table of next-sector numbers (the FAT). calamine follows the chains as the file gives
/// them, so a chain that loops back on itself grows memory until the machine gives out,
/// and a number past the table's end panics. A sound FAT is disjoint chains: every next
/// number inside the file, no sector the next of two, no loop. This checks exactly that,
/// in time linear in the file, before calamine sees it.
#[doc(hidden)]
pub fn check_cfb(bytes: &[u8]) -> anyhow::Result<()> {
    const MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    const RESERVED: u32 = 0xFFFF_FFFA;
    const DIFSECT: u32 = 0xFFFF_FFFC;
    if !bytes.starts_with(&MAGIC) {
        return Ok(());
    }
    let damaged = || anyhow::anyhow!(tr("import_err.workbook"));
    let u32_at = |at: usize| -> Option<u32> { Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?)) };
    let shift = u16::from_le_bytes(bytes.get(0x1E..0x20).ok_or_else(damaged)?.try_into().map_err(|_| damaged())?);
    anyhow::ensure!(shift == 9 || shift == 12, damaged());
    let size = 1usize << shift;
    let sectors = (bytes.len() / size).saturating_sub(1);
    let sector = |id: u32| -> Option<&[u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(size)?;
        bytes.get(start..start + size)
    };
    // The sectors that hold the FAT: 109 in the header, the rest in the DIFAT chain.
    let mut fat_sectors: Vec<u32> = (0..109).filter_map(|i| u32_at(0x4C + 4 * i)).collect();
    let mut next_difat = u32_at(0x44).ok_or_else(damaged)?;
    let mut hops = 0;
    while next_difat < RESERVED {
        hops += 1;
        anyhow::ensure!(hops <= sectors, damaged());
        let s = sector(next_difat).ok_or_else(damaged)?;
        let ids: Vec<u32> = s.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        let (last, rest) = ids.split_last().ok_or_else(damaged)?;
        fat_sectors.extend_from_slice(rest);
        next_difat = *last;
    }
    let mut fat: Vec<u32> = Vec::new();
    for id in fat_sectors.into_iter().filter(|id| *id < DIFSECT) {
        let s = sector(id).ok_or_else(damaged)?;
        fat.extend(s.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])));
        anyhow::ensure!(fat.len() <= sectors.saturating_add(size / 4), damaged());
    }
    let mut indegree = vec![0u8; fat.len()];
    for &next in &fat {
        if next < RESERVED {
            let slot = indegree.get_mut(next as usize).filter(|_| (next as usize) < sectors).ok_or_else(damaged)?;
            *slot += 1;
            anyhow::ensure!(*slot == 1, damaged());
        }
    }
    // With at most one way in and one way out of each sector, a sector not reached from
    // the start of some chain is on a loop.
    let mut reached = vec![false; fat.len()];
    for start in (0..fat.len()).filter(|&i| indegree[i] == 0) {
        let mut at = start;
        while !reached[at] {
            reached[at] = true;
            match fat[at] {
                next if next < RESERVED => at = next as usize,
                _ => break,
            }
        }
    }
    anyhow::ensure!((0..fat.len()).all(|i| reached[i] || fat[i] >= RESERVED), damaged());
    Ok(())
}

fn too_many_cells() -> anyhow::Error {
    anyhow::anyhow!(trf("import_err.too_many_cells", &[&MAX_CELLS]))
}

/// `uniqueCount="N"` (else `count`) of an .xlsx's shared-string table, from its start.
fn announced_count(head: &[u8]) -> Option<u64> {
    let text = String::from_utf8_lossy(head);
    let at = text.find("uniqueCount=\"").map(|i| i + 13).or_else(|| text.find(" count=\"").map(|i| i + 8))?;
    let digits: String = text[at..].chars().take_while(char::is_ascii_digit).collect();
    // A number too long to parse is too large.
    Some(digits.parse().unwrap_or(u64::MAX))
}

/// Counts, as an .ods's content.xml streams past, the cells calamine would make: each
/// cell with a value, times its column repeat, times its row's repeat. Empty repeated
/// cells (LibreOffice writes a million empty rows at the end of a sheet) make nothing.
#[derive(Default)]
struct OdsCells {
    cells: u64,
    /// The bytes of a tag cut by the end of a chunk.
    pending: Vec<u8>,
    row_repeat: u64,
}

impl OdsCells {
    fn attr(tag: &[u8], name: &[u8]) -> Option<u64> {
        let at = tag.windows(name.len()).position(|w| w == name)? + name.len();
        let rest = tag.get(at..)?;
        let rest = rest.strip_prefix(b"=\"").or_else(|| rest.strip_prefix(b"='"))?;
        let digits: Vec<u8> = rest.iter().copied().take_while(u8::is_ascii_digit).collect();
        Some(std::str::from_utf8(&digits).ok()?.parse().unwrap_or(u64::MAX))
    }

    fn tag(&mut self, tag: &[u8]) {
        if tag.starts_with(b"table:table-row") && !tag.starts_with(b"table:table-rows") {
            self.row_repeat = Self::attr(tag, b"table:number-rows-repeated").unwrap_or(1);
        } else if (tag.starts_with(b"table:table-cell") || tag.starts_with(b"table:covered-table-cell"))
            && tag.windows(17).any(|w| w == b"office:value-type")
        {
            let cols = Self::attr(tag, b"table:number-columns-repeated").unwrap_or(1);
            self.cells = self.cells.saturating_add(cols.saturating_mul(self.row_repeat.max(1)));
        }
    }
}

impl std::io::Write for OdsCells {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut data = std::mem::take(&mut self.pending);
        data.extend_from_slice(buf);
        let mut rest = &data[..];
        while let Some(open) = rest.iter().position(|&b| b == b'<') {
            let Some(close) = rest[open..].iter().position(|&b| b == b'>') else { break };
            self.tag(&rest[open + 1..open + close]);
            rest = &rest[open + close + 1..];
        }
        // Keep an unfinished tag for the next chunk (a tag longer than 64 KB is not one
        // that counts).
        if let Some(open) = rest.iter().position(|&b| b == b'<')
            && rest.len() - open < 64 * 1024
        {
            self.pending = rest[open..].to_vec();
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn cell_ref_text(d: &calamine::DataRef<'_>) -> String {
    use calamine::DataRef as R;
    match d {
        R::SharedString(s) => s.trim().to_owned(),
        R::String(s) => s.trim().to_owned(),
        R::Int(i) => cell_text(&Data::Int(*i)),
        R::Float(f) => cell_text(&Data::Float(*f)),
        R::Bool(b) => b.to_string(),
        R::DateTime(d) => d.as_f64().to_string(),
        R::DateTimeIso(s) | R::DurationIso(s) => s.clone(),
        R::Error(_) | R::Empty => String::new(),
    }
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            let s = format!("{f}");
            if s.contains('e') { format!("{f:.6}") } else { s }
        }
        Data::String(s) => s.trim().to_owned(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

/// Decodes CSV bytes: UTF-8 (with or without BOM) when valid, else GB18030 (a superset
/// of GBK). A decoding with replacement characters is refused rather than imported.
pub fn decode_csv(bytes: &[u8]) -> anyhow::Result<(String, Encoding)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_owned(), Encoding::Utf8));
    }
    let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
    anyhow::ensure!(!had_errors, tr("import_err.encoding"));
    Ok((text.into_owned(), Encoding::Gbk))
}

/// The first characters that make Excel or WPS read a CSV cell as a formula (`=HYPERLINK…`
/// in a park's name or a source would run when the county opens the file).
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell as CSV export writes it: with a leading `'` where it would start a formula
/// (as OWASP advises against CSV injection); [`unguard`] takes the `'` off again.
pub fn formula_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) { format!("'{text}").into() } else { text.into() }
}

/// A cell as written before [`formula_safe`] guarded it: the leading `'`
/// before `=`, `+`, `-`, `@`, tab or return comes off, so an export imports unchanged.
fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

pub fn parse_csv(text: &str) -> anyhow::Result<Vec<Vec<String>>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut cells = 0usize;
    for (i, record) in reader.records().enumerate() {
        let record = record.with_context(|| trf("import_err.csv_row", &[&(i + 1)]))?;
        cells += record.len();
        anyhow::ensure!(cells <= MAX_CELLS, too_many_cells());
        rows.push(record.iter().map(|c| unguard(c.trim()).to_owned()).collect());
    }
    Ok(rows)
}

/// Reads every sheet of a spreadsheet or the single table of a CSV file, which is named
/// after the file.
pub fn read_file(path: &Path) -> anyhow::Result<(Vec<Sheet>, Option<Encoding>)> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
    let text = ["csv", "txt", "tsv"].iter().any(|t| ext.eq_ignore_ascii_case(t));
    let bytes = read_bounded(path, if text { MAX_TEXT_BYTES } else { MAX_BOOK_BYTES })?;
    anyhow::ensure!(!bytes.is_empty(), trf("import_err.empty_file", &[&path.display()]));
    let (mut sheets, enc) = read_bytes(&bytes, ext)?;
    if let (Some(_), Some(stem)) = (enc, path.file_stem().and_then(|s| s.to_str())) {
        sheets[0].name = stem.to_owned();
    }
    Ok((sheets, enc))
}

/// Reads a file's bytes already in memory; `ext` (the file's extension, any case) picks the
/// reader. The table of a CSV file is named `CSV`.
pub fn read_bytes(bytes: &[u8], ext: &str) -> anyhow::Result<(Vec<Sheet>, Option<Encoding>)> {
    let ext = ext.to_ascii_lowercase();
    if ext == "csv" || ext == "txt" || ext == "tsv" {
        let (text, enc) = decode_csv(bytes)?;
        let rows: Vec<Vec<String>> = if ext == "tsv" { text.lines().map(|l| l.split('\t').map(|c| c.trim().to_owned()).collect()).collect() } else { parse_csv(&text)? };
        anyhow::ensure!(rows.iter().map(Vec::len).sum::<usize>() <= MAX_CELLS, too_many_cells());
        return Ok((vec![Sheet { name: "CSV".to_owned(), rows }], Some(enc)));
    }
    anyhow::ensure!(bytes.len() as u64 <= MAX_BOOK_BYTES, trf("import_err.too_big", &[&ext, &mb(MAX_BOOK_BYTES)]));
    check_zip(bytes)?;
    check_cfb(bytes)?;
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        // calamine's own detail is English; the clerk gets one sentence in one language.
        .map_err(|_| anyhow::anyhow!(tr("import_err.workbook")))?;
    let mut sheets = Vec::new();
    let mut cells = 0usize;
    for name in book.sheet_names() {
        let bad_sheet = || anyhow::anyhow!(trf("import_err.sheet", &[&name]));
        let rows = if let calamine::Sheets::Xlsx(xlsx) = &mut book {
            // Cell by cell, each row only as long as its last cell.
            let mut reader = xlsx.worksheet_cells_reader(&name).map_err(|_| bad_sheet())?;
            let mut rows: Vec<Vec<String>> = Vec::new();
            while let Some(cell) = reader.next_cell().map_err(|_| bad_sheet())? {
                let (r, c) = cell.get_position();
                let (r, c) = (r as usize, c as usize);
                let text = cell_ref_text(cell.get_value());
                if text.is_empty() {
                    continue;
                }
                if rows.len() <= r {
                    cells += r + 1 - rows.len();
                    anyhow::ensure!(cells <= MAX_CELLS, too_many_cells());
                    rows.resize_with(r + 1, Vec::new);
                }
                let row = &mut rows[r];
                if row.len() <= c {
                    cells += c + 1 - row.len();
                    anyhow::ensure!(cells <= MAX_CELLS, too_many_cells());
                    row.resize_with(c + 1, String::new);
                }
                row[c] = text;
            }
            rows
        } else {
            let range = book.worksheet_range(&name).map_err(|_| bad_sheet())?;
            let (h, w) = range.get_size();
            cells = cells.saturating_add(h.saturating_mul(w));
            anyhow::ensure!(cells <= MAX_CELLS, too_many_cells());
            range.rows().map(|r| r.iter().map(cell_text).collect()).collect()
        };
        sheets.push(Sheet { name, rows });
    }
    Ok((sheets, None))
}
