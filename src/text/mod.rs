//! A document's text, the `.txt` file beside its record: its one written
//! form ([`canonical`]) and the readers that turn what clerks have — .docx,
//! .txt, .html, .pdf, .doc/.wps — into it ([`read`]). Knows no register:
//! matching a text to its record is `write::text`'s.
//!
//! Readers: `docx` (.docx, and .doc/.wps converted), `plain` (.txt and the
//! bytes of web pages), `html` (the article of a portal page), `external`
//! (pdftotext, LibreOffice). [`clauses`] reads what a text in this form
//! says about itself (basis, dates, repeals, review points), for `scan`;
//! [`search`] is the one normal form the published site's search compares
//! texts and queries in, and the keys its index is made of.
//!
//! The form: UTF-8, paragraphs separated by one blank line, each line
//! trimmed, no indentation, a final newline; lines inside a paragraph (a
//! table's rows, a `w:br`) stay as they are. [`canonical`] changes only
//! whitespace and line ends, never another character (a property test).

pub(crate) mod clauses;
mod docx;
mod external;
mod html;
mod plain;
pub(crate) mod search;

use std::path::Path;

/// Why a file could not be read as a text: said to the clerk in Chinese,
/// with what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReadError {
    pub(crate) message: String,
    pub(crate) hint: String,
}

impl ReadError {
    pub(crate) fn new(message: impl Into<String>, hint: impl Into<String>) -> Self {
        ReadError { message: message.into(), hint: hint.into() }
    }
}

/// The kinds of file a text is read from, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Docx,
    Txt,
    Html,
    Pdf,
    /// .doc or .wps, converted by LibreOffice.
    Office,
}

/// The extensions a text can be read from, as shown in messages.
pub(crate) const EXTENSIONS: &str = ".docx、.doc、.wps、.txt、.html、.htm、.pdf";

impl Source {
    /// The reader for `path`'s extension (any case), if there is one.
    pub(crate) fn of(path: &Path) -> Option<Source> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "docx" => Source::Docx,
            "txt" => Source::Txt,
            "html" | "htm" => Source::Html,
            "pdf" => Source::Pdf,
            "doc" | "wps" => Source::Office,
            _ => return None,
        })
    }
}

/// The largest file read as a text: a 规范性文件 is tens of kilobytes; a
/// .pdf or .docx with images may be a few megabytes.
const MAX_FILE: u64 = 64 * 1024 * 1024;

/// Reads `path` as a document's text, in canonical form. A file with no
/// text (a scan, an empty page) is an error, never an empty text.
pub(crate) fn read(path: &Path) -> Result<String, ReadError> {
    let source = Source::of(path).ok_or_else(|| {
        ReadError::new("不认识这种文件", format!("文本可以从 {EXTENSIONS} 文件读取;其他格式请先另存为 .docx"))
    })?;
    let size = std::fs::metadata(path).map_err(|e| ReadError::new(format!("无法读取: {e}"), "检查路径和权限"))?.len();
    if size > MAX_FILE {
        return Err(ReadError::new(
            format!("文件有 {} MB,超过文本文件的上限 64 MB", size / 1024 / 1024),
            "确认选对了文件;图片很多的文件可另存为只含文字的 .docx 或 .txt",
        ));
    }
    let paragraphs = match source {
        Source::Docx => docx::read(&read_bytes(path)?)?,
        Source::Txt => plain::paragraphs(&plain::decode(&read_bytes(path)?)?),
        Source::Html => html::read(&plain::decode(&read_bytes(path)?)?),
        Source::Pdf => external::pdf(path)?,
        Source::Office => docx::read(&external::office_to_docx(path)?)?,
    };
    let text = join(paragraphs);
    refuse_empty(&text, source)?;
    Ok(text)
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    std::fs::read(path).map_err(|e| ReadError::new(format!("无法读取: {e}"), "检查路径和权限"))
}

/// A text that is empty or mostly U+FFFD (a scan, or a PDF whose fonts map
/// to no Unicode) is refused: stored, it would look like the document.
fn refuse_empty(text: &str, source: Source) -> Result<(), ReadError> {
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    let replacement = text.chars().filter(|c| *c == '\u{FFFD}').count();
    if chars < 10 {
        let hint = if source == Source::Pdf {
            "这可能是扫描件(只有图像,没有文字层):请找到原始的 .docx/.wps 文件,或先做文字识别(OCR)并核对"
        } else {
            "确认选对了文件"
        };
        return Err(ReadError::new(format!("没有读到文字(只有 {chars} 个字符)"), hint));
    }
    if replacement * 4 > chars {
        return Err(ReadError::new(
            format!("{replacement} 个字符无法识别(共 {chars} 个),文字层没有 Unicode 映射"),
            "常见于用 GBK 字体生成的 PDF:请找到原始的 .docx/.wps 文件,或用 WPS 打开后另存为 .docx",
        ));
    }
    Ok(())
}

