//! Which files a register has: the sorted walk of `documents/**`, `laws/`
//! and `calendar/` on disk, and the same list from a git tree.
//!
//! Hidden entries and non-TOML files are skipped; a symbolic link is
//! followed only while it stays inside its own part, a loop or a link
//! leaving the register is reported and survived; a part that is itself a
//! link out of the register is not read (`part-outside-register`). Folders
//! are listed in parallel and the result is the same whatever the thread
//! count. The second step of loading, after [`crate::load::discover`].

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rayon::prelude::*;

use crate::diag::{Code, Diagnostic};
use crate::load::discover::display_path;
use crate::pos::Pos;

/// The folder of document records.
pub(crate) const DOCUMENTS: &str = "documents";

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
        let (part, link) = list_part(root, &canon_root, sub, recursive, ".toml", &mut diagnostics);
        files.extend(part.into_iter().map(|f| (f, kind)));
        linked |= link;
    }
    Ok((files, diagnostics, linked))
}

/// The document texts (`documents/**/*.txt`, each beside its record),
/// sorted, by the same walk as the records; its problems are the records'
/// walk's, reported there.
pub(crate) fn list_texts(root: &Path) -> Result<Vec<String>> {
    let canon_root = std::fs::canonicalize(root).with_context(|| format!("无法访问 `{}`", root.display()))?;
    let (texts, _) = list_part(root, &canon_root, DOCUMENTS, true, ".txt", &mut Vec::new());
    Ok(texts)
}

/// Lists the files named `*{ext}` under `sub` (relative to `root`), sorted
/// by path, with walk problems as diagnostics. `recursive` = any depth.
///
/// Folders are read in parallel (one rayon task per folder; results are
/// concatenated in name order, so the list is the same whatever the thread
/// count). Hidden entries are skipped. A symbolic link is followed only when
/// its target stays inside `sub`: a link elsewhere in the register, or out of
/// it, is skipped with a warning before it is entered; a link back to a
/// folder being walked is a loop and is reported, not followed.
/// Also says whether a symbolic link was met on the way.
fn list_part(
    root: &Path,
    canon_root: &Path,
    sub: &str,
    recursive: bool,
    ext: &'static str,
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
        ext,
        linked: std::sync::atomic::AtomicBool::new(false),
    };
    let (files, found) = walk.folder(sub, &canon_sub, &[]);
    diags.extend(found);
    // The part itself may be a link (inside the register).
    let linked = walk.linked.into_inner() || canon_sub != canon_root.join(sub);
    (files, linked)
}

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

/// Whether a name that is not `*.toml` would be a record on Windows or
/// macOS: `.toml` in any case, with trailing spaces or dots.
/// Whether `name` is one of qingli's own temporary names (`write::atomic`):
/// `.qingli-XXXXXX.tmp`, a previous version kept aside `.qingli-XXXXXX.old`.
pub(crate) fn is_temp_name(name: &str) -> bool {
    name.strip_prefix(".qingli-").is_some_and(|rest| rest.ends_with(".tmp") || rest.ends_with(".old"))
}

fn looks_like_record(name: &str) -> bool {
    name.trim_end_matches([' ', '.', '\t']).to_lowercase().ends_with(".toml")
}

/// One walk of a register part.
struct Walk<'a> {
    root: &'a Path,
    canon_root: &'a Path,
    canon_sub: &'a Path,
    sub: &'a str,
    recursive: bool,
    /// The files listed: `.toml` (records, laws, calendars) or `.txt` (texts).
    ext: &'static str,
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
        if !is_dir && name.ends_with(self.ext) && !real.as_os_str().is_empty() && !real.is_file() {
            let message = "不是普通文件,未能读取".to_owned();
            return Err(self.skip(child, Code::Io, message, "它是管道、套接字或设备;删除它,或换成普通的记录文件"));
        }
        Ok((is_dir, real))
    }

    /// A temporary file an interrupted write of qingli left: a warning.
    fn stray(&self, rel: &str) -> Diagnostic {
        let mut d = self.skip(
            rel,
            Code::StrayTempFile,
            "qingli 的临时文件,是一次被中断的写入留下的;记录本身完好".to_owned(),
            "确认没有 qingli 命令正在运行后删除它",
        );
        d.severity = crate::diag::Severity::Warning;
        d
    }

    /// A hidden file or folder under documents/ that may hold records:
    /// named (a warning), never read. Anything else hidden is no record.
    fn hidden(&self, rel: &str, name: &str, is_dir: bool) -> Option<Diagnostic> {
        if self.sub != DOCUMENTS || !(is_dir || looks_like_record(name)) {
            return None;
        }
        let what = if is_dir { "文件夹" } else { "文件" };
        let mut d = self.skip(
            &format!("{rel}/{name}"),
            Code::SkippedFile,
            format!("隐藏的{what}(名称以 . 开头)未读取"),
            "其中若有记录,去掉名称开头的 . 使它们参加评估;确实不是记录可以忽略此警告",
        );
        d.severity = crate::diag::Severity::Warning;
        Some(d)
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
            if is_temp_name(name) {
                diags.push(self.stray(&format!("{rel}/{name}")));
                continue;
            }
            if name.starts_with('.') {
                diags.extend(self.hidden(rel, name, entry.file_type().is_ok_and(|t| t.is_dir())));
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
            } else if name.ends_with(self.ext) {
                files.push(child);
            } else if self.sub == DOCUMENTS && self.ext == ".toml" && looks_like_record(&name) {
                // `x.TOML`, `x.toml ` or `x.toml.`: a record on Windows and
                // macOS, where the name means the same file.
                diags.push(self.skip(
                    &child,
                    Code::SkippedFile,
                    format!("文件名 `{name}` 不以小写的 .toml 结尾(大写或末尾有空格、点),未作为记录读取"),
                    "把文件改名为以 .toml 结尾(全部小写,末尾没有空格或点)",
                ));
            }
        }
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
}
