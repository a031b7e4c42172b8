//! The 清理结果通知 as a Word document (`catalog --docx`), laid out per
//! GB/T 9704-2012: A4, 版心 156 × 225 mm, 22 lines × 28 characters, title in
//! 2号小标宋, body in 3号 `仿宋_GB2312`, page numbers `— 1 —` at the outer
//! corners, and 附件1–4 each on a new page as a table.
//!
//! Written as OOXML directly rather than through docx-rs: that crate cannot
//! mark a table's header row to repeat on every page (`w:tblHeader`), stores
//! its parts uncompressed and holds the whole document in memory. Here the
//! fixed parts are files under `templates/docx/`, and `word/document.xml` is
//! streamed into a deflated zip entry, so a 100,000-row notice stays small
//! in memory. Fixed entry order and timestamps make the bytes depend only on
//! the register and the as-of date.

use std::io::{Cursor, Write};

use unicode_width::UnicodeWidthChar;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::judge::catalog::{ANNEXES, Catalog, Entry};
use crate::judge::notice::{Imprint, Notice};
use crate::load::model::Verdict;
use crate::load::register::Excluded;
use crate::render::catalog::{
    amend_sentence, annex_title, cn_date, counts, counts_sentence, not_listed_sentence, reason_cell, scope_phrase,
};

/// Twips (1/20 pt) per millimetre.
const TWIPS_PER_MM: f64 = 56.692_913;

/// Page geometry in twips: A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm.
pub(crate) mod page {
    /// A4 width.
    pub(crate) const WIDTH: u32 = 11_906;
    /// A4 height.
    pub(crate) const HEIGHT: u32 = 16_838;
    /// 天头 37 mm.
    pub(crate) const TOP: u32 = 2_098;
    /// 订口 28 mm.
    pub(crate) const LEFT: u32 = 1_587;
    /// 156 mm of text width leaves 26 mm.
    pub(crate) const RIGHT: u32 = 1_474;
    /// 225 mm of text height leaves 35 mm.
    pub(crate) const BOTTOM: u32 = 1_984;
    /// The page number's line sits about 7 mm under the text block.
    pub(crate) const FOOTER: u32 = 1_247;
    /// 225 mm / 22 lines ≈ 28.95 pt.
    pub(crate) const LINE_PITCH: u32 = 579;
    /// Characters are condensed by 0.25 pt (in 1/20 pt, `w:spacing` in the
    /// run defaults) so that 28 characters of 3号 (16 pt) fill 156 mm
    /// (28 × 15.75 pt = 441 pt ≤ 442.25 pt; justified lines take up the rest).
    /// A character grid (`linesAndChars` with `w:charSpace`) would say the
    /// same to Word and WPS, but LibreOffice lays it out as a square grid
    /// of about 17 characters per line, so the line grid is used alone.
    /// (The value lives in `templates/docx/styles.xml`; a test keeps them equal.)
    #[cfg(test)]
    pub(crate) const CONDENSE: i32 = -5;
    /// Text width: 156 mm.
    pub(crate) const TEXT_WIDTH: u32 = WIDTH - LEFT - RIGHT;
    /// One character of body text (3号, on the 28-character grid).
    pub(crate) const CHAR: u32 = TEXT_WIDTH / 28;
}

/// Characters per title line: 156 mm of 2号 (22 pt) text.
const TITLE_CHARS: usize = 20;

/// The annexes' text width: landscape A4 less the margins (297 − 37 − 35 mm).
const ANNEX_WIDTH: u32 = page::HEIGHT - page::TOP - page::BOTTOM;

/// Twips a column needs for `chars` characters of 五号 text (10.5 pt, and
/// the cell's margins and borders).
fn column_twips(chars: usize) -> u32 {
    u32::try_from(chars).unwrap_or(u32::MAX).saturating_mul(210).saturating_add(150)
}

