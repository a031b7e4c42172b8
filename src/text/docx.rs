//! Word documents (.docx, and .doc/.wps once LibreOffice has converted
//! them): the body's paragraphs in order, each table row as one line of
//! tab-separated cells, text boxes read once (`mc:AlternateContent` gives
//! the same box twice: its `mc:Choice` is read, its `mc:Fallback` not),
//! tracked changes as accepted (insertions kept, deletions and moved-from
//! text left out). Headers, footers, footnotes and comments are other
//! parts of the package and are not read.

use std::io::Read;

use quick_xml::events::Event;

use super::ReadError;

/// The most the body part may inflate to.
const MAX_XML: u64 = 128 * 1024 * 1024;

/// The paragraphs of the .docx in `bytes`.
pub(super) fn read(bytes: &[u8]) -> Result<Vec<String>, ReadError> {
    let not_word = |e: &dyn std::fmt::Display| {
        ReadError::new(format!("不是可以读取的 Word 文档(.docx): {e}"), "用 WPS 或 Word 打开后另存为 .docx 再试")
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| not_word(&e))?;
    let entry = zip.by_name("word/document.xml").map_err(|e| not_word(&e))?;
    let mut xml = Vec::new();
    entry.take(MAX_XML + 1).read_to_end(&mut xml).map_err(|e| not_word(&e))?;
    if xml.len() as u64 > MAX_XML {
        return Err(ReadError::new("Word 文档的正文部分超过 128 MB", "确认选对了文件"));
    }
    body(&xml).map_err(|e| not_word(&e))
}

/// What is being built where the reader is.
enum Frame {
    Paragraph(String),
    Cell(String),
    Row(Vec<String>),
}

/// The paragraphs of a `word/document.xml`.
fn body(xml: &[u8]) -> Result<Vec<String>, quick_xml::Error> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().expand_empty_elements = true;
    let mut out = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    // Depth inside content that is not read (a fallback, a deletion, a
    // field code); 0 = reading.
    let mut skip = 0usize;
    let mut in_text = false;
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf)?;
        match event {
            Event::Start(e) => {
                let name = e.name();
                let name = name.as_ref();
                if skip > 0 {
                    skip += 1;
                    continue;
                }
                match name {
                    b"mc:Fallback" | b"w:del" | b"w:moveFrom" | b"w:instrText" | b"w:delText" => skip = 1,
                    b"w:p" => stack.push(Frame::Paragraph(String::new())),
                    b"w:tc" => stack.push(Frame::Cell(String::new())),
                    b"w:tr" => stack.push(Frame::Row(Vec::new())),
                    b"w:t" => in_text = true,
                    b"w:tab" | b"w:ptab" => push_text(&mut stack, " "),
                    b"w:br" | b"w:cr" => push_text(&mut stack, "\n"),
                    b"w:noBreakHyphen" => push_text(&mut stack, "-"),
                    _ => {}
                }
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match e.name().as_ref() {
                    b"w:t" => in_text = false,
                    b"w:p" => {
                        if let Some(Frame::Paragraph(p)) = stack.pop() {
                            finish(&mut stack, &mut out, p, " ");
                        }
                    }
                    b"w:tc" => {
                        if let Some(Frame::Cell(c)) = stack.pop()
                            && let Some(Frame::Row(cells)) = stack.last_mut()
                        {
                            cells.push(c);
                        }
                    }
                    b"w:tr" => {
                        if let Some(Frame::Row(cells)) = stack.pop() {
                            let row = cells.iter().map(|c| c.trim()).collect::<Vec<_>>().join("\t");
                            finish(&mut stack, &mut out, row, " ");
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip == 0 => push_text(&mut stack, &t.decode().unwrap_or_default()),
            Event::GeneralRef(r) if in_text && skip == 0 => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match r.decode().unwrap_or_default().as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    push_text(&mut stack, c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::CData(t) if in_text && skip == 0 => push_text(&mut stack, &String::from_utf8_lossy(&t)),
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// Text into the paragraph being read (none outside a paragraph).
fn push_text(stack: &mut [Frame], text: &str) {
    if let Some(Frame::Paragraph(p)) = stack.last_mut() {
        p.push_str(text);
    }
}

/// A finished paragraph or row: into the cell it is in (after `sep`), else
/// out as a paragraph of its own — a text box's paragraphs inside another
/// paragraph come out before it.
fn finish(stack: &mut [Frame], out: &mut Vec<String>, text: String, sep: &str) {
    match stack.last_mut() {
        Some(Frame::Cell(c)) => {
            if !c.is_empty() && !text.trim().is_empty() {
                c.push_str(sep);
            }
            c.push_str(text.trim());
        }
        _ => {
            if !text.trim().is_empty() {
                out.push(text);
            }
        }
    }
}

#[cfg(test)]
mod tests {

    fn doc(body: &str) -> Vec<String> {
        let xml = format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="w" xmlns:mc="mc" xmlns:wps="wps"><w:body>{body}</w:body></w:document>"#
        );
        super::body(xml.as_bytes()).unwrap()
    }

    #[test]
    fn a_text_box_is_read_once_and_changes_are_accepted() {
        let red = "<w:r><mc:AlternateContent><mc:Choice><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>永嘉县人民政府文件</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>永嘉县人民政府文件</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>";
        let body = format!(
            "<w:p>{red}</w:p><w:p><w:r><w:t>第一条 </w:t></w:r><w:del><w:r><w:delText>旧的</w:delText></w:r></w:del><w:ins><w:r><w:t>新的 &amp; 好的</w:t></w:r></w:ins></w:p><w:p/>"
        );
        assert_eq!(doc(&body), ["永嘉县人民政府文件", "第一条 新的 & 好的"]);
    }

    #[test]
    fn tables_are_rows() {
        let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
        let body = format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
            cell("序号"),
            cell("名称"),
            cell("1"),
            cell("甲")
        );
        assert_eq!(doc(&body), ["序号\t名称", "1\t甲"]);
    }
}
