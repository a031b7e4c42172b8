//! Finding and loading a register.
//!
//! Owns register discovery (`--register`, `QINGLI_REGISTER`, nearest
//! `qingli.toml` upward), the sorted walk of `documents/**`, `laws/` and
//! `calendar/` (hidden entries and non-TOML files skipped, symlink loops and
//! links leaving the register reported and survived), decoding (UTF-8, BOM
//! accepted, GBK recognised and explained) and parallel parsing, batch by
//! batch, from a [`Source`]: the disk (read ahead on an I/O pool when the
//! page cache does not hold the register) or a git revision
//! ([`crate::load::revision`]). The result is a [`Register`] plus its load
//! diagnostics. Judges nothing.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use rayon::prelude::*;

use crate::diag::{self, Code, Diagnostic, Severity};
use crate::docnum;
use crate::load::index::{self, Index, Keys, SortKey};
use crate::load::laws::LawTable;
use crate::load::model::{CalendarYear, Config, Document, Law};
use crate::load::parse;
use crate::load::source::{Pos, pos_at};

/// The settings file that marks a register root.
pub(crate) const CONFIG_FILE: &str = "qingli.toml";

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

/// Finds the register root: `explicit` (`--register` or `QINGLI_REGISTER`),
/// else the nearest directory from `cwd` upward holding `qingli.toml`.
pub(crate) fn discover(explicit: Option<&Path>, cwd: &Path) -> Result<PathBuf> {
    let chosen = explicit.filter(|p| !p.as_os_str().is_empty()).map(Path::to_path_buf);
    if let Some(root) = chosen {
        if !root.join(CONFIG_FILE).is_file() {
            if !root.is_dir() {
                bail!("登记簿目录 `{}` 不存在\n提示: 检查 --register 或 QINGLI_REGISTER 的路径", root.display());
            }
            bail!(
                "`{}` 不是登记簿: 缺少 {CONFIG_FILE}\n提示: 用 `qingli init {}` 新建登记簿,或指向含有 {CONFIG_FILE} 的目录",
                root.display(),
                root.display()
            );
        }
        return Ok(root);
    }
    let mut dir = cwd.to_path_buf();
    let mut rel = PathBuf::from(".");
    loop {
        if dir.join(CONFIG_FILE).is_file() {
            return Ok(rel);
        }
        if !dir.pop() {
            bail!(
                "找不到登记簿: 当前目录及其上级目录中都没有 {CONFIG_FILE}\n提示: 用 --register DIR 指定登记簿(示例登记簿: --register register),或用 `qingli init` 新建"
            );
        }
        rel = if rel == Path::new(".") { PathBuf::from("..") } else { rel.join("..") };
    }
}

/// The display form of a path inside the register: `root/rel` with `/`,
/// without a leading `./`.
pub(crate) fn display_path(root: &Path, rel: &str) -> String {
    display_prefix(root) + rel
}

/// What [`display_path`] puts before a register-relative path: `root/`,
/// or nothing for `.` (made once for a register's many files).
fn display_prefix(root: &Path) -> String {
    let root = root.to_string_lossy().replace('\\', "/");
    let root = root.trim_end_matches('/');
    if root.is_empty() || root == "." { String::new() } else { format!("{root}/") }
}

/// Decodes file bytes: UTF-8 with an optional BOM. Anything else is a
/// `not-utf8` diagnostic pointing at the first bad byte.
pub(crate) fn decode(bytes: Vec<u8>, file: &str) -> Result<String, Diagnostic> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or("");
            let pos = pos_at(prefix, prefix.len());
            let (_, _, gbk_errors) = encoding_rs::GBK.decode(&bytes);
            let (message, hint) = if gbk_errors {
                (
                    "文件不是 UTF-8 编码(第一个无效字节在此处)".to_owned(),
                    "登记簿文件须为 UTF-8;请用编辑器另存为 UTF-8".to_owned(),
                )
            } else {
                (
                    "文件不是 UTF-8 编码,看起来是 GBK/GB18030".to_owned(),
                    format!(
                        "转换为 UTF-8 后再保存:Windows 上用记事本打开,“另存为”时编码选择 UTF-8;Linux/macOS: iconv -f GB18030 -t UTF-8 '{file}' > tmp && mv tmp '{file}'"
                    ),
                )
            };
            Err(Diagnostic::new(Code::NotUtf8, file, pos, message, hint))
        }
    }
}

