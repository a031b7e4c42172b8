//! A loaded register: the records parsed in parallel from the files the
//! walk listed ([`crate::load::walk`]), read from a [`Source`]
//! ([`crate::load::files`]: the disk, or a git revision), put in report
//! order with their lookups ([`crate::load::index`]), and the records that
//! could not be read, named. The last step of loading: discover → walk →
//! read and decode → parse ([`crate::load::parse`]) → index → [`Register`].
//! Judges nothing.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use rayon::prelude::*;

use crate::diag::{self, Code, Diagnostic, Severity};
use crate::docnum;
use crate::load::discover::{CONFIG_FILE, display_path, display_prefix};
use crate::load::files::{Disk, Source, decode, read_file};
use crate::load::index::{self, Index, Keys, SortKey};
use crate::load::laws::LawTable;
use crate::load::model::{CalendarYear, Config, Document, Law};
use crate::load::parse;
use crate::load::walk::{DOCUMENTS, FileKind, FileList, list_files};
use crate::pos::Pos;

/// A loaded register.
#[derive(Debug)]
pub(crate) struct Register {
    /// The root directory, as given or discovered.
    pub root: PathBuf,
    pub config: Config,
    /// Documents in report order (`issued`, `doc_number`, `id`). Shared, so
    /// `diff` holds a record unchanged between two revisions once.
    pub documents: Vec<Arc<Document>>,
    pub laws: LawTable,
    pub calendars: Vec<CalendarYear>,
    /// Problems found while reading and parsing files.
    pub diagnostics: Vec<Diagnostic>,
    /// How many files were read.
    pub files_read: usize,
    /// Document records that could not be evaluated (errors in the file, or
    /// a file or folder that could not be read), in path order. Every output
    /// that lists documents names these too.
    pub excluded: Vec<Excluded>,
    /// The lookups by id and by 文号.
    index: Index,
    /// Each document's place in `documents`, in the order the records were
    /// read: path order, but for records read from the disk late and
    /// records shared with another register (see [`Register::path_order`]).
    read_order: Vec<u32>,
}

/// A document record left out of evaluation, with what can still be read of it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Excluded {
    /// The file stem (or the folder's name, for a folder that could not be read).
    pub id: String,
    /// The display path.
    pub file: String,
    /// The 文号 as written, when it can be read.
    pub doc_number: Option<String>,
    /// The title, when it can be read.
    pub title: Option<String>,
    /// How many errors the file has.
    pub errors: usize,
    /// Why it was not read, for a file or folder the walk passed over
    /// (null for a record with errors: `check` lists them).
    pub reason: Option<String>,
}

impl Excluded {
    /// Whether this is a folder that could not be read (its records, and
    /// how many, unknown) rather than one file.
    pub(crate) fn is_folder(&self) -> bool {
        !self.file.trim_end_matches([' ', '.']).to_lowercase().ends_with(".toml")
    }
}

/// What a `superseded_by` reference resolves to.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Target<'a> {
    /// Exactly one register document (by index into `documents`).
    Document(usize),
    /// Exactly one law.
    Law(&'a Law),
    /// Nothing.
    Nothing,
    /// More than one record.
    Ambiguous(Vec<String>),
}

// One value per file, consumed at once and never stored, so the large
// variant costs nothing; boxing it would add an allocation per record.
#[allow(clippy::large_enum_variant)]
enum Loaded {
    Doc(Document),
    /// A record that did not parse, with what can still be read of it
    /// (title, 文号), read while its text is at hand.
    Broken(Option<String>, Option<String>),
    Laws(Vec<Law>),
    Calendar(CalendarYear),
    Nothing,
}

/// A record that did not parse: its path, and the title and 文号 still
/// read from it.
type Failed = (String, Option<String>, Option<String>);