/// Column widths (twips, summing to [`ANNEX_WIDTH`]) from the content: the
/// 序号, dates and 清理意见 as wide as they are; the 文号 as wide as the
/// longest (a 文号 never breaks); 理由 at least 12 characters; what is left
/// to the 文件名称 and 制定机关, as their longest texts ask. 附件1 has no
/// 清理意见 and 理由 (every row would say 保留).
fn annex_columns(entries: &[&Entry<'_>], with_reason: bool) -> Vec<u32> {
    let longest = |f: &dyn Fn(&Entry<'_>) -> usize| entries.iter().map(|e| f(e)).max().unwrap_or(0);
    let number = column_twips(chars_wide(&entries.len().to_string()).max(2));
    let doc_number = column_twips(longest(&|e| chars_wide(&e.doc_number)).clamp(2, 16) + 1);
    let date = column_twips(6);
    let mut fixed = vec![number, 0, doc_number, 0, date];
    if with_reason {
        fixed.extend([column_twips(4), 0]);
    }
    let mut free = ANNEX_WIDTH.saturating_sub(fixed.iter().sum());
    // Each flexible column first gets its minimum (理由 12 characters), then
    // what is left goes to 制定机关, 文件名称 and 理由 in that order, each up
    // to what its longest text asks.
    let title = column_twips(longest(&|e| chars_wide(e.title)).clamp(8, 40));
    let issuer = column_twips(longest(&|e| chars_wide(&e.issuers)).clamp(4, 12));
    let reason = if with_reason { column_twips(longest(&|e| chars_wide(&reason_cell(e))).clamp(13, 40)) } else { 0 };
    // 理由 13 wide: a line still holds 12 when an opening 《 moves down.
    let minimum = [column_twips(8), column_twips(4), if with_reason { column_twips(13) } else { 0 }];
    let wanted = [title, issuer, reason];
    let mut share = minimum;
    free = free.saturating_sub(minimum.iter().sum());
    for k in [1, 0, 2] {
        let more = wanted[k].saturating_sub(share[k]).min(free);
        share[k] += more;
        free -= more;
    }
    share[0] += free;
    fixed[1] = share[0];
    fixed[3] = share[1];
    if with_reason {
        fixed[6] = share[2];
    }
    // Rounding: the title takes what is left, so the columns fill the width.
    let sum: u32 = fixed.iter().sum();
    fixed[1] = fixed[1] + ANNEX_WIDTH - sum.min(ANNEX_WIDTH);
    fixed
}

const HEADER: [&str; 7] = ["序号", "文件名称", "文号", "制定机关", "发布日期", "清理意见", "理由"];

/// A buffered sink for `word/document.xml`: the XML is handed to the zip
/// entry (which deflates it) every 256 KiB, so the document is never whole
/// in memory. The first write error is kept and returned by [`Out::finish`].
struct Out<'w> {
    buf: Vec<u8>,
    sink: &'w mut dyn Write,
    err: Option<std::io::Error>,
}

impl<'w> Out<'w> {
    const CHUNK: usize = 1 << 18;

    fn new(sink: &'w mut dyn Write) -> Self {
        Out { buf: Vec::with_capacity(Self::CHUNK + 4096), sink, err: None }
    }

    fn extend_from_slice(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
        if self.buf.len() >= Self::CHUNK {
            self.drain();
        }
    }

    fn push(&mut self, byte: u8) {
        self.buf.push(byte);
    }

    fn drain(&mut self) {
        if self.err.is_none()
            && let Err(e) = self.sink.write_all(&self.buf)
        {
            self.err = Some(e);
        }
        self.buf.clear();
    }

    fn finish(mut self) -> std::io::Result<()> {
        self.drain();
        self.err.map_or(Ok(()), Err)
    }
}

/// Text made safe for XML: `&<>` escaped, characters XML 1.0 forbids
/// (control characters) shown as U+FFFD.
fn xml_text(out: &mut Out<'_>, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.extend_from_slice(b"&amp;"),
            '<' => out.extend_from_slice(b"&lt;"),
            '>' => out.extend_from_slice(b"&gt;"),
            '\t' | '\n' | '\r' => out.push(b' '),
            c if super::is_hidden(c) || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {
                out.extend_from_slice("\u{FFFD}".as_bytes());
            }
            c => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
}

/// One paragraph in style `style` (empty: the default), with optional extra
/// paragraph properties (already in schema order after `pStyle`), and one
/// run per line of `lines` separated by line breaks.
fn para(out: &mut Out<'_>, style: &str, ppr: &str, lines: &[&str]) {
    out.extend_from_slice(b"<w:p>");
    if !style.is_empty() || !ppr.is_empty() {
        out.extend_from_slice(b"<w:pPr>");
        if !style.is_empty() {
            out.extend_from_slice(b"<w:pStyle w:val=\"");
            out.extend_from_slice(style.as_bytes());
            out.extend_from_slice(b"\"/>");
        }
        out.extend_from_slice(ppr.as_bytes());
        out.extend_from_slice(b"</w:pPr>");
    }
    for (i, line) in lines.iter().enumerate() {
        out.extend_from_slice(b"<w:r>");
        if i > 0 {
            out.extend_from_slice(b"<w:br/>");
        }
        if !line.is_empty() {
            out.extend_from_slice(b"<w:t xml:space=\"preserve\">");
            xml_text(out, line);
            out.extend_from_slice(b"</w:t>");
        }
        out.extend_from_slice(b"</w:r>");
    }
    out.extend_from_slice(b"</w:p>");
}

/// Display width in characters (CJK 1, ASCII ½), rounded up.
fn chars_wide(s: &str) -> usize {
    s.chars().map(|c| c.width_cjk().unwrap_or(0)).sum::<usize>().div_ceil(2)
}

/// Where a title may be broken: not inside a run of Latin letters or
/// digits, not before closing or after opening punctuation.
fn can_break(before: char, after: char) -> bool {
    let inside_word = before.is_ascii_alphanumeric() && after.is_ascii_alphanumeric();
    let closing = "》〉)）」』”’、，,。:：;；〕]】".contains(after);
    let opening = "《〈(（「『“‘〔[【".contains(before);
    !(inside_word || closing || opening)
}

/// Words a title line reads well starting with.
const GOOD_STARTS: [&str; 8] = ["关于", "公布", "行政规范性文件", "规范性文件", "清理", "结果", "的通知", "的决定"];

/// Words a title line never breaks inside (a line ending in 行政 and the
/// next starting 规范性文件 reads as two things).
const WHOLE_WORDS: [&str; 5] = ["行政规范性文件", "清理结果", "人民政府", "办公室", "的通知"];

/// For each character position, whether a break before it would split one
/// of [`WHOLE_WORDS`] or the issuer's name (when it fits on a line).
fn inside_words(chars: &[char], issuer: &str) -> Vec<bool> {
    let text: String = chars.iter().collect();
    let mut inside = vec![false; chars.len() + 1];
    let fits = chars_wide(issuer) <= TITLE_CHARS;
    for word in WHOLE_WORDS.iter().copied().chain(std::iter::once(issuer).filter(|w| fits && !w.is_empty())) {
        for (at, _) in text.match_indices(word) {
            let first = text[..at].chars().count();
            let len = word.chars().count();
            for slot in &mut inside[first + 1..first + len] {
                *slot = true;
            }
        }
    }
    inside
}

/// The title split into lines of at most [`TITLE_CHARS`] characters, as
/// few lines as possible, as even as possible (upper lines not shorter —
/// 梯形 or 菱形), preferring to break before whole words. Pure.
pub(crate) fn title_lines(title: &str, issuer: &str) -> Vec<String> {
    let chars: Vec<char> = title.chars().collect();
    let whole = inside_words(&chars, issuer);
    let n = chars.len();
    let width_of = |a: usize, b: usize| chars_wide(&chars[a..b].iter().collect::<String>());
    if width_of(0, n) <= TITLE_CHARS {
        return vec![title.to_owned()];
    }
    // A title no one would sign (over 10 lines): plain cuts at the width,
    // rather than weighing every break (quadratic in the length).
    if n > 10 * TITLE_CHARS * 2 {
        let mut out = Vec::new();
        let mut line = String::new();
        for c in chars {
            if chars_wide(&format!("{line}{c}")) > TITLE_CHARS {
                out.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
        out.push(line);
        return out;
    }
    let rest = |i: usize| chars[i..].iter().collect::<String>();
    // best[i] = (lines, cost, next break) for the text from i.
    let mut best: Vec<Option<(usize, i64, usize)>> = vec![None; n + 1];
    best[n] = Some((0, 0, n));
    for i in (0..n).rev() {
        for j in i + 1..=n {
            let w = width_of(i, j);
            if w > TITLE_CHARS {
                break;
            }
            if j < n && (!can_break(chars[j - 1], chars[j]) || whole[j]) {
                continue;
            }
            let Some((lines, cost, _)) = best[j] else { continue };
            let lines = lines + 1;
            let w = i64::try_from(w).unwrap_or(i64::MAX);
            let mut c = cost;
            if j < n {
                let next = i64::try_from(width_of(j, best[j].map_or(n, |b| b.2).max(j + 1))).unwrap_or(0);
                c += (w - next).pow(2);
                if w < next {
                    c += 8;
                }
                if !GOOD_STARTS.iter().any(|g| rest(j).starts_with(g)) {
                    c += 6;
                }
            }
            let better = match best[i] {
                None => true,
                Some((l, bc, _)) => (lines, c) < (l, bc),
            };
            if better {
                best[i] = Some((lines, c, j));
            }
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        // No break point fits (a very long Latin word): cut at the width.
        let j = best[i].map_or_else(
            || (i + 1..=n).take_while(|&j| width_of(i, j) <= TITLE_CHARS).last().unwrap_or(i + 1),
            |b| b.2,
        );
        out.push(chars[i..j].iter().collect());
        i = j;
    }
    out
}

/// Right indents (in characters) of the issuer and the date under the
/// text: the issuer 2 from the right, the date starting 2 characters right
/// of the issuer's first; a longer date is itself 2 from the right and
/// pushes the issuer left (GB/T 9704 7.3.5.3).
fn signature_indents(issuer: &str, date: &str) -> (usize, usize) {
    let (i, d) = (chars_wide(issuer), chars_wide(date));
    if i >= d + 2 { (2, i - d) } else { (d + 4 - i, 2) }
}

fn twips(chars: usize) -> u32 {
    u32::try_from(chars).unwrap_or(0).saturating_mul(page::CHAR)
}

/// One annex table: the header row repeats on every page, no row splits.
fn table(out: &mut Out<'_>, entries: &[&Entry<'_>], with_reason: bool) {
    let widths = annex_columns(entries, with_reason);
    out.extend_from_slice(
        format!(
            "<w:tbl><w:tblPr><w:tblW w:w=\"{}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>{}</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
            ANNEX_WIDTH,
            ["top", "left", "bottom", "right", "insideH", "insideV"]
                .map(|b| format!("<w:{b} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"))
                .concat()
        )
        .as_bytes(),
    );
    for w in &widths {
        out.extend_from_slice(format!("<w:gridCol w:w=\"{w}\"/>").as_bytes());
    }
    out.extend_from_slice(b"</w:tblGrid>");
    let cell = |out: &mut Out<'_>, w: u32, style: &str, text: &str| {
        out.extend_from_slice(
            format!("<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>")
                .as_bytes(),
        );
        para(out, style, "", &[&super::cell_text(text)]);
        out.extend_from_slice(b"</w:tc>");
    };
    out.extend_from_slice(b"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for (w, h) in widths.iter().zip(HEADER) {
        cell(out, *w, "TableHead", h);
    }
    out.extend_from_slice(b"</w:tr>");
    for (i, e) in entries.iter().enumerate() {
        out.extend_from_slice(b"<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        cell(out, widths[0], "TableNumber", &(i + 1).to_string());
        cell(out, widths[1], "TableText", e.title);
        cell(out, widths[2], "TableText", &e.doc_number);
        cell(out, widths[3], "TableText", &e.issuers);
        cell(out, widths[4], "TableNumber", &e.issued.to_string());
        if with_reason {
            cell(out, widths[5], "TableNumber", e.verdict.as_str());
            cell(out, widths[6], "TableText", &reason_cell(e));
        }
        out.extend_from_slice(b"</w:tr>");
    }
    out.extend_from_slice(b"</w:tbl>");
}

/// The body: notice text, then each annex on a new page.
fn document(out: &mut Out<'_>, cat: &Catalog<'_>, notice: &Notice, excluded: &[Excluded]) {
    out.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>");
    header(out, notice);
    let lines = title_lines(&notice.title, &notice.issuer);
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    para(out, "Title", "", &refs);
    para(out, "", "", &[]);
    para(out, "", "", &[&format!("{}：", notice.recipients)]);
    let c = counts(cat);
    let scope = scope_phrase(notice.made_before);
    para(
        out,
        "Body",
        "",
        &[&format!(
            "为维护社会主义法制统一，推进依法行政，{}，{}{scope}进行了全面清理。{}",
            notice.basis,
            notice.issuer,
            counts_sentence(c)
        )],
    );
    let mut closing = not_listed_sentence(notice.made_before, '，');
    if c[1] > 0 {
        closing.push_str("同时，");
        closing.push_str(&amend_sentence('，'));
    }
    // From the last body paragraph to the 附注, every paragraph keeps with
    // the next: no page holds only the signature or only (此件公开发布).
    let keep = "<w:keepNext/>";
    para(out, "Body", keep, &[&closing]);
    draft_notes(out, cat, excluded);
    // 附件说明: 左空二字, later names aligned with the first name.
    para(out, "", keep, &[]);
    let label = 3; // 附件：
    for (i, (v, _, _)) in ANNEXES.iter().enumerate() {
        let text =
            if i == 0 { format!("附件：1.{}", annex_title(*v)) } else { format!("{}.{}", i + 1, annex_title(*v)) };
        let ind = if i == 0 {
            format!("{keep}<w:ind w:left=\"{}\" w:hanging=\"{}\"/>", twips(2 + label), twips(label))
        } else {
            format!("{keep}<w:ind w:left=\"{}\"/>", twips(2 + label))
        };
        para(out, "", &ind, &[&text]);
    }
    // 署名 and 成文日期 (GB/T 9704 7.3.5.3), then the 附注.
    para(out, "", keep, &[]);
    let date = cn_date(notice.date);
    let (ri, rd) = signature_indents(&notice.issuer, &date);
    para(out, "", &format!("{keep}<w:ind w:right=\"{}\"/><w:jc w:val=\"right\"/>", twips(ri)), &[&notice.issuer]);
    para(out, "", &format!("{keep}<w:ind w:right=\"{}\"/><w:jc w:val=\"right\"/>", twips(rd)), &[&date]);
    // The notice ends its (portrait) section; the annexes' tables are wide
    // and go on landscape pages.
    para(out, "Body", &section(Orientation::Portrait), &[&format!("（{}）", notice.disclosure)]);
    for (k, (v, _, label)) in ANNEXES.iter().enumerate() {
        let entries = cat.annex(*v);
        para(out, "AnnexLabel", if k == 0 { "" } else { "<w:pageBreakBefore/>" }, &[label]);
        para(out, "", "<w:keepNext/>", &[]);
        para(out, "Title", "<w:keepNext/>", &[&annex_title(*v)]);
        para(out, "", "<w:keepNext/>", &[]);
        // The last annex's last paragraph ends the landscape section when
        // a 版记 follows (a paragraph of its own could spill onto a page).
        let last = k + 1 == ANNEXES.len() && notice.imprint.is_some();
        let end = if last { section(Orientation::Landscape) } else { String::new() };
        if entries.is_empty() {
            para(out, "Body", &end, &[&format!("本次清理没有{v}的行政规范性文件。")]);
        } else {
            table(out, &entries, *v != Verdict::Keep);
            para(out, "", &end, &[]);
        }
    }
    match &notice.imprint {
        // The 版记 on a last page of its own (portrait), at its foot.
        Some(imprint) => {
            imprint_block(out, imprint);
            out.extend_from_slice(section(Orientation::Portrait).as_bytes());
        }
        None => out.extend_from_slice(section(Orientation::Landscape).as_bytes()),
    }
    out.extend_from_slice(b"</w:body></w:document>");
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Orientation {
    Portrait,
    Landscape,
}

/// A section's properties: A4 with the GB/T 9704 margins (turned for
/// landscape: 订口 on the top edge), footers with page numbers continuing.
fn section(o: Orientation) -> String {
    let (w, h, top, right, bottom, left, orient) = match o {
        Orientation::Portrait => (page::WIDTH, page::HEIGHT, page::TOP, page::RIGHT, page::BOTTOM, page::LEFT, ""),
        Orientation::Landscape => {
            (page::HEIGHT, page::WIDTH, page::LEFT, page::TOP, page::RIGHT, page::BOTTOM, " w:orient=\"landscape\"")
        }
    };
    format!(
        "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId4\"/><w:footerReference w:type=\"even\" r:id=\"rId5\"/><w:pgSz w:w=\"{w}\" w:h=\"{h}\"{orient}/><w:pgMar w:top=\"{top}\" w:right=\"{right}\" w:bottom=\"{bottom}\" w:left=\"{left}\" w:header=\"851\" w:footer=\"{}\" w:gutter=\"0\"/>{}<w:cols w:space=\"425\"/><w:docGrid w:type=\"lines\" w:linePitch=\"{}\"/></w:sectPr>",
        page::FOOTER,
        "",
        page::LINE_PITCH,
    )
}

/// The 版头 (GB/T 9704 7.2), when `issuer_mark` is set: the 发文机关标志 in
/// red 小标宋 centred 35 mm below the top of the text block, two blank
/// lines, the 发文字号 centred, and 4 mm under it a red rule as wide as the
/// text block. Without it, only the 发文字号 (when set) heads the page.
fn header(out: &mut Out<'_>, notice: &Notice) {
    let Some(mark) = &notice.issuer_mark else {
        if let Some(n) = &notice.doc_number {
            para(out, "", "<w:jc w:val=\"center\"/>", &[n]);
            para(out, "", "", &[]);
        }
        return;
    };
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "35 mm in twips")]
    let before = (35.0 * TWIPS_PER_MM) as u32;
    // As large as the standard's usual 42 pt, but never wider than the
    // text block (the characters are drawn at 80 % width).
    let chars = u32::try_from(chars_wide(mark).max(1)).unwrap_or(u32::MAX);
    let half_points = (2 * 440 * 10 / (8 * chars)).min(84);
    out.extend_from_slice(
        format!(
            "<w:p><w:pPr><w:pStyle w:val=\"IssuerMark\"/><w:spacing w:before=\"{before}\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:rPr><w:sz w:val=\"{half_points}\"/><w:szCs w:val=\"{half_points}\"/></w:rPr><w:t xml:space=\"preserve\">"
        )
        .as_bytes(),
    );
    xml_text(out, mark);
    out.extend_from_slice(b"</w:t></w:r></w:p>");
    para(out, "", "", &[]);
    para(out, "", "", &[]);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "4 mm in twips")]
    let gap = (4.0 * TWIPS_PER_MM) as u32;
    para(
        out,
        "",
        &format!(
            "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"12\" w:space=\"{}\" w:color=\"FF0000\"/></w:pBdr><w:jc w:val=\"center\"/>",
            gap / 20
        ),
        &[notice.doc_number.as_deref().unwrap_or("")],
    );
    para(out, "", "", &[]);
}

