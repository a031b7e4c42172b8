//! Diagnostics: stable codes, severities and located messages.
//!
//! Every problem `qingli check` can report has a [`Code`] with a stable
//! kebab-case name (used in output, CI logs and `docs/codes.md`), a default
//! severity and a one-line description. A [`Diagnostic`] is a code plus a
//! location, a Chinese message and a fix hint. This module judges nothing and
//! renders nothing.

use serde::Serialize;

use crate::pos::Pos;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// The JSON name (the docs' tables use it too).
    #[cfg(test)]
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    /// The label a clerk reads: 错误, 警告 (JSON keeps `error`/`warning`).
    pub(crate) fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        }
    }
}

macro_rules! codes {
    ($( $variant:ident = $name:literal, $sev:ident, $desc:literal; )*) => {
        /// A stable diagnostic code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub(crate) enum Code { $( $variant, )* }

        impl Code {
            /// Every code, in declaration order.
            #[cfg(test)]
            pub(crate) const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            /// Every name, in declaration order.
            pub(crate) const NAMES: &'static [&'static str] = &[ $( $name, )* ];

            /// The code with this name.
            pub(crate) fn from_name(name: &str) -> Option<Code> {
                match name { $( $name => Some(Code::$variant), )* _ => None }
            }

            /// The stable kebab-case name.
            pub(crate) fn name(self) -> &'static str {
                match self { $( Code::$variant => $name, )* }
            }

            /// The default severity.
            pub(crate) fn severity(self) -> Severity {
                match self { $( Code::$variant => Severity::$sev, )* }
            }

            /// A one-line Chinese description (the short form of `docs/codes.md`).
            #[cfg(test)]
            pub(crate) fn description(self) -> &'static str {
                match self { $( Code::$variant => $desc, )* }
            }
        }
    };
}

codes! {
    Io = "io-error", Error, "文件或目录无法读取";
    BadFileName = "bad-file-name", Error, "文件名不是有效的 UTF-8";
    MissingDocuments = "missing-documents", Error, "登记簿没有 documents/ 目录";
    NotUtf8 = "not-utf8", Error, "文件不是 UTF-8 编码";
    TomlSyntax = "toml-syntax", Error, "TOML 语法错误";
    BadDate = "bad-date", Error, "日期不存在或格式错误";
    SkippedFile = "skipped-file", Error, "documents/ 下像记录却未读取的文件或文件夹";
    StrayTempFile = "stray-temp-file", Warning, "中断的运行留下的 qingli 临时文件";
    ReviewWithoutDecision = "review-without-decision", Warning, "[review] 有理由、审核人或日期,却没有清理意见";
    EarlyDate = "early-date", Warning, "日期早于 1949 年,可能是笔误";
    MissingKey = "missing-key", Error, "缺少必填字段";
    UnknownKey = "unknown-key", Error, "未知字段";
    WrongType = "wrong-type", Error, "字段类型错误";
    BadValue = "bad-value", Error, "字段取值不在允许范围内";
    DuplicateId = "duplicate-id", Error, "文件标识(id)重复";
    DuplicateDocNumber = "duplicate-doc-number", Error, "文号重复";
    DocNumberBrackets = "doc-number-brackets", Warning, "文号写法不规范(年份括号应为〔〕,无全角、空格、前导零等)";
    HiddenChar = "hidden-char", Warning, "文字中有不可见字符、双向控制字符或全角数字";
    EffectiveBeforeIssued = "effective-before-issued", Error, "施行日期早于发布日期";
    PromulgatedBeforeIssued = "promulgated-before-issued", Error, "公布日期早于成文日期";
    ExpiresBeforeEffective = "expires-before-effective", Error, "有效期届满日早于施行日期";
    DisclosureReasonMissing = "disclosure-reason-missing", Error, "不予公开但未说明理由";
    SupersedeUnresolved = "supersede-unresolved", Error, "被替代文件(superseded_by)找不到";
    SupersedeAmbiguous = "supersede-ambiguous", Error, "被替代文件(superseded_by)对应多个记录";
    SupersedeSelf = "supersede-self", Error, "文件被自身替代";
    SupersedeCycle = "supersede-cycle", Error, "替代关系形成循环";
    UnknownLaw = "unknown-law", Warning, "上位法不在法律库中";
    SeveralLaws = "several-laws", Warning, "一项引用中写了多部法律";
    PhaseVerdicts = "phase-verdicts", Warning, "清理阶段的完成标志与它适用的清理意见不相符";
    DuplicateLaw = "duplicate-law", Error, "法律库中名称或别名重复";
    LawDates = "law-dates", Error, "法律的废止日期早于施行日期";
    PhaseNoDeadline = "phase-no-deadline", Error, "清理阶段既无 due 也无 after+days";
    CalendarYear = "calendar-year", Error, "日历文件年份与文件名不符";
    WalkError = "walk-error", Warning, "目录无法遍历(如符号链接循环)";
    OutsideRegister = "outside-register", Warning, "符号链接指向登记簿之外,已跳过";
    PartOutsideRegister = "part-outside-register", Error, "documents/、laws/ 或 calendar/ 本身指向登记簿之外";
    Disagreement = "disagreement", Warning, "清理意见与规则建议不一致且未说明理由";
    OrphanText = "orphan-text", Warning, "文本文件(.txt)旁边没有同名的记录";
    TextUnreadable = "text-unreadable", Warning, "文本文件不是有效的 UTF-8";
    BasisNotRecorded = "basis-not-recorded", Warning, "文本的依据条款引用的法律不在记录的 basis 中";
    TextDateDiffers = "text-date-differs", Warning, "文本的施行日期或有效期与记录不同";
}