/// The document records that could not be evaluated: walk problems under
/// documents/ (a folder or file that could not be read, a name that is not
/// UTF-8), each of which hides records, and records that did not parse,
/// named with what can still be read of them (and how many errors each has). Sorted by path.
fn left_out(root: &Path, walk: &[Diagnostic], failed: Vec<(Failed, usize)>) -> Vec<Excluded> {
    let documents_prefix = display_path(root, &format!("{DOCUMENTS}/"));
    // Walk problems under documents/: errors (a folder or file that could
    // not be read, a name that is not UTF-8) and the files and folders the
    // walk passed over that may hold records (skipped-file, a link it did
    // not follow), each with why.
    let passed_over = |d: &Diagnostic| {
        d.severity == Severity::Error || matches!(d.code, Code::SkippedFile | Code::WalkError | Code::OutsideRegister)
    };
    let mut excluded: Vec<Excluded> = walk
        .iter()
        .filter(|d| passed_over(d) && d.file.starts_with(&documents_prefix))
        .filter(|d| d.code != Code::MissingDocuments)
        .map(|d| Excluded {
            id: d.file.trim_end_matches('/').rsplit('/').next().unwrap_or("").trim_end_matches(".toml").to_owned(),
            file: d.file.clone(),
            doc_number: None,
            title: None,
            errors: usize::from(d.severity == Severity::Error),
            reason: Some(d.message.clone()),
        })
        .collect();
    for ((rel, title, doc_number), errors) in failed {
        excluded.push(Excluded {
            id: crate::load::model::id_of(&rel).to_owned(),
            file: display_path(root, &rel),
            doc_number,
            title,
            errors: errors.max(1),
            reason: None,
        });
    }
    excluded.sort_by(|a, b| a.file.cmp(&b.file));
    excluded
}

/// Reads and parses file `rel` of part `kind` from `source` (named in
/// diagnostics as `prefix` + `rel`, [`display_prefix`]).
fn load_file(
    prefix: &str,
    source: &dyn Source,
    interner: &crate::load::intern::Interner,
    rel: &str,
    kind: FileKind,
) -> (Loaded, Vec<Diagnostic>) {
    parse_file(prefix, interner, rel, kind, source.read(rel))
}

/// Parses file `rel` of part `kind` from its bytes (or why they could not
/// be read), as [`load_file`].
fn parse_file(
    prefix: &str,
    interner: &crate::load::intern::Interner,
    rel: &str,
    kind: FileKind,
    bytes: std::io::Result<Vec<u8>>,
) -> (Loaded, Vec<Diagnostic>) {
    let file = [prefix, rel].concat();
    let text = match bytes {
        Ok(bytes) => decode(bytes, &file),
        Err(e) => Err(Diagnostic::new(Code::Io, &file, Pos::START, format!("无法读取文件: {e}"), "检查文件权限")),
    };
    let text = match text {
        Ok(t) => t,
        Err(d) => return (Loaded::Nothing, vec![d]),
    };
    match kind {
        FileKind::Document => {
            let (doc, d) = parse::parse_document_sharing(rel, &file, &text, interner);
            let loaded = doc.map_or_else(
                || {
                    let (title, number) = parse::salvage(&text);
                    Loaded::Broken(title, number)
                },
                Loaded::Doc,
            );
            (loaded, d)
        }
        FileKind::Laws => {
            let (laws, d) = parse::parse_laws(&file, &text);
            (Loaded::Laws(laws), d)
        }
        FileKind::Calendar => {
            let (cal, d) = parse::parse_calendar(&file, &text);
            (cal.map_or(Loaded::Nothing, Loaded::Calendar), d)
        }
    }
}

/// A document record already parsed from the same bytes by another
/// register, with the diagnostics its parse gave: shared, not parsed again.
pub(crate) type Known = (Arc<Document>, Vec<Diagnostic>);

/// A document record parsed (with its sort and lookup keys), or why it
/// was left out; with its diagnostics.
type Parsed = (std::result::Result<((SortKey, Keys), Arc<Document>), Failed>, Vec<Diagnostic>);