/// The 版记 (GB/T 9704 7.4) at the foot of the last page: a two-row table
/// (抄送; 印发机关 and 印发日期) under a blank as tall as the rest of the
/// text block, so that its last line is the page's last; a thick rule
/// (0.35 mm) above and below, a thin one (0.25 mm) between.
fn imprint_block(out: &mut Out<'_>, imprint: &Imprint) {
    const ROW: u32 = 567; // 1 cm a row
    let rows: Vec<(String, String)> = imprint
        .cc
        .iter()
        .map(|cc| (format!("抄送：{cc}。"), String::new()))
        .chain(std::iter::once((
            imprint.printer.clone().unwrap_or_default(),
            imprint.print_date.map(|d| format!("{}印发", cn_date(d))).unwrap_or_default(),
        )))
        .collect();
    let height = page::HEIGHT - page::TOP - page::BOTTOM;
    let n = u32::try_from(rows.len()).unwrap_or(2);
    // The blank above, then the table, then the (tiny) paragraph a body must end with.
    let blank = height - n * ROW - 400;
    out.extend_from_slice(format!("<w:p><w:pPr><w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"{blank}\" w:lineRule=\"exact\"/></w:pPr></w:p>").as_bytes());
    let rule =
        |side: &str, sz: u32| format!("<w:{side} w:val=\"single\" w:sz=\"{sz}\" w:space=\"0\" w:color=\"000000\"/>");
    // 0.35 mm ≈ 1 pt (sz 8), 0.25 mm ≈ 0.75 pt (sz 6).
    let (thick, thin) = (8, 6);
    out.extend_from_slice(
        format!(
            "<w:tbl><w:tblPr><w:tblW w:w=\"{}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>{}{}{}<w:left w:val=\"nil\"/><w:right w:val=\"nil\"/><w:insideV w:val=\"nil\"/></w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"316\" w:type=\"dxa\"/><w:right w:w=\"316\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid><w:gridCol w:w=\"{}\"/></w:tblGrid>",
            page::TEXT_WIDTH,
            rule("top", thick),
            rule("bottom", thick),
            rule("insideH", thin),
            page::TEXT_WIDTH
        )
        .as_bytes(),
    );
    let tab = format!("<w:tabs><w:tab w:val=\"right\" w:pos=\"{}\"/></w:tabs>", page::TEXT_WIDTH - 2 * 316);
    for (left, right) in &rows {
        out.extend_from_slice(format!("<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val=\"{ROW}\" w:hRule=\"exact\"/></w:trPr><w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>", page::TEXT_WIDTH).as_bytes());
        raw_para(out, "Imprint", &tab, &format!("{left}<w:tab/>{right}"));
        out.extend_from_slice(b"</w:tc></w:tr>");
    }
    out.extend_from_slice(b"</w:tbl>");
    out.extend_from_slice(b"<w:p><w:pPr><w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"20\" w:lineRule=\"exact\"/></w:pPr></w:p>");
}

