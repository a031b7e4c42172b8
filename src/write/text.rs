//! Putting texts into the register (`qingli text add`, `text import`): which
//! record each file belongs to, what would be written, and the writes.
//!
//! A file is matched by the 文号 or title in its file name, else by those in
//! its text's first lines (the 文号 line under the 红头, the title), with
//! bracket and whitespace variants made equal as `check` does (the 文号 by
//! [`crate::docnum::key`]). A file that matches no record or two, two files
//! that match one record, a file that cannot be read, or a record that has a
//! different text already (without `--replace`) is a problem; with any
//! problem nothing is written (all or nothing, like `import`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::docnum;
use crate::load::register::Register;
use crate::text::{self, ReadError};
use crate::write::atomic;

/// How a file was matched to its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MatchedBy {
    /// Named on the command line (`text add REF FILE`).
    Reference,
    FileName,
    Header,
}

/// What writing a text does to the register.
pub(crate) enum Change {
    New,
    /// Over the text as it is now (written only over exactly that).
    Replace(atomic::Basis),
    /// The record has this very text already.
    Same,
}

/// A text to write.
pub(crate) struct Planned {
    /// The input file, as given.
    pub input: String,
    /// The record's place in `reg.documents`.
    pub doc: usize,
    /// The text's path, relative to the register (`documents/…/<id>.txt`).
    pub target: String,
    pub text: String,
    pub by: MatchedBy,
    pub change: Change,
    /// Said, not refused: the 文号 in the text is not the record's.
    pub warnings: Vec<String>,
}

/// Why a file cannot be put in the register.
#[derive(Debug)]
pub(crate) enum Problem {
    Unreadable {
        input: String,
        error: ReadError,
    },
    Unmatched {
        input: String,
    },
    /// It belongs to records left out for their errors (places in `reg.excluded`).
    Broken {
        input: String,
        records: Vec<usize>,
    },
    Ambiguous {
        input: String,
        docs: Vec<usize>,
    },
    /// Several files for one record.
    SameRecord {
        doc: usize,
        inputs: Vec<String>,
    },
    /// The record has a different text already and `--replace` was not given.
    Exists {
        input: String,
        doc: usize,
        target: String,
    },
}

#[derive(Default)]
pub(crate) struct Plan {
    pub items: Vec<Planned>,
    pub problems: Vec<Problem>,
}

/// Records by 文号 key and by title, for matching: the readable ones, and
/// those left out for their errors (named, never silently unmatched).
pub(crate) struct Matcher<'r> {
    reg: &'r Register,
    records: Index,
    broken: Index,
}

/// Places in a list of records, by 文号 key and by title.
#[derive(Default)]
struct Index {
    by_number: HashMap<String, Vec<usize>>,
    by_title: HashMap<String, Vec<usize>>,
}

/// A title as compared: no whitespace, parentheses in one width.
fn title_key(s: &str) -> String {
    text::squeeze(s)
        .chars()
        .map(|c| match c {
            '(' => '\u{FF08}',
            ')' => '\u{FF09}',
            c => c,
        })
        .collect()
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('\u{FF10}'..='\u{FF19}').contains(&c)
}

/// Every 文号-like piece of `s`: a serial ending in 号, after a bracketed
/// year or 第, with one to twelve characters of 代字 before it; each
/// possible 代字 length is one candidate (`关于印发永政发〔2006〕3号` gives
/// `永政发〔2006〕3号` among others).
pub(crate) fn number_candidates(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    for (end, c) in chars.iter().enumerate() {
        if *c != '号' {
            continue;
        }
        let mut i = end;
        while i > 0 && is_digit(chars[i - 1]) {
            i -= 1;
        }
        if i == end {
            continue;
        }
        // 〔2006〕 before the serial, or 第.
        if i > 0 && chars[i - 1] == '第' {
            i -= 1;
        } else if i >= 6
            && (1..=4).all(|k| is_digit(chars[i - 1 - k]))
            && !chars[i - 1].is_alphanumeric()
            && !chars[i - 6].is_alphanumeric()
        {
            i -= 6;
        } else {
            continue;
        }
        let mut start = i;
        while start > 0 && i - start < 12 && chars[start - 1].is_alphabetic() && !chars[start - 1].is_ascii() {
            start -= 1;
        }
        for from in start..i {
            out.push(chars[from..=end].iter().collect());
        }
    }
    out
}

