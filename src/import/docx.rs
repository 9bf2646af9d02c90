//! The text of a Word `.docx` summary, for the extractor. Clerks keep their old 工作总结
//! as Word files; the extractor wants plain text with one paragraph a line. A `.docx` is
//! a zip holding `word/document.xml`: paragraphs are `w:p`, runs of text `w:t`, tabs
//! `w:tab` and line breaks `w:br`. Tables come out a row per line, cells split by tabs.
//!
//! The file is outside input, so the inflated XML is capped: a zip bomb is an error, not
//! an exhausted machine.

use std::io::{Cursor, Read};

use anyhow::{Context, bail};
use quick_xml::events::Event;
use crate::i18n::tr;

/// More inflated XML than any real summary has (a 300-page report is about 5 MB).
const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;

/// The text of a `.docx` file's body, one paragraph (or table row) a line.
pub fn document_text(bytes: &[u8]) -> anyhow::Result<String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .context(tr("import_err.not_docx"))?;
    let entry = zip
        .by_name("word/document.xml")
        .context(tr("import_err.docx_no_body"))?;
    let mut xml = Vec::new();
    entry.take(MAX_XML_BYTES + 1).read_to_end(&mut xml).context(tr("import_err.docx_read"))?;
    if xml.len() as u64 > MAX_XML_BYTES {
        bail!(tr("import_err.docx_too_big"));
    }
    body_text(&xml)
}

/// The text of a summary file: `.docx` through [`document_text`], anything else as text
/// in UTF-8 or GBK.
pub fn summary_text(path: &std::path::Path) -> anyhow::Result<String> {
    let bytes = super::read::read_bounded(path, super::read::MAX_TEXT_BYTES)?;
    let is_docx = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    if is_docx {
        return document_text(&bytes);
    }
    anyhow::ensure!(!bytes.starts_with(b"PK\x03\x04"), tr("import_err.zip_as_text"));
    anyhow::ensure!(!path.extension().is_some_and(|e| e.eq_ignore_ascii_case("doc")), tr("import_err.old_doc"));
    Ok(super::read::decode_csv(&bytes)?.0)
}

fn body_text(xml: &[u8]) -> anyhow::Result<String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = String::new();
    let mut in_text = false;
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).context(tr("import_err.docx_xml"))?;
        match event {
            Event::Start(e) if e.name().as_ref() == "w:t" => in_text = true,
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:p" | "w:tr" => end_line(&mut out),
                "w:tc" => out.push('\t'),
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                "w:tab" => out.push('\t'),
                "w:br" | "w:cr" => out.push('\n'),
                "w:p" => end_line(&mut out),
                _ => {}
            },
            Event::Text(t) if in_text => {
                out.push_str(&t.xml10_content());
            }
            Event::GeneralRef(r) if in_text => {
                let c = match r.xml10_content().as_ref() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().ok().flatten(),
                };
                out.extend(c);
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out.trim_end().to_owned())
}

/// Ends a paragraph, dropping the tab a row's last cell left behind.
fn end_line(out: &mut String) {
    while out.ends_with('\t') {
        out.pop();
    }
    out.push('\n');
}
