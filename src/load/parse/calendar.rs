//! A working-day calendar file (`calendar/*.toml`): one year's holidays
//! and working days.

use toml_spanner::Arena;

use crate::diag::{Code, Diagnostic};
use crate::load::model::CalendarYear;
use crate::load::read::{Reader, start};

use super::{parse_toml, table_has};

/// Parses a calendar file (`calendar/<year>.toml` or a built-in one).
pub(crate) fn parse_calendar(file: &str, text: &str) -> (Option<CalendarYear>, Vec<Diagnostic>) {
    let mut r = Reader::new(file, text);
    let mut out = None;
    let arena = Arena::new();
    if let Some(d) = parse_toml(&mut r, text, &arena) {
        let t = d.table();
        let mut cal = CalendarYear { year: 0, holidays: Vec::new(), workdays: Vec::new() };
        let mut year = None;
        let mut workdays_at = None;
        for (key, v) in t {
            let k = key.name;
            match k {
                "year" => {
                    year = r.uint(k, v).and_then(|y| i32::try_from(y).ok());
                    if let Some(y) = year
                        && let Some(stem) = file.rsplit('/').next().and_then(|n| n.strip_suffix(".toml"))
                        && stem.parse::<i32>().is_ok_and(|s| s != y)
                    {
                        r.report(
                            Code::CalendarYear,
                            start(v),
                            format!("日历文件 `{stem}.toml` 中 year = {y},与文件名不符"),
                            "文件名须为年份,例如 calendar/2027.toml 中写 year = 2027",
                        );
                    }
                }
                "holidays" => cal.holidays = r.dates(k, v),
                "workdays" => {
                    cal.workdays = r.dates(k, v);
                    workdays_at = Some(start(v));
                }
                _ => r.unknown(key, &["year", "holidays", "workdays"], "日历文件"),
            }
        }
        // A day cannot be both a holiday and a working day.
        if let Some(at) = workdays_at {
            for d in cal.workdays.iter().filter(|d| cal.holidays.contains(d)) {
                r.report(
                    Code::BadValue,
                    at,
                    format!("{d} 同时列为放假日(holidays)和调休上班日(workdays)"),
                    "核对国务院放假安排,把这一天从其中一个列表中删除",
                );
            }
        }
        if let Some(y) = year {
            cal.year = y;
            out = Some(cal);
        } else if !table_has(t, "year") {
            r.missing("", "year", 0, "year = 2027");
        }
    }
    (out, r.diags)
}
