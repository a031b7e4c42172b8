//! What a document's text says about itself, read sentence by sentence:
//! the laws its 根据/依据 clause names, the laws named elsewhere, its 施行
//! and 有效期 clauses, 暂行/试行, the documents it repeals (同时废止) and the
//! sentences a reviewer looks at first (罚款, 许可, 收费 …). Pure: a text in,
//! readings out; which law or record a name is, is `judge::scan`'s.
//!
//! Where each reading is looked for:
//! - the basis clause: the first sentence of 第一条 (or, with no articles,
//!   of the first paragraphs) that says 根据/依据/依照/按照 and names a law;
//! - 施行 and 有效期: only the closing part — the last three articles, or
//!   with no articles the last six paragraphs — and only a sentence about
//!   the document itself, so a licence's 有效期 in the body is never taken.

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, Input, MatchKind};
use chrono::NaiveDate;

/// One sentence of the text, with the article it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sentence<'t> {
    /// Byte offset in the text.
    pub start: usize,
    pub text: &'t str,
    /// `第五条`, when the text has articles and the sentence is in one.
    pub article: Option<&'t str>,
    /// Index of its paragraph (line) among the body's.
    pub para: usize,
    /// Its line in the text file (1-based).
    pub line: u32,
}

/// When the 施行 clause says the document took effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Effective {
    On(NaiveDate),
    /// 自印发之日 (下发, 发文, 签发): the issue date.
    Issued,
    /// 自公布之日 (发布, 颁布): the promulgation date.
    Promulgated,
}

/// What the validity clause says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Validity {
    Until(NaiveDate),
    Years(u32),
}

/// A document named in a 同时废止 sentence: its title and 文号, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Named {
    pub title: Option<String>,
    pub number: Option<String>,
}

/// The basis clause: its sentence and the names it cites, 《》 titles or,
/// when `plain`, one unbracketed span (the caller resolves it whole, else
/// cut by [`split_plain`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Basis {
    pub at: usize,
    pub names: Vec<String>,
    pub plain: bool,
}

/// Everything read from one text; each reading keeps its sentence's index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Reading<'t> {
    pub sentences: Vec<Sentence<'t>>,
    pub basis: Option<Basis>,
    /// Laws named in 《》 elsewhere: (sentence, name), first mention of each.
    pub mentions: Vec<(usize, String)>,
    pub effective: Option<(usize, Effective)>,
    pub validity: Option<(usize, Validity)>,
    /// A sentence saying the document is 试行 (the title is the caller's).
    pub provisional: Option<usize>,
    pub supersedes: Vec<(usize, Named)>,
    /// Sentences to review first, with what they set (`罚款`, `行政许可` …).
    pub points: Vec<(usize, Vec<&'static str>)>,
}

/// What a sentence setting these is about, with the words that show it
/// (seed 000's 清理重点: 设定处罚、许可、强制、收费, 限制市场准入).
const POINTS: &[(&str, &[&str])] = &[
    ("罚款", &["罚款"]),
    ("没收", &["没收"]),
    ("吊销", &["吊销"]),
    ("行政许可", &["行政许可", "许可证", "审批"]),
    ("收费", &["收费", "缴费", "收取费用", "缴纳费用", "服务费", "管理费"]),
    ("保证金/押金", &["保证金", "押金"]),
    ("查封", &["查封"]),
    ("扣押", &["扣押"]),
    ("强制", &["强制"]),
    (
        "限制市场准入",
        &[
            "市场准入",
            "准入条件",
            "限定或者变相限定",
            "限定交易",
            "指定经营",
            "指定购买",
            "指定使用",
            "外地",
            "排斥",
            "限制进入",
        ],
    ),
];

const NUMERALS: &str = "〇零一二三四五六七八九十百千两0123456789";

/// `第五条`: the article a paragraph opens, if it opens one.
pub(crate) fn article_label(para: &str) -> Option<&str> {
    let rest = para.strip_prefix('第')?;
    let n: usize = rest.chars().take_while(|c| NUMERALS.contains(*c)).map(char::len_utf8).sum();
    (n > 0 && rest[n..].starts_with('条')).then(|| &para[..'第'.len_utf8() + n + '条'.len_utf8()])
}

