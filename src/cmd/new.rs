//! `qingli new`: create one document record from flags, with a commented
//! template, then validate it with the same checks as `qingli check`.

use std::io::Write;

use anyhow::{Result, bail};

use crate::cli::NewArgs;
use crate::ctx::Ctx;
use crate::diag::Severity;
use crate::docnum;
use crate::render;
use crate::write::canon;
use crate::write::fsx;

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
    if out.is_empty() { "document".to_owned() } else { clip_name(&out) }
}

/// The commented record template (`templates/record.toml`): a line
/// `@key # example` becomes `key = value` when the flag was given, else the
/// commented example; other lines are kept as they are.
const RECORD_TEMPLATE: &str = include_str!("../templates/record.toml");

/// The record text for the flags, with commented optional keys.
pub(crate) fn record(a: &NewArgs, doc_number: Option<&str>) -> String {
    let s = |v: &str| canon::toml_string(v);
    let list = |v: &[String]| (!v.is_empty()).then(|| canon::toml_array(v));
    let value = |key: &str| -> Option<String> {
        match key {
            "title" => Some(s(&a.title)),
            "issuer" => Some(s(&a.issuer)),
            "issued" => Some(a.issued.to_string()),
            "doc_number" => doc_number.map(s),
            "kind" => a.kind.as_deref().map(s),
            "co_issuers" => list(&a.co_issuers),
            "lead_unit" => a.lead_unit.as_deref().map(s),
            "responsible_unit" => a.responsible_unit.as_deref().map(s),
            "effective" => a.effective.map(|d| d.to_string()),
            "expires" => a.expires.map(|d| d.to_string()),
            "basis" => list(&a.basis),
            _ => None,
        }
    };
    let mut t = String::new();
    for line in RECORD_TEMPLATE.lines() {
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
    t
}

/// Refuses a `--dir` that leads out of `documents/` (a symbolic link on the
/// way): every existing folder on the path must resolve inside it.
fn inside_documents(root: &std::path::Path, dir: &std::path::Path) -> Result<()> {
    let documents = root.join("documents");
    std::fs::create_dir_all(&documents)?;
    let canon_docs = std::fs::canonicalize(&documents)?;
    let canon_root = std::fs::canonicalize(root)?;
    if !canon_docs.starts_with(&canon_root) {
        bail!("documents/ 指向登记簿之外(`{}`),不会在那里新建文件", canon_docs.display());
    }
    let mut path = dir.to_path_buf();
    loop {
        if let Ok(real) = std::fs::canonicalize(&path) {
            if !real.starts_with(&canon_docs) {
                bail!(
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

pub(crate) fn run(a: &NewArgs, ctx: &Ctx, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let root = ctx.root()?.to_path_buf();
    let doc_number = a.doc_number.as_deref().map(docnum::normalize).filter(|n| !n.is_empty());
    let id = safe_id(a.id.as_deref().or(doc_number.as_deref()).unwrap_or(&a.title));
    let mut rel = String::from("documents/");
    if let Some(sub) = &a.dir {
        let parts: Vec<String> =
            sub.split(['/', '\\']).filter(|p| !p.is_empty() && *p != "." && *p != "..").map(safe_id).collect();
        for p in parts {
            rel.push_str(&p);
            rel.push('/');
        }
    }
    let dir = root.join(&rel);
    inside_documents(&root, &dir)?;
    rel.push_str(&id);
    rel.push_str(".toml");
    let path = root.join(&rel);
    if path.exists() {
        bail!("`{}` 已存在,不会覆盖\n提示: 用 --id 指定另一个文件名", crate::load::register::display_path(&root, &rel));
    }
    std::fs::create_dir_all(&dir)?;
    // Written in canonical form, so a new record never shows up in `fmt --check`.
    let text = record(a, doc_number.as_deref());
    let text = crate::write::canon::canonical(&text, crate::load::register::FileKind::Document).unwrap_or(text);
    fsx::create_new(&path, text.as_bytes())?;
    let shown = crate::load::register::display_path(&root, &rel);
    render::setup::created(out, &shown)?;
    // Validate the new record in the context of the whole register.
    let reg = crate::load::register::Register::load(&root)?;
    let (as_of, _) = ctx.as_of(&reg);
    let diags: Vec<_> = crate::load::validate::all(&reg, as_of).into_iter().filter(|d| d.file == shown).collect();
    if diags.is_empty() {
        return Ok(0);
    }
    render::diag::human(err, &diags, 1)?;
    Ok(u8::from(diags.iter().any(|d| d.severity == Severity::Error)))
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
