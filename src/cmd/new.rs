//! `qingli new`: create one document record from flags, with a commented
//! template, then validate it with the same checks as `qingli check`.

use std::fmt::Write as _;
use std::io::Write;

use anyhow::{Result, bail};

use crate::cli::NewArgs;
use crate::cmd::init::toml_str;
use crate::ctx::Ctx;
use crate::diag::Severity;
use crate::docnum;
use crate::fsx;
use crate::render;

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
    let out: String = out.chars().take(80).collect();
    if out.is_empty() { "document".to_owned() } else { out }
}

/// The record text for the flags, with commented optional keys.
pub(crate) fn record(a: &NewArgs, doc_number: Option<&str>) -> String {
    let mut t = String::new();
    let line = |t: &mut String, k: &str, v: String| {
        let _ = writeln!(t, "{k} = {v}");
    };
    line(&mut t, "title", toml_str(&a.title));
    line(&mut t, "issuer", toml_str(&a.issuer));
    line(&mut t, "issued", a.issued.to_string());
    match doc_number {
        Some(n) => line(&mut t, "doc_number", toml_str(n)),
        None => t.push_str("# doc_number = \"永政发〔2007〕58号\"   # 文号\n"),
    }
    match &a.kind {
        Some(k) => line(&mut t, "kind", toml_str(k)),
        None => t.push_str("# kind = \"规范性文件\"   # 政府令、通告、会议纪要、抄告单、明传电报 ……\n"),
    }
    if !a.co_issuers.is_empty() {
        let list: Vec<String> = a.co_issuers.iter().map(|c| toml_str(c)).collect();
        line(&mut t, "co_issuers", format!("[{}]", list.join(", ")));
    }
    if let Some(l) = &a.lead_unit {
        line(&mut t, "lead_unit", toml_str(l));
    }
    match &a.responsible_unit {
        Some(r) => line(&mut t, "responsible_unit", toml_str(r)),
        None => t.push_str("# responsible_unit = \"\"   # 清理责任单位,默认为牵头单位或制定机关\n"),
    }
    match a.effective {
        Some(e) => line(&mut t, "effective", e.to_string()),
        None => t.push_str("# effective = YYYY-MM-DD   # 施行日期,默认同发布日期\n"),
    }
    match a.expires {
        Some(e) => line(&mut t, "expires", e.to_string()),
        None => t.push_str("# expires = YYYY-MM-DD   # 有效期至(最长5年,暂行/试行2年)\n"),
    }
    if a.basis.is_empty() {
        t.push_str("# basis = [\"行政许可法\"]   # 上位法依据,名称须在 laws/ 中\n");
    } else {
        let list: Vec<String> = a.basis.iter().map(|c| toml_str(c)).collect();
        line(&mut t, "basis", format!("[{}]", list.join(", ")));
    }
    t.push_str(
        "# disclosure = \"主动公开\"   # 主动公开 | 依申请公开 | 不予公开(须填 disclosure_reason)\n\
         # disclosed = YYYY-MM-DD   # 公开日期\n\
         # filed = YYYY-MM-DD   # 报送备案日期\n\
         \n\
         # 审查发现(可多条):\n\
         # [[finding]]\n\
         # type = \"上位法抵触\"   # 上位法抵触 | 越权设定 | 与上级文件不一致 | 其他\n\
         # scope = \"partial\"   # main = 主要内容, partial = 个别条款\n\
         # law = \"行政许可法\"\n\
         # articles = \"第五条\"\n\
         # note = \"\"\n\
         \n\
         # 清理意见:\n\
         # [review]\n\
         # decision = \"保留\"   # 保留 | 修改 | 废止 | 失效\n\
         # reason = \"\"\n\
         # decided = YYYY-MM-DD\n",
    );
    t
}

pub(crate) fn run(a: &NewArgs, ctx: &Ctx, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let root = crate::register::discover(ctx.register.as_deref(), ctx.register_env.clone(), &ctx.cwd)?;
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
    rel.push_str(&id);
    rel.push_str(".toml");
    let path = root.join(&rel);
    if path.exists() {
        bail!("`{}` 已存在,不会覆盖\n提示: 用 --id 指定另一个文件名", crate::register::display_path(&root, &rel));
    }
    std::fs::create_dir_all(&dir)?;
    // Written in canonical form, so a new record never shows up in `fmt --check`.
    let text = record(a, doc_number.as_deref());
    let text = crate::canon::canonical(&text, crate::register::FileKind::Document).unwrap_or(text);
    fsx::create_new(&path, text.as_bytes())?;
    let shown = crate::register::display_path(&root, &rel);
    writeln!(out, "已新建文件记录: {shown}")?;
    // Validate the new record in the context of the whole register.
    let reg = crate::register::Register::load(&root)?;
    let (as_of, _) = ctx.as_of(&reg);
    let diags: Vec<_> = crate::validate::all(&reg, as_of).into_iter().filter(|d| d.file == shown).collect();
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
