//! A register as it was at a git revision: the [`Source`] that feeds
//! [`Register::from_sources`] from git.
//!
//! Blobs are read a batch at a time through one `git cat-file --batch`, and
//! each is dropped once parsed, so a revision is never held whole beside the
//! register parsed from it. When the register at the other side of a
//! comparison is already loaded, a record whose file did not change between
//! the two is shared from it instead of being read and parsed again: `diff`
//! reads and holds only what a pull request changed.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use anyhow::{Result, anyhow};
use foldhash::fast::RandomState;

use crate::diag::Diagnostic;
use crate::load::git::{self, Blobs, Tree};
use crate::load::model::Document;
use crate::load::register::{self, CONFIG_FILE, FileKind, Register, Source};

/// How many records are fetched from git at a time.
const BATCH: usize = 8192;

/// The register at the other side of a comparison, and the files whose
/// content differs between the two (paths relative to the register).
pub(crate) struct Unchanged<'a> {
    pub other: &'a Register,
    pub changed: HashSet<String, RandomState>,
}

/// A revision's files, read from git as they are asked for.
struct Revision<'a> {
    tree: Tree,
    /// Listed paths that read another file's bytes (through a symbolic
    /// link), with the file they read.
    via: HashMap<String, String>,
    /// Files read by more than one listed path: kept once fetched.
    shared: HashSet<String>,
    blobs: Mutex<Blobs>,
    /// Bytes fetched and not yet read, by file.
    fetched: Mutex<HashMap<String, Vec<u8>>>,
    unchanged: Option<Unchanged<'a>>,
    /// The other side's documents by path, and its diagnostics by the path
    /// (relative to the register) of their file.
    other_docs: HashMap<&'a str, &'a Arc<Document>, RandomState>,
    other_diags: HashMap<&'a str, Vec<&'a Diagnostic>, RandomState>,
}

impl<'a> Revision<'a> {
    fn from<'r>(&'r self, rel: &'r str) -> &'r str {
        self.via.get(rel).map_or(rel, String::as_str)
    }

    /// The other side's record for `rel`, when its file did not change.
    fn unchanged_doc(&self, rel: &str) -> Option<&'a Arc<Document>> {
        let u = self.unchanged.as_ref()?;
        if self.via.contains_key(rel) || u.changed.contains(rel) {
            return None;
        }
        self.other_docs.get(rel).copied()
    }

    /// Fetches the bytes of `files` (paths of this tree) not fetched yet.
    fn fetch_files(&self, files: &[&str]) -> std::io::Result<()> {
        let mut seen = HashSet::new();
        let wanted: Vec<(&str, &str)> = {
            let fetched = self.fetched.lock().unwrap_or_else(PoisonError::into_inner);
            files
                .iter()
                .filter(|f| !fetched.contains_key(**f) && seen.insert(**f))
                .filter_map(|f| Some((*f, self.tree.object_of(f)?)))
                .collect()
        };
        if wanted.is_empty() {
            return Ok(());
        }
        let bytes = {
            let mut blobs = self.blobs.lock().unwrap_or_else(PoisonError::into_inner);
            blobs.read(wanted.iter().map(|(_, o)| *o)).map_err(|e| std::io::Error::other(format!("{e:#}")))?
        };
        let mut fetched = self.fetched.lock().unwrap_or_else(PoisonError::into_inner);
        fetched.extend(wanted.into_iter().map(|(f, _)| f.to_owned()).zip(bytes));
        Ok(())
    }

    /// The fetched bytes of `from` (kept when another path reads them too).
    fn take(&self, from: &str) -> Option<Vec<u8>> {
        let mut fetched = self.fetched.lock().unwrap_or_else(PoisonError::into_inner);
        if self.shared.contains(from) { fetched.get(from).cloned() } else { fetched.remove(from) }
    }
}

