//! Planning an import: from a clerk's spreadsheet rows to the records to
//! create or update, every row validated before anything is written.
//!
//! Finds the header row as a person would (the first of the first 20 rows
//! whose cells are known column names, compared without spaces and
//! full-/half-width differences), skips blank and footnote rows, reads
//! dates as clerks write them, normalises 文号, matches rows to existing
//! records (by 文号, else title + issue date) and, with `--update`, fills
//! what a record lacks with `toml_edit` (comments and order kept) — a value
//! that contradicts the record is an error, never an overwrite. Pure: the
//! command reads the files and writes the plan. What a header or a cell
//! means lives in [`columns`].

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;

use crate::dates::{self, LooseError};
use crate::docnum;
use crate::load::register::Register;
use crate::sheet::{Cell, Row, Sheet};
use crate::write::record::{self, Fields};

mod columns;

pub(crate) use columns::{Field, decision, header_key};
use columns::{field_of, guess_key, same_key_twice, shell_word, without_label};

/// Options from the command line.
#[derive(Debug, Clone, Default)]
pub(crate) struct Options {
    /// `--issuer`: used when the column is absent or the cell blank.
    pub issuer: Option<String>,
    /// `--map 列名=KEY`, header keys already normalised.
    pub map: Vec<(String, Field)>,
    /// `--dir`: a sub-folder of `documents/` (already made safe), with a trailing `/`, or empty.
    pub dir: String,
    pub update: bool,
}

/// Where a sheet comes from, for row references.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    /// The file as shown.
    pub file: String,
    pub sheet: Option<String>,
    /// The workbook has several sheets: references name the sheet.
    pub name_sheet: bool,
}

impl Source {
    /// `FILE:ROW`, or `FILE:SHEET:ROW` for a workbook with several sheets.
    pub(crate) fn place(&self, row: u32) -> String {
        match (&self.sheet, self.name_sheet) {
            (Some(s), true) => format!("{}:{s}:{row}", self.file),
            _ => format!("{}:{row}", self.file),
        }
    }

    fn whole(&self) -> String {
        match &self.sheet {
            Some(s) => format!("{}:{s}", self.file),
            None => self.file.clone(),
        }
    }
}

/// A row (or a sheet) that cannot be imported, and what to do.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct RowError {
    pub place: String,
    pub column: String,
    pub value: String,
    pub message: String,
}

/// A row left out on purpose (blank, footnote, repeated header), or a sheet without a table.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Skipped {
    pub place: String,
    pub reason: String,
}

/// A record to create.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Create {
    pub place: String,
    pub id: String,
    /// Path relative to the register.
    pub file: String,
    #[serde(skip)]
    pub text: String,
}

/// A record to update in place (`--update`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Update {
    pub place: String,
    pub id: String,
    pub file: String,
    /// The keys filled in.
    pub filled: Vec<String>,
    #[serde(skip)]
    pub original: Vec<u8>,
    #[serde(skip)]
    pub text: String,
}

/// A row whose record is already in the register.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Present {
    pub place: String,
    pub id: String,
    pub file: String,
}

/// Everything an import would do.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Plan {
    pub created: Vec<Create>,
    pub updated: Vec<Update>,
    pub present: Vec<Present>,
    pub skipped: Vec<Skipped>,
    /// Header cells that match no field: their values are kept as comments.
    pub unmapped: Vec<String>,
    /// Cells that began with their own field's label (`发文字号：晋政发〔2023〕9号`):
    /// the label was removed.
    pub labels_removed: Vec<Skipped>,
    pub errors: Vec<RowError>,
}

/// One row read into fields, before matching.
struct Parsed {
    place: String,
    /// Labels removed from the row's cells (`发文字号：`).
    labels: Vec<String>,
    fields: Fields,
    /// Which fields the row gave (so `--update` fills only those).
    given: HashSet<Field>,
    /// A row of an opinion sheet (`--update`): it lacks 制定机关 or 发布日期
    /// and can only name a registered document, by 文号 or exact title.
    partial: bool,
}

/// How a record in the register is found.
struct Index<'r> {
    reg: &'r Register,
    by_title: HashMap<(&'r str, NaiveDate), usize>,
}

