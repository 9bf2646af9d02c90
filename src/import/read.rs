//! Reading spreadsheets into plain text grids: `.xlsx`, `.xls`, `.ods` through calamine,
//! `.csv` in UTF-8 or GBK/GB18030 (what Excel in Chinese offices saves).

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

pub fn parse_csv(text: &str) -> anyhow::Result<Vec<Vec<String>>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.with_context(|| trf("import_err.csv_row", &[&(i + 1)]))?;
        rows.push(record.iter().map(|c| c.trim().to_owned()).collect());
    }
    Ok(rows)
}

/// Reads every sheet of a spreadsheet or the single table of a CSV file, which is named
/// after the file.
pub fn read_file(path: &Path) -> anyhow::Result<(Vec<Sheet>, Option<Encoding>)> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
    let bytes = std::fs::read(path).with_context(|| trf("import_err.cannot_read", &[&path.display()]))?;
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
        let rows = if ext == "tsv" { text.lines().map(|l| l.split('\t').map(|c| c.trim().to_owned()).collect()).collect() } else { parse_csv(&text)? };
        return Ok((vec![Sheet { name: "CSV".to_owned(), rows }], Some(enc)));
    }
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        // calamine's own detail is English; the clerk gets one sentence in one language.
        .map_err(|_| anyhow::anyhow!(tr("import_err.workbook")))?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|_| anyhow::anyhow!(trf("import_err.sheet", &[&name])))?;
        let rows = range.rows().map(|r| r.iter().map(cell_text).collect()).collect();
        sheets.push(Sheet { name, rows });
    }
    Ok((sheets, None))
}
