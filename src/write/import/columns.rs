//! The columns of a clerk's sheet: what each header means (the names
//! clerks use, `--map`, a guess for an unknown header), two columns for one
//! key refused, a cell's own label removed, the decision words.

use unicode_normalization::UnicodeNormalization;

use super::{Options, RowError};
use crate::load::model::Verdict;

/// A column's meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Field {
    Title,
    DocNumber,
    Issuer,
    Issued,
    /// 公布日期 (with only this date column, a sheet's dates are `issued`).
    Promulgated,
    Effective,
    Expires,
    ResponsibleUnit,
    Decision,
    Reason,
    Kind,
    /// 序号: read and dropped.
    Ignore,
}

impl Field {
    /// The record key (`review.decision` for the opinion), as `--map` takes it.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::DocNumber => "doc_number",
            Field::Issuer => "issuer",
            Field::Issued => "issued",
            Field::Promulgated => "promulgated",
            Field::Effective => "effective",
            Field::Expires => "expires",
            Field::ResponsibleUnit => "responsible_unit",
            Field::Decision => "review.decision",
            Field::Reason => "review.reason",
            Field::Kind => "kind",
            Field::Ignore => "ignore",
        }
    }

    /// Every field, for `--map KEY` and the docs.
    pub(crate) const ALL: &'static [Field] = &[
        Field::Title,
        Field::DocNumber,
        Field::Issuer,
        Field::Issued,
        Field::Promulgated,
        Field::Effective,
        Field::Expires,
        Field::ResponsibleUnit,
        Field::Decision,
        Field::Reason,
        Field::Kind,
        Field::Ignore,
    ];

    /// The field `--map 列名=KEY` names (`decision`/`reason` also without `review.`).
    pub(crate) fn from_key(key: &str) -> Option<Field> {
        let key = key.trim();
        let key = key.strip_prefix("review.").unwrap_or(key);
        Field::ALL.iter().copied().find(|f| f.key().trim_start_matches("review.") == key)
    }
}

/// The column names clerks use, by field (docs/import.md lists them).
pub(crate) const COLUMN_NAMES: &[(Field, &[&str])] = &[
    (Field::Title, &["文件名称", "标题", "名称", "文件标题"]),
    (Field::DocNumber, &["文号", "发文字号", "文件编号", "发文号"]),
    (Field::Issuer, &["制定机关", "发文机关", "发布机关", "制发单位", "发文单位", "制定单位"]),
    (Field::Issued, &["成文日期", "印发日期", "签发日期", "发文日期"]),
    (Field::Promulgated, &["发布日期", "公布日期", "发布时间"]),
    (Field::Effective, &["施行日期", "生效日期"]),
    (Field::Expires, &["有效期至", "失效日期", "有效期截止日期"]),
    (Field::ResponsibleUnit, &["责任单位", "承办单位", "起草单位", "清理责任单位"]),
    (Field::Decision, &["清理意见", "清理结果", "处理意见", "审查意见"]),
    (Field::Reason, &["理由", "清理理由", "意见理由"]),
    (Field::Kind, &["类别", "文件类别"]),
    (Field::Ignore, &["序号"]),
];

/// A header cell as compared: NFKC, no white space.
pub(crate) fn header_key(s: &str) -> String {
    s.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// Two columns that map to the same key (by their names or by `--map`):
/// an error naming both and the `--map` that settles it.
pub(super) fn same_key_twice(columns: &[(Option<Field>, String)], place: &str) -> Option<RowError> {
    for (i, (f, a)) in columns.iter().enumerate() {
        let Some(f) = f.filter(|f| *f != Field::Ignore) else { continue };
        if let Some((_, b)) = columns[i + 1..].iter().find(|(g, _)| *g == Some(f)) {
            let (a, b) = (a.trim(), b.trim());
            return Some(RowError {
                place: place.to_owned(),
                column: String::new(),
                value: String::new(),
                message: format!(
                    "「{a}」和「{b}」两列都对应 `{}`,只能保留一个值,未导入\n提示: 用 --map 指明各列的含义,例如 --map {b}=promulgated,或 --map {b}=ignore",
                    f.key()
                ),
            });
        }
    }
    None
}

/// The key an unknown (often English) column name probably means.
pub(super) fn guess_key(name: &str) -> Option<&'static str> {
    let n = name.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| n.contains(w));
    Some(if has(&["title", "name", "标题", "名称"]) {
        "title"
    } else if has(&["issuer", "agency", "organ", "org", "dept", "机关", "单位"]) {
        "issuer"
    } else if has(&["number", "doc no", "docno", "no.", "文号", "字号"]) || n == "no" {
        "doc_number"
    } else if has(&["effective", "施行"]) {
        "effective"
    } else if has(&["expir", "valid", "有效期"]) {
        "expires"
    } else if has(&["publish", "promulgat", "公布"]) {
        "promulgated"
    } else if has(&["date", "iss", "日期", "时间"]) {
        "issued"
    } else if has(&["decision", "opinion", "意见"]) {
        "decision"
    } else if has(&["reason", "理由"]) {
        "reason"
    } else {
        return None;
    })
}

/// A column name as one shell word.
pub(super) fn shell_word(name: &str) -> String {
    if name.chars().all(|c| c.is_alphanumeric() || "_-.".contains(c)) {
        name.to_owned()
    } else {
        format!("'{}'", name.replace('\'', ""))
    }
}

/// The meaning of a header cell.
pub(super) fn field_of(key: &str, opts: &Options) -> Option<Field> {
    if let Some((_, f)) = opts.map.iter().find(|(name, _)| name == key) {
        return Some(*f);
    }
    COLUMN_NAMES.iter().find(|(_, names)| names.iter().any(|n| header_key(n) == key)).map(|(f, _)| *f)
}

/// The decision as clerks write it.
pub(crate) fn decision(s: &str) -> Option<Verdict> {
    let s = header_key(s);
    let s = s.strip_prefix('拟').unwrap_or(&s);
    match s {
        "保留" | "继续有效" | "继续保留" | "有效" => Some(Verdict::Keep),
        "修改" | "修订" | "需修改" => Some(Verdict::Amend),
        "废止" | "予以废止" => Some(Verdict::Repeal),
        "失效" | "宣布失效" | "已失效" => Some(Verdict::Expire),
        _ => None,
    }
}

/// A cell that begins with a field's own label, as scraped pages write
/// them (`发文字号：晋政发〔2023〕9号`, `成文日期:2020年1月5日`): the value,
/// and the label removed.
pub(super) fn without_label(text: &str) -> (String, Option<String>) {
    let trimmed = text.trim();
    for (_, names) in COLUMN_NAMES {
        for name in *names {
            if let Some(rest) = trimmed.strip_prefix(name)
                && let Some(value) = rest.trim_start().strip_prefix([':', '：'])
                && !value.trim().is_empty()
            {
                return (value.trim().to_owned(), Some((*name).to_owned()));
            }
        }
    }
    (text.to_owned(), None)
}