/// The document records of a register, as read.
struct Records {
    documents: Vec<Arc<Document>>,
    /// Each document's sort and lookup keys, taken as it was parsed.
    order: Vec<SortKey>,
    keys: Vec<Keys>,
    /// The records that did not parse, with how many errors each has.
    failed: Vec<(Failed, usize)>,
    /// Every record's diagnostics.
    diags: Vec<Diagnostic>,
}

/// How many records are parsed at a time: what a group parses to is held
/// only until its documents (a pointer each) and failures are sorted out.
const GROUP: usize = 1 << 16;

/// The document records of `docs`, read from `source` and parsed in
/// parallel, a group at a time (named in diagnostics as `prefix` + path),
/// after the records of `known`, taken as they are.
fn read_documents(
    prefix: &str,
    docs: &[(String, FileKind)],
    known: Vec<Known>,
    source: &dyn Source,
    interner: &crate::load::intern::Interner,
) -> Records {
    let total = docs.len() + known.len();
    crate::progress::phase("正在读取登记簿", total);
    let mut documents: Vec<Arc<Document>> = Vec::with_capacity(total);
    let mut failed: Vec<(Failed, usize)> = Vec::new();
    let mut diags: Vec<Diagnostic> = Vec::new();
    for (doc, d) in known {
        documents.push(doc);
        diags.extend(d);
    }
    // Each record's sort and lookup keys are taken as it is parsed.
    let (mut order, mut keys): (Vec<SortKey>, Vec<Keys>) = documents
        .par_iter()
        .enumerate()
        .map(|(i, d)| {
            let (o, k) = index::keys_of(d);
            (o.at(i), k)
        })
        .unzip();
    let parse_doc = |rel: &str| -> Parsed {
        let (doc, diags) = match parse_file(prefix, interner, rel, FileKind::Document, source.read(rel)) {
            (Loaded::Doc(mut d), diags) => {
                d.path = rel.into();
                (Ok(Arc::new(d)), diags)
            }
            (Loaded::Broken(title, number), diags) => (Err((rel.to_owned(), title, number)), diags),
            (_, diags) => (Err((rel.to_owned(), None, None)), diags),
        };
        (doc.map(|d| (index::keys_of(&d), d)), diags)
    };
    for group in docs.chunks(GROUP) {
        let parsed: Vec<Parsed> =
            group.par_iter().inspect(|_| crate::progress::tick()).map(|(rel, _)| parse_doc(rel)).collect();
        for (p, d) in parsed {
            match p {
                Ok(((o, k), doc)) => {
                    order.push(o.at(documents.len()));
                    documents.push(doc);
                    keys.push(k);
                }
                Err(f) => failed.push((f, d.iter().filter(|d| d.severity == Severity::Error).count())),
            }
            diags.extend(d);
        }
    }
    Records { documents, order, keys, failed, diags }
}

impl Register {
    /// Loads the register at `root` from disk. Fails (exit 2) only when
    /// `qingli.toml` cannot be read at all; every other problem is a diagnostic.
    pub(crate) fn load(root: &Path) -> Result<Register> {
        let cfg_file = display_path(root, CONFIG_FILE);
        let config = read_file(&root.join(CONFIG_FILE)).with_context(|| format!("无法读取 `{cfg_file}`"))?;
        let (files, diagnostics) = list_files(root)?;
        Ok(Register::from_sources(root, config, files, diagnostics, &Disk { root }))
    }

    /// Builds a register from `qingli.toml`'s bytes and a list of files whose
    /// bytes `source` supplies (from disk, or from a git revision). Files are
    /// parsed in parallel; the result does not depend on the list's order.
    pub(crate) fn from_sources(
        root: &Path,
        config: Vec<u8>,
        files: FileList,
        diagnostics: Vec<Diagnostic>,
        source: &dyn Source,
    ) -> Register {
        Register::from_sources_sharing(root, config, files, Vec::new(), diagnostics, source)
    }

