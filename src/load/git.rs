//! Talking to git through the `git` command: a register as it was at a
//! revision, the reviewer's `user.name`, and making a new register a
//! repository (`init`).
//!
//! Returns paths and bytes; never parses. The register may be a sub-folder of
//! the repository: paths are returned relative to the register root. One
//! `git ls-tree` lists a revision's files, one `git cat-file --batch` reads
//! the ones needed, and `git diff --raw` says which changed between two.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

// foldhash: a tree's maps are keyed by every path of a province register
// (a million); SipHash was 1.4% of `diff`'s time there.
use foldhash::fast::RandomState;

use anyhow::{Context, Result, bail};

fn git(dir: &Path) -> Command {
    let mut c = Command::new("git");
    c.arg("-C").arg(dir).env("GIT_TERMINAL_PROMPT", "0");
    c
}

fn output(mut cmd: Command, what: &str) -> Result<Vec<u8>> {
    let out = cmd.output().with_context(|| format!("无法运行 git({what})\n提示: 请安装 git 并确认它在 PATH 中"))?;
    if !out.status.success() {
        bail!("git {what} 失败: {}", String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(out.stdout)
}

/// The repository holding `root`, and `root`'s path inside it (`""` or `"a/b/"`).
pub(crate) fn locate(root: &Path) -> Result<(PathBuf, String)> {
    let mut c = git(root);
    c.args(["rev-parse", "--show-toplevel", "--show-prefix"]);
    let out = output(c, "rev-parse").context("登记簿不在 git 仓库中")?;
    let text = String::from_utf8(out).context("git 输出不是 UTF-8")?;
    let mut lines = text.lines();
    let top = PathBuf::from(lines.next().unwrap_or_default());
    let prefix = lines.next().unwrap_or_default().to_owned();
    Ok((top, prefix))
}

/// Whether `dir` is inside a git work tree (`false` when git is missing).
pub(crate) fn inside_work_tree(dir: &Path) -> bool {
    let mut c = git(dir);
    c.args(["rev-parse", "--is-inside-work-tree"]);
    output(c, "rev-parse").is_ok()
}

/// Makes `dir` a repository for a new register: `git init`, and
/// `core.quotepath false` so Chinese file names show as characters.
/// `false` when git is not installed (nothing done).
pub(crate) fn init(dir: &Path) -> Result<bool> {
    if Command::new("git").arg("--version").output().is_err() {
        return Ok(false);
    }
    let mut c = git(dir);
    c.args(["init", "-q"]);
    output(c, "init")?;
    // The first branch is `main` whatever git's default (older gits say master).
    let mut c = git(dir);
    c.args(["symbolic-ref", "HEAD", "refs/heads/main"]);
    output(c, "symbolic-ref")?;
    let mut c = git(dir);
    c.args(["config", "core.quotepath", "false"]);
    output(c, "config")?;
    Ok(true)
}

/// Commits `files` (paths relative to `dir`, nothing else) as the
/// repository's first commit. Without a git identity the commit is signed
/// `qingli <qingli@localhost>`; the bool says so.
pub(crate) fn first_commit(dir: &Path, files: &[&str], message: &str) -> Result<bool> {
    let mut c = git(dir);
    c.args(["add", "--"]).args(files);
    output(c, "add")?;
    let mut c = git(dir);
    c.args(["config", "user.email"]);
    let anonymous = output(c, "config").map_or(true, |o| o.trim_ascii().is_empty());
    let mut c = git(dir);
    if anonymous {
        c.args(["-c", "user.name=qingli", "-c", "user.email=qingli@localhost"]);
    }
    c.args(["commit", "-q", "--no-verify", "-m", message, "--"]).args(files);
    output(c, "commit")?;
    Ok(anonymous)
}

/// git's `user.name` where `dir` is inside a repository (the reviewer a
/// decision is recorded under when no other is given); `None` elsewhere.
pub(crate) fn user_name(dir: &Path) -> Option<String> {
    let mut c = git(dir);
    c.args(["rev-parse", "--is-inside-work-tree"]);
    output(c, "rev-parse").ok()?;
    let mut c = git(dir);
    c.args(["config", "user.name"]);
    let name = String::from_utf8(output(c, "config").ok()?).ok()?;
    Some(name.trim().to_owned()).filter(|n| !n.is_empty())
}

/// Checks that `rev` names a commit, with a clear message when it does not.
pub(crate) fn verify(top: &Path, rev: &str) -> Result<String> {
    let mut c = git(top);
    c.args(["rev-parse", "--verify", "--quiet", "--end-of-options", &format!("{rev}^{{commit}}")]);
    let out = c.output().context("无法运行 git\n提示: 请安装 git 并确认它在 PATH 中")?;
    if !out.status.success() {
        bail!("`{rev}` 不是这个仓库中的提交\n提示: 用分支名、标签或提交号,例如 main、HEAD~1");
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// A register's files at one revision, as listed (their bytes are read
/// with [`Blobs`], only those that are needed).
///
/// A province tree lists a million files: their paths and object ids are
/// held end to end in two strings, in path order, rather than as two
/// allocations each in a map (200 MB at a million, and a fifth of a second
/// to free).
pub(crate) struct Tree {
    /// Regular files' paths (relative to the register), end to end, in
    /// path (byte) order.
    paths: String,
    /// Their object ids, end to end, in the same order.
    objects: String,
    /// Where each file's path and object id end.
    ends: Vec<(usize, usize)>,
    /// Symbolic links, as (path relative to the register, the link's text).
    pub links: HashMap<String, String, RandomState>,
}

impl Tree {
    /// A tree of the regular files `files` (path, object id) and `links`.
    fn new(mut files: Vec<(&str, &str)>, links: HashMap<String, String, RandomState>) -> Tree {
        // git lists a tree in path order; sorted here only should it not.
        if !files.is_sorted_by(|a, b| a.0 <= b.0) {
            files.sort_unstable();
        }
        files.dedup_by(|a, b| a.0 == b.0);
        let mut tree = Tree {
            paths: String::with_capacity(files.iter().map(|f| f.0.len()).sum()),
            objects: String::with_capacity(files.iter().map(|f| f.1.len()).sum()),
            ends: Vec::with_capacity(files.len()),
            links,
        };
        for (path, object) in files {
            tree.paths.push_str(path);
            tree.objects.push_str(object);
            tree.ends.push((tree.paths.len(), tree.objects.len()));
        }
        tree
    }

    /// How many regular files the tree has.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The path and object id of file `i` (in path order).
    fn entry(&self, i: usize) -> (&str, &str) {
        let (path_start, object_start) = i.checked_sub(1).map_or((0, 0), |k| self.ends[k]);
        let (path_end, object_end) = self.ends[i];
        (&self.paths[path_start..path_end], &self.objects[object_start..object_end])
    }

    /// The path of file `i` (in path order).
    pub(crate) fn path(&self, i: usize) -> &str {
        self.entry(i).0
    }

    /// The regular files' paths, in path order.
    pub(crate) fn paths(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.path(i))
    }

    /// The object id of the regular file at `path`, if there is one.
    pub(crate) fn object_of(&self, path: &str) -> Option<&str> {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let (at, object) = self.entry(mid);
            match at.cmp(path) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(object),
            }
        }
        None
    }

    /// Whether a regular file is at `path`.
    pub(crate) fn has_file(&self, path: &str) -> bool {
        self.object_of(path).is_some()
    }
}

/// Every file and symbolic link under `prefix` at `rev` (the links' text
/// read through `blobs`).
pub(crate) fn tree_at(top: &Path, rev: &str, prefix: &str, blobs: &mut Blobs) -> Result<Tree> {
    // A commit id from `verify`: `ls-tree` takes no `--end-of-options`.
    let commit = verify(top, rev)?;
    let mut c = git(top);
    c.args(["ls-tree", "-r", "-z", "--full-tree", &commit, "--"]);
    if !prefix.is_empty() {
        c.arg(prefix.trim_end_matches('/'));
    }
    let listing = output(c, "ls-tree")?;
    let listing = String::from_utf8_lossy(&listing);
    // Entries: "<mode> <type> <object>\t<path>\0"; only blobs.
    let mut files: Vec<(&str, &str)> = Vec::with_capacity(listing.bytes().filter(|b| *b == 0).count());
    let mut links: Vec<(String, String)> = Vec::new();
    for entry in listing.split('\0').filter(|e| !e.is_empty()) {
        let Some((meta, path)) = entry.split_once('\t') else { continue };
        let mut parts = meta.split(' ');
        let (mode, kind, object) = (parts.next(), parts.next(), parts.next());
        // Regular files, and symbolic links (mode 120000: a blob holding the target path).
        let link = mode == Some("120000");
        if kind != Some("blob") || !(link || matches!(mode, Some("100644" | "100755"))) {
            continue;
        }
        let (Some(rel), Some(object)) = (path.strip_prefix(prefix), object) else { continue };
        if link {
            links.push((rel.to_owned(), object.to_owned()));
        } else {
            files.push((rel, object));
        }
    }
    let texts = blobs.read(links.iter().map(|(_, o)| o.as_str()))?;
    let links =
        links.into_iter().zip(texts).map(|((rel, _), t)| (rel, String::from_utf8_lossy(&t).into_owned())).collect();
    Ok(Tree::new(files, links))
}

/// Paths under `prefix` (relative to it) whose content or type differs
/// between commit `base` and `head`: another revision, or the work tree
/// when `None` (as `git diff` sees it, files not in the index aside). In
/// path order, each once. `base` and `head` are commit ids from [`verify`].
pub(crate) fn changed(top: &Path, base: &str, head: Option<&str>, prefix: &str) -> Result<Vec<String>> {
    let mut c = git(top);
    c.args(["diff", "--raw", "-z", "--no-renames", "--ignore-submodules=all", "--end-of-options", base]);
    c.args(head);
    c.args(["--", if prefix.is_empty() { "." } else { prefix.trim_end_matches('/') }]);
    let out = output(c, "diff")?;
    // Entries: ":<modes> <objects> <status>\0<path>\0".
    let mut paths: Vec<String> = out
        .split(|b| *b == 0)
        .filter(|e| !e.is_empty() && !e.starts_with(b":"))
        .filter_map(|path| String::from_utf8_lossy(path).strip_prefix(prefix).map(str::to_owned))
        .collect();
    paths.sort_unstable();
    paths.dedup();
    Ok(paths)
}

/// Reads objects' bytes through one `git cat-file --batch`.
pub(crate) struct Blobs {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
}

impl Blobs {
    pub(crate) fn open(top: &Path) -> Result<Blobs> {
        let mut child = git(top)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("无法运行 git cat-file")?;
        let stdin = child.stdin.take().context("git cat-file: no stdin")?;
        let stdout = BufReader::new(child.stdout.take().context("git cat-file: no stdout")?);
        Ok(Blobs { child, stdin: Some(stdin), stdout })
    }

    /// The bytes of `objects`, in the order given. The ids are written by a
    /// second thread while the answers are read, so neither pipe fills.
    pub(crate) fn read<'a>(&mut self, objects: impl ExactSizeIterator<Item = &'a str> + Send) -> Result<Vec<Vec<u8>>> {
        let n = objects.len();
        let (stdin, stdout) = (self.stdin.as_mut().context("git cat-file: closed")?, &mut self.stdout);
        let child = &mut self.child;
        std::thread::scope(|s| {
            let writer = s.spawn(move || -> std::io::Result<()> {
                let mut stdin = std::io::BufWriter::new(stdin);
                for o in objects {
                    writeln!(stdin, "{o}")?;
                }
                stdin.flush()
            });
            let mut answers = || -> Result<Vec<Vec<u8>>> {
                let mut out = Vec::with_capacity(n);
                let mut header = String::new();
                for _ in 0..n {
                    header.clear();
                    stdout.read_line(&mut header)?;
                    // "<object> blob <size>", or "<object> missing".
                    let size: usize = header
                        .trim_end()
                        .rsplit(' ')
                        .next()
                        .and_then(|s| s.parse().ok())
                        .with_context(|| format!("git cat-file: 无法读取对象 `{}`", header.trim_end()))?;
                    let mut bytes = vec![0; size];
                    stdout.read_exact(&mut bytes)?;
                    let mut newline = [0u8; 1];
                    stdout.read_exact(&mut newline)?;
                    out.push(bytes);
                }
                Ok(out)
            };
            let out = answers();
            if out.is_err() {
                // Unblocks the writer, which may wait on a full pipe.
                let _ = child.kill();
            }
            let written = writer.join().map_err(|_| anyhow::anyhow!("git cat-file: writer panicked"))?;
            let out = out?;
            written?;
            Ok(out)
        })
    }
}

impl Drop for Blobs {
    fn drop(&mut self) {
        // Closing its input ends `git cat-file`.
        drop(self.stdin.take());
        let _ = self.child.wait();
    }
}