/// A paragraph whose text holds one `<w:tab/>` (written as is, the rest escaped).
fn raw_para(out: &mut Out<'_>, style: &str, ppr: &str, text: &str) {
    let (left, right) = text.split_once("<w:tab/>").unwrap_or((text, ""));
    out.extend_from_slice(
        format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\"/>{ppr}</w:pPr><w:r><w:t xml:space=\"preserve\">").as_bytes(),
    );
    xml_text(out, left);
    out.extend_from_slice(b"</w:t><w:tab/><w:t xml:space=\"preserve\">");
    xml_text(out, right);
    out.extend_from_slice(b"</w:t></w:r></w:p>");
}

/// Red 楷体 notes on what keeps this from being final: documents listed
/// under a rule suggestion, records that could not be read. Nothing is left
/// out silently; a clerk deletes the notes once resolved.
fn draft_notes(out: &mut Out<'_>, cat: &Catalog<'_>, excluded: &[Excluded]) {
    let pending = cat.pending();
    if !pending.is_empty() {
        para(
            out,
            "DraftNote",
            "",
            &[&format!(
                "【草稿说明：清理尚未完成，有{}件文件尚未作出清理意见，暂按规则建议计入以上数字，并在附件“理由”栏注明。定稿前请删除本段。】",
                pending.len()
            )],
        );
    }
    if !excluded.is_empty() {
        let names: Vec<String> = excluded.iter().map(crate::render::excluded::label).collect();
        para(
            out,
            "DraftNote",
            "",
            &[&format!(
                "【草稿说明：以下{}件文件有错误、未能评估，未列入本通知及附件：{}。请改正后重新生成。】",
                excluded.len(),
                names.join("、")
            )],
        );
    }
}