impl<'r> Index<'r> {
    fn new(reg: &'r Register) -> Self {
        let by_title = reg.documents.iter().enumerate().map(|(i, d)| ((&*d.title, d.issued), i)).collect();
        Index { reg, by_title }
    }

    fn find(&self, f: &Fields) -> Option<usize> {
        match &f.doc_number {
            Some(n) => self.reg.by_number(n).first().copied(),
            None => self.by_title.get(&(f.title.as_str(), f.issued)).copied(),
        }
    }

    /// A partial row's record: by 文号, else the one record with exactly this title.
    fn find_partial(&self, f: &Fields) -> Option<usize> {
        if let Some(n) = &f.doc_number {
            return self.reg.by_number(n).first().copied();
        }
        let mut same = self.reg.documents.iter().enumerate().filter(|(_, d)| *d.title == *f.title);
        match (same.next(), same.next()) {
            (Some((i, _)), None) => Some(i),
            _ => None,
        }
    }
}

/// The key under which two rows are the same document.
fn identity(f: &Fields) -> String {
    match &f.doc_number {
        Some(n) => format!("文号 {}", docnum::key(n)),
        None => format!("{} {}", f.title, f.issued),
    }
}

/// What planning may ask of the register beyond its loaded records.
pub(crate) struct Lookups<'a> {
    /// A record file's bytes, by register path (for `--update`).
    pub read: &'a dyn Fn(&str) -> Option<Vec<u8>>,
    /// Whether a register path is taken.
    pub exists: &'a dyn Fn(&str) -> bool,
    /// Whether the record at a register path has an error (the gate's
    /// findings): such a record is never updated.
    pub flawed: &'a dyn Fn(&str) -> bool,
}

/// Plans the import of `sheets` into `reg`.
pub(crate) fn plan(reg: &Register, sheets: &[(Source, &Sheet)], opts: &Options, look: &Lookups<'_>) -> Plan {
    let mut plan = Plan::default();
    let mut unmapped = BTreeSet::new();
    let mut rows: Vec<Parsed> = Vec::new();
    let mut any_header = false;
    for (source, sheet) in sheets {
        let Some(header_at) = header_row(sheet, opts) else {
            plan.skipped.push(Skipped {
                place: source.whole(),
                reason: "没有找到表头(前 20 行中没有“文件名称”“文号”等列名),整张表未导入".to_owned(),
            });
            continue;
        };
        any_header = true;
        let header = &sheet.rows[header_at];
        let mut columns: Vec<(Option<Field>, String)> = header
            .cells
            .iter()
            .map(|c| {
                let name = c.text();
                (field_of(&header_key(&name), opts), name)
            })
            .collect();
        // One date column, whatever its name: the document's date (`issued`).
        let published = columns.iter().filter(|(f, _)| *f == Some(Field::Promulgated)).count();
        if published == 1 && !columns.iter().any(|(f, _)| *f == Some(Field::Issued)) {
            for (f, _) in &mut columns {
                if *f == Some(Field::Promulgated) {
                    *f = Some(Field::Issued);
                }
            }
        }
        // Two columns for one key would lose one of them: refused.
        if let Some(e) = same_key_twice(&columns, &source.whole()) {
            plan.errors.push(e);
            continue;
        }
        for (f, name) in &columns {
            if f.is_none() && !name.trim().is_empty() {
                unmapped.insert(name.trim().to_owned());
            }
        }
        for row in &sheet.rows[header_at + 1..] {
            let place = source.place(row.number);
            if row.cells.iter().all(Cell::is_empty) {
                continue;
            }
            if let Some(reason) = not_data(row, &columns) {
                plan.skipped.push(Skipped { place, reason });
                continue;
            }
            match parse_row(row, &columns, opts, &place) {
                Ok(p) => {
                    for label in &p.labels {
                        plan.labels_removed.push(Skipped { place: p.place.clone(), reason: label.clone() });
                    }
                    rows.push(p);
                }
                Err(mut e) => plan.errors.append(&mut e),
            }
        }
    }
    if !any_header {
        for (source, sheet) in sheets {
            let mut message = "找不到表头:前 20 行中没有一行含有“文件名称”及“文号”“发布日期”等列名".to_owned();
            if let Some(row) =
                sheet.rows.iter().take(20).find(|r| r.cells.iter().filter(|c| !c.is_empty()).count() >= 2)
            {
                let seen: Vec<String> = row.cells.iter().map(Cell::text).filter(|t| !t.is_empty()).collect();
                message.push_str(&format!("。第 {} 行的列为:{}", row.number, seen.join("、")));
                let maps: Vec<String> = seen
                    .iter()
                    .filter_map(|name| guess_key(name).map(|key| format!("--map {}={key}", shell_word(name))))
                    .collect();
                if !maps.is_empty() {
                    message.push_str(&format!("\n提示: 若这一行就是表头,可以这样指明各列:{}", maps.join(" ")));
                }
            }
            plan.errors.push(RowError { place: source.whole(), column: String::new(), value: String::new(), message });
        }
        plan.skipped.clear();
    }
    plan.unmapped = unmapped.into_iter().collect();
    assign(reg, rows, opts, look, &mut plan);
    plan
}