    /// [`Register::from_sources`], with the records of `known` (parsed by
    /// another register from the same bytes) taken as they are.
    pub(crate) fn from_sources_sharing(
        root: &Path,
        config: Vec<u8>,
        files: FileList,
        known: Vec<Known>,
        mut diagnostics: Vec<Diagnostic>,
        source: &dyn Source,
    ) -> Register {
        let cfg_file = display_path(root, CONFIG_FILE);
        let config = match decode(config, &cfg_file) {
            Ok(text) => {
                let (cfg, d) = parse::parse_config(&cfg_file, &text);
                diagnostics.extend(d);
                cfg
            }
            Err(d) => {
                diagnostics.push(d);
                Config::default()
            }
        };
        // One store of the text records repeat (issuers, units…), shared by
        // the threads parsing them.
        let interner = crate::load::intern::Interner::default();
        let prefix = display_prefix(root);
        let parse_one = |rel: &str, kind: FileKind| load_file(&prefix, source, &interner, rel, kind);
        let files_read = files.len() + known.len() + 1;
        let (docs, other): (Vec<_>, Vec<_>) = files.into_iter().partition(|(_, k)| *k == FileKind::Document);
        let Records { mut documents, order, keys, failed, diags: doc_diags } =
            read_documents(&prefix, &docs, known, source, &interner);
        let excluded = left_out(root, &diagnostics, failed);
        diagnostics.extend(doc_diags);
        let (mut laws, mut calendars) = (Vec::new(), Vec::<CalendarYear>::new());
        // The file each calendar year came from: a year defined twice is an
        // error (the second file would silently replace the whole year).
        let mut years: Vec<(i32, &str)> = Vec::new();
        for (rel, kind) in &other {
            let (item, d) = parse_one(rel, *kind);
            diagnostics.extend(d);
            match item {
                Loaded::Laws(l) => laws.extend(l),
                Loaded::Calendar(c) => {
                    if let Some((_, first)) = years.iter().find(|(y, _)| *y == c.year) {
                        diagnostics.push(Diagnostic::new(
                            Code::CalendarYear,
                            &display_path(root, rel),
                            Pos::START,
                            format!(
                                "{} 年的日历已由 `{}` 定义;同一年只能有一个日历文件,本文件未使用",
                                c.year,
                                display_path(root, first)
                            ),
                            "把两个文件中的放假安排合并到一个文件中,删除另一个",
                        ));
                    } else {
                        years.push((c.year, rel));
                        calendars.push(c);
                    }
                }
                Loaded::Doc(_) | Loaded::Broken(..) | Loaded::Nothing => {}
            }
        }
        // Documents in report order, law and calendar files combined in path
        // order, whatever order the list came in.
        let went = index::sort(&mut documents, order);
        laws.sort_by(|a, b| (&a.file, a.pos).cmp(&(&b.file, b.pos)));
        calendars.sort_by_key(|c| c.year);
        let index = Index::new(&documents, keys, &went);
        let mut reg = Register {
            root: root.to_path_buf(),
            config,
            documents,
            laws: LawTable::new(laws),
            calendars,
            diagnostics,
            files_read,
            excluded,
            index,
            read_order: went,
        };
        diag::sort(&mut reg.diagnostics);
        reg
    }

    /// Builds a register from parts already in memory (tests).
    #[cfg(test)]
    pub(crate) fn from_parts(config: Config, mut documents: Vec<Document>, laws: Vec<Law>) -> Register {
        documents.sort_unstable_by(Document::report_order);
        Register::from_parts_in_order(config, documents, laws)
    }

    /// Builds a register keeping the documents in the order given (not
    /// report order), so order-independence properties see the shuffle.
    #[cfg(test)]
    pub(crate) fn from_parts_in_order(config: Config, documents: Vec<Document>, laws: Vec<Law>) -> Register {
        Register::from_shared_in_order(config, documents.into_iter().map(Arc::new).collect(), laws)
    }

