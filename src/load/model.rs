//! The typed register model: documents, laws, policy, campaign, calendars.
//!
//! Pure data with the spec's defaults already applied (see
//! `docs/spec/REGISTER.md`). Built by `parse`, read by everything else.
//! Holds the source positions later checks need, never file handles.

use chrono::NaiveDate;

use crate::load::intern::Shared;
use crate::pos::Pos;

/// Implements `Display` and `Serialize` for a type with an `as_str` method,
/// so words shown to clerks and written to JSON come from one place.
macro_rules! as_str_impls {
    ($name:ty) => {
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}
pub(crate) use as_str_impls;

macro_rules! word_enum {
    ($(#[$m:meta])* $name:ident { $( $variant:ident = $text:literal ),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub(crate) enum $name { $( $variant, )* }

        impl $name {
            /// Every value, in declaration order.
            #[cfg(test)]
            #[allow(dead_code, reason = "tests use the lists of some enums only")]
            pub(crate) const ALL: &'static [$name] = &[ $( $name::$variant, )* ];

            /// Every word as written in a register, in declaration order.
            pub(crate) const NAMES: &'static [&'static str] = &[ $( $text, )* ];

            /// The word as written in a register.
            pub(crate) fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $text, )* }
            }

            /// Parses the word as written in a register.
            pub(crate) fn parse(s: &str) -> Option<Self> {
                match s { $( $text => Some($name::$variant), )* _ => None }
            }
        }

        as_str_impls!($name);
    };
}

word_enum! {
    /// A cleanup verdict (清理意见). Ordered by strength: 保留 < 修改 < 失效 < 废止.
    Verdict { Keep = "保留", Amend = "修改", Expire = "失效", Repeal = "废止" }
}

word_enum! {
    /// 公开属性.
    Disclosure { Active = "主动公开", OnRequest = "依申请公开", Withheld = "不予公开" }
}

word_enum! {
    /// Type of a review finding.
    FindingType { Conflict = "上位法抵触", Ultra = "越权设定", Inconsistent = "与上级文件不一致", Other = "其他" }
}

word_enum! {
    /// Scope of a finding: the main content, or individual clauses.
    FindingScope { Main = "main", Partial = "partial" }
}

word_enum! {
    /// Type of a management event.
    EventType {
        Cleanup = "清理", Evaluation = "评估", Amendment = "修改", Filing = "备案",
        Publication = "公开", Republication = "重新公布", Comparison = "对照审查",
        Repeal = "废止", Expiry = "失效",
    }
}

word_enum! {
    /// A date key of `[review]`, used by campaign phases.
    ReviewDate { Decided = "decided", Approved = "approved", Published = "published", Revised = "revised" }
}

word_enum! {
    /// Level of a superior law.
    LawLevel {
        Constitution = "宪法", Law = "法律", Regulation = "行政法规", Supervisory = "监察法规",
        LocalRegulation = "地方性法规", Rule = "规章", Judicial = "司法解释", Normative = "规范性文件",
    }
}

/// A short list kept as a boxed slice: 16 bytes instead of a `Vec`'s 24.
/// A record holds four, and a province register a million records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct List<T>(Box<[T]>);

impl<T> Default for List<T> {
    fn default() -> Self {
        List(Box::default())
    }
}

impl<T> std::ops::Deref for List<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<T> std::ops::DerefMut for List<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        &mut self.0
    }
}

impl<T> FromIterator<T> for List<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        List(iter.into_iter().collect())
    }
}

impl<T> From<Vec<T>> for List<T> {
    fn from(v: Vec<T>) -> Self {
        List(v.into_boxed_slice())
    }
}

impl<'a, T> IntoIterator for &'a List<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
impl<T: Clone> List<T> {
    /// Appends (tests build records step by step).
    pub(crate) fn push(&mut self, item: T) {
        let mut v = self.0.to_vec();
        v.push(item);
        self.0 = v.into_boxed_slice();
    }
}