/// One located problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Diagnostic {
    #[serde(serialize_with = "ser_code")]
    pub code: Code,
    pub severity: Severity,
    /// Display path of the file, `/`-separated.
    pub file: String,
    pub line: u32,
    pub column: u32,
    /// What is wrong, in Chinese; user values in backticks.
    pub message: String,
    /// What to do about it (mostly fixed text, shared rather than copied
    /// into each of a province register's diagnostics).
    pub hint: std::borrow::Cow<'static, str>,
    /// The byte range in the file the problem is about, when known.
    pub span: Option<Span>,
    /// The source line the problem is on, when known (shown under the message).
    pub line_text: Option<String>,
}

/// A byte range in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct Span {
    pub start: usize,
    pub end: usize,
}

#[allow(clippy::trivially_copy_pass_by_ref, reason = "serde passes fields by reference")]
fn ser_code<S: serde::Serializer>(code: &Code, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(code.name())
}

impl Diagnostic {
    pub(crate) fn new(
        code: Code,
        file: &str,
        pos: Pos,
        message: impl Into<String>,
        hint: impl Into<std::borrow::Cow<'static, str>>,
    ) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            file: file.to_owned(),
            line: pos.line,
            column: pos.col,
            message: message.into(),
            hint: hint.into(),
            span: None,
            line_text: None,
        }
    }

    /// The same diagnostic with the source it points at.
    #[must_use]
    pub(crate) fn with_source(mut self, span: Span, line_text: &str) -> Self {
        self.span = Some(span);
        self.line_text = Some(line_text.to_owned());
        self
    }

    /// The ordering used everywhere diagnostics are shown: file, line, column, code.
    pub(crate) fn sort_key(&self) -> (&str, u32, u32, &str, &str) {
        (&self.file, self.line, self.column, self.code.name(), &self.message)
    }
}

/// Severity overrides per code, as cargo-deny has them: from `[check]` in
/// `qingli.toml`, then `--deny/--warn/--allow` (and `--strict`, which is
/// `--deny disagreement`). Only codes whose default is a warning can be
/// allowed or kept as warnings: an error is never lowered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Levels {
    pub deny: Vec<Code>,
    pub warn: Vec<Code>,
    pub allow: Vec<Code>,
}