/// The body's sentences (the title line left out), split at 。！？；.
pub(crate) fn sentences(text: &str) -> Vec<Sentence<'_>> {
    split(&lines(text))
}

/// One non-empty line of the body: where it starts and what it is in.
#[derive(Clone, Copy)]
struct Line<'t> {
    start: usize,
    text: &'t str,
    at: Where<'t>,
}

/// The body's non-empty lines (the title line left out).
fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut article = None;
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let line = line.trim_end();
        if i == 0 || line.is_empty() {
            continue;
        }
        if let Some(label) = article_label(line) {
            article = Some(label);
        }
        let at = Where { article, para: out.len(), line: u32::try_from(i + 1).unwrap_or(u32::MAX) };
        out.push(Line { start, text: line, at });
    }
    out
}

/// The sentences of `lines`.
fn split<'t>(lines: &[Line<'t>]) -> Vec<Sentence<'t>> {
    let mut out = Vec::new();
    for &Line { start, text: line, at } in lines {
        let mut from = 0;
        for (end, c) in line.match_indices(['。', '！', '？', '；', ';']) {
            let end = end + c.len();
            push(&mut out, start + from, &line[from..end], at);
            from = end;
        }
        push(&mut out, start + from, &line[from..], at);
    }
    out
}

/// The lines [`basis`] and the closing part ([`closing_start`]) look at:
/// the opening ones — to the end of the first article, or the first four
/// paragraphs — and the closing ones. Read as the only sentences, they
/// give the same basis and closing part as the whole text.
fn outer_lines<'t>(lines: &[Line<'t>]) -> Vec<Line<'t>> {
    let first = lines.iter().find_map(|l| l.at.article);
    let head = lines
        .iter()
        .take_while(|l| if first.is_some() { l.at.article.is_none() || l.at.article == first } else { l.at.para < 4 })
        .count();
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&k| lines[k].at.article.is_some() && (k == 0 || lines[k - 1].at.article != lines[k].at.article))
        .collect();
    let tail = match starts[..] {
        // The third article from the end, or the first of one or two.
        [.., a, _, _] | [a, ..] => a,
        [] => lines.len().saturating_sub(6),
    };
    lines[..head].iter().chain(&lines[tail.max(head)..]).copied().collect()
}

/// Where a sentence is: its article, paragraph and line.
#[derive(Clone, Copy)]
struct Where<'t> {
    article: Option<&'t str>,
    para: usize,
    line: u32,
}

fn push<'t>(out: &mut Vec<Sentence<'t>>, start: usize, s: &'t str, at: Where<'t>) {
    let trimmed = s.trim_start();
    if !trimmed.trim().is_empty() {
        out.push(Sentence {
            start: start + (s.len() - trimmed.len()),
            text: trimmed.trim_end(),
            article: at.article,
            para: at.para,
            line: at.line,
        });
    }
}

/// The top-level 《…》 titles of a sentence from byte `from`, inner
/// brackets kept (`《关于适用〈民事诉讼法〉的解释》`), with each end offset.
fn titles(s: &str, from: usize) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    if !s[from..].contains('《') {
        return out;
    }
    let (mut depth, mut cur) = (0usize, String::new());
    for (at, c) in s[from..].char_indices() {
        match c {
            '《' => {
                if depth > 0 {
                    cur.push('〈');
                }
                depth += 1;
            }
            '》' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push((std::mem::take(&mut cur).trim().to_owned(), from + at + c.len_utf8()));
                } else {
                    cur.push('〉');
                }
            }
            c if depth > 0 => cur.push(c),
            _ => {}
        }
    }
    out.into_iter().filter(|(t, _)| !t.is_empty()).collect()
}

/// Whether a name is a law's or a regulation's (法, 条例, 规定 …).
fn law_like(name: &str) -> bool {
    ["法", "条例", "规定", "办法", "细则", "决定", "规则", "解释", "法典"].iter().any(|s| name.ends_with(s))
}