/// Lists the `*.toml` files under `sub` (relative to `root`), sorted by
/// path, with walk problems as diagnostics. `recursive` = any depth.
///
/// Folders are read in parallel (one rayon task per folder; results are
/// concatenated in name order, so the list is the same whatever the thread
/// count). Hidden entries are skipped. A symbolic link is followed only when
/// its target stays inside `sub`: a link elsewhere in the register, or out of
/// it, is skipped with a warning before it is entered; a link back to a
/// folder being walked is a loop and is reported, not followed.
/// Also says whether a symbolic link was met on the way.
fn list_toml(
    root: &Path,
    canon_root: &Path,
    sub: &str,
    recursive: bool,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<String>, bool) {
    let dir = root.join(sub);
    if !dir.is_dir() {
        if sub == DOCUMENTS {
            let names: Vec<String> = std::fs::read_dir(root)
                .map(|d| d.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
                .unwrap_or_default();
            diags.push(missing_documents(root, names.iter().map(String::as_str)));
        }
        return (Vec::new(), false);
    }
    let canon_sub = std::fs::canonicalize(&dir).unwrap_or_else(|_| canon_root.join(sub));
    // The part itself must be inside the register: a `documents` symlink to
    // elsewhere would make `fmt` rewrite files there.
    if !canon_sub.starts_with(canon_root) {
        diags.push(Diagnostic::new(
            Code::PartOutsideRegister,
            &display_path(root, &format!("{sub}/")),
            Pos::START,
            format!("{sub}/ 指向登记簿之外的 `{}`,未读取其中的文件", canon_sub.display()),
            format!("把 {sub}/ 改为登记簿中的真实目录(不要用指向别处的符号链接)"),
        ));
        return (Vec::new(), true);
    }
    let walk = Walk {
        root,
        canon_root,
        canon_sub: &canon_sub,
        sub,
        recursive,
        listed: std::sync::atomic::AtomicUsize::new(0),
        linked: std::sync::atomic::AtomicBool::new(false),
    };
    let (files, found) = walk.folder(sub, &canon_sub, &[]);
    diags.extend(found);
    // The part itself may be a link (inside the register).
    let linked = walk.linked.into_inner() || canon_sub != canon_root.join(sub);
    (files, linked)
}

/// The folder of document records.
pub(crate) const DOCUMENTS: &str = "documents";

/// The error for a register without `documents/`: an empty register that
/// passes every gate would silently repeal everything it should list.
/// `names` are the entries beside it, to spot `Documents` or `documents `.
pub(crate) fn missing_documents<'n>(root: &Path, names: impl IntoIterator<Item = &'n str>) -> Diagnostic {
    let similar = names.into_iter().find(|n| *n != DOCUMENTS && n.trim().eq_ignore_ascii_case(DOCUMENTS));
    let hint = match similar {
        Some(n) => format!("文件夹名须为小写的 documents,请把 `{n}` 改名为 documents"),
        None => "在登记簿中创建 documents/ 目录,每件文件一个 .toml 记录(`qingli new` 会自动创建)".to_owned(),
    };
    Diagnostic::new(
        Code::MissingDocuments,
        &display_path(root, &format!("{DOCUMENTS}/")),
        Pos::START,
        "登记簿没有 documents/ 目录:一件文件也读不到",
        hint,
    )
}

/// A path's bytes as text: valid UTF-8 as it is, every other byte as `\xNN`,
/// so a GBK file name from a zip archive can be named exactly.
pub(crate) fn escaped_name(name: &std::ffi::OsStr) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in name.as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02X}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        name.to_string_lossy().into_owned()
    }
}