/// The index of the header row: the first of the first 20 rows with a
/// title column and at least one more known column.
fn header_row(sheet: &Sheet, opts: &Options) -> Option<usize> {
    sheet.rows.iter().take(20).position(|row| {
        let fields: Vec<Field> = row.cells.iter().filter_map(|c| field_of(&header_key(&c.text()), opts)).collect();
        fields.contains(&Field::Title) && fields.len() >= 2
    })
}

/// How footnote and total rows begin.
const NOTES: &[&str] = &["注", "备注:", "说明", "合计", "小计", "总计", "共计", "制表", "填表", "审核人"];

/// Why a row is not a document: a footnote (注:…, 合计…), a row with one
/// filled cell (a section title), or the header repeated (a printed page).
fn not_data(row: &Row, columns: &[(Option<Field>, String)]) -> Option<String> {
    let filled: Vec<String> = row.cells.iter().filter(|c| !c.is_empty()).map(Cell::text).collect();
    let first = filled.first()?;
    let first = header_key(first);
    // A row titled 注…/说明…/合计… that carries a 文号, or a date and an
    // issuer, is a document (说明书, 注册登记办法 …), 序号 or not.
    let has = |want: &[Field]| {
        columns.iter().zip(&row.cells).any(|((f, _), c)| f.is_some_and(|f| want.contains(&f)) && !c.is_empty())
    };
    let document = has(&[Field::DocNumber]) || (has(&[Field::Issued, Field::Promulgated]) && has(&[Field::Issuer]));
    if NOTES.iter().any(|n| first.starts_with(n)) && !document {
        return Some(format!("注释或合计行(“{}”)", truncate(&filled[0], 20)));
    }
    if filled.len() == 1 {
        return Some(format!("只有一个单元格有内容(“{}”),视为标题或说明", truncate(&filled[0], 20)));
    }
    // The header again (a sheet printed and pasted page by page).
    let repeated = row
        .cells
        .iter()
        .zip(columns)
        .filter(|(c, _)| !c.is_empty())
        .all(|(c, (_, name))| header_key(&c.text()) == header_key(name));
    (repeated && filled.len() >= 2).then(|| "重复的表头行".to_owned())
}

fn truncate(s: &str, n: usize) -> String {
    let t: String = s.chars().take(n).collect();
    if t.len() < s.len() { format!("{t}…") } else { t }
}

fn date_error(place: &str, column: &str, value: &str, e: &LooseError) -> RowError {
    let message = match e {
        LooseError::Form => {
            "不是日期;可写作 2005-03-10、2005/3/10、2005.3.10、2005年3月10日、二〇〇五年三月十日 或 20050310".to_owned()
        }
        LooseError::NoSuchDay(why) => format!("日期不存在({why});核对原件后改正,qingli 不会替你猜"),
    };
    RowError { place: place.to_owned(), column: column.to_owned(), value: value.to_owned(), message }
}