/// A review finding (`[[finding]]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    pub kind: FindingType,
    /// Required for 上位法抵触 and 越权设定 (the rules read it), optional otherwise.
    pub scope: Option<FindingScope>,
    pub law: Option<Shared>,
    pub articles: Option<String>,
    pub note: Option<String>,
    pub pos: Pos,
    pub law_pos: Pos,
}

impl ReviewDate {
    /// The Chinese label of the date key.
    pub(crate) fn label(self) -> &'static str {
        match self {
            ReviewDate::Decided => "意见提出日期",
            ReviewDate::Approved => "审批日期",
            ReviewDate::Published => "公布日期",
            ReviewDate::Revised => "修改完成日期",
        }
    }
}

/// A management event (`[[event]]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Event {
    pub date: NaiveDate,
    pub kind: EventType,
    pub law: Option<Shared>,
    pub note: Option<String>,
    pub pos: Pos,
}

/// This campaign's cleanup opinion (`[review]`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Review {
    pub decision: Option<Verdict>,
    /// Shared: stock reasons (经审查保留) recur across records.
    pub reason: Option<Shared>,
    pub reviewer: Option<Shared>,
    pub decided: Option<NaiveDate>,
    pub approved: Option<NaiveDate>,
    pub published: Option<NaiveDate>,
    pub revised: Option<NaiveDate>,
    pub override_reason: Option<Box<str>>,
    pub decision_pos: Pos,
}

impl Review {
    /// The value of one of the phase date keys.
    pub(crate) fn date(&self, key: ReviewDate) -> Option<NaiveDate> {
        match key {
            ReviewDate::Decided => self.decided,
            ReviewDate::Approved => self.approved,
            ReviewDate::Published => self.published,
            ReviewDate::Revised => self.revised,
        }
    }
}

/// Positions of the document keys that register-wide checks point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct DocPositions {
    pub doc_number: Pos,
    pub superseded_by: Pos,
    pub basis: Pos,
}

/// One normative document (规范性文件), with defaults applied.
///
/// Kept compact, since a province register holds a million of them: text
/// that records repeat (issuers, units, kinds, cited laws) is [`Shared`],
/// text of this record alone is a `Box<str>`, and the id is read off the
/// path rather than stored twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Document {
    /// Path relative to the register root, `/`-separated; the file stem is the id.
    pub path: Box<str>,
    pub title: Box<str>,
    pub issuer: Shared,
    pub issued: NaiveDate,
    /// 公布日期, when it differs from `issued` (see [`Document::promulgated`]).
    pub promulgated: Option<NaiveDate>,
    pub doc_number: Option<Box<str>>,
    pub kind: Shared,
    pub co_issuers: List<Shared>,
    pub lead_unit: Shared,
    pub responsible_unit: Shared,
    pub effective: NaiveDate,
    pub expires: Option<NaiveDate>,
    pub provisional: bool,
    pub subject: Option<Box<str>>,
    pub subject_gone: Option<NaiveDate>,
    pub applies_until: Option<NaiveDate>,
    pub basis: List<Shared>,
    pub superseded_by: Option<Box<str>>,
    pub disclosure: Option<Disclosure>,
    pub disclosure_reason: Option<Box<str>>,
    pub disclosed: Option<NaiveDate>,
    pub filed: Option<NaiveDate>,
    pub findings: List<Finding>,
    pub events: List<Event>,
    pub review: Option<Review>,
    pub pos: DocPositions,
}

/// What names one document, to tell whether a file still holds the record
/// that was loaded (an in-place edit writes only into that record).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Identity {
    pub title: Box<str>,
    pub issuer: Box<str>,
    pub issued: NaiveDate,
    pub doc_number: Option<Box<str>>,
}

/// The id a record at `path` has: its file stem.
pub(crate) fn id_of(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".toml").unwrap_or(name)
}

impl Document {
    /// 公布日期: `promulgated`, else `issued`.
    pub(crate) fn promulgated(&self) -> NaiveDate {
        self.promulgated.unwrap_or(self.issued)
    }