impl Levels {
    /// `other`'s choices over these (a later source wins for each code).
    #[must_use]
    pub(crate) fn then(mut self, other: &Levels) -> Levels {
        let all = other.deny.iter().chain(&other.warn).chain(&other.allow);
        let touched: Vec<Code> = all.copied().collect();
        for list in [&mut self.deny, &mut self.warn, &mut self.allow] {
            list.retain(|c| !touched.contains(c));
        }
        self.deny.extend(&other.deny);
        self.warn.extend(other.warn.iter().filter(|c| !other.deny.contains(c)));
        self.allow.extend(other.allow.iter().filter(|c| !other.deny.contains(c) && !other.warn.contains(c)));
        self
    }

    /// Applies the levels: denied codes become errors, allowed ones are dropped.
    pub(crate) fn apply(&self, diags: &mut Vec<Diagnostic>) {
        // Within one set of levels, deny beats warn beats allow.
        diags.retain(|d| !self.allow.contains(&d.code) || self.deny.contains(&d.code) || self.warn.contains(&d.code));
        for d in diags.iter_mut() {
            if self.deny.contains(&d.code) {
                d.severity = Severity::Error;
            } else if self.warn.contains(&d.code) && d.code.severity() == Severity::Warning {
                d.severity = Severity::Warning;
            }
        }
    }
}

/// Resolves a code name given on the command line or in `[check]`: the code,
/// or a Chinese message (unknown, with the closest name; or an error code
/// that `level` would lower).
pub(crate) fn level_code(name: &str, level: &str) -> Result<Code, String> {
    let Some(code) = Code::from_name(name.trim()) else {
        let near = crate::lookup::suggest(name, Code::NAMES).map_or_else(String::new, |m| format!(",是否应为 `{m}`?"));
        return Err(format!("没有检查代码 `{name}`{near}(全部代码见 docs/codes.md)"));
    };
    if level != "deny" && code.severity() == Severity::Error {
        return Err(format!("`{name}` 是错误类检查代码,不能用 {level} 降级(只有警告类代码可以 warn 或 allow)"));
    }
    Ok(code)
}

/// Sorts diagnostics into their display order and drops exact duplicates.
/// The order is the one a stable sort by [`Diagnostic::sort_key`] gives
/// (ties keep their order), whatever the number of cores.
///
/// A province register's `check` sorts about 400,000, each pointing at its
/// own file. Comparing their paths meant following two pointers to strings
/// that share a long start and are rarely in cache: the sort took 23 times
/// as long for ten times the diagnostics. So each diagnostic's path is
/// first summed up in a [`FileWindow`], and the sort compares those, side
/// by side, reading a diagnostic itself only when two windows tie.
pub(crate) fn sort(diags: &mut Vec<Diagnostic>) {
    use rayon::prelude::*;
    let shared = diags.first().map_or(0, |first| {
        diags.iter().fold(first.file.len(), |n, d| common_prefix(&first.file.as_bytes()[..n], d.file.as_bytes()))
    });
    let mut order: Vec<(FileWindow, u32)> =
        diags.par_iter().enumerate().map(|(i, d)| (FileWindow::of(&d.file, shared), place(i))).collect();
    let all = &*diags;
    order.par_sort_unstable_by(|a, b| {
        a.0.cmp(&b.0).then_with(|| all[a.1 as usize].sort_key().cmp(&all[b.1 as usize].sort_key())).then(a.1.cmp(&b.1))
    });
    // Exact repeats are found on the sorted list of windows (a repeat has
    // its predecessor's window), then the diagnostics are put in order in
    // place (no second list of them) and the repeats dropped.
    let mut repeat = vec![false; order.len()];
    let mut kept = None;
    for (k, &(window, i)) in order.iter().enumerate() {
        match kept {
            Some((w, j)) if w == window && all[j as usize] == all[i as usize] => repeat[k] = true,
            _ => kept = Some((window, i)),
        }
    }
    let from: Vec<usize> = order.into_iter().map(|(_, i)| i as usize).collect();
    permute(diags, &from);
    let mut k = 0;
    diags.retain(|_| {
        k += 1;
        !repeat[k - 1]
    });
}

