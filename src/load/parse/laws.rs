//! A law table (`laws/*.toml`): its `[[law]]` entries.

use toml_spanner::{Arena, Table};

use crate::diag::{Code, Diagnostic};
use crate::load::model::{Law, LawLevel};
use crate::load::read::{Reader, start};

use super::{parse_toml, require};

/// The keys of a `[[law]]`.
pub(crate) const LAW_KEYS: &[&str] =
    &["name", "full_name", "aliases", "level", "promulgated", "effective", "repealed", "replaced_by", "revised"];

/// Parses a law table file (`laws/*.toml`): any number of `[[law]]` entries.
pub(crate) fn parse_laws(file: &str, text: &str) -> (Vec<Law>, Vec<Diagnostic>) {
    let mut r = Reader::new(file, text);
    let mut laws = Vec::new();
    let arena = Arena::new();
    if let Some(d) = parse_toml(&mut r, text, &arena) {
        let t = d.table();
        for (key, v) in t {
            if key.name == "law" {
                laws.extend(r.each_table("law", v, |r, t, at| law(r, file, t, at)));
            } else {
                r.unknown(key, &["law"], "法律库文件");
            }
        }
    }
    (laws, r.diags)
}

fn law(r: &mut Reader<'_>, file: &str, t: &Table<'_>, at: usize) -> Option<Law> {
    let mut l = Law {
        name: String::new(),
        full_name: None,
        aliases: Vec::new(),
        level: None,
        promulgated: None,
        effective: None,
        repealed: None,
        repealed_undated: false,
        replaced_by: None,
        revised: Vec::new(),
        file: file.to_owned(),
        pos: r.pos(at),
    };
    let mut name = None;
    let mut repealed_at = at;
    for (key, v) in t {
        let k = key.name;
        match k {
            "name" => name = r.text(k, v),
            "full_name" => l.full_name = r.text(k, v),
            "aliases" => l.aliases = r.strings(k, v),
            "level" => l.level = r.word(k, v, LawLevel::parse, LawLevel::NAMES),
            "promulgated" => l.promulgated = r.date(k, v),
            "effective" => l.effective = r.date(k, v),
            "repealed" => {
                repealed_at = start(v);
                // `repealed = true`: repealed, date unknown.
                match r.true_or_date(k, v) {
                    Ok(undated) => l.repealed_undated = undated,
                    Err(date) => l.repealed = date,
                }
            }
            "replaced_by" => l.replaced_by = r.text(k, v),
            "revised" => l.revised = r.dates(k, v),
            _ => r.unknown(key, LAW_KEYS, "[[law]] "),
        }
    }
    require(r, "[[law]] ", t, at, &[("name", "name = \"物权法\"")]);
    if let (Some(repealed), Some(took_effect)) = (l.repealed, l.effective.or(l.promulgated))
        && repealed < took_effect
    {
        r.report(
            Code::LawDates,
            repealed_at,
            format!("废止日期 {repealed} 早于施行(或公布)日期 {took_effect}"),
            "核对法律的公布、施行、废止日期",
        );
    }
    l.name = name?;
    l.revised.sort_unstable();
    Some(l)
}
