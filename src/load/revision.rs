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
use crate::load::discover::CONFIG_FILE;
use crate::load::files::Source;
use crate::load::git::{self, Blobs, Tree};
use crate::load::model::Document;
use crate::load::register::{Known, Register};
use crate::load::walk::FileKind;

/// How many records are fetched from git at a time.
const BATCH: usize = 8192;

/// The register at the other side of a comparison, and the files whose
/// content differs between the two (paths relative to the register, in
/// path order).
pub(crate) struct Unchanged<'a> {
    pub other: &'a Register,
    pub changed: Vec<String>,
}

/// A revision's files, read from git as they are asked for.
struct Revision {
    tree: Tree,
    /// Listed paths that read another file's bytes (through a symbolic
    /// link), with the file they read.
    via: HashMap<String, String>,
    /// Files read by more than one listed path: kept once fetched.
    shared: HashSet<String>,
    blobs: Mutex<Blobs>,
    /// Bytes fetched and not yet read, by file.
    fetched: Mutex<HashMap<String, Vec<u8>, RandomState>>,
    /// The files to be read, in the order the register reads them, and
    /// each one's place there: a file not fetched yet is fetched with the
    /// [`BATCH`] files after it, in one request to git.
    order: Vec<String>,
    place: HashMap<String, usize, RandomState>,
}

impl Revision {
    fn from<'r>(&'r self, rel: &'r str) -> &'r str {
        self.via.get(rel).map_or(rel, String::as_str)
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

impl Source for Revision {
    fn read(&self, rel: &str) -> std::io::Result<Vec<u8>> {
        let from = self.from(rel);
        // Fetched with the files after it, in one request.
        let bytes = if let Some(b) = self.take(from) {
            Some(b)
        } else {
            let batch: Vec<&str> = match self.place.get(rel) {
                Some(&at) => self.order[at..(at + BATCH).min(self.order.len())].iter().map(|r| self.from(r)).collect(),
                None => vec![from],
            };
            self.fetch_files(&batch)?;
            self.take(from)
        };
        bytes.ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, rel.to_owned()))
    }
}

/// The records of the other side of a comparison whose file did not
/// change, with the diagnostics each one's parse gave: found in one walk
/// down the other side's documents, diagnostics and changed files, all in
/// path order, as this side's files are (a lookup by path for each of a
/// province's million files reached every record at random).
struct Same<'a> {
    /// The other side's documents in path order.
    docs: std::iter::Peekable<std::vec::IntoIter<&'a Arc<Document>>>,
    /// The other side's diagnostics (in file order) with the path of
    /// their file relative to the register, when it is under it.
    diags: std::iter::Peekable<Box<dyn Iterator<Item = (&'a str, &'a Diagnostic)> + 'a>>,
    /// The files that changed, in path order.
    changed: std::iter::Peekable<std::slice::Iter<'a, String>>,
}

impl<'a> Same<'a> {
    fn new(root: &Path, u: &'a Unchanged<'a>) -> Same<'a> {
        // Both sides show files under the same root.
        let shown = crate::load::discover::display_path(root, "");
        let diags = u.other.diagnostics.iter().filter_map(move |d| Some((d.file.strip_prefix(&shown)?, d)));
        Same {
            docs: u.other.path_order().into_iter().peekable(),
            diags: (Box::new(diags) as Box<dyn Iterator<Item = _>>).peekable(),
            changed: u.changed.iter().peekable(),
        }
    }

    /// The other side's record of `rel` if its file did not change. Asked
    /// in path order.
    fn take(&mut self, rel: &str) -> Option<Known> {
        let doc = next_at(&mut self.docs, rel, |d| &d.path)?;
        if next_at(&mut self.changed, rel, |c| c).is_some() {
            return None;
        }
        let mut diags = Vec::new();
        while let Some((_, d)) = next_at(&mut self.diags, rel, |(file, _)| file) {
            diags.push(d.clone());
        }
        Some((Arc::clone(doc), diags))
    }
}

/// Passes the items of `items` (in path order) before `rel`, and takes
/// the next one if it is at `rel`.
fn next_at<T, I: Iterator<Item = T>>(
    items: &mut std::iter::Peekable<I>,
    rel: &str,
    path: impl Fn(&T) -> &str,
) -> Option<T> {
    while items.next_if(|item| path(item) < rel).is_some() {}
    items.next_if(|item| path(item) == rel)
}

/// A revision's files, listed and not yet read: what [`list`] gives and
/// [`load_listed`] reads.
pub(crate) struct Listing {
    blobs: Blobs,
    tree: Tree,
    diags: Vec<Diagnostic>,
}

/// Loads the register at `root` as it was at `rev` (`root` is `prefix`
/// inside the repository at `top`), sharing the records `unchanged` names.
pub(crate) fn load(
    root: &Path,
    top: &Path,
    prefix: &str,
    rev: &str,
    unchanged: Option<&Unchanged<'_>>,
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
    let mut diags = Vec::new();
    let documents = format!("{}/", crate::load::walk::DOCUMENTS);
    if !tree.paths().any(|k| k.starts_with(&documents)) {
        let tops: Vec<&str> = tree.paths().filter_map(|k| k.split('/').next()).collect();
        diags.push(crate::load::walk::missing_documents(root, tops));
    }
    Ok(Listing { blobs, tree, diags })
}

/// Reads and parses the files `listing` lists, sharing the records
/// `unchanged` names.
pub(crate) fn load_listed(root: &Path, listing: Listing, unchanged: Option<&Unchanged<'_>>) -> Result<Register> {
    let Listing { blobs, tree, mut diags } = listing;
    // Symbolic links are followed as the walk follows them on disk.
    let (listed, link_diags) = crate::load::walk::tree_files(root, &tree);
    diags.extend(link_diags);
    let mut same = unchanged.map(|u| Same::new(root, u));
    let mut via: HashMap<String, String> = HashMap::new();
    let mut shared: HashSet<String> = HashSet::new();
    let mut list: Vec<(String, FileKind)> = Vec::new();
    let mut known: Vec<Known> = Vec::new();
    // In path order: the order `Same` is asked in.
    for (rel, kind, from) in listed {
        if let Some(from) = from {
            // Read through a link: always from git.
            shared.insert(from.clone());
            via.insert(rel.to_string(), from);
        } else if let Some(k) = same.as_mut().filter(|_| kind == FileKind::Document).and_then(|s| s.take(&rel)) {
            known.push(k);
            continue;
        }
        list.push((rel.into_owned(), kind));
    }
    drop(same);
    let order: Vec<String> = list.iter().map(|(rel, _)| rel.clone()).collect();
    let place = order.iter().enumerate().map(|(i, rel)| (rel.clone(), i)).collect();
    let source =
        Revision { tree, via, shared, blobs: Mutex::new(blobs), fetched: Mutex::new(HashMap::default()), order, place };
    let config = source.read(CONFIG_FILE)?;
    Ok(Register::from_sources_sharing(root, config, list, known, diags, &source))
}
