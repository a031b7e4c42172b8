//! Reading typed values out of a spanned TOML tree, collecting diagnostics.
//!
//! The tree comes from `toml-spanner` (chosen over `toml`'s `DeTable` for a
//! five-fold faster parse of register files; both keep spans). [`Reader`]
//! wraps one file's [`LineIndex`] and a diagnostic list. Its getters convert
//! an [`Item`] into a Rust value or report
//! `wrong-type` / `bad-date` / `bad-value` at the value's position and return
//! `None`, so one pass over a file reports every bad field. It knows TOML
//! shapes, not what a register record means.

use chrono::NaiveDate;
use toml_spanner::{Item, Key, Table, Value as V};

use crate::dates;
use crate::diag::{Code, Diagnostic, Span};
use crate::load::intern::{Interner, Shared};
use crate::pos::{LineIndex, Pos, char_floor};

/// A spanned TOML value.
pub(crate) type Value<'i> = Item<'i>;

/// The byte offset where an item starts.
pub(crate) fn start(v: &Item<'_>) -> usize {
    v.span().start as usize
}

/// Where the token starting at byte `at` of `line` ends: a quoted string
/// with its closing quote, else the run up to white space, `,`, `]`, `}` or
/// a comment (at least one character when there is one).
fn token_end(line: &str, at: usize) -> usize {
    let at = char_floor(line, at);
    let rest = &line[at..];
    let len = match rest.chars().next() {
        None => 0,
        Some(q @ ('"' | '\'')) => rest[1..].find(q).map_or(rest.len(), |i| i + 2),
        Some(c) => rest
            .char_indices()
            .find(|&(i, ch)| i > 0 && (ch.is_whitespace() || matches!(ch, ',' | ']' | '}' | '#')))
            .map_or(rest.len(), |(i, _)| i)
            .max(c.len_utf8()),
    };
    at + len
}

/// Reads values of one file and collects its diagnostics.
pub(crate) struct Reader<'a> {
    pub file: &'a str,
    index: LineIndex<'a>,
    pub diags: Vec<Diagnostic>,
    /// Where [`Reader::shared`] stores text records repeat (none: each
    /// value is its own copy).
    interner: Option<&'a Interner>,
}