/// Paragraphs joined into the canonical form.
pub(crate) fn join(paragraphs: impl IntoIterator<Item = String>) -> String {
    let mut out = String::new();
    for p in paragraphs {
        let p = canonical(&p);
        if p.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&p);
    }
    out
}

/// The canonical form of a text: line ends `\n`, each line trimmed of
/// whitespace (full-width spaces too), runs of blank lines made one, none
/// at the start or end, one final newline; U+FEFF (a BOM, or the zero-width
/// no-break space Word pastes) dropped. Every other character stays, in order.
pub(crate) fn canonical(text: &str) -> String {
    let text = unify_line_ends(text);
    let text: std::borrow::Cow<'_, str> =
        if text.contains('\u{FEFF}') { text.replace('\u{FEFF}', "").into() } else { text };
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.split('\n').flat_map(|l| l.split('\r')) {
        let line = line.trim_matches(char::is_whitespace);
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push('\n');
            blank = false;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// `\r\n` read as one line end, not two: [`canonical`] splits on both
/// characters, so a CRLF would leave an empty line between every two.
fn unify_line_ends(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') { text.replace("\r\n", "\n").into() } else { text.into() }
}

/// The text with its title first: paragraphs before the record's title (the
/// 版头: issuer mark, 文号, 签发人) dropped; a title split over two lines
/// joined; the record's title put first when the text's first lines do not
/// hold it. Whitespace is ignored when comparing.
pub(crate) fn title_first(text: &str, title: &str) -> String {
    let want = squeeze(title);
    let paras: Vec<&str> = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
    let head = paras.len().min(12);
    for i in 0..head {
        let one = squeeze(paras[i]);
        let two = paras.get(i + 1).map(|n| format!("{one}{}", squeeze(n)));
        let rest = if one == want {
            Some(i + 1)
        } else if two.as_deref() == Some(want.as_str()) {
            Some(i + 2)
        } else {
            None
        };
        if let Some(rest) = rest {
            let title_para = if rest == i + 1 { paras[i].to_owned() } else { title.trim().to_owned() };
            return join(std::iter::once(title_para).chain(paras[rest..].iter().map(|p| (*p).to_owned())));
        }
    }
    join(std::iter::once(title.trim().to_owned()).chain(paras.iter().map(|p| (*p).to_owned())))
}

/// Text without whitespace, for comparing titles and 文号 across layouts.
pub(crate) fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && !crate::docnum::is_invisible(*c)).collect()
}

/// The first paragraphs' lines, where a 公文's 文号 and title are.
pub(crate) fn head_lines(text: &str, n: usize) -> Vec<&str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).take(n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The characters `canonical` must keep: all but whitespace and U+FEFF.
    fn visible(s: &str) -> String {
        s.chars().filter(|c| !c.is_whitespace() && *c != '\u{FEFF}').collect()
    }

    #[test]
    fn canonical_form() {
        assert_eq!(
            canonical("\u{FEFF}  标题 \r\n\r\n\r\n\u{3000}\u{3000}第一条 内容。\r\n第二行\r\n"),
            "标题\n\n第一条 内容。\n第二行\n"
        );
        assert_eq!(canonical(""), "");
        assert_eq!(canonical("\n\n a \n"), "a\n");
    }

    #[test]
    fn the_title_comes_first() {
        let text = "永嘉县人民政府文件\n\n永政发〔2006〕3号\n\n永嘉县人民政府关于印发\n\n农村宅基地管理办法的通知\n\n各乡镇:\n";
        assert_eq!(
            title_first(text, "永嘉县人民政府关于印发农村宅基地管理办法的通知"),
            "永嘉县人民政府关于印发农村宅基地管理办法的通知\n\n各乡镇:\n"
        );
        assert_eq!(title_first("正文。\n", "标题"), "标题\n\n正文。\n");
    }

    proptest! {
        /// `canonical` changes whitespace and line ends only, and is stable.
        #[test]
        fn canonical_keeps_every_character(s in "[ \u{3000}\t\r\na-c第条。\u{FEFF}]{0,60}") {
            let once = canonical(&s);
            prop_assert_eq!(visible(&once), visible(&s));
            prop_assert_eq!(canonical(&once), once.clone());
        }
    }
}