/// A sentence without its `（以下简称《企业法》）` notes, and the short
/// names they give.
fn without_short_names(s: &str) -> (Cow<'_, str>, Vec<String>) {
    if !s.contains("以下简称") {
        return (Cow::Borrowed(s), Vec::new());
    }
    let mut out = String::with_capacity(s.len());
    let mut short = Vec::new();
    let mut rest = s;
    while let Some(at) = rest.find("以下简称") {
        let open = rest[..at].trim_end().strip_suffix(['（', '(']).map(str::len);
        let close = rest[at..].find(['）', ')']);
        match (open, close) {
            (Some(open), Some(close)) => {
                let name = &rest[at + "以下简称".len()..at + close];
                short.push(name.trim().trim_matches(['《', '》', '“', '”', '"']).to_owned());
                out.push_str(&rest[..open]);
                rest = &rest[at + close + rest[at + close..].chars().next().map_or(1, char::len_utf8)..];
            }
            _ => break,
        }
    }
    out.push_str(rest);
    (Cow::Owned(out), short)
}

/// The names a basis sentence cites after its keyword at `from`: its 《》
/// titles, or with none, the law-like span up to the comma
/// (`根据中华人民共和国土地管理法和有关法律` → `中华人民共和国土地管理法和有关法律`
/// cut to its names by [`split_plain`], which the caller tries only when
/// the whole does not name one law).
fn cited(s: &str, from: usize) -> (Vec<String>, bool) {
    let (clean, _) = without_short_names(&s[from..]);
    let bracketed = titles(&clean, 0);
    if !bracketed.is_empty() {
        return (bracketed.into_iter().map(|(t, _)| t).collect(), false);
    }
    let end = clean.find(['，', ',', '。', '；', '（', '(', '：', ':', '“', '"']).unwrap_or(clean.len());
    let mut span = &clean[..end];
    for stop in [
        "制定",
        "的规定",
        "的有关规定",
        "有关规定",
        "等法律",
        "等有关",
        "等规定",
        "的精神",
        "精神",
        "和其他有关",
        "及其他有关",
        "和有关",
        "以及有关",
        "和国家有关",
    ] {
        if let Some(at) = span.find(stop) {
            span = &span[..at];
        }
    }
    // `宪法第十九条`: the articles are not part of the name.
    if let Some((at, _)) = span.match_indices('第').find(|(at, _)| article_label(&span[*at..]).is_some()) {
        span = &span[..at];
    }
    let span = span.trim().trim_end_matches('的');
    // `根据国家有关外商投资的法律规定`: no law is named.
    if span.chars().count() >= 2 && !span.contains("有关") && split_plain(span).iter().any(|p| law_like(p)) {
        (vec![span.to_owned()], true)
    } else {
        (Vec::new(), true)
    }
}

/// An unbracketed list of laws (or one part of it) cut at 、和及 (中华人民共和国 holds a 和
/// that does not join two names), keeping the law-like parts.
pub(crate) fn split_plain(span: &str) -> Vec<String> {
    const PRC: &str = "中华人民共和国";
    span.replace(PRC, "\u{0}")
        .split(['、', '和', '及'])
        .map(|p| p.trim().trim_start_matches("以及").trim().replace('\u{0}', PRC))
        .filter(|p| law_like(p) && p.chars().count() >= 2)
        .collect()
}

/// Words that open a basis clause; the strong ones need nothing else, the
/// weak ones (依照, 按照: also `请按照…执行`) a word saying what they found.
const STRONG: [&str; 2] = ["根据", "依据"];
const WEAK: [&str; 2] = ["依照", "按照"];