/// `docProps/core.xml`: the title, and the 成文日期 as the creation time
/// (fixed by the input, so the bytes are too).
fn core(notice: &Notice) -> Vec<u8> {
    let mut title = Vec::new();
    let mut out = Out::new(&mut title);
    xml_text(&mut out, &notice.title);
    out.finish().ok();
    let title = String::from_utf8_lossy(&title);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{title}</dc:title><dc:creator>qingli</dc:creator><dcterms:created xsi:type=\"dcterms:W3CDTF\">{d}T00:00:00Z</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{d}T00:00:00Z</dcterms:modified></cp:coreProperties>",
        d = notice.date
    )
    .into_bytes()
}

/// The finished .docx bytes.
pub(crate) fn notice(cat: &Catalog<'_>, notice: &Notice, excluded: &[Excluded]) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        // Level 1: the XML is repetitive, so it still shrinks ~40×, and a
        // 100,000-row notice deflates in a fraction of the default's time.
        .compression_level(Some(1))
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let fixed: [(&str, &[u8]); 9] = [
        ("[Content_Types].xml", include_bytes!("../templates/docx/content_types.xml")),
        ("_rels/.rels", include_bytes!("../templates/docx/rels.xml")),
        ("docProps/app.xml", include_bytes!("../templates/docx/app.xml")),
        ("word/_rels/document.xml.rels", include_bytes!("../templates/docx/document_rels.xml")),
        ("word/styles.xml", include_bytes!("../templates/docx/styles.xml")),
        ("word/settings.xml", include_bytes!("../templates/docx/settings.xml")),
        ("word/fontTable.xml", include_bytes!("../templates/docx/fontTable.xml")),
        ("word/footer1.xml", include_bytes!("../templates/docx/footer_odd.xml")),
        ("word/footer2.xml", include_bytes!("../templates/docx/footer_even.xml")),
    ];
    for (name, bytes) in fixed {
        zip.start_file(name, options)?;
        zip.write_all(bytes)?;
    }
    zip.start_file("docProps/core.xml", options)?;
    zip.write_all(&core(notice))?;
    zip.start_file("word/document.xml", options)?;
    let mut out = Out::new(&mut zip);
    document(&mut out, cat, notice, excluded);
    out.finish()?;
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_split_evenly_before_whole_words() {
        assert_eq!(title_lines("关于公布清理结果的通知", ""), ["关于公布清理结果的通知"]);
        assert_eq!(
            title_lines("永嘉县人民政府关于公布2007年行政规范性文件清理结果的通知", "永嘉县人民政府"),
            ["永嘉县人民政府关于公布2007年", "行政规范性文件清理结果的通知"]
        );
        // A 13-character issuer and no year: 行政规范性文件 and 清理结果 stay whole.
        let issuer = "温州市瓯海区发展和改革局";
        let lines = title_lines(&format!("{issuer}关于公布行政规范性文件清理结果的通知"), issuer);
        assert!(lines.iter().any(|l| l.contains("行政规范性文件")), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("清理结果")), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains(issuer)), "{lines:?}");
        for t in [
            "温州市瓯海区人民政府关于公布区政府行政规范性文件清理结果的通知",
            "《一二三四五六七八九十一二三四五六七八九十》的通知",
        ] {
            let lines = title_lines(t, "");
            assert_eq!(lines.concat(), t);
            assert!(lines.iter().all(|l| chars_wide(l) <= TITLE_CHARS), "{lines:?}");
        }
        // A very long title is cut at the width, quickly.
        let long = "长".repeat(100_000);
        let lines = title_lines(&long, "");
        assert_eq!(lines.concat(), long);
        assert!(lines.iter().all(|l| chars_wide(l) <= TITLE_CHARS));
        // Never a line made only of a closing bracket or a split number.
        let lines = title_lines("县人民政府关于废止《县人民政府关于印发123456号文件的通知》的决定", "县人民政府");
        assert!(lines.iter().all(|l| !l.starts_with('》')), "{lines:?}");
    }

    #[test]
    fn the_date_starts_two_characters_right_of_the_issuer() {
        // 永嘉县人民政府 (7) over 2007年10月31日 (5.5 → 6): issuer 2 from the right.
        // 2007年10月31日 is 7 characters wide (digits are half-width).
        assert_eq!(signature_indents("永嘉县人民政府办公室", "2007年10月31日"), (2, 3));
        // A shorter issuer: the date is 2 from the right, the issuer moves left.
        assert_eq!(signature_indents("永嘉县人民政府", "2007年10月31日"), (4, 2));
        assert_eq!(signature_indents("县政府", "2007年10月31日"), (8, 2));
    }

    #[test]
    fn geometry_matches_the_standard() {
        let mm = |t: u32| f64::from(t) / TWIPS_PER_MM;
        assert!((mm(page::TEXT_WIDTH) - 156.0).abs() < 0.1);
        assert!((mm(page::HEIGHT - page::TOP - page::BOTTOM) - 225.0).abs() < 0.2);
        const { assert!(page::LINE_PITCH * 22 <= page::HEIGHT - page::TOP - page::BOTTOM) };
        // 28 condensed 3号 characters fit the line; 29 do not.
        let pitch = 320 + page::CONDENSE; // twips
        assert!(u32::try_from(28 * pitch).unwrap() <= page::TEXT_WIDTH);
        assert!(u32::try_from(29 * pitch).unwrap() > page::TEXT_WIDTH);
        assert!(
            include_str!("../templates/docx/styles.xml")
                .contains(&format!("<w:spacing w:val=\"{}\"/>", page::CONDENSE))
        );
        assert!((mm(ANNEX_WIDTH) - 225.0).abs() < 0.2, "landscape annexes: the text block turned");
    }

    #[test]
    fn control_characters_never_reach_the_xml() {
        let mut bytes = Vec::new();
        let mut out = Out::new(&mut bytes);
        xml_text(&mut out, "a<b>&\u{1}\u{FFFF}");
        out.finish().unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), "a&lt;b&gt;&amp;\u{FFFD}\u{FFFD}");
    }
}
