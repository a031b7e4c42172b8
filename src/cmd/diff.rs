//! `qingli diff REV [REV2]`: the register at two git revisions, compared.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;
use std::sync::{Mutex, PoisonError};

use anyhow::{Result, anyhow};

use crate::cli::{DiffArgs, DiffFailOn, DiffFormat};
use crate::ctx::Ctx;
use crate::judge::compare::{self, Side};
use crate::judge::rules;
use crate::load::git;
use crate::load::register::{self, CONFIG_FILE, FileKind, Register};
use crate::render::diff as view;

/// Loads the register at `root` as it was at `rev`.
fn load_rev(root: &Path, top: &Path, prefix: &str, rev: &str) -> Result<Register> {
    let tree = git::files_at(top, rev, prefix)?;
    let config = tree.files.get(CONFIG_FILE).cloned().ok_or_else(|| {
        anyhow!("版本 `{rev}` 中没有登记簿 `{prefix}{CONFIG_FILE}`\n提示: 确认该版本已包含这个登记簿")
    })?;
    // Symbolic links are followed as the walk follows them on disk.
    let (listed, mut diags) = register::tree_files(root, &tree);
    if !tree.files.keys().any(|k| k.starts_with(&format!("{}/", register::DOCUMENTS))) {
        let tops: Vec<&str> = tree.files.keys().filter_map(|k| k.split('/').next()).collect();
        diags.push(register::missing_documents(root, tops));
    }
    // Each file's bytes are handed to the parser and dropped once parsed
    // (kept only when a link reads them too): a province revision is never
    // held whole beside the register parsed from it.
    let mut via: HashMap<String, String> = HashMap::new();
    let mut shared: HashSet<String> = HashSet::new();
    let mut list: Vec<(String, FileKind)> = Vec::with_capacity(listed.len());
    for (rel, kind, from) in listed {
        if rel != from {
            shared.insert(from.clone());
            via.insert(rel.clone(), from);
        }
        list.push((rel, kind));
    }
    let files = Mutex::new(tree.files);
    let read = |rel: &str| {
        let from = via.get(rel).map_or(rel, String::as_str);
        let mut files = files.lock().unwrap_or_else(PoisonError::into_inner);
        let bytes = if shared.contains(from) { files.get(from).cloned() } else { files.remove(from) };
        bytes.ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, rel.to_owned()))
    };
    Ok(Register::from_sources(root, config, list, diags, &read))
}

pub(crate) fn run(args: &DiffArgs, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let root = ctx.root()?.to_path_buf();
    let (top, prefix) = git::locate(&root)?;
    let base = load_rev(&root, &top, &prefix, &args.base)?;
    let head = match &args.head {
        Some(rev) => load_rev(&root, &top, &prefix, rev)?,
        None => Register::load(&root)?,
    };
    let (as_of, _) = ctx.as_of(&head);
    let (db, dh) = (crate::load::validate::all(&base, as_of), crate::load::validate::all(&head, as_of));
    let (b, h) = (
        Side { reg: &base, env: rules::Env::new(&base, as_of), diags: &db },
        Side { reg: &head, env: rules::Env::new(&head, as_of), diags: &dh },
    );
    let cmp = compare::compare(&b, &h);
    let head_name = args.head.clone().unwrap_or_else(|| "工作区".to_owned());
    let labels = view::Labels { base: &args.base, head: &head_name, as_of };
    match args.format {
        DiffFormat::Text => view::text(out, &cmp, &labels)?,
        DiffFormat::Markdown => view::markdown(out, &cmp, &labels)?,
        DiffFormat::Json => view::json(out, &cmp, &labels)?,
    }
    Ok(u8::from(args.fail_on == Some(DiffFailOn::Errors) && cmp.head_errors > 0))
}