/// The sentence that states the basis, and its citations: in the opening
/// (before and in the first article, or the first four paragraphs), the
/// first sentence that names a law after 根据/依据, after 为(了)实施, or
/// after 依照/按照 in a sentence that says what it founds (`制定本条例`,
/// `现就…通知如下`).
fn basis(ss: &[Sentence<'_>]) -> Option<Basis> {
    let first = ss.iter().find_map(|s| s.article);
    ss.iter()
        .enumerate()
        .take_while(|(_, s)| if first.is_some() { s.article.is_none() || s.article == first } else { s.para < 4 })
        .find_map(|(i, s)| {
            let founds = ["制定", "现就", "结合", "如下", "特"].iter().any(|w| s.text.contains(w));
            let after = |w: &&str| s.text.find(*w).map(|a| a + w.len());
            let mut at: Vec<usize> = STRONG.iter().filter_map(after).collect();
            if founds {
                at.extend(WEAK.iter().filter_map(after));
            }
            at.extend(s.text.find("实施《").map(|a| a + "实施".len()));
            let (names, plain) = cited(s.text, at.into_iter().min()?);
            (!names.is_empty()).then_some(Basis { at: i, names, plain })
        })
}

/// Where the closing part starts: the sentence index of the third article
/// from the end, or with no articles, of the sixth paragraph from the end.
fn closing_start(ss: &[Sentence<'_>]) -> usize {
    let mut articles: Vec<usize> = Vec::new();
    for (i, s) in ss.iter().enumerate() {
        if s.article.is_some() && (i == 0 || ss[i - 1].article != s.article) {
            articles.push(i);
        }
    }
    if articles.len() >= 3 {
        return articles[articles.len() - 3];
    }
    if let Some(&first) = articles.first() {
        return first;
    }
    let last = ss.last().map_or(0, |s| s.para);
    ss.iter().position(|s| s.para + 6 > last).unwrap_or(0)
}

/// A sentence about the document itself (`本办法…`, or a bare clause),
/// after its article label or enumerator (`第十条`, `十二、`, `（一）`).
fn about_itself(s: &str) -> bool {
    let s = s.trim_start_matches(|c: char| {
        c.is_whitespace() || "第条〇零一二三四五六七八九十百千、（）()0123456789.．".contains(c)
    });
    s.starts_with('本') || s.starts_with('自') || s.starts_with("有效期")
}

/// A date written in a clause: `2020年1月1日`, `二〇二〇年一月一日`, at the
/// start of `s`; with its length in bytes.
fn date_at(s: &str) -> Option<(NaiveDate, usize)> {
    let end = s.find('日')? + '日'.len_utf8();
    let raw = &s[..end];
    let end = ["零时", "0时", "0 时"].iter().find(|w| s[end..].starts_with(**w)).map_or(end, |w| end + w.len());
    if raw.chars().count() > 14 || !raw.contains('年') || !raw.contains('月') {
        return None;
    }
    crate::dates::parse_loose(raw).ok().map(|d| (d, end))
}

/// `二`, `十`, `5`: a small count.
fn count(s: &str) -> Option<(u32, usize)> {
    let n: usize = s.chars().take_while(|c| NUMERALS.contains(*c)).map(char::len_utf8).sum();
    let raw = &s[..n];
    if raw.is_empty() {
        return None;
    }
    if let Ok(v) = raw.parse::<u32>() {
        return Some((v, n));
    }
    crate::dates::small_numeral(&raw.replace('两', "二")).map(|v| (v, n))
}

/// The 施行 clause of a sentence: `自2020年1月1日起施行`, `自印发之日起施行`.
fn effective(s: &str) -> Option<Effective> {
    for (at, _) in s.match_indices('自') {
        let rest = &s[at + '自'.len_utf8()..];
        let Some(qi) = rest.find('起') else { continue };
        let after = &rest[qi + '起'.len_utf8()..];
        if !["施行", "实施", "执行", "生效", "试行", "开始施行"].iter().any(|w| after.starts_with(w)) {
            continue;
        }
        let when = rest[..qi].trim();
        if let Some((d, n)) = date_at(when)
            && n == when.len()
        {
            return Some(Effective::On(d));
        }
        for (words, e) in [
            (&["印发", "下发", "发文", "签发"][..], Effective::Issued),
            (&["公布", "发布", "颁布"], Effective::Promulgated),
        ] {
            if words.iter().any(|w| when.ends_with(&format!("{w}之日")) && when.chars().count() <= 8) {
                return Some(e);
            }
        }
    }
    None
}

/// The validity clause of a sentence: `有效期5年`, `有效期为二年`,
/// `有效期至2025年12月31日`, `有效期自…起至…止`; never one whose 有效期
/// belongs to something named before it (`许可证有效期为3年`).
fn validity(s: &str) -> Option<Validity> {
    let at = s.find("有效期")?;
    let before = s[..at].rsplit(['，', ',', '：', ':']).next().unwrap_or("").trim();
    let own = before.is_empty()
        || (before.starts_with('本')
            && before.chars().count() <= 10
            && !["证", "照", "许可", "资格", "资质", "批准", "合同", "协议"].iter().any(|w| before.contains(w)));
    if !own {
        return None;
    }
    let mut rest = s[at + "有效期".len()..].trim_start_matches(['为', '：', ':', ' ']);
    let until = |r: &str| {
        ["至", "截至", "截止至", "截止到", "截止", "到"]
            .iter()
            .find_map(|w| r.strip_prefix(w))
            .and_then(|r| date_at(r.trim_start()))
            .map(|(d, _)| Validity::Until(d))
    };
    if let Some(v) = until(rest) {
        return Some(v);
    }
    if let Some(r) = rest.strip_prefix('自')
        && let Some(q) = r.find('起')
    {
        rest = &r[q + '起'.len_utf8()..];
        if let Some(v) = until(rest) {
            return Some(v);
        }
    }
    let (n, len) = count(rest)?;
    rest[len..].starts_with('年').then_some(Validity::Years(n))
}

/// The documents a sentence repeals along with this one: each 《title》 with
/// a 文号 in brackets after it, or a 文号 alone.
fn superseded(s: &str) -> Vec<Named> {
    let ends = ["同时废止", "同时停止执行", "同时失效", "不再执行", "同时停止施行", "予以废止"];
    // Each holds 废止, 执行, 失效 or 施行: four quick searches rule out
    // nearly every sentence before the six.
    if !["废止", "执行", "失效", "施行"].iter().any(|w| s.contains(w)) || !ends.iter().any(|w| s.contains(w)) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (title, end) in titles(s, 0) {
        let after = s[end..].trim_start();
        let number = after
            .strip_prefix(['（', '('])
            .and_then(|r| r.split_once([')', '）']))
            .map(|(n, _)| n.trim().to_owned())
            .filter(|n| n.ends_with('号') && n.chars().any(|c| c.is_ascii_digit()));
        out.push(Named { title: Some(title), number });
    }
    if out.is_empty() {
        // `(永政发〔2010〕3号)同时废止`: a 文号 with no title.
        for part in s.split(['（', '(', '、', '，']) {
            if let Some((n, _)) = part.split_once([')', '）'])
                && n.ends_with('号')
                && n.contains(['〔', '['])
            {
                out.push(Named { title: None, number: Some(n.trim().to_owned()) });
            }
        }
    }
    out
}

/// Every word of [`POINTS`], found in one pass (pattern `k` is word `k`
/// in [`POINTS`]' order). Leftmost-first, so the search runs on SIMD
/// (a Chinese text has no rare first byte to skip to).
static POINT_WORDS: LazyLock<(AhoCorasick, Vec<usize>)> = LazyLock::new(|| {
    let (words, what): (Vec<&str>, Vec<usize>) =
        POINTS.iter().enumerate().flat_map(|(k, (_, words))| words.iter().map(move |w| (*w, k))).unzip();
    let ac = AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst).build(words).expect("the review-point words");
    (ac, what)
});

/// What a sentence sets that a reviewer looks at first (`强制性标准` is
/// not 强制), in [`POINTS`]' order. After each match the search goes on
/// from the match's second character, so words that overlap are all found
/// (`没收费用`: 没收 and 收费).
fn points(s: &str) -> Vec<&'static str> {
    let (words, what) = &*POINT_WORDS;
    let mut found = [false; POINTS.len()];
    let mut at = 0;
    while let Some(m) = words.find(Input::new(s).span(at..s.len())) {
        let k = what[m.pattern().as_usize()];
        if POINTS[k].0 != "强制" || !s[m.end()..].starts_with('性') {
            found[k] = true;
        }
        at = m.start() + s[m.start()..].chars().next().map_or(1, char::len_utf8);
    }
    POINTS.iter().zip(found).filter(|(_, f)| *f).map(|((p, _), _)| *p).collect()
}