fn date_of(cell: &Cell) -> Result<Option<NaiveDate>, LooseError> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(d) => Ok(Some(*d)),
        Cell::BadSerial(n) => {
            Err(LooseError::NoSuchDay(format!("Excel 日期序号 {n} 不在 1900-03-01 至 9999-12-31 之间")))
        }
        other => {
            let text = other.text();
            if text.is_empty() { Ok(None) } else { dates::parse_loose(&text).map(Some) }
        }
    }
}

/// One row into fields, or every error in it.
fn parse_row(
    row: &Row,
    columns: &[(Option<Field>, String)],
    opts: &Options,
    place: &str,
) -> Result<Parsed, Vec<RowError>> {
    let mut errors = Vec::new();
    let mut f = Fields::default();
    let mut given = HashSet::new();
    let (mut title, mut issuer, mut issued) = (None, None, None);
    let mut labels = Vec::new();
    for (i, (field, name)) in columns.iter().enumerate() {
        let cell = row.cells.get(i).unwrap_or(&Cell::Empty);
        let (text, label) = without_label(&cell.text());
        let stripped;
        let cell = match label {
            Some(l) => {
                labels.push(l);
                stripped = Cell::Text(text.clone());
                &stripped
            }
            None => cell,
        };
        let Some(field) = field else {
            if !text.is_empty() && !name.trim().is_empty() {
                f.notes.push(format!("{}: {text}", name.trim()));
            }
            continue;
        };
        if cell.is_empty() {
            continue;
        }
        let err = |message: &str| RowError {
            place: place.to_owned(),
            column: name.trim().to_owned(),
            value: text.clone(),
            message: message.to_owned(),
        };
        given.insert(*field);
        match field {
            Field::Title => title = Some(text.clone()),
            Field::Issuer => issuer = Some(text.clone()),
            Field::DocNumber => f.doc_number = Some(docnum::normalize(&text)).filter(|n| !n.is_empty()),
            Field::Kind => f.kind = Some(text.clone()),
            Field::ResponsibleUnit => f.responsible_unit = Some(text.clone()),
            Field::Reason => f.reason = Some(text.clone()),
            Field::Ignore => {}
            Field::Decision => match decision(&text) {
                Some(v) => f.decision = Some(v),
                None => errors.push(err("不是清理意见;应为 保留、修改、废止、失效(也认 继续有效、修订、宣布失效)")),
            },
            Field::Issued | Field::Effective | Field::Promulgated => match date_of(cell) {
                Ok(d) if *field == Field::Issued => issued = d,
                Ok(d) if *field == Field::Promulgated => f.promulgated = d,
                Ok(d) => f.effective = d,
                Err(e) => errors.push(date_error(place, name.trim(), &text, &e)),
            },
            Field::Expires => {
                if ["长期", "无", "空", "永久", "长期有效", "—", "-", "/"].contains(&header_key(&text).as_str())
                {
                    given.remove(field);
                } else {
                    match date_of(cell) {
                        Ok(d) => f.expires = d,
                        Err(e) => errors.push(date_error(place, name.trim(), &text, &e)),
                    }
                }
            }
        }
    }
    if issuer.is_none() {
        issuer.clone_from(&opts.issuer);
    }
    let missing = |what: &str, hint: &str| RowError {
        place: place.to_owned(),
        column: what.to_owned(),
        value: String::new(),
        message: format!("缺少{what};{hint}"),
    };
    // With --update, a row that names a registered document (an opinion
    // sheet: 文号 | 文件名称 | 清理意见 | 理由) needs only what matches it.
    let partial = opts.update && (issuer.is_none() || issued.is_none()) && (f.doc_number.is_some() || title.is_some());
    if title.is_none() && !(partial && f.doc_number.is_some()) {
        errors.push(missing("文件名称", "每一行都须有文件名称"));
    }
    if issuer.is_none() && !partial {
        errors.push(missing("制定机关", "在表中填写,或用 --issuer 指定(整张表相同时)"));
    }
    if issued.is_none() && !partial && !errors.iter().any(|e| e.column.contains("日期")) {
        errors.push(missing("发布日期", "每一行都须有发布日期(成文日期、印发日期等列也可)"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    f.title = title.unwrap_or_default();
    f.issuer = issuer.unwrap_or_default();
    f.issued = issued.unwrap_or_default();
    if f.kind.is_none()
        && let Some(n) = &f.doc_number
        && n.contains("令第")
        && n.ends_with('号')
    {
        f.kind = Some("政府令".to_owned());
    }
    Ok(Parsed { place: place.to_owned(), labels, fields: f, given, partial })
}

/// Matches rows to records and decides what to create, update or leave.
fn assign(reg: &Register, rows: Vec<Parsed>, opts: &Options, look: &Lookups<'_>, plan: &mut Plan) {
    let index = Index::new(reg);
    let mut seen: HashMap<String, (String, Fields)> = HashMap::new();
    let mut taken: HashSet<String> = reg.documents.iter().map(|d| d.id().to_owned()).collect();
    taken.extend(reg.excluded.iter().map(|e| e.id.clone()));
    for row in rows {
        let key = identity(&row.fields);
        if let Some((first, earlier)) = seen.get(&key) {
            // The same document listed twice (e.g. in two annex sheets).
            match conflict(earlier, &row.fields) {
                None => plan.skipped.push(Skipped { place: row.place, reason: format!("与 {first} 是同一文件") }),
                Some((column, a, b)) => plan.errors.push(RowError {
                    place: row.place,
                    column: column.to_owned(),
                    value: b,
                    message: format!("与 {first} 是同一文件,但{column}不同(那里是「{a}」);核对后只保留一种写法"),
                }),
            }
            continue;
        }
        seen.insert(key, (row.place.clone(), row.fields.clone()));
        // A record that has errors in the register is matched by what can be read of it.
        if let Some(e) = reg.excluded.iter().find(|e| {
            e.doc_number
                .as_deref()
                .zip(row.fields.doc_number.as_deref())
                .is_some_and(|(a, b)| docnum::key(a) == docnum::key(b))
        }) {
            plan.errors.push(RowError {
                place: row.place,
                column: "文号".to_owned(),
                value: row.fields.doc_number.clone().unwrap_or_default(),
                message: format!("登记簿中的 {} 是这件文件,但它有错误、未能读取;先用 qingli check 改正它", e.file),
            });
            continue;
        }
        let found = if row.partial { index.find_partial(&row.fields) } else { index.find(&row.fields) };
        if row.partial && found.is_none() {
            plan.errors.push(RowError {
                place: row.place,
                column: String::new(),
                value: row.fields.doc_number.clone().unwrap_or_else(|| row.fields.title.clone()),
                message: "与登记簿中的任何文件都对不上(按文号,没有文号时按完全相同的标题);这一行没有制定机关、发布日期,不能新建记录".to_owned(),
            });
            continue;
        }
        if let Some(i) = found {
            let doc = &reg.documents[i];
            let present = Present { place: row.place.clone(), id: doc.id().to_owned(), file: doc.path.to_string() };
            if !opts.update {
                plan.present.push(present);
                continue;
            }
            if (look.flawed)(&doc.path) {
                plan.errors.push(RowError {
                    place: row.place,
                    column: String::new(),
                    value: String::new(),
                    message: format!("登记簿中的 {} 是这件文件,但它有错误,不能补填;先用 qingli check 改正它", doc.path),
                });
                continue;
            }
            match update(&doc.path, &row, look.read) {
                Ok(None) => plan.present.push(present),
                Ok(Some((original, text, filled))) => plan.updated.push(Update {
                    place: row.place,
                    id: doc.id().to_owned(),
                    file: doc.path.to_string(),
                    filled,
                    original,
                    text,
                }),
                Err(mut e) => plan.errors.append(&mut e),
            }
        } else {
            let base = record::safe_id(row.fields.doc_number.as_deref().unwrap_or(&row.fields.title));
            // A record that could not be read (saved as GBK, broken) with
            // this row's id is this document: never a duplicate beside it.
            if let Some(e) = reg.excluded.iter().find(|e| e.id == base) {
                plan.errors.push(RowError {
                    place: row.place,
                    column: String::new(),
                    value: base.clone(),
                    message: format!("登记簿中的 {} 应是这件文件,但它未能读取;先用 qingli check 改正它,再导入", e.file),
                });
                continue;
            }
            let mut id = base.clone();
            let mut n = 2;
            while taken.contains(&id) || (look.exists)(&format!("documents/{}{id}.toml", opts.dir)) {
                id = format!("{base}-{n}");
                n += 1;
            }
            taken.insert(id.clone());
            let text = record::render(&row.fields);
            plan.created.push(Create { place: row.place, file: format!("documents/{}{id}.toml", opts.dir), id, text });
        }
    }
}

/// The first field two rows of the same document disagree on.
fn conflict(a: &Fields, b: &Fields) -> Option<(&'static str, String, String)> {
    let pairs: [(&'static str, Option<String>, Option<String>); 5] = [
        ("文件名称", Some(a.title.clone()), Some(b.title.clone())),
        ("制定机关", Some(a.issuer.clone()), Some(b.issuer.clone())),
        ("发布日期", Some(a.issued.to_string()), Some(b.issued.to_string())),
        ("清理意见", a.decision.map(|v| v.to_string()), b.decision.map(|v| v.to_string())),
        ("有效期至", a.expires.map(|d| d.to_string()), b.expires.map(|d| d.to_string())),
    ];
    pairs.into_iter().find_map(|(name, x, y)| match (x, y) {
        (Some(x), Some(y)) if x != y => Some((name, x, y)),
        _ => None,
    })
}

/// A value of a record as text, for comparison and messages.
fn shown(item: &toml_edit::Item) -> String {
    item.as_value()
        .map(|v| v.as_str().map_or_else(|| v.to_string().trim().to_owned(), str::to_owned))
        .unwrap_or_default()
}

/// The top-level keys of `--update`: each the row gives and the record
/// lacks is added; one the record has with another value is an error.
fn fill_fields(
    doc: &mut toml_edit::DocumentMut,
    rel: &str,
    row: &Parsed,
    errors: &mut Vec<RowError>,
    filled: &mut Vec<String>,
) {
    let f = &row.fields;
    let s = |v: &str| toml_edit::value(v);
    let date = |d: NaiveDate| d.to_string().parse::<toml_edit::Item>().ok();
    let wanted: Vec<(Field, &str, &str, Option<toml_edit::Item>, String)> = [
        (Field::Title, "title", "文件名称", Some(s(&f.title)), f.title.clone()),
        (Field::Issuer, "issuer", "制定机关", Some(s(&f.issuer)), f.issuer.clone()),
        (Field::Issued, "issued", "成文日期", date(f.issued), f.issued.to_string()),
        (
            Field::Promulgated,
            "promulgated",
            "公布日期",
            f.promulgated.and_then(date),
            f.promulgated.map(|d| d.to_string()).unwrap_or_default(),
        ),
        (
            Field::DocNumber,
            "doc_number",
            "文号",
            f.doc_number.as_deref().map(s),
            f.doc_number.clone().unwrap_or_default(),
        ),
        (Field::Kind, "kind", "类别", f.kind.as_deref().map(s), f.kind.clone().unwrap_or_default()),
        (
            Field::Effective,
            "effective",
            "施行日期",
            f.effective.and_then(date),
            f.effective.map(|d| d.to_string()).unwrap_or_default(),
        ),
        (
            Field::Expires,
            "expires",
            "有效期至",
            f.expires.and_then(date),
            f.expires.map(|d| d.to_string()).unwrap_or_default(),
        ),
        (
            Field::ResponsibleUnit,
            "responsible_unit",
            "责任单位",
            f.responsible_unit.as_deref().map(s),
            f.responsible_unit.clone().unwrap_or_default(),
        ),
    ]
    .into_iter()
    .filter(|(field, ..)| {
        row.given.contains(field) || (!row.partial && matches!(field, Field::Title | Field::Issuer | Field::Issued))
    })
    .collect();
    for (_, key, column, item, text) in wanted {
        let Some(item) = item else { continue };
        let Some(existing) = doc.get(key) else {
            doc.insert(key, item);
            filled.push(key.to_owned());
            continue;
        };
        let had = shown(existing);
        let same =
            if key == "doc_number" { docnum::key(&had) == docnum::key(&text) } else { had.trim() == text.trim() };
        if !same {
            errors.push(RowError {
                place: row.place.clone(),
                column: column.to_owned(),
                value: text,
                message: format!(
                    "与登记簿中 {rel} 的 {key} = 「{had}」矛盾;核对原件,在两处之一改正(qingli 不覆盖已有的值)"
                ),
            });
        }
    }
}

/// `--update` of one record: the row's values the record lacks are added
/// (with `toml_edit`, so comments and order stay), a value that differs from
/// the record's is an error. `Ok(None)`: nothing to add.
#[allow(clippy::type_complexity, reason = "(bytes read, new text, keys filled)")]
fn update(
    rel: &str,
    row: &Parsed,
    read: &dyn Fn(&str) -> Option<Vec<u8>>,
) -> Result<Option<(Vec<u8>, String, Vec<String>)>, Vec<RowError>> {
    let fail = |message: String| {
        vec![RowError { place: row.place.clone(), column: String::new(), value: String::new(), message }]
    };
    let Some(original) = read(rel) else {
        return Err(fail(format!("无法读取 {rel}")));
    };
    let bom = original.starts_with(b"\xEF\xBB\xBF");
    let Ok(text) = std::str::from_utf8(original.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&original)) else {
        return Err(fail(format!("{rel} 不是 UTF-8 编码,未更新;先另存为 UTF-8")));
    };
    let crlf = text.contains("\r\n");
    let text = if crlf { text.replace("\r\n", "\n") } else { text.to_owned() };
    let Ok(mut doc) = text.parse::<toml_edit::DocumentMut>() else {
        return Err(fail(format!("{rel} 不能解析,未更新;先用 qingli check 改正")));
    };
    let was_canonical = keys_in_order(&doc);
    let mut errors = Vec::new();
    let mut filled = Vec::new();
    fill_fields(&mut doc, rel, row, &mut errors, &mut filled);
    // The opinion goes into [review].
    let f = &row.fields;
    for (field, key, column, value) in [
        (Field::Decision, "decision", "清理意见", f.decision.map(|v| v.as_str().to_owned())),
        (Field::Reason, "reason", "理由", f.reason.clone()),
    ] {
        let Some(value) = value.filter(|_| row.given.contains(&field)) else { continue };
        let review = doc.entry("review").or_insert(toml_edit::table());
        let Some(review) = review.as_table_like_mut() else { continue };
        match review.get(key) {
            Some(existing) if shown(existing).trim() != value.trim() => errors.push(RowError {
                place: row.place.clone(),
                column: column.to_owned(),
                value: value.clone(),
                message: format!(
                    "与登记簿中 {rel} 的 [review] {key} = 「{}」矛盾;核对后在两处之一改正(qingli 不覆盖已有的值)",
                    shown(existing)
                ),
            }),
            Some(_) => {}
            None => {
                review.insert(key, toml_edit::value(value));
                filled.push(format!("review.{key}"));
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if filled.is_empty() {
        return Ok(None);
    }
    // Every other byte kept: comments, spacing, the 文号 as written, the
    // line ends and a BOM. New keys take their place in the spec's order
    // when the record was in that order (so `fmt --check` stays clean).
    if was_canonical {
        let rank = |k: &str| crate::load::parse::DOC_KEYS.iter().position(|x| *x == k).unwrap_or(usize::MAX);
        doc.as_table_mut().sort_values_by(|a, _, b, _| rank(a.get()).cmp(&rank(b.get())));
    }
    let mut new = doc.to_string();
    if crlf {
        new = new.replace('\n', "\r\n");
    }
    if bom {
        new.insert(0, '\u{feff}');
    }
    Ok(Some((original, new, filled)))
}

/// Whether a record's top-level keys are in the spec's order (as `fmt` writes them).
fn keys_in_order(doc: &toml_edit::DocumentMut) -> bool {
    let rank = |k: &str| crate::load::parse::DOC_KEYS.iter().position(|x| *x == k).unwrap_or(usize::MAX);
    let ranks: Vec<usize> = doc.as_table().iter().filter(|(_, v)| v.is_value()).map(|(k, _)| rank(k)).collect();
    ranks.windows(2).all(|w| w[0] <= w[1])
}

#[cfg(test)]
mod tests;