    /// Builds a register of records that may be shared with another, in
    /// report order (tests).
    #[cfg(test)]
    pub(crate) fn from_shared(config: Config, mut documents: Vec<Arc<Document>>, laws: Vec<Law>) -> Register {
        documents.sort_unstable_by(|a, b| a.report_order(b));
        Register::from_shared_in_order(config, documents, laws)
    }

    #[cfg(test)]
    fn from_shared_in_order(config: Config, documents: Vec<Arc<Document>>, laws: Vec<Law>) -> Register {
        let keys = documents.iter().map(|d| index::keys_of(d).1).collect();
        let went: Vec<u32> = (0..documents.len()).filter_map(|i| u32::try_from(i).ok()).collect();
        let index = Index::new(&documents, keys, &went);
        Register {
            root: PathBuf::from("."),
            config,
            documents,
            laws: LawTable::new(laws),
            calendars: Vec::new(),
            diagnostics: Vec::new(),
            files_read: 0,
            excluded: Vec::new(),
            index,
            read_order: went,
        }
    }

    /// The documents in path order. From the order they were read in, which
    /// is nearly that (sorted only where it is not): a walk in memory order,
    /// where sorting a million records by path from report order would
    /// reach each record at random, many times.
    pub(crate) fn path_order(&self) -> Vec<&Arc<Document>> {
        let mut docs: Vec<&Arc<Document>> = self.read_order.iter().map(|&i| &self.documents[i as usize]).collect();
        if !docs.is_sorted_by(|a, b| a.path <= b.path) {
            // Stable, and quick on runs already in order.
            docs.sort_by(|a, b| a.path.cmp(&b.path));
        }
        docs
    }

    /// Groups of two or more documents sharing an id, each in index order.
    pub(crate) fn duplicate_ids(&self) -> Vec<Vec<usize>> {
        self.index.duplicate_ids(&self.documents)
    }

    /// Groups of two or more documents sharing a (normalised) 文号.
    pub(crate) fn duplicate_numbers(&self) -> Vec<Vec<usize>> {
        self.index.duplicate_numbers(&self.documents)
    }

    /// Documents with this id (indices into `documents`).
    pub(crate) fn by_id(&self, id: &str) -> Vec<usize> {
        self.index.by_id(&self.documents, id)
    }

    /// Documents with this 文号 (bracket variants match).
    pub(crate) fn by_number(&self, number: &str) -> Vec<usize> {
        self.index.by_number(&self.documents, number)
    }