    /// What names this document ([`Identity`]).
    pub(crate) fn identity(&self) -> Identity {
        Identity {
            title: self.title.clone(),
            issuer: (*self.issuer).into(),
            issued: self.issued,
            doc_number: self.doc_number.clone(),
        }
    }

    /// The id: the file stem.
    pub(crate) fn id(&self) -> &str {
        id_of(&self.path)
    }

    /// 制定机关 as catalogues list it: the issuer and any other co-issuers,
    /// joined with `、`.
    pub(crate) fn issuers(&self) -> std::borrow::Cow<'_, str> {
        if self.co_issuers.iter().all(|c| *c == self.issuer) {
            return std::borrow::Cow::Borrowed(&self.issuer);
        }
        let mut all = vec![&*self.issuer];
        all.extend(self.co_issuers.iter().map(|c| &**c).filter(|c| **c != *self.issuer));
        std::borrow::Cow::Owned(all.join("、"))
    }

    /// The 文号 in GB/T 9704 form (borrowed when already so), or empty.
    pub(crate) fn shown_doc_number(&self) -> std::borrow::Cow<'_, str> {
        match self.doc_number.as_deref() {
            Some(n) if crate::docnum::is_standard(n) => std::borrow::Cow::Borrowed(n),
            Some(n) => std::borrow::Cow::Owned(crate::docnum::normalize(n)),
            None => std::borrow::Cow::Borrowed(""),
        }
    }

    /// The recorded decision, if any.
    pub(crate) fn decision(&self) -> Option<Verdict> {
        self.review.as_ref().and_then(|r| r.decision)
    }

    /// The ordering of every report: `issued`, then `doc_number`, then `id`
    /// (then the path, which no two records share, so the order is total).
    /// Each key is read only when the ones before it tie (sorting a
    /// million records compares twenty million pairs).
    pub(crate) fn report_order(&self, other: &Document) -> std::cmp::Ordering {
        self.issued
            .cmp(&other.issued)
            .then_with(|| self.doc_number.as_deref().unwrap_or("").cmp(other.doc_number.as_deref().unwrap_or("")))
            .then_with(|| self.id().cmp(other.id()))
            .then_with(|| self.path.cmp(&other.path))
    }
}

/// A superior law (`[[law]]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Law {
    pub name: String,
    pub full_name: Option<String>,
    pub aliases: Vec<String>,
    pub level: Option<LawLevel>,
    pub promulgated: Option<NaiveDate>,
    pub effective: Option<NaiveDate>,
    pub repealed: Option<NaiveDate>,
    /// `repealed = true`: repealed, date unknown (common in public law
    /// databases) — repealed on every as-of date.
    pub repealed_undated: bool,
    pub replaced_by: Option<String>,
    pub revised: Vec<NaiveDate>,
    pub file: String,
    pub pos: Pos,
}

impl Law {
    /// Whether the law is repealed on `as_of`.
    pub(crate) fn repealed_on(&self, as_of: NaiveDate) -> bool {
        self.repealed_undated || self.repealed.is_some_and(|r| r <= as_of)
    }

    /// When it was repealed, as a clerk reads it: `2021-01-01`, or `日期不详`.
    pub(crate) fn repealed_text(&self) -> String {
        self.repealed.map_or_else(|| "日期不详".to_owned(), |d| d.to_string())
    }
}

/// Policy parameters (`[policy]`), with the spec's defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Policy {
    pub validity_max_years: u32,
    pub provisional_max_years: u32,
    pub default_validity_years: u32,
    pub evaluate_before_expiry_months: u32,
    pub cleanup_interval_years: u32,
    pub filing_days: u32,
    pub disclosure_working_days: u32,
    pub revision_days: u32,
    /// D8: days to review a document after a cited law changes (0 = off).
    pub law_change_review_days: u32,
    pub extend_to_workday: bool,
    /// Items due before this date stay out of `deadlines --fail-on` and
    /// the default view (a register with history; `init` sets it).
    pub deadlines_from: Option<NaiveDate>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            validity_max_years: 5,
            provisional_max_years: 2,
            default_validity_years: 0,
            evaluate_before_expiry_months: 6,
            cleanup_interval_years: 2,
            filing_days: 30,
            disclosure_working_days: 20,
            revision_days: 90,
            law_change_review_days: 90,
            extend_to_workday: true,
            deadlines_from: None,
        }
    }
}