/// Chinese name of a TOML value's type, for messages.
fn type_name(v: &Item<'_>) -> &'static str {
    match v.value() {
        V::String(_) => "字符串",
        V::Integer(_) => "整数",
        V::Float(_) => "小数",
        V::Boolean(_) => "布尔值",
        V::DateTime(_) => "日期",
        V::Array(_) => "数组",
        V::Table(_) => "表",
    }
}

impl<'a> Reader<'a> {
    pub(crate) fn new(file: &'a str, text: &'a str) -> Self {
        Reader { file, index: LineIndex::new(text), diags: Vec::new(), interner: None }
    }

    /// A reader whose [`Reader::shared`] values are stored in `interner`.
    pub(crate) fn sharing(file: &'a str, text: &'a str, interner: &'a Interner) -> Self {
        Reader { interner: Some(interner), ..Reader::new(file, text) }
    }

    /// The source text of an item.
    pub(crate) fn text_of(&self, v: &Item<'_>) -> &'a str {
        let span = v.span();
        self.index.slice(span.start as usize..span.end as usize)
    }

    /// The position of a byte offset.
    pub(crate) fn pos(&self, offset: usize) -> Pos {
        self.index.pos(offset)
    }

    /// Reports a diagnostic at a byte offset, with the token there as its
    /// span and its line as the source shown under the message.
    pub(crate) fn report(
        &mut self,
        code: Code,
        offset: usize,
        message: String,
        hint: impl Into<std::borrow::Cow<'static, str>>,
    ) {
        let pos = self.pos(offset);
        let (line_start, line) = self.index.line_at(offset);
        let offset = offset.clamp(line_start, line_start + line.len());
        let end = line_start + token_end(line, offset - line_start);
        let d = Diagnostic::new(code, self.file, pos, message, hint).with_source(Span { start: offset, end }, line);
        self.diags.push(d);
    }

    fn wrong_type(
        &mut self,
        key: &str,
        v: &Value<'_>,
        expected: &str,
        hint: impl Into<std::borrow::Cow<'static, str>>,
    ) {
        let found = type_name(v);
        self.report(Code::WrongType, start(v), format!("`{key}` 应为{expected},实际为{found}"), hint);
    }

    /// A string value. Invisible characters, bidi controls and full-width
    /// digits in it are reported (`hidden-char`), naming the code point.
    pub(crate) fn string(&mut self, key: &str, v: &Value<'_>) -> Option<String> {
        self.str(key, v).map(str::to_owned)
    }

    /// [`Reader::string`], borrowed from the parsed file.
    fn str<'v>(&mut self, key: &str, v: &'v Value<'_>) -> Option<&'v str> {
        if let V::String(s) = v.value() {
            // Every such character is encoded with one of these lead bytes;
            // Chinese text mostly is not, so most strings are not scanned.
            if s.bytes().any(|b| matches!(b, 0xC2 | 0xCD | 0xD8 | 0xE1 | 0xE2 | 0xE3 | 0xEF | 0xF0 | 0xF3)) {
                self.hidden(key, s, start(v));
            }
            Some(s)
        } else {
            self.wrong_type(key, v, "字符串", "用英文双引号括起,例如 key = \"……\"");
            None
        }
    }

    /// Reports the first invisible character, bidi control or full-width digit of `s`.
    fn hidden(&mut self, key: &str, s: &str, at: usize) {
        let Some(c) = s.chars().find(|&c| crate::docnum::is_invisible(c) || ('０'..='９').contains(&c)) else {
            return;
        };
        let what = if crate::docnum::is_bidi_control(c) {
            "双向文字控制字符(可使文字显示的顺序与实际不同)"
        } else if crate::docnum::is_invisible(c) {
            "不可见字符"
        } else {
            "全角数字"
        };
        self.report(
            Code::HiddenChar,
            at,
            format!("`{key}` 中有{what} U+{:04X}", u32::from(c)),
            "删除不可见字符,全角数字改为半角(文号可用 qingli fmt 自动改正)",
        );
    }

    /// A non-empty string value (blank strings are reported as missing content).
    pub(crate) fn text(&mut self, key: &str, v: &Value<'_>) -> Option<String> {
        self.text_str(key, v).map(str::to_owned)
    }

    /// [`Reader::text`] as a `Box<str>` (text of one record alone).
    pub(crate) fn boxed(&mut self, key: &str, v: &Value<'_>) -> Option<Box<str>> {
        self.text_str(key, v).map(Box::from)
    }

    /// [`Reader::text`] as [`Shared`] text (issuers, units, law names…):
    /// one copy per distinct value when the reader shares.
    pub(crate) fn shared(&mut self, key: &str, v: &Value<'_>) -> Option<Shared> {
        self.text_str(key, v).map(|s| self.share(s))
    }

    /// The shared copy of `s`.
    pub(crate) fn share(&self, s: &str) -> Shared {
        self.interner.map_or_else(|| Shared::from(s), |i| i.get(s))
    }

    fn text_str<'v>(&mut self, key: &str, v: &'v Value<'_>) -> Option<&'v str> {
        let s = self.str(key, v)?;
        if s.trim().is_empty() {
            self.report(Code::BadValue, start(v), format!("`{key}` 不能为空"), "填写内容,或删除这一行");
            return None;
        }
        Some(s)
    }

    /// `true`/`false` (`Ok`), else a date as [`Reader::date`] reads it (`Err`).
    pub(crate) fn true_or_date(&mut self, key: &str, v: &Value<'_>) -> Result<bool, Option<NaiveDate>> {
        match v.value() {
            V::Boolean(b) => Ok(*b),
            _ => Err(self.date(key, v)),
        }
    }

    /// A local date (`2007-06-30`, no time, no quotes).
    pub(crate) fn date(&mut self, key: &str, v: &Value<'_>) -> Option<NaiveDate> {
        match v.value() {
            V::DateTime(dt) => {
                if let (Some(d), None, None) = (dt.date(), dt.time(), dt.offset()) {
                    let date = dates::from_ymd(i64::from(d.year), u32::from(d.month), u32::from(d.day));
                    if date.is_none() {
                        let shown = self.text_of(v);
                        let why = no_such_day(shown);
                        self.report(
                            Code::BadDate,
                            start(v),
                            format!("`{key}` 的日期 `{shown}` 不存在{why}"),
                            "核对原件,改为真实存在的日期",
                        );
                    }
                    // Years 1900 to 9999 everywhere: a year like 0205 is a
                    // typo no spreadsheet can hold; before 1949, a likely one.
                    if let Some(d) = date {
                        let shown = self.text_of(v).to_owned();
                        if chrono::Datelike::year(&d) < 1900 {
                            self.report(
                                Code::BadDate,
                                start(v),
                                format!("`{key}` 的日期 `{shown}` 早于 1900 年,应是笔误"),
                                "核对原件,改正年份(例如 0205 应为 2005)",
                            );
                            return None;
                        }
                        if chrono::Datelike::year(&d) < 1949 {
                            self.report(
                                Code::EarlyDate,
                                start(v),
                                format!("`{key}` 的日期 `{shown}` 早于 1949 年,请核对是否笔误"),
                                "核对原件;确为当年的日期可以忽略此警告(或在 [check] 中 allow = [\"early-date\"])",
                            );
                        }
                    }
                    date
                } else {
                    let shown = self.text_of(v);
                    self.report(
                        Code::BadDate,
                        start(v),
                        format!("`{key}` 应为日期(年-月-日),实际为 `{shown}`"),
                        "只写日期,例如 2007-06-30,不带时间",
                    );
                    None
                }
            }
            V::String(s) => {
                let hint = match s.trim().parse::<NaiveDate>() {
                    Ok(d) => format!("去掉引号: {key} = {d}"),
                    Err(_) => "日期写作 YYYY-MM-DD,不加引号,例如 2007-06-30".to_owned(),
                };
                self.report(Code::BadDate, start(v), format!("`{key}` 应为日期,实际为字符串 `{s}`"), hint);
                None
            }
            _ => {
                self.wrong_type(key, v, "日期", "日期写作 YYYY-MM-DD,不加引号,例如 2007-06-30");
                None
            }
        }
    }

    /// A boolean.
    pub(crate) fn bool(&mut self, key: &str, v: &Value<'_>) -> Option<bool> {
        if let V::Boolean(b) = v.value() {
            Some(*b)
        } else {
            self.wrong_type(key, v, "布尔值", "写 true 或 false,不加引号");
            None
        }
    }

    /// A non-negative integer that fits in `u32`.
    pub(crate) fn uint(&mut self, key: &str, v: &Value<'_>) -> Option<u32> {
        if let V::Integer(i) = v.value() {
            if let Some(n) = i.as_i64().and_then(|n| u32::try_from(n).ok()) {
                Some(n)
            } else {
                self.report(Code::BadValue, start(v), format!("`{key}` 应为非负整数"), "填写 0 或正整数");
                None
            }
        } else {
            self.wrong_type(key, v, "整数", "填写整数,不加引号");
            None
        }
    }

    /// A word from a closed list, parsed by `parse`.
    pub(crate) fn word<T>(
        &mut self,
        key: &str,
        v: &Value<'_>,
        parse: fn(&str) -> Option<T>,
        allowed: &[&str],
    ) -> Option<T> {
        let s = self.str(key, v)?;
        let found = parse(s.trim());
        if found.is_none() {
            let list = allowed.join("、");
            let hint = match crate::lookup::suggest(s.trim(), allowed) {
                Some(m) => format!("是否应为 `{m}`?可选值: {list}"),
                None => format!("可选值: {list}"),
            };
            self.report(Code::BadValue, start(v), format!("`{key}` 的取值 `{s}` 无效"), hint);
        }
        found
    }

    /// The elements of an array value.
    pub(crate) fn array<'v, 'i>(&mut self, key: &str, v: &'v Value<'i>) -> Option<&'v [Value<'i>]> {
        if let V::Array(a) = v.value() {
            Some(a.as_slice())
        } else {
            self.wrong_type(key, v, "数组", "用方括号,例如 key = [\"甲\", \"乙\"]");
            None
        }
    }

    /// An array of strings; bad elements are reported and skipped.
    pub(crate) fn strings(&mut self, key: &str, v: &Value<'_>) -> Vec<String> {
        let Some(items) = self.array(key, v) else {
            return Vec::new();
        };
        items.iter().filter_map(|item| self.text(key, item)).collect()
    }

    /// [`Reader::strings`] as [`Shared`] texts.
    pub(crate) fn shared_list(&mut self, key: &str, v: &Value<'_>) -> Vec<Shared> {
        let Some(items) = self.array(key, v) else {
            return Vec::new();
        };
        items.iter().filter_map(|item| self.shared(key, item)).collect()
    }

    /// An array of dates; bad elements are reported and skipped.
    pub(crate) fn dates(&mut self, key: &str, v: &Value<'_>) -> Vec<NaiveDate> {
        let Some(items) = self.array(key, v) else {
            return Vec::new();
        };
        items.iter().filter_map(|item| self.date(key, item)).collect()
    }

    /// A table value.
    pub(crate) fn table<'v, 'i>(&mut self, key: &str, v: &'v Value<'i>) -> Option<&'v Table<'i>> {
        if let V::Table(t) = v.value() {
            Some(t)
        } else {
            self.wrong_type(key, v, "表", format!("写成 [{key}] 表"));
            None
        }
    }

    /// An array of tables (`[[key]]`), each with its span start.
    pub(crate) fn tables<'v, 'i>(&mut self, key: &str, v: &'v Value<'i>) -> Vec<(&'v Table<'i>, usize)> {
        let Some(items) = self.array(key, v) else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match item.value() {
                V::Table(t) => out.push((t, start(item))),
                _ => self.wrong_type(key, item, "表", format!("写成 [[{key}]] 表")),
            }
        }
        out
    }

    /// Reads an array of tables with `each`, keeping the tables it accepts.
    pub(crate) fn each_table<'v, 'i, T>(
        &mut self,
        key: &str,
        v: &'v Value<'i>,
        mut each: impl FnMut(&mut Self, &'v Table<'i>, usize) -> Option<T>,
    ) -> Vec<T> {
        let tables = self.tables(key, v);
        tables.into_iter().filter_map(|(t, at)| each(self, t, at)).collect()
    }

    /// Reports an unknown key, suggesting the nearest allowed one.
    pub(crate) fn unknown(&mut self, key: &Key<'_>, allowed: &[&str], context: &str) {
        let name = key.name;
        let hint = match crate::lookup::suggest(name, allowed) {
            Some(m) => format!("是否应为 `{m}`?"),
            None => format!("{context}可用的字段: {}", allowed.join(", ")),
        };
        self.report(Code::UnknownKey, key.span.start as usize, format!("未知字段 `{name}`"), hint);
    }

    /// Reports a missing required key of `table` (empty for the record
    /// itself), at `offset` (the table's start).
    pub(crate) fn missing(&mut self, table: &str, key: &str, offset: usize, example: &str) {
        self.report(Code::MissingKey, offset, format!("{table}缺少必填字段 `{key}`"), format!("添加一行: {example}"));
    }
}

/// Why a date of the right shape does not exist: `(2019年2月没有30日)`, or
/// nothing when the text is not a date at all.
pub(crate) fn no_such_day(text: &str) -> String {
    match dates::parse_loose(text) {
        Err(dates::LooseError::NoSuchDay(why)) => format!("({why})"),
        _ => String::new(),
    }
}
