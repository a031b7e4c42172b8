//! `qingli new`: create one document record from flags, with a commented
//! template, then validate it with the same checks as `qingli check`.

use std::io::Write;

use anyhow::{Result, bail};

use crate::cli::NewArgs;
use crate::ctx::Ctx;
use crate::diag::Severity;
use crate::docnum;
use crate::render;
use crate::write::atomic;
use crate::write::record::{self, Fields};

/// The record's fields from the flags.
fn fields(a: &NewArgs, doc_number: Option<String>) -> Fields {
    Fields {
        title: a.title.clone(),
        issuer: a.issuer.clone(),
        issued: a.issued,
        doc_number,
        kind: a.kind.clone(),
        co_issuers: a.co_issuers.clone(),
        lead_unit: a.lead_unit.clone(),
        responsible_unit: a.responsible_unit.clone(),
        effective: a.effective,
        expires: a.expires,
        basis: a.basis.clone(),
        provisional: a.provisional,
        applies_until: a.applies_until,
        superseded_by: a.superseded_by.clone(),
        ..Fields::default()
    }
}

pub(crate) fn run(a: &NewArgs, ctx: &Ctx, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let root = ctx.root()?.to_path_buf();
    let doc_number = a.doc_number.as_deref().map(docnum::normalize).filter(|n| !n.is_empty());
    let id = record::safe_id(a.id.as_deref().or(doc_number.as_deref()).unwrap_or(&a.title));
    let mut rel = String::from("documents/");
    if let Some(sub) = &a.dir {
        let parts: Vec<String> =
            sub.split(['/', '\\']).filter(|p| !p.is_empty() && *p != "." && *p != "..").map(record::safe_id).collect();
        for p in parts {
            rel.push_str(&p);
            rel.push('/');
        }
    }
    let dir = root.join(&rel);
    record::inside_documents(&root, &dir)?;
    rel.push_str(&id);
    rel.push_str(".toml");
    let path = root.join(&rel);
    if path.exists() {
        bail!("`{}` 已存在,不会覆盖\n提示: 用 --id 指定另一个文件名", crate::load::discover::display_path(&root, &rel));
    }
    // A 文号 already registered is never written twice, whatever --id says.
    if let Some(n) = &doc_number {
        let existing = crate::load::register::Register::load(&root)?;
        if let Some(&i) = existing.by_number(n).first() {
            render::setup::duplicate(err, n, &existing.display(&existing.documents[i].path))?;
            return Ok(1);
        }
    }
    std::fs::create_dir_all(&dir)?;
    let text = record::render(&fields(a, doc_number));
    atomic::create_new(&path, text.as_bytes())?;
    let shown = crate::load::discover::display_path(&root, &rel);
    render::setup::created(out, &shown)?;
    // Validate the new record in the context of the whole register.
    let reg = crate::load::register::Register::load(&root)?;
    let (as_of, _) = ctx.as_of(&reg);
    let findings = crate::gate::Findings::of(&reg, as_of, &crate::diag::Levels::default());
    let diags: Vec<_> = findings.diagnostics().iter().filter(|d| d.file == shown).cloned().collect();
    if diags.is_empty() {
        return Ok(0);
    }
    render::diag::human(err, &diags, 1)?;
    Ok(u8::from(diags.iter().any(|d| d.severity == Severity::Error)))
}
