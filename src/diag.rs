//! Diagnostics: stable codes, severities and located messages.
//!
//! Every problem `qingli check` can report has a [`Code`] with a stable
//! kebab-case name (used in output, CI logs and `docs/codes.md`), a default
//! severity and a one-line description. A [`Diagnostic`] is a code plus a
//! location, a Chinese message and a fix hint. This module judges nothing and
//! renders nothing.

use serde::Serialize;

use crate::source::Pos;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
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
    MissingKey = "missing-key", Error, "缺少必填字段";
    UnknownKey = "unknown-key", Error, "未知字段";
    WrongType = "wrong-type", Error, "字段类型错误";
    BadValue = "bad-value", Error, "字段取值不在允许范围内";
    DuplicateId = "duplicate-id", Error, "文件标识(id)重复";
    DuplicateDocNumber = "duplicate-doc-number", Error, "文号重复";
    DocNumberBrackets = "doc-number-brackets", Warning, "文号年份括号不规范(应为〔〕)";
    EffectiveBeforeIssued = "effective-before-issued", Error, "施行日期早于发布日期";
    ExpiresBeforeEffective = "expires-before-effective", Error, "有效期届满日早于施行日期";
    DisclosureReasonMissing = "disclosure-reason-missing", Error, "不予公开但未说明理由";
    SupersedeUnresolved = "supersede-unresolved", Error, "被替代文件(superseded_by)找不到";
    SupersedeAmbiguous = "supersede-ambiguous", Error, "被替代文件(superseded_by)对应多个记录";
    SupersedeSelf = "supersede-self", Error, "文件被自身替代";
    SupersedeCycle = "supersede-cycle", Error, "替代关系形成循环";
    UnknownLaw = "unknown-law", Warning, "上位法不在法律库中";
    DuplicateLaw = "duplicate-law", Error, "法律库中名称或别名重复";
    PhaseNoDeadline = "phase-no-deadline", Error, "清理阶段既无 due 也无 after+days";
    CalendarYear = "calendar-year", Error, "日历文件年份与文件名不符";
    WalkError = "walk-error", Warning, "目录无法遍历(如符号链接循环)";
    OutsideRegister = "outside-register", Warning, "符号链接指向登记簿之外,已跳过";
    Disagreement = "disagreement", Warning, "清理意见与规则建议不一致且未说明理由";
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
    /// What to do about it.
    pub hint: String,
}

#[allow(clippy::trivially_copy_pass_by_ref, reason = "serde passes fields by reference")]
fn ser_code<S: serde::Serializer>(code: &Code, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(code.name())
}

impl Diagnostic {
    pub(crate) fn new(code: Code, file: &str, pos: Pos, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            file: file.to_owned(),
            line: pos.line,
            column: pos.col,
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// The ordering used everywhere diagnostics are shown: file, line, column, code.
    pub(crate) fn sort_key(&self) -> (&str, u32, u32, &str, &str) {
        (&self.file, self.line, self.column, self.code.name(), &self.message)
    }
}

/// Sorts diagnostics into their display order and drops exact duplicates.
pub(crate) fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diags.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

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
