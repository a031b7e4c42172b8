//! New document records: the file name (id) rule and the commented record
//! template (`templates/record.toml`), shared by `new` and `import` so
//! that a record is created the same way whichever made it.

use chrono::NaiveDate;

use crate::load::model::Verdict;
use crate::load::walk::FileKind;
use crate::write::canon;

/// The longest id `new` and `import` create, in characters: 60 CJK
/// characters are 180 bytes, so `<id>.toml` stays far under the 255-byte
/// limit of a file name and leaves room in Windows' 260-character paths.
pub(crate) const MAX_ID_CHARS: usize = 60;

/// `id` cut at a character boundary to [`MAX_ID_CHARS`] characters.
fn clip_name(id: &str) -> String {
    id.chars().take(MAX_ID_CHARS).collect::<String>().trim_end_matches('-').to_owned()
}

/// A file-name-safe id: path separators, `..`, control and reserved
/// characters become `-`; brackets of a 文号 are dropped.
pub(crate) fn safe_id(raw: &str) -> String {
    let mut s = String::new();
    for c in raw.trim().chars() {
        match c {
            '〔' | '〕' | '[' | ']' | '(' | ')' | '（' | '）' | '【' | '】' | '„' | '‟' | '/' | '\\' | ':' | '*'
            | '?' | '"' | '<' | '>' | '|' | '.' => s.push('-'),
            c if c.is_control() || c.is_whitespace() => s.push('-'),
            c => s.push(c),
        }
    }
    let mut out = String::new();
    for part in s.split('-').filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(part);
    }
    if out.is_empty() {
        return "document".to_owned();
    }
    // Windows' reserved device names (CON, PRN, AUX, NUL, COM1–9, LPT1–9,
    // any case, with any extension) cannot be file names there.
    let stem = out.split('.').next().unwrap_or(&out).to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.as_bytes()[3].is_ascii_digit()
            && stem.as_bytes()[3] != b'0');
    let out = if reserved { format!("{out}-文件") } else { out };
    clip_name(&out)
}

/// The commented record template (`templates/record.toml`): a line
/// `@key # example` becomes `key = value` when the flag was given, else the
/// commented example; `@notes` is where the notes go; other lines are kept
/// as they are.
const RECORD_TEMPLATE: &str = include_str!("../templates/record.toml");

/// The fields a new record is written with (`new`'s flags, an imported row).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Fields {
    pub title: String,
    pub issuer: String,
    pub issued: NaiveDate,
    /// 公布日期, when the sheet gives it apart from `issued`.
    pub promulgated: Option<NaiveDate>,
    pub doc_number: Option<String>,
    pub kind: Option<String>,
    pub co_issuers: Vec<String>,
    pub lead_unit: Option<String>,
    pub responsible_unit: Option<String>,
    pub effective: Option<NaiveDate>,
    pub expires: Option<NaiveDate>,
    pub basis: Vec<String>,
    pub provisional: bool,
    pub applies_until: Option<NaiveDate>,
    pub superseded_by: Option<String>,
    /// Lines kept as comments (`# 备注: 暂行`), e.g. spreadsheet columns qingli does not know.
    pub notes: Vec<String>,
    /// `[review]`: the decision and its reason.
    pub decision: Option<Verdict>,
    pub reason: Option<String>,
}

/// The record text for `f`, with commented optional keys, in canonical form
/// (so a new record never shows up in `fmt --check`).
pub(crate) fn render(f: &Fields) -> String {
    let s = |v: &str| canon::toml_string(v);
    let list = |v: &[String]| (!v.is_empty()).then(|| canon::toml_array(v));
    let value = |key: &str| -> Option<String> {
        match key {
            "title" => Some(s(&f.title)),
            "issuer" => Some(s(&f.issuer)),
            "issued" => Some(f.issued.to_string()),
            "promulgated" => f.promulgated.filter(|p| *p != f.issued).map(|d| d.to_string()),
            "doc_number" => f.doc_number.as_deref().map(s),
            "kind" => f.kind.as_deref().map(s),
            "co_issuers" => list(&f.co_issuers),
            "lead_unit" => f.lead_unit.as_deref().map(s),
            "responsible_unit" => f.responsible_unit.as_deref().map(s),
            "effective" => f.effective.map(|d| d.to_string()),
            "expires" => f.expires.map(|d| d.to_string()),
            "basis" => list(&f.basis),
            "provisional" => f.provisional.then(|| "true".to_owned()),
            "applies_until" => f.applies_until.map(|d| d.to_string()),
            "superseded_by" => f.superseded_by.as_deref().map(s),
            _ => None,
        }
    };
    let mut t = String::new();
    for line in RECORD_TEMPLATE.lines() {
        if line == "@notes" {
            // Kept as comments: never lost, never read as data.
            for note in &f.notes {
                t.push_str(&format!("# {}\n", note.replace(['\n', '\r'], " ")));
            }
            continue;
        }
        match line.strip_prefix('@') {
            Some(rest) => {
                let (key, example) = rest.split_once(' ').unwrap_or((rest, ""));
                match value(key) {
                    Some(v) => t.push_str(&format!("{key} = {v}\n")),
                    None if example.is_empty() => {}
                    None => t.push_str(&format!("{example}\n")),
                }
            }
            None => t.push_str(&format!("{line}\n")),
        }
    }
    if let Some(d) = f.decision {
        t.push_str(&format!("\n[review]\ndecision = {}\n", s(d.as_str())));
        if let Some(r) = &f.reason {
            t.push_str(&format!("reason = {}\n", s(r)));
        }
    }
    canon::canonical(&t, FileKind::Document).unwrap_or(t)
}

/// Refuses a `--dir` that leads out of `documents/` (a symbolic link on the
/// way): every existing folder on the path must resolve inside it.
pub(crate) fn inside_documents(root: &std::path::Path, dir: &std::path::Path) -> anyhow::Result<()> {
    let documents = root.join("documents");
    std::fs::create_dir_all(&documents)?;
    let canon_docs = std::fs::canonicalize(&documents)?;
    let canon_root = std::fs::canonicalize(root)?;
    if !canon_docs.starts_with(&canon_root) {
        anyhow::bail!("documents/ 指向登记簿之外(`{}`),不会在那里新建文件", canon_docs.display());
    }
    let mut path = dir.to_path_buf();
    loop {
        if let Ok(real) = std::fs::canonicalize(&path) {
            if !real.starts_with(&canon_docs) {
                anyhow::bail!(
                    "--dir 指向 documents/ 之外(`{}` → `{}`),不会在那里新建文件\n提示: --dir 只能是 documents/ 下的子目录",
                    path.display(),
                    real.display()
                );
            }
            return Ok(());
        }
        if !path.pop() {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::safe_id;

    #[test]
    fn ids_are_safe_file_names() {
        assert_eq!(safe_id("永政发〔2007〕58号"), "永政发-2007-58号");
        assert_eq!(safe_id("../../etc/passwd"), "etc-passwd");
        assert_eq!(safe_id("a/b\\c"), "a-b-c");
        assert_eq!(safe_id(".."), "document");
        assert_eq!(safe_id("  "), "document");
    }
}