impl Index {
    /// The index of `(文号, title)` pairs, by their place in the list.
    fn new<'a>(records: impl Iterator<Item = (Option<&'a str>, Option<&'a str>)>) -> Self {
        let mut index = Index::default();
        for (i, (number, title)) in records.enumerate() {
            if let Some(n) = number {
                index.by_number.entry(docnum::key(n).into_owned()).or_default().push(i);
            }
            if let Some(t) = title {
                index.by_title.entry(title_key(t)).or_default().push(i);
            }
        }
        index
    }

    fn numbers(&self, s: &str, found: &mut Vec<usize>) {
        for c in number_candidates(s) {
            if let Some(ids) = self.by_number.get(docnum::key(&c).as_ref()) {
                found.extend(ids);
            }
        }
    }

    fn title(&self, s: &str, found: &mut Vec<usize>) {
        if let Some(ids) = self.by_title.get(&title_key(s)) {
            found.extend(ids);
        }
    }

    /// The records a file name names: by a 文号 in it, by the whole name as
    /// a title, or by what is left once a 文号 and separators are removed.
    fn by_name(&self, stem: &str) -> Vec<usize> {
        let mut found = Vec::new();
        self.numbers(stem, &mut found);
        self.title(stem, &mut found);
        for c in number_candidates(stem) {
            let rest = stem.replacen(&c, "", 1);
            self.title(rest.trim_matches(|ch: char| ch.is_whitespace() || "-_—、.".contains(ch)), &mut found);
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The records a text's first lines name: a 文号 line, a title on one
    /// line or split over two or three.
    fn by_header(&self, text: &str) -> Vec<usize> {
        let lines = text::head_lines(text, 15);
        let mut found = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            self.numbers(line, &mut found);
            let mut joined = (*line).to_owned();
            self.title(&joined, &mut found);
            for next in lines.iter().skip(i + 1).take(2) {
                joined.push_str(next);
                self.title(&joined, &mut found);
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The records `path` (read as `text`) names: by its file name, else by
    /// its first lines.
    fn find(&self, path: &Path, text: &str) -> (Vec<usize>, MatchedBy) {
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let named = self.by_name(&stem);
        if named.is_empty() { (self.by_header(text), MatchedBy::Header) } else { (named, MatchedBy::FileName) }
    }
}

impl<'r> Matcher<'r> {
    pub(crate) fn new(reg: &'r Register) -> Self {
        let records = Index::new(reg.documents.iter().map(|d| (d.doc_number.as_deref(), Some(&*d.title))));
        let broken = Index::new(reg.excluded.iter().map(|e| (e.doc_number.as_deref(), e.title.as_deref())));
        Matcher { reg, records, broken }
    }

    /// The records `path` (read as `text`) belongs to, and how it was found.
    pub(crate) fn find(&self, path: &Path, text: &str) -> (Vec<usize>, MatchedBy) {
        self.records.find(path, text)
    }

    /// The records left out for their errors that a file no readable record
    /// matches would belong to (places in `reg.excluded`).
    pub(crate) fn broken(&self, path: &Path, text: &str) -> Vec<usize> {
        self.broken.find(path, text).0
    }

    /// A warning when the text's own 文号 (the first in its first lines) is
    /// not the record's.
    pub(crate) fn number_differs(&self, doc: usize, text: &str) -> Option<String> {
        let record = self.reg.documents[doc].doc_number.as_deref()?;
        let head = text::head_lines(text, 15);
        // The longest reading (candidates start with it) of the first 文号.
        let first = head.iter().find_map(|l| number_candidates(l).into_iter().next())?;
        let (a, b) = (docnum::key(&first), docnum::key(record));
        (!b.ends_with(a.as_ref()) && !a.ends_with(b.as_ref()))
            .then(|| format!("文本中的文号「{first}」与记录的「{record}」不同,请核对是否选对了文件"))
    }
}

/// The text file of the record at `doc`.
pub(crate) fn target_of(reg: &Register, doc: usize) -> String {
    crate::load::texts::text_of(&reg.documents[doc].path)
}

/// One file planned for record `doc` (found `by`), its text made title-first.
pub(crate) fn plan_one(
    reg: &Register,
    matcher: &Matcher<'_>,
    (input, read): (String, String),
    doc: usize,
    by: MatchedBy,
    replace: bool,
) -> Result<Planned, Problem> {
    let target = target_of(reg, doc);
    let warnings: Vec<String> = matcher.number_differs(doc, &read).into_iter().collect();
    let text = text::title_first(&read, &reg.documents[doc].title);
    let path = reg.root.join(&target);
    let change = match atomic::read_basis(&path) {
        Ok(b) if b.bytes == text.as_bytes() => Change::Same,
        Ok(_) if !replace => return Err(Problem::Exists { input, doc, target }),
        Ok(b) => Change::Replace(b),
        Err(_) => Change::New,
    };
    Ok(Planned { input, doc, target, text, by, change, warnings })
}

/// A file read and matched: (as given, its text, the records, how).
type Found = (String, String, Vec<usize>, MatchedBy);

/// The plan for bulk import: every file read, matched and checked.
pub(crate) fn plan(
    reg: &Register,
    files: &[PathBuf],
    replace: bool,
    read: &(dyn Fn(&Path) -> Result<String, ReadError> + Sync),
) -> Plan {
    use rayon::prelude::*;
    let matcher = Matcher::new(reg);
    let found: Vec<Result<Found, Problem>> = files
        .par_iter()
        .map(|f| {
            let input = f.display().to_string();
            let text = read(f).map_err(|error| Problem::Unreadable { input: input.clone(), error })?;
            let (docs, by) = matcher.find(f, &text);
            if docs.is_empty() {
                let records = matcher.broken(f, &text);
                if !records.is_empty() {
                    return Err(Problem::Broken { input, records });
                }
            }
            Ok((input, text, docs, by))
        })
        .collect();
    let mut plan = Plan::default();
    let mut per_doc: HashMap<usize, Vec<(String, String, MatchedBy)>> = HashMap::new();
    for f in found {
        match f {
            Err(p) => plan.problems.push(p),
            Ok((input, _, docs, _)) if docs.is_empty() => plan.problems.push(Problem::Unmatched { input }),
            Ok((input, _, docs, _)) if docs.len() > 1 => plan.problems.push(Problem::Ambiguous { input, docs }),
            Ok((input, text, docs, by)) => per_doc.entry(docs[0]).or_default().push((input, text, by)),
        }
    }
    let mut docs: Vec<usize> = per_doc.keys().copied().collect();
    docs.sort_unstable();
    for doc in docs {
        let mut files = per_doc.remove(&doc).unwrap_or_default();
        if files.len() > 1 {
            plan.problems.push(Problem::SameRecord { doc, inputs: files.into_iter().map(|f| f.0).collect() });
            continue;
        }
        let (input, text, by) = files.remove(0);
        match plan_one(reg, &matcher, (input, text), doc, by, replace) {
            Ok(p) => plan.items.push(p),
            Err(p) => plan.problems.push(p),
        }
    }
    plan
}

/// Writes the planned texts: new ones created (never over a file that
/// appeared meanwhile), replacements only over the text as planned. On a
/// failure the texts this run created are removed again; the error names
/// the file.
pub(crate) fn apply(reg: &Register, items: &[Planned]) -> Result<usize> {
    let documents = reg.root.join(crate::load::walk::DOCUMENTS);
    let mut made: Vec<PathBuf> = Vec::new();
    let mut written = 0;
    for p in items {
        let path = reg.root.join(&p.target);
        let done = match &p.change {
            Change::Same => continue,
            Change::New => atomic::create_new(&path, p.text.as_bytes()).map(|()| made.push(path.clone())),
            Change::Replace(b) => {
                let expected = atomic::Expected { inside: &documents, pieces: &[&b.bytes], id: b.id };
                match atomic::replace_if_unchanged(&path, &expected, p.text.as_bytes()) {
                    Ok(atomic::Replaced::Written) => Ok(()),
                    Ok(atomic::Replaced::ChangedMeanwhile) => {
                        Err(anyhow::anyhow!("`{}` 在读取之后被其他程序修改,未覆盖", p.target))
                    }
                    Err(e) => Err(e),
                }
            }
        };
        if let Err(e) = done {
            for m in &made {
                let _ = std::fs::remove_file(m);
            }
            return Err(e.context(format!("未能写入 `{}`;本次新建的文本已删除", p.target)));
        }
        written += 1;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_names_and_lines() {
        let c = number_candidates("关于印发永政发〔2006〕3号的通知");
        assert!(c.contains(&"永政发〔2006〕3号".to_owned()), "{c:?}");
        let c = number_candidates("永嘉县人民政府令第3号");
        assert!(c.contains(&"永嘉县人民政府令第3号".to_owned()), "{c:?}");
        assert!(number_candidates("第三条 本办法自印发之日起施行").is_empty());
        assert!(number_candidates("永政发[2006]3号").contains(&"永政发[2006]3号".to_owned()));
    }
}