/// Puts `items` in the order `from` gives: item `k` becomes the one that
/// was at `from[k]` (a permutation), swapping along its cycles.
fn permute<T>(items: &mut [T], from: &[usize]) {
    let mut done = vec![false; items.len()];
    for start in 0..items.len() {
        let mut k = start;
        while !done[k] {
            done[k] = true;
            let j = from[k];
            if j == start {
                break;
            }
            items.swap(k, j);
            k = j;
        }
    }
}

/// How many bytes `a` and `b` share at their start.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// A diagnostic's place in the list being sorted.
fn place(i: usize) -> u32 {
    u32::try_from(i).expect("fewer than 2^32 diagnostics")
}

/// The 32 bytes of a path after the start all the sorted paths share,
/// zero-padded: where one path ends inside the window, the other's byte is
/// no smaller, so windows that differ order as their paths do (a shorter
/// path first). Paths whose windows tie are compared in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct FileWindow(u128, u128);

impl FileWindow {
    fn of(file: &str, shared: usize) -> FileWindow {
        let mut bytes = [0u8; 32];
        let rest = file.as_bytes().get(shared..).unwrap_or_default();
        let n = rest.len().min(32);
        bytes[..n].copy_from_slice(&rest[..n]);
        let (high, low) = bytes.split_at(16);
        let word = |b: &[u8]| u128::from_be_bytes(b.try_into().unwrap_or_default());
        FileWindow(word(high), word(low))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    /// Paths that share long starts, end inside and beyond the 32-byte
    /// window, and hold zero bytes and multi-byte characters.
    fn path() -> impl Strategy<Value = String> {
        let part = prop_oneof![
            Just(String::new()),
            Just("a".to_owned()),
            Just("\0".to_owned()),
            Just("永".to_owned()),
            Just("/".to_owned()),
            Just("b".repeat(31)),
            Just("b".repeat(33)),
        ];
        proptest::collection::vec(part, 0..5).prop_map(|parts| format!("register/documents/{}", parts.concat()))
    }

    fn diagnostic() -> impl Strategy<Value = Diagnostic> {
        (path(), 0u32..3, 0u32..2, prop_oneof![Just(Code::Disagreement), Just(Code::DuplicateId)], 0u8..3, 0u8..2)
            .prop_map(|(file, line, col, code, message, hint)| {
                let mut d = Diagnostic::new(code, &file, Pos { line, col }, format!("m{message}"), format!("h{hint}"));
                d.severity = if hint == 0 { Severity::Warning } else { Severity::Error };
                d
            })
    }

    proptest! {
        /// The sort gives what a stable sort by the display key and
        /// dropping exact repeats give, ties in their order.
        #[test]
        fn sorting_is_the_stable_sort_by_the_display_key(mut diags in proptest::collection::vec(diagnostic(), 0..60)) {
            let mut expected = diags.clone();
            expected.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            expected.dedup();
            sort(&mut diags);
            prop_assert_eq!(diags, expected);
        }
    }

    #[test]
    fn code_names_are_unique_and_kebab_case() {
        let names: BTreeSet<_> = Code::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(names.len(), Code::ALL.len());
        for n in names {
            assert!(n.chars().all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()), "{n}");
        }
        for c in Code::ALL {
            let d = c.description();
            assert!(d.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)) && !d.contains('\n'), "{d}");
        }
    }
}

#[cfg(test)]
mod doc_tests {
    use super::Code;

    #[test]
    fn docs_list_every_code() {
        let doc = include_str!("../docs/codes.md");
        let headings: Vec<&str> =
            doc.lines().filter_map(|l| l.strip_prefix("## `").and_then(|l| l.strip_suffix('`'))).collect();
        let codes: Vec<&str> = Code::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(headings, codes, "docs/codes.md must have one heading per code, in order");
        for c in Code::ALL {
            let section = doc.split(&format!("## `{}`", c.name())).nth(1).unwrap();
            let sev = section.trim_start().split('。').next().unwrap();
            assert!(sev.starts_with(c.severity().as_str()), "{}: severity in docs is {sev}", c.name());
        }
    }
}