    /// Errors found while loading (the register could not be read whole when
    /// this is not zero).
    pub(crate) fn load_errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error).count()
    }

    /// Records left out of evaluation whose id or 文号 is `key`.
    pub(crate) fn excluded_matching(&self, key: &str) -> Vec<&Excluded> {
        let key = key.trim();
        let want = docnum::key(key);
        self.excluded
            .iter()
            .filter(|e| e.id == key || e.doc_number.as_deref().is_some_and(|n| docnum::key(n) == want))
            .collect()
    }

    /// The display path of a register-relative path.
    pub(crate) fn display(&self, rel: &str) -> String {
        display_path(&self.root, rel)
    }

    /// The documents a REF a clerk typed names (`decide`, `review
    /// --explain`): by id, or by 文号 in any bracket or spacing form; several
    /// when the id is duplicated or the 文号 shared.
    pub(crate) fn find(&self, reference: &str) -> Vec<usize> {
        let mut found = self.by_id(reference.trim());
        found.extend(self.by_number(reference));
        found.sort_unstable();
        found.dedup();
        found
    }

    /// Resolves a `superseded_by` reference: a 文号, then an id, then a law.
    pub(crate) fn resolve(&self, reference: &str) -> Target<'_> {
        let mut docs: Vec<usize> = self.by_number(reference);
        docs.extend(self.by_id(reference.trim()));
        docs.sort_unstable();
        docs.dedup();
        let law = self.laws.get(reference);
        match (docs.as_slice(), law) {
            ([i], None) => Target::Document(*i),
            ([], Some(l)) => Target::Law(l),
            ([], None) => Target::Nothing,
            _ => {
                let mut names: Vec<String> = docs.iter().map(|&i| self.documents[i].path.to_string()).collect();
                if let Some(l) = law {
                    names.push(format!("法律《{}》", l.name));
                }
                Target::Ambiguous(names)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreadable_file_is_an_io_error() {
        struct Broken;
        impl Source for Broken {
            fn read(&self, _: &str) -> std::io::Result<Vec<u8>> {
                Err(std::io::Error::other("设备错误"))
            }
        }
        let files = vec![("documents/x.toml".to_owned(), FileKind::Document)];
        let reg = Register::from_sources(Path::new("."), b"".to_vec(), files, Vec::new(), &Broken);
        let d = &reg.diagnostics[0];
        assert_eq!((d.code, d.file.as_str(), d.line), (Code::Io, "documents/x.toml", 1));
        assert!(d.message.contains("无法读取") && d.message.contains("设备错误"), "{}", d.message);
    }

    /// Every record is read once and none is lost, whatever order the
    /// file list comes in; broken and missing records are named; the
    /// documents are walked in path order.
    #[test]
    fn records_are_read_once_and_none_is_lost() {
        use std::collections::HashMap;
        use std::sync::Mutex;
        struct Counted {
            files: HashMap<String, Vec<u8>>,
            read: Mutex<Vec<String>>,
        }
        impl Source for Counted {
            fn read(&self, rel: &str) -> std::io::Result<Vec<u8>> {
                self.read.lock().unwrap().push(rel.to_owned());
                self.files.get(rel).cloned().ok_or_else(|| std::io::Error::other("无此文件"))
            }
        }
        let mut files = Vec::new();
        let mut bytes = HashMap::new();
        for i in 0..1000_u32 {
            let rel = format!("documents/d{i}.toml");
            // Every seventh record is broken, every eleventh missing.
            let text = if i.is_multiple_of(7) {
                format!("title = \"关于第{i}号的通知\"\nissued = 不是日期\n")
            } else {
                format!("title = \"关于第{i}号的通知\"\nissuer = \"县政府\"\nissued = 2005-01-{:02}\n", i % 28 + 1)
            };
            if !i.is_multiple_of(11) {
                bytes.insert(rel.clone(), text.into_bytes());
            }
            files.push((rel, FileKind::Document));
        }
        let load = |files: FileList| {
            let source = Counted { files: bytes.clone(), read: Mutex::default() };
            let reg = Register::from_sources(Path::new("."), b"".to_vec(), files, Vec::new(), &source);
            let mut read = source.read.into_inner().unwrap();
            read.sort();
            (reg, read)
        };
        let (sorted, read) = load(files.clone());
        let mut all: Vec<String> = files.iter().map(|(f, _)| f.clone()).collect();
        all.sort();
        assert_eq!(read, all, "each record read exactly once");
        files.reverse();
        let (reversed, _) = load(files);
        assert_eq!(reversed.documents, sorted.documents);
        assert_eq!(reversed.diagnostics, sorted.diagnostics);
        assert_eq!(reversed.excluded, sorted.excluded);
        assert_eq!(sorted.documents.len() + sorted.excluded.len(), 1000);
        assert!(sorted.excluded.iter().any(|e| e.id == "d0") && sorted.excluded.iter().any(|e| e.id == "d33"));
        for reg in [&sorted, &reversed] {
            let walked: Vec<&str> = reg.path_order().iter().map(|d| &*d.path).collect();
            let mut paths: Vec<&str> = reg.documents.iter().map(|d| &*d.path).collect();
            paths.sort_unstable();
            assert_eq!(walked, paths);
        }
    }
}