/// One walk of a register part.
struct Walk<'a> {
    root: &'a Path,
    canon_root: &'a Path,
    canon_sub: &'a Path,
    sub: &'a str,
    recursive: bool,
    /// Files listed so far, by all threads: a province-size walk switches to
    /// small pages ([`crate::load::pages`]) as soon as it is one.
    listed: std::sync::atomic::AtomicUsize,
    /// Whether a symbolic link was met (followed or skipped).
    linked: std::sync::atomic::AtomicBool,
}

impl Walk<'_> {
    fn skip(&self, rel: &str, code: Code, message: String, hint: &'static str) -> Diagnostic {
        Diagnostic::new(code, &display_path(self.root, rel), Pos::START, message, hint)
    }

    /// Where a symbolic link leads: (is a folder, real path) when it stays
    /// inside this part of the register, else why it is skipped.
    fn follow(&self, child: &str) -> Result<(bool, PathBuf), Diagnostic> {
        match std::fs::canonicalize(self.root.join(child)) {
            Ok(t) if t.starts_with(self.canon_sub) => Ok((t.is_dir(), t)),
            Ok(t) if t.starts_with(self.canon_root) => {
                let shown = t.strip_prefix(self.canon_root).unwrap_or(&t).display().to_string();
                let message = format!("符号链接指向 {}/ 之外的 `{shown}`,已跳过", self.sub);
                Err(self.skip(child, Code::WalkError, message, "删除这个符号链接;记录文件只能放在 documents/ 下"))
            }
            Ok(_) => {
                let message = "符号链接指向登记簿之外,已跳过".to_owned();
                Err(self.skip(child, Code::OutsideRegister, message, "把文件复制进登记簿,而不是链接到外部"))
            }
            Err(e) => {
                let message = format!("符号链接无法解析,已跳过: {e}");
                Err(self.skip(child, Code::WalkError, message, "删除或修正这个符号链接"))
            }
        }
    }

    /// Whether entry `child` (`name`, of type `ty`, in the folder whose real
    /// path is `canon`) is a folder, and its real path (empty for a plain
    /// file: never asked for, no allocation); or why it is skipped.
    fn entry(
        &self,
        child: &str,
        name: &str,
        ty: std::fs::FileType,
        canon: &Path,
    ) -> Result<(bool, PathBuf), Diagnostic> {
        let (is_dir, real) = if ty.is_symlink() {
            self.linked.store(true, std::sync::atomic::Ordering::Relaxed);
            self.follow(child)?
        } else if ty.is_dir() {
            (true, canon.join(name))
        } else if ty.is_file() {
            (false, PathBuf::new())
        } else {
            (false, canon.join(name))
        };
        // A pipe, socket or device named like a record: opening a pipe
        // waits for a writer forever.
        if !is_dir && name.ends_with(".toml") && !real.as_os_str().is_empty() && !real.is_file() {
            let message = "不是普通文件,未能读取".to_owned();
            return Err(self.skip(child, Code::Io, message, "它是管道、套接字或设备;删除它,或换成普通的记录文件"));
        }
        Ok((is_dir, real))
    }

    /// The files under folder `rel` (whose real path is `canon`), sorted;
    /// `ancestors` are the real paths of the folders above it.
    fn folder(&self, rel: &str, canon: &Path, ancestors: &[&Path]) -> (Vec<String>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let entries = match std::fs::read_dir(self.root.join(rel)) {
            Ok(e) => e,
            Err(e) => {
                let message = format!("无法读取目录,其中的文件未参与评估: {e}");
                diags.push(self.skip(rel, Code::Io, message, "检查目录权限(例如 chmod -R u+rX)"));
                return (Vec::new(), diags);
            }
        };
        let mut names: Vec<(String, std::fs::FileType)> = Vec::new();
        for entry in entries {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let message = format!("无法读取目录中的条目,其中的文件未参与评估: {e}");
                    diags.push(self.skip(rel, Code::Io, message, "检查目录权限与磁盘"));
                    continue;
                }
            };
            let file_name = entry.file_name();
            let Some(name) = file_name.to_str() else {
                // Not UTF-8 (typically GBK names from a zip archive): a record
                // or a folder of records that would otherwise vanish unseen.
                let shown = escaped_name(&file_name);
                let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
                if is_dir || shown.ends_with(".toml") {
                    let what = if is_dir { "文件夹" } else { "文件" };
                    diags.push(self.skip(
                        &format!("{rel}/{shown}"),
                        Code::BadFileName,
                        format!("{what}名不是有效的 UTF-8(常见于 GBK 编码的压缩包),未能读取"),
                        "把它重命名为 UTF-8 名称,例如 `convmv -f gbk -t utf8 --notest -r documents`;或在 Windows 上解压后重新复制",
                    ));
                }
                continue;
            };
            if name.starts_with('.') {
                continue;
            }
            match entry.file_type() {
                Ok(ty) => names.push((name.to_owned(), ty)),
                Err(e) => {
                    let message = format!("无法读取,未参与评估: {e}");
                    diags.push(self.skip(&format!("{rel}/{name}"), Code::Io, message, "检查文件权限"));
                }
            }
        }
        names.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut files = Vec::new();
        let mut folders: Vec<(String, std::path::PathBuf)> = Vec::new();
        for (name, ty) in names {
            let child = format!("{rel}/{name}");
            let (is_dir, real) = match self.entry(&child, &name, ty, canon) {
                Ok(entry) => entry,
                Err(d) => {
                    diags.push(d);
                    continue;
                }
            };
            if is_dir {
                if !self.recursive {
                    continue;
                }
                if real == canon || ancestors.iter().any(|a| *a == real) {
                    let message = format!("符号链接形成循环(指向上级目录 `{}`),已跳过", real.display());
                    diags.push(self.skip(&child, Code::WalkError, message, "删除或修正这个符号链接"));
                    continue;
                }
                folders.push((child, real));
            } else if name.ends_with(".toml") {
                files.push(child);
            }
        }
        let listed = self.listed.fetch_add(files.len(), std::sync::atomic::Ordering::Relaxed) + files.len();
        crate::load::pages::for_load(listed);
        // Files of this folder and of its sub-folders, in name order: a file
        // and a folder never share a name, so merging by name keeps the order.
        let mut above: Vec<&Path> = ancestors.to_vec();
        above.push(canon);
        let nested: Vec<(Vec<String>, Vec<Diagnostic>)> =
            folders.par_iter().map(|(child, real)| self.folder(child, real, &above)).collect();
        let mut out = Vec::with_capacity(files.len() + nested.iter().map(|n| n.0.len()).sum::<usize>());
        let mut files = files.into_iter().peekable();
        for ((child, _), (sub_files, sub_diags)) in folders.iter().zip(nested) {
            while files.peek().is_some_and(|f| f < child) {
                out.extend(files.next());
            }
            out.extend(sub_files);
            diags.extend(sub_diags);
        }
        out.extend(files);
        (out, diags)
    }
}