impl Source for Revision<'_> {
    fn read(&self, rel: &str) -> std::io::Result<Vec<u8>> {
        let from = self.from(rel);
        // Records come fetched in batches; other files one at a time.
        let bytes = if let Some(b) = self.take(from) {
            Some(b)
        } else {
            self.fetch_files(&[from])?;
            self.take(from)
        };
        bytes.ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, rel.to_owned()))
    }

    fn batch(&self) -> usize {
        BATCH
    }

    fn fetch(&self, files: &[(String, FileKind)]) {
        let wanted: Vec<&str> =
            files.iter().filter(|(rel, _)| self.unchanged_doc(rel).is_none()).map(|(rel, _)| self.from(rel)).collect();
        // A failure is reported by `read`, file by file.
        let _ = self.fetch_files(&wanted);
    }

    fn known(&self, rel: &str) -> Option<(Arc<Document>, Vec<Diagnostic>)> {
        let doc = Arc::clone(self.unchanged_doc(rel)?);
        let diags = self.other_diags.get(rel).map_or_else(Vec::new, |d| d.iter().copied().cloned().collect());
        Some((doc, diags))
    }
}

/// A revision's files, listed and not yet read: what [`list`] gives and
/// [`load_listed`] reads.
pub(crate) struct Listing {
    blobs: Blobs,
    tree: Tree,
    listed: Vec<register::TreeFile>,
    diags: Vec<Diagnostic>,
}

/// Loads the register at `root` as it was at `rev` (`root` is `prefix`
/// inside the repository at `top`), sharing the records `unchanged` names.
pub(crate) fn load(
    root: &Path,
    top: &Path,
    prefix: &str,
    rev: &str,
    unchanged: Option<Unchanged<'_>>,
) -> Result<Register> {
    load_listed(root, list(root, top, prefix, rev)?, unchanged)
}

/// Lists the register's files at `rev`: needs nothing of the other side of
/// a comparison, so `diff` lists the base while it loads the head.
pub(crate) fn list(root: &Path, top: &Path, prefix: &str, rev: &str) -> Result<Listing> {
    let mut blobs = Blobs::open(top)?;
    let tree = git::tree_at(top, rev, prefix, &mut blobs)?;
    if !tree.has_file(CONFIG_FILE) {
        return Err(anyhow!("版本 `{rev}` 中没有登记簿 `{prefix}{CONFIG_FILE}`\n提示: 确认该版本已包含这个登记簿"));
    }
    // Symbolic links are followed as the walk follows them on disk.
    let (listed, mut diags) = register::tree_files(root, &tree);
    if !tree.paths().any(|k| k.starts_with(&format!("{}/", register::DOCUMENTS))) {
        let tops: Vec<&str> = tree.paths().filter_map(|k| k.split('/').next()).collect();
        diags.push(register::missing_documents(root, tops));
    }
    Ok(Listing { blobs, tree, listed, diags })
}

/// Reads and parses the files `listing` lists, sharing the records
/// `unchanged` names.
pub(crate) fn load_listed(root: &Path, listing: Listing, unchanged: Option<Unchanged<'_>>) -> Result<Register> {
    let Listing { blobs, tree, listed, diags } = listing;
    let mut via: HashMap<String, String> = HashMap::new();
    let mut shared: HashSet<String> = HashSet::new();
    let mut list: Vec<(String, FileKind)> = Vec::with_capacity(listed.len());
    for (rel, kind, from) in listed {
        if let Some(from) = from {
            shared.insert(from.clone());
            via.insert(rel.clone(), from);
        }
        list.push((rel, kind));
    }
    let mut other_diags: HashMap<&str, Vec<&Diagnostic>, RandomState> = HashMap::default();
    let mut other_docs = HashMap::default();
    if let Some(u) = &unchanged {
        other_docs = u.other.documents.iter().map(|d| (&*d.path, d)).collect();
        // Both sides show files under the same root.
        let shown = register::display_path(root, "");
        for d in &u.other.diagnostics {
            if let Some(rel) = d.file.strip_prefix(&shown) {
                other_diags.entry(rel).or_default().push(d);
            }
        }
    }
    let source = Revision {
        tree,
        via,
        shared,
        blobs: Mutex::new(blobs),
        fetched: Mutex::new(HashMap::new()),
        unchanged,
        other_docs,
        other_diags,
    };
    let config = source.read(CONFIG_FILE)?;
    Ok(Register::from_sources(root, config, list, diags, &source))
}
