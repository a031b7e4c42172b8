//! Plain text files (.txt) and the bytes of web pages: the encoding found
//! (a BOM for UTF-8 or UTF-16, else valid UTF-8, else GB18030, which
//! includes GBK) and the text split into paragraphs.

use super::ReadError;

/// `bytes` as text: UTF-8 with or without a BOM, UTF-16 with a BOM, else
/// GB18030 (GBK is its subset) when it decodes without error.
pub(super) fn decode(bytes: &[u8]) -> Result<String, ReadError> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(ReadError::new(
                format!("按 {} 读取时有无法识别的字节", enc.name()),
                "用记事本打开后另存为 UTF-8",
            ));
        }
        return Ok(text.into_owned());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(ReadError::new(
            "既不是 UTF-8 也不是 GB18030/GBK 编码",
            "用记事本或 WPS 打开后另存为 UTF-8 编码的 .txt",
        ));
    }
    Ok(text.into_owned())
}

/// Paragraphs of a plain text: blank lines separate them. A text with no
/// blank line at all (one paragraph a line, as many .txt files are) has
/// each line as a paragraph.
pub(super) fn paragraphs(text: &str) -> Vec<String> {
    let text = super::canonical(text);
    if text.contains("\n\n") {
        text.split("\n\n").map(|p| p.trim_end().to_owned()).collect()
    } else {
        text.lines().map(str::to_owned).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        let s = "第一条 为了加强管理。";
        let (gbk, _, _) = encoding_rs::GB18030.encode(s);
        assert_eq!(decode(&gbk).unwrap(), s);
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&utf16).unwrap(), s);
        assert_eq!(decode(format!("\u{FEFF}{s}").as_bytes()).unwrap(), s);
        assert!(decode(&[0xFF, 0xFF, 0x81]).is_err());
    }

    #[test]
    fn lines_are_paragraphs_when_no_line_is_blank() {
        assert_eq!(paragraphs("标题\n第一条\n第二条\n"), ["标题", "第一条", "第二条"]);
        assert_eq!(paragraphs("标题\n\n第一条\n续行\n"), ["标题", "第一条\n续行"]);
    }
}