/// A path relative to the register, with `.` and `..` resolved lexically;
/// `None` when it leaves the register (or is absolute).
fn lexical(base_dir: &str, target: &str) -> Option<String> {
    if target.starts_with('/') || target.contains('\\') {
        return None;
    }
    let mut parts: Vec<&str> = base_dir.split('/').filter(|p| !p.is_empty()).collect();
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// A file of a git tree as [`tree_files`] lists it: its path (the tree's
/// own, for a regular file), part, and the path whose bytes it has when
/// that is another.
pub(crate) type TreeFile<'t> = (Cow<'t, str>, FileKind, Option<String>);

/// The register files of a git tree, as (path listed, part, the path whose
/// bytes it has when that is another): regular files, and symbolic links
/// followed exactly as the walk follows them on disk — only when they stay inside their own part,
/// otherwise skipped with the walk's diagnostic — so `diff` sees a linked
/// record the same way at every revision and in the working tree.
pub(crate) fn tree_files<'t>(root: &Path, tree: &'t crate::load::git::Tree) -> (Vec<TreeFile<'t>>, Vec<Diagnostic>) {
    // A province tree lists a million files, in path order: classified on
    // every core, keeping that order.
    let mut out: Vec<TreeFile<'t>> = (0..tree.len())
        .into_par_iter()
        .filter_map(|i| {
            let k = tree.path(i);
            classify(k).map(|c| (Cow::Borrowed(k), c, None))
        })
        .collect();
    let mut diags = Vec::new();
    let mut links: Vec<(&String, &String)> = tree.links.iter().collect();
    links.sort();
    for (rel, target) in links {
        let part = rel.split('/').next().unwrap_or("");
        if !matches!(part, "documents" | "laws" | "calendar") || rel.split('/').any(|s| s.starts_with('.')) {
            continue;
        }
        let dir = rel.rsplit_once('/').map_or("", |(d, _)| d);
        let shown = display_path(root, rel);
        // Follow chains of links (bounded: a loop is reported like the walk's).
        let mut resolved = lexical(dir, target);
        let mut hops = 0;
        while let Some(r) = resolved.as_deref().filter(|r| tree.links.contains_key(*r)) {
            hops += 1;
            if hops > 8 {
                resolved = None;
                break;
            }
            let d = r.rsplit_once('/').map_or("", |(d, _)| d).to_owned();
            resolved = lexical(&d, &tree.links[r]);
        }
        let Some(to) = resolved else {
            diags.push(Diagnostic::new(
                Code::OutsideRegister,
                &shown,
                Pos::START,
                "符号链接指向登记簿之外,已跳过",
                "把文件复制进登记簿,而不是链接到外部",
            ));
            continue;
        };
        if to != part && !to.starts_with(&format!("{part}/")) {
            diags.push(Diagnostic::new(
                Code::WalkError,
                &shown,
                Pos::START,
                format!("符号链接指向 {part}/ 之外的 `{to}`,已跳过"),
                "删除这个符号链接;记录文件只能放在 documents/ 下",
            ));
            continue;
        }
        if tree.has_file(&to) {
            if let Some(kind) = classify(rel) {
                out.push((Cow::Borrowed(rel.as_str()), kind, Some(to)));
            }
            continue;
        }
        // A linked folder: its files appear under the link's path.
        let folder = format!("{to}/");
        let inside: Vec<TreeFile<'t>> = tree
            .paths()
            .filter_map(|k| k.strip_prefix(&folder).map(|rest| (format!("{rel}/{rest}"), k.to_owned())))
            .filter_map(|(listed, from)| classify(&listed).map(|kind| (Cow::Owned(listed), kind, Some(from))))
            .collect();
        if inside.is_empty() && !tree.paths().any(|k| k.starts_with(&folder)) {
            diags.push(Diagnostic::new(
                Code::WalkError,
                &shown,
                Pos::START,
                "符号链接无法解析,已跳过",
                "删除或修正这个符号链接",
            ));
        }
        out.extend(inside);
    }
    // Regular files come in path order; linked ones are sorted in. Entries
    // that compare equal are equal in every part: an unstable sort gives
    // what a stable one gives.
    if !out.is_sorted() {
        out.par_sort_unstable();
    }
    out.dedup_by(|a, b| a.0 == b.0);
    (out, diags)
}

