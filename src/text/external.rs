//! Readers that run another program: poppler's `pdftotext` for PDFs (公文
//! PDFs often use GBK CID fonts without `ToUnicode` maps, which pure-Rust
//! readers turn into U+FFFD; poppler reads many of them), and LibreOffice
//! to convert .doc/.wps into .docx. Neither is needed for anything else:
//! without them the clerk is told what to install or how to re-save.

use std::path::Path;
use std::process::{Command, Stdio};

use super::ReadError;

/// The paragraphs of a PDF's text layer.
pub(super) fn pdf(path: &Path) -> Result<Vec<String>, ReadError> {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-nopgbrk"])
        .arg(path)
        .arg("-")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                ReadError::new(
                    "读取 PDF 需要 poppler 的 pdftotext,本机没有找到",
                    "Linux: sudo apt install poppler-utils(openEuler: sudo dnf install poppler-utils);Windows: 下载 poppler,把其中的 bin 文件夹加入 Path;或者改用原始的 .docx/.wps 文件",
                )
            } else {
                ReadError::new(format!("无法运行 pdftotext: {e}"), "检查 poppler 的安装")
            }
        })?;
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr);
        return Err(ReadError::new(
            format!("pdftotext 未能读取这个 PDF: {}", why.lines().next().unwrap_or("").trim()),
            "文件可能已损坏或加了密码;请改用原始的 .docx/.wps 文件",
        ));
    }
    Ok(pdf_paragraphs(&String::from_utf8_lossy(&out.stdout)).iter().map(|p| tighten(p)).collect())
}

/// Whether `c` is a CJK character or full-width punctuation.
fn wide(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// A PDF's spacing read as spaces: `自 2006 年` back to `自2006年`. A space
/// goes when a CJK character is on either side and no ASCII word on both.
fn tighten(p: &str) -> String {
    let chars: Vec<char> = p.chars().collect();
    let mut out = String::with_capacity(p.len());
    for (i, c) in chars.iter().enumerate() {
        if *c == ' ' && i > 0 && i + 1 < chars.len() {
            let (a, b) = (chars[i - 1], chars[i + 1]);
            if (wide(a) || wide(b)) && a != ' ' && b != ' ' {
                continue;
            }
        }
        out.push(*c);
    }
    out
}

/// Whether a line starts a paragraph of a 规范性文件 by its own form:
/// 第X条/章/节, 一、, (一), 1. or 1、, 附件.
fn starts_structure(line: &str) -> bool {
    let first = line.chars().next().unwrap_or(' ');
    let numeral = |c: char| "一二三四五六七八九十百零〇".contains(c);
    if let Some(rest) = line.strip_prefix('第') {
        let n: String = rest.chars().take_while(|c| numeral(*c) || c.is_ascii_digit()).collect();
        return !n.is_empty() && rest[n.len()..].starts_with(['条', '章', '节']);
    }
    if numeral(first) {
        return line.chars().find(|c| !numeral(*c)) == Some('、');
    }
    if matches!(first, '(' | '\u{FF08}') {
        return line.chars().nth(1).is_some_and(|c| numeral(c) || c.is_ascii_digit());
    }
    if first.is_ascii_digit() {
        return matches!(line.chars().find(|c| !c.is_ascii_digit()), Some('.' | '、' | '\u{FF0E}'));
    }
    line.starts_with("附件")
}

/// A page number line a PDF repeats on every page: `— 2 —`, `-2-`, `2`.
fn page_number(line: &str) -> bool {
    let inner = line.trim_matches(|c: char| c.is_whitespace() || matches!(c, '—' | '-' | '–' | '一'));
    !inner.is_empty() && inner.len() <= 4 && inner.chars().all(|c| c.is_ascii_digit())
}

/// pdftotext's lines joined into paragraphs: a line that ends a sentence
/// and is shorter than the page's full lines ends its paragraph, and a line
/// that starts with 第X条, 一、 and the like starts one; other lines are
/// the same paragraph wrapped.
fn pdf_paragraphs(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !page_number(l)).collect();
    let full = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut prev_len = 0usize;
    for line in lines {
        if line.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        let ended = current.ends_with(['。', '\u{FF01}', '\u{FF1F}', '\u{FF1B}', '\u{FF1A}', '!', '?', ';', ':'])
            && prev_len * 10 < full * 9;
        let short_line = prev_len * 10 < full * 6;
        if !current.is_empty() && (ended || short_line || starts_structure(line)) {
            out.push(std::mem::take(&mut current));
        }
        if current.ends_with(|c: char| c.is_ascii_alphanumeric())
            && line.starts_with(|c: char| c.is_ascii_alphanumeric())
        {
            current.push(' ');
        }
        current.push_str(line);
        prev_len = line.chars().count();
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The .docx LibreOffice makes of a .doc or .wps file.
pub(super) fn office_to_docx(path: &Path) -> Result<Vec<u8>, ReadError> {
    let work = tempfile::tempdir().map_err(|e| ReadError::new(format!("无法建立临时目录: {e}"), "检查磁盘空间"))?;
    let profile = format!("-env:UserInstallation=file://{}", work.path().join("profile").display());
    let outdir = work.path().join("out");
    let mut tried = None;
    for program in ["soffice", "libreoffice"] {
        let run = Command::new(program)
            .args(["--headless", "--norestore", &profile, "--convert-to", "docx", "--outdir"])
            .arg(&outdir)
            .arg(path)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output();
        match run {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(ReadError::new(format!("无法运行 LibreOffice: {e}"), "检查 LibreOffice 的安装")),
            Ok(o) => {
                tried = Some(o);
                break;
            }
        }
    }
    let Some(run) = tried else {
        return Err(ReadError::new(
            "读取 .doc/.wps 需要 LibreOffice,本机没有找到",
            "安装 LibreOffice(Linux: sudo apt install libreoffice-writer),或用 WPS/Word 把文件另存为 .docx",
        ));
    };
    let stem = path.file_stem().unwrap_or_default();
    let made = outdir.join(stem).with_extension("docx");
    std::fs::read(&made).map_err(|_| {
        let why = String::from_utf8_lossy(&run.stderr);
        ReadError::new(
            format!("LibreOffice 未能转换这个文件{}", why.lines().next().map(|l| format!(": {l}")).unwrap_or_default()),
            "用 WPS/Word 打开后另存为 .docx 再试",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_are_joined_and_articles_start_paragraphs() {
        let text = "永嘉县河道采砂管理办法\n\n第一条 为了加强河道采砂管理,维护河势稳定,根据\n《中华人民共和国水法》,制定本办法。\n第二条 本办法自2020年1月1日起施行。\n— 2 —\n";
        assert_eq!(
            pdf_paragraphs(text),
            [
                "永嘉县河道采砂管理办法",
                "第一条 为了加强河道采砂管理,维护河势稳定,根据《中华人民共和国水法》,制定本办法。",
                "第二条 本办法自2020年1月1日起施行。"
            ]
        );
        assert_eq!(tighten("第二条 本办法自 2006 年 6 月 1 日起施行。"), "第二条本办法自2006年6月1日起施行。");
        assert_eq!(tighten("see Article 5 of"), "see Article 5 of");
        assert!(starts_structure("(一)申请材料") && starts_structure("十二、附则") && !starts_structure("一般规定"));
    }
}