/// How much of a text to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Depth {
    /// Everything [`Reading`] holds (`scan`, `review --explain`).
    All,
    /// Only what a record also holds — the basis clause, 施行, 有效期,
    /// 试行 — for `check`'s comparison; no mentions, supersessions or
    /// points, which are most of the work on a long text.
    Facts,
}

/// Reads a text in its canonical form (title first).
pub(crate) fn read(text: &str) -> Reading<'_> {
    read_to(text, Depth::All)
}

/// Reads a text to `depth`.
pub(crate) fn read_to(text: &str, depth: Depth) -> Reading<'_> {
    let lines = lines(text);
    if depth == Depth::Facts {
        let r = read_sentences(split(&outer_lines(&lines)), depth, false);
        // A 施行 clause before the closing part is looked for in the whole.
        if r.effective.is_some() {
            return r;
        }
    }
    read_sentences(split(&lines), depth, true)
}

/// Reads `ss`; `before_close`: a 施行 clause is also looked for before the
/// closing part (`ss` are all the text's sentences).
fn read_sentences(ss: Vec<Sentence<'_>>, depth: Depth, before_close: bool) -> Reading<'_> {
    let basis = basis(&ss);
    let close = closing_start(&ss);
    let mut r = Reading { basis, ..Reading::default() };
    // Names cited in the basis clause, and short names (`以下简称《企业法》`),
    // are not mentions.
    let all = depth == Depth::All;
    let cleaned: Vec<(Cow<'_, str>, Vec<String>)> =
        if all { ss.iter().map(|s| without_short_names(s.text)).collect() } else { Vec::new() };
    let mut seen: Vec<String> = r.basis.iter().flat_map(|b| b.names.clone()).collect();
    seen.extend(cleaned.iter().flat_map(|(_, short)| short.iter().cloned()));
    for (i, s) in ss.iter().enumerate() {
        if i >= close && about_itself(s.text) {
            if r.effective.is_none()
                && let Some(e) = effective(s.text)
            {
                r.effective = Some((i, e));
            }
            if r.validity.is_none()
                && let Some(v) = validity(s.text)
            {
                r.validity = Some((i, v));
            }
            if r.provisional.is_none() && (s.text.contains("起试行") || s.text.contains("试行期")) {
                r.provisional = Some(i);
            }
        }
        if !all {
            continue;
        }
        let repealed = superseded(s.text);
        let repeals = !repealed.is_empty();
        r.supersedes.extend(repealed.into_iter().map(|n| (i, n)));
        // Titles in a 同时废止 sentence are documents repealed, not laws relied on.
        if r.basis.as_ref().is_none_or(|b| b.at != i) && !repeals {
            for (t, _) in titles(&cleaned[i].0, 0) {
                if law_like(&t) && !seen.contains(&t) {
                    seen.push(t.clone());
                    r.mentions.push((i, t));
                }
            }
        }
        let p = points(s.text);
        if !p.is_empty() {
            r.points.push((i, p));
        }
    }
    // A 施行 clause before the closing part (an attachment after it): only
    // one that names the document itself (`本命令自发布之日起生效`).
    if r.effective.is_none() && before_close {
        r.effective = ss[..close.min(ss.len())]
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, s)| s.text.starts_with('本').then(|| effective(s.text)).flatten().map(|e| (i, e)));
    }
    r.sentences = ss;
    r
}

#[cfg(test)]
#[path = "clauses_tests.rs"]
mod tests;