/// Which part of the register a file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum FileKind {
    Document,
    Laws,
    Calendar,
}

/// Classifies a register-relative path the way the walk does: `*.toml`
/// under `documents/` (any depth), `laws/` or `calendar/` (top level only),
/// with no hidden segment. Used for file lists that do not come from a walk.
pub(crate) fn classify(rel: &str) -> Option<FileKind> {
    if !rel.ends_with(".toml") || rel.split('/').any(|seg| seg.starts_with('.')) {
        return None;
    }
    let (top, rest) = rel.split_once('/')?;
    match (top, rest.contains('/')) {
        ("documents", _) => Some(FileKind::Document),
        ("laws", false) => Some(FileKind::Laws),
        ("calendar", false) => Some(FileKind::Calendar),
        _ => None,
    }
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

/// Where a register's files come from: the disk, or a git revision.
pub(crate) trait Source: Sync {
    /// The bytes of the register-relative file `rel`.
    fn read(&self, rel: &str) -> std::io::Result<Vec<u8>>;

    /// The bytes of `rel` if they can be had without waiting on the disk.
    /// `None` when they cannot: the source has asked the disk for them, and
    /// [`Source::read`] gets them later (by then, mostly without waiting).
    fn read_now(&self, rel: &str) -> Option<std::io::Result<Vec<u8>>> {
        Some(self.read(rel))
    }

    /// How many document records are read in one batch ([`Source::fetch`]).
    fn batch(&self) -> usize {
        1 << 16
    }

    /// Called with each batch of records before they are read, while the
    /// batch before it is parsed: a source fetches them together, ahead.
    fn fetch(&self, _files: &[(String, FileKind)]) {}
}

/// Register files as (path relative to the root, part).
pub(crate) type FileList = Vec<(String, FileKind)>;

/// Every register file under `root` (documents, laws, calendars), sorted
/// by path within each part, with the walk's diagnostics.
pub(crate) fn list_files(root: &Path) -> Result<(FileList, Vec<Diagnostic>)> {
    list_files_linked(root).map(|(files, diagnostics, _)| (files, diagnostics))
}

/// [`list_files`], and whether the walk met a symbolic link: without one,
/// no two listed paths are the same file (hard links aside).
pub(crate) fn list_files_linked(root: &Path) -> Result<(FileList, Vec<Diagnostic>, bool)> {
    let canon_root = std::fs::canonicalize(root).with_context(|| format!("无法访问 `{}`", root.display()))?;
    let mut diagnostics = Vec::new();
    let mut files: Vec<(String, FileKind)> = Vec::new();
    let mut linked = false;
    for (sub, recursive, kind) in [
        ("documents", true, FileKind::Document),
        ("laws", false, FileKind::Laws),
        ("calendar", false, FileKind::Calendar),
    ] {
        let (part, link) = list_toml(root, &canon_root, sub, recursive, &mut diagnostics);
        files.extend(part.into_iter().map(|f| (f, kind)));
        linked |= link;
    }
    Ok((files, diagnostics, linked))
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
    let mut excluded: Vec<Excluded> = walk
        .iter()
        .filter(|d| d.severity == Severity::Error && d.file.starts_with(&documents_prefix))
        .filter(|d| d.code != Code::MissingDocuments)
        .map(|d| Excluded {
            id: d.file.trim_end_matches('/').rsplit('/').next().unwrap_or("").trim_end_matches(".toml").to_owned(),
            file: d.file.clone(),
            doc_number: None,
            title: None,
            errors: 1,
        })
        .collect();
    for ((rel, title, doc_number), errors) in failed {
        excluded.push(Excluded {
            id: crate::load::model::id_of(&rel).to_owned(),
            file: display_path(root, &rel),
            doc_number,
            title,
            errors: errors.max(1),
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

/// The document records of `docs`, read from `source` batch by batch and
/// parsed in parallel (named in diagnostics as `prefix` + path).
fn read_documents(
    prefix: &str,
    mut docs: FileList,
    known: Vec<Known>,
    source: &dyn Source,
    interner: &crate::load::intern::Interner,
) -> Records {
    let total = docs.len() + known.len();
    crate::progress::phase("正在读取登记簿", total);
    crate::load::pages::for_load(total);
    // Each path moves from the file list into its document (or stays
    // with the failure), so paths are never held twice.
    // A document's sort and lookup keys are taken as soon as it is parsed,
    // while it is in cache.
    // A record whose bytes are not in memory yet (`wait` false) is asked
    // for and handed back, to be parsed with the next batch: the core
    // parses other records meanwhile instead of waiting on the disk.
    let parse_doc = |rel: String, wait: bool| -> Result<Parsed, String> {
        let bytes = if wait {
            source.read(&rel)
        } else {
            match source.read_now(&rel) {
                Some(bytes) => bytes,
                None => return Err(rel),
            }
        };
        let (doc, diags) = match parse_file(prefix, interner, &rel, FileKind::Document, bytes) {
            (Loaded::Doc(mut d), diags) => {
                d.path = rel.into_boxed_str();
                (Ok(Arc::new(d)), diags)
            }
            (Loaded::Broken(title, number), diags) => (Err((rel, title, number)), diags),
            (_, diags) => (Err((rel, None, None)), diags),
        };
        Ok((doc.map(|d| (index::keys_of(&d), d)), diags))
    };
    // Batch by batch: what a batch parses to is held only until its
    // documents (a pointer each) and failures are sorted out.
    let mut documents: Vec<Arc<Document>> = Vec::with_capacity(total);
    let mut failed: Vec<(Failed, usize)> = Vec::new();
    let mut diags: Vec<Diagnostic> = Vec::new();
    // Records shared with another register come first, keyed on every core
    // straight into the lists.
    for (doc, d) in known {
        documents.push(doc);
        diags.extend(d);
    }
    let (mut order, mut keys): (Vec<SortKey>, Vec<Keys>) = documents
        .par_iter()
        .enumerate()
        .map(|(i, d)| {
            let (o, k) = index::keys_of(d);
            (o.at(i), k)
        })
        .unzip();
    order.reserve_exact(total - order.len());
    keys.reserve_exact(total - keys.len());
    let mut batches = docs.chunks_mut(source.batch().max(1)).peekable();
    if let Some(first) = batches.peek() {
        source.fetch(first);
    }
    // Records asked for from the disk while the batch before was parsed.
    let mut later: Vec<String> = Vec::new();
    loop {
        let batch = batches.next();
        if batch.is_none() && later.is_empty() {
            break;
        }
        let waiting = std::mem::take(&mut later);
        // The next batch is fetched while this one is parsed.
        let next = batches.peek().map(|b| &**b);
        let (parsed, ()): (Vec<_>, ()) = rayon::join(
            || {
                // After the last batch, a round of its records still
                // asked for alone.
                batch
                    .unwrap_or_default()
                    .par_iter_mut()
                    .inspect(|_| crate::progress::tick())
                    .map(|(rel, _)| parse_doc(std::mem::take(rel), false))
                    .chain(waiting.into_par_iter().map(|rel| parse_doc(rel, true)))
                    .collect()
            },
            || {
                if let Some(next) = next {
                    source.fetch(next);
                }
            },
        );
        for p in parsed {
            let (p, d) = match p {
                Ok(p) => p,
                Err(rel) => {
                    later.push(rel);
                    continue;
                }
            };
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
        let config =
            crate::load::disk::read_file(&root.join(CONFIG_FILE)).with_context(|| format!("无法读取 `{cfg_file}`"))?;
        let (files, diagnostics) = list_files(root)?;
        Ok(Register::from_sources(root, config, files, diagnostics, &crate::load::disk::Disk::new(root)))
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
            read_documents(&prefix, docs, known, source, &interner);
        let excluded = left_out(root, &diagnostics, failed);
        diagnostics.extend(doc_diags);
        let (mut laws, mut calendars) = (Vec::new(), Vec::new());
        for (rel, kind) in &other {
            let (item, d) = parse_one(rel, *kind);
            diagnostics.extend(d);
            match item {
                Loaded::Laws(l) => laws.extend(l),
                Loaded::Calendar(c) => calendars.push(c),
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

    /// Records anywhere under documents/; law and calendar tables only
    /// directly in their folder; nothing hidden, nothing but `.toml`.
    #[test]
    fn files_are_classified_by_where_they_are() {
        let cases = [
            ("documents/a.toml", Some(FileKind::Document)),
            ("documents/x/y/a.toml", Some(FileKind::Document)),
            ("documents//a.toml", Some(FileKind::Document)),
            ("documents/.git/a.toml", None),
            ("documents/a.txt", None),
            ("documents.toml", None),
            ("laws/水法.toml", Some(FileKind::Laws)),
            ("laws/old/水法.toml", None),
            ("calendar/2026.toml", Some(FileKind::Calendar)),
            ("calendar/x/2026.toml", None),
            ("qingli.toml", None),
            ("other/a.toml", None),
            (".hidden/a.toml", None),
            // The walk's own cases.
            ("documents/a/b/c.toml", Some(FileKind::Document)),
            ("laws/national.toml", Some(FileKind::Laws)),
            ("calendar/2027.toml", Some(FileKind::Calendar)),
            ("laws/sub/x.toml", None),
            ("documents/.hidden/x.toml", None),
            ("documents/a.md", None),
            ("other/x.toml", None),
        ];
        for (rel, want) in cases {
            assert_eq!(classify(rel), want, "{rel}");
        }
    }

    #[test]
    fn bom_is_accepted() {
        assert_eq!(decode(b"\xEF\xBB\xBFa = 1".to_vec(), "f").unwrap(), "a = 1");
    }

    #[test]
    fn gbk_is_recognised() {
        let (gbk, _, _) = encoding_rs::GBK.encode("title = \"永嘉县\"\n");
        let d = decode(gbk.into_owned(), "documents/a.toml").unwrap_err();
        assert_eq!(d.code, Code::NotUtf8);
        assert_eq!((d.line, d.column), (1, 10));
        assert!(d.message.contains("GBK"), "{}", d.message);
        assert!(d.hint.contains("iconv") && d.hint.contains("记事本"), "{}", d.hint);
    }

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

    /// Records the source could not give at once are parsed with the next
    /// batch (or after the last): the register is the one read in place,
    /// each record read once without and once with waiting, none lost.
    #[test]
    fn records_asked_for_are_parsed_later_and_none_is_lost() {
        use std::collections::HashMap;
        use std::sync::Mutex;
        struct Slow {
            files: HashMap<String, Vec<u8>>,
            /// Records given only when read a second time (waiting).
            later: bool,
            asked: Mutex<Vec<String>>,
            waited: Mutex<Vec<String>>,
        }
        impl Source for Slow {
            fn read(&self, rel: &str) -> std::io::Result<Vec<u8>> {
                self.waited.lock().unwrap().push(rel.to_owned());
                self.files.get(rel).cloned().ok_or_else(|| std::io::Error::other("无此文件"))
            }
            fn read_now(&self, rel: &str) -> Option<std::io::Result<Vec<u8>>> {
                let digits: usize =
                    rel.trim_start_matches("documents/d").trim_end_matches(".toml").parse().unwrap_or(0);
                if self.later && digits.is_multiple_of(3) {
                    self.asked.lock().unwrap().push(rel.to_owned());
                    return None;
                }
                Some(self.files.get(rel).cloned().ok_or_else(|| std::io::Error::other("无此文件")))
            }
            fn batch(&self) -> usize {
                64
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
        let load = |later: bool| {
            let source = Slow { files: bytes.clone(), later, asked: Mutex::default(), waited: Mutex::default() };
            let reg = Register::from_sources(Path::new("."), b"".to_vec(), files.clone(), Vec::new(), &source);
            let mut asked = source.asked.into_inner().unwrap();
            let mut waited = source.waited.into_inner().unwrap();
            asked.sort();
            waited.sort();
            (reg, asked, waited)
        };
        let ((now, none, _), (later, asked, waited)) = (load(false), load(true));
        assert!(none.is_empty());
        assert_eq!(asked.len(), 334);
        // Each record asked for was read again, waiting, and no other.
        assert!(asked == waited, "{} asked for, {} read again", asked.len(), waited.len());
        assert_eq!(later.documents, now.documents);
        assert_eq!(later.diagnostics, now.diagnostics);
        assert_eq!(later.excluded, now.excluded);
        assert_eq!(now.documents.len() + now.excluded.len(), 1000);
        assert!(now.excluded.iter().any(|e| e.id == "d0") && now.excluded.iter().any(|e| e.id == "d33"));
        // Read in neither path nor report order (and late, a third of
        // them), every record is still walked in path order.
        for reg in [&now, &later] {
            let walked: Vec<&str> = reg.path_order().iter().map(|d| &*d.path).collect();
            let mut sorted: Vec<&str> = reg.documents.iter().map(|d| &*d.path).collect();
            sorted.sort_unstable();
            assert_eq!(walked, sorted);
        }
    }

    #[test]
    fn display_paths() {
        assert_eq!(display_path(Path::new("."), "documents/a.toml"), "documents/a.toml");
        assert_eq!(display_path(Path::new("register/"), "documents/a.toml"), "register/documents/a.toml");
    }
}