/// A scope window of the campaign (`[[campaign.scope]]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ScopeWindow {
    pub kinds: Vec<String>,
    pub series: Vec<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// A focus law of the campaign (`[[campaign.focus]]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Focus {
    pub law: String,
    pub keywords: Vec<String>,
}

/// When a phase is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PhaseDue {
    /// A fixed date.
    Absolute(NaiveDate),
    /// N calendar days after a `[review]` date.
    After { key: ReviewDate, days: u32 },
}

/// A phase of the campaign (`[[campaign.phase]]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Phase {
    pub name: String,
    pub due: PhaseDue,
    pub requires: ReviewDate,
    /// The 清理意见 the phase concerns (empty: every document of the
    /// campaign), e.g. 公布保留目录 only 保留 and 修改.
    pub verdicts: Vec<Verdict>,
}

/// The current cleanup campaign (`[campaign]`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Campaign {
    pub name: Option<String>,
    pub as_of: Option<NaiveDate>,
    pub made_before: Option<NaiveDate>,
    pub scope: Vec<ScopeWindow>,
    pub focus: Vec<Focus>,
    pub phases: Vec<Phase>,
}

/// The cleanup notice's settings (`[notice]`): each unset field takes a
/// default when the notice is written (`judge::notice`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct NoticeConfig {
    /// 发文机关.
    pub issuer: Option<String>,
    /// 发文字号, canonical form.
    pub doc_number: Option<String>,
    /// 主送机关.
    pub recipients: Option<String>,
    /// 标题.
    pub title: Option<String>,
    /// The 依据 clause (`根据……规定`).
    pub basis: Option<String>,
    /// 成文日期.
    pub date: Option<NaiveDate>,
    /// 公开方式 (附注), e.g. 此件公开发布.
    pub disclosure: Option<String>,
    /// 发文机关标志 (版头), e.g. 某某县人民政府文件: the red header is
    /// printed only when it is set.
    pub issuer_mark: Option<String>,
    /// 抄送机关 (版记).
    pub cc: Option<String>,
    /// 印发机关 (版记).
    pub printer: Option<String>,
    /// 印发日期 (版记).
    pub print_date: Option<NaiveDate>,
}

/// `qingli.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Config {
    pub name: Option<String>,
    /// `[notice]`: the 清理结果通知 written by `catalog --docx`.
    pub notice: NoticeConfig,
    /// `[check]`: severity overrides for `qingli check`.
    pub check: crate::diag::Levels,
    pub policy: Policy,
    pub campaign: Option<Campaign>,
    /// `[site]`: what the public website shows.
    pub site: SiteConfig,
}

/// `[site]`: settings of `qingli site`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SiteConfig {
    /// Publish the rules' explanations (rule ids, review points) on
    /// document pages. Off by default: they are working notes.
    pub show_rules: bool,
}

/// One year of a working-day calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CalendarYear {
    pub year: i32,
    pub holidays: Vec<NaiveDate>,
    pub workdays: Vec<NaiveDate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A province register holds a million documents: every byte added to
    /// a record is a megabyte of peak memory (the 1 GB bound of `review`).
    /// Raise the limit only knowingly, with the benchmark's 1M run.
    #[test]
    fn a_document_stays_compact() {
        // 368 since `promulgated` (公布日期, wave 3): 8 MB more at a million.
        assert!(size_of::<Document>() <= 368, "Document is {} bytes", size_of::<Document>());
        assert!(size_of::<Option<Review>>() <= 80, "Review is {} bytes", size_of::<Option<Review>>());
    }

    #[test]
    fn the_id_is_the_file_stem() {
        assert_eq!(id_of("documents/2007/永政发〔2007〕58号.toml"), "永政发〔2007〕58号");
        assert_eq!(id_of("a.toml"), "a");
        assert_eq!(id_of("documents/x"), "x");
    }
}
