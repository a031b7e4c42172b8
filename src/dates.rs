//! Calendar-date arithmetic that knows nothing about working days.
//!
//! Adding years and months clamps to the month's last day (2024-02-29 + 1
//! year = 2025-02-28; 2027-03-31 − 6 months = 2026-09-30). All functions are
//! pure and saturate instead of panicking at the edge of chrono's range.
//! Also [`AsOfSource`], where a command's as-of date came from.

use chrono::{Days, Months, NaiveDate};

/// Where the as-of date came from (`--as-of`, the campaign, or today,
/// read once at start).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AsOfSource {
    Flag,
    Campaign,
    Today,
}

/// `date` plus `months` (negative to go back), clamped to the month's end.
pub(crate) fn add_months(date: NaiveDate, months: i64) -> NaiveDate {
    let m = u32::try_from(months.unsigned_abs()).unwrap_or(u32::MAX);
    let r = if months >= 0 { date.checked_add_months(Months::new(m)) } else { date.checked_sub_months(Months::new(m)) };
    r.unwrap_or(if months >= 0 { NaiveDate::MAX } else { NaiveDate::MIN })
}

/// `date` plus `years`, clamped to the month's end.
pub(crate) fn add_years(date: NaiveDate, years: i64) -> NaiveDate {
    add_months(date, years.saturating_mul(12))
}

/// `date` plus `days` calendar days (negative to go back), saturating.
pub(crate) fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    let d = Days::new(days.unsigned_abs());
    let r = if days >= 0 { date.checked_add_days(d) } else { date.checked_sub_days(d) };
    r.unwrap_or(if days >= 0 { NaiveDate::MAX } else { NaiveDate::MIN })
}

/// The last day of a period of `years` starting on `start`: the day before
/// the anniversary (2014-03-01 + 5 years → 2019-02-28).
pub(crate) fn period_end(start: NaiveDate, years: i64) -> NaiveDate {
    add_days(add_years(start, years), -1)
}

/// Builds a date from a TOML date's parts, or `None` when impossible.
pub(crate) fn from_ymd(year: i64, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// Why a date as written is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LooseError {
    /// Not a form qingli reads.
    Form,
    /// The right shape, but no such day (`2007年6月31日`): the reason, in Chinese.
    NoSuchDay(String),
}

/// A date as clerks write it: `2005-03-10`, `2005/3/10`, `2005.3.10`,
/// `2005年3月10日`, `二〇〇五年三月十日`, `20050310` (full-width digits and
/// surrounding spaces accepted). An impossible date is an error naming why,
/// never corrected.
pub(crate) fn parse_loose(raw: &str) -> Result<NaiveDate, LooseError> {
    use unicode_normalization::UnicodeNormalization;
    let raw = without_time(raw.trim());
    let s: String = raw.nfkc().filter(|c| !c.is_whitespace()).collect();
    let (y, m, d) = if let Some(parts) = chinese_numerals(&s) {
        parts
    } else if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        (
            s[..4].parse().map_err(|_| LooseError::Form)?,
            s[4..6].parse().map_err(|_| LooseError::Form)?,
            s[6..].parse().map_err(|_| LooseError::Form)?,
        )
    } else {
        let body = s.strip_suffix('日').or_else(|| s.strip_suffix('号')).unwrap_or(&s);
        let parts: Vec<&str> = body.split(['-', '/', '.', '年', '月']).collect();
        let [y, m, d] = parts[..] else { return Err(LooseError::Form) };
        let num = |t: &str, max_len: usize| -> Result<u32, LooseError> {
            if t.is_empty() || t.len() > max_len || !t.bytes().all(|b| b.is_ascii_digit()) {
                return Err(LooseError::Form);
            }
            t.parse().map_err(|_| LooseError::Form)
        };
        if y.len() != 4 {
            return Err(LooseError::Form);
        }
        (num(y, 4)?, num(m, 2)?, num(d, 2)?)
    };
    if !(1..=12).contains(&m) {
        return Err(LooseError::NoSuchDay(format!("没有{m}月")));
    }
    NaiveDate::from_ymd_opt(i32::try_from(y).map_err(|_| LooseError::Form)?, m, d).ok_or_else(|| {
        LooseError::NoSuchDay(if d == 0 {
            format!("{y}年{m}月没有0日")
        } else {
            format!("{y}年{m}月没有{d}日")
        })
    })
}

/// A date as spreadsheets export it with a time: `2023-02-22 00:00:00`,
/// `2023/2/22 0:00`, `2023-02-22T00:00:00`: the date part (any time of day).
fn without_time(s: &str) -> &str {
    let Some(at) = s.find([' ', 'T', '\u{3000}']) else { return s };
    let time = s[at + 1..].trim();
    let is_time = time.contains(':')
        && time.split(':').count() <= 3
        && time.split(':').all(|p| {
            let p = p.split('.').next().unwrap_or(p);
            !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit())
        });
    if is_time { s[..at].trim_end() } else { s }
}

/// A Chinese digit: `〇` … `九`, also `零`, `○`.
fn chinese_digit(c: char) -> Option<u32> {
    let d = "〇一二三四五六七八九".chars().position(|x| x == c).or(match c {
        '零' | '○' | 'O' | '0' => Some(0),
        _ => None,
    })?;
    u32::try_from(d).ok()
}

/// A number under a hundred in Chinese numerals: `一` … `九`, `十`, `十一`
/// … `十九`, `二十` … `九十九` (a month, a day, a count of years).
pub(crate) fn small_numeral(t: &str) -> Option<u32> {
    let chars: Vec<char> = t.chars().collect();
    let d = chinese_digit;
    match chars[..] {
        ['十'] => Some(10),
        [c] => d(c),
        ['十', u] => Some(10 + d(u)?),
        [t, '十'] => Some(d(t)? * 10),
        [t, '十', u] => Some(d(t)? * 10 + d(u)?),
        _ => None,
    }
}

/// `二〇〇五年三月十日` (also with `零`/`○`, and `十一`, `二十`, `三十一`).
fn chinese_numerals(s: &str) -> Option<(u32, u32, u32)> {
    let (year, rest) = s.split_once('年')?;
    let (month, rest) = rest.split_once('月')?;
    let day = rest.strip_suffix('日').or_else(|| rest.strip_suffix('号'))?;
    if year.chars().count() != 4 || year.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let y = year.chars().try_fold(0u32, |acc, c| Some(acc * 10 + chinese_digit(c)?))?;
    Some((y, small_numeral(month)?, small_numeral(day)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn month_end_clamping() {
        assert_eq!(add_months(d("2027-03-31"), -6), d("2026-09-30"));
        assert_eq!(add_months(d("2024-01-31"), 1), d("2024-02-29"));
        assert_eq!(add_years(d("2024-02-29"), 1), d("2025-02-28"));
        assert_eq!(add_years(d("2024-02-29"), 4), d("2028-02-29"));
    }

    #[test]
    fn period_end_is_day_before_anniversary() {
        assert_eq!(period_end(d("2014-03-01"), 5), d("2019-02-28"));
        assert_eq!(period_end(d("2016-03-01"), 2), d("2018-02-28"));
        assert_eq!(period_end(d("2020-01-01"), 2), d("2021-12-31"));
    }

    #[test]
    fn dates_as_clerks_write_them() {
        for raw in [
            "2005-03-10",
            "2005/3/10",
            "2005.3.10",
            "2005年3月10日",
            "二〇〇五年三月十日",
            "20050310",
            " ２００５年３月１０日 ",
            "二零零五年三月十日",
        ] {
            assert_eq!(parse_loose(raw), Ok(d("2005-03-10")), "{raw}");
        }
        assert_eq!(parse_loose("二〇〇七年十二月三十一日"), Ok(d("2007-12-31")));
        assert_eq!(parse_loose("二〇〇七年十一月二十日"), Ok(d("2007-11-20")));
        assert_eq!(parse_loose("2007年6月31日"), Err(LooseError::NoSuchDay("2007年6月没有31日".into())));
        assert_eq!(parse_loose("2019-02-29"), Err(LooseError::NoSuchDay("2019年2月没有29日".into())));
        assert_eq!(parse_loose("2019/13/01"), Err(LooseError::NoSuchDay("没有13月".into())));
        for bad in ["", "长期", "2005", "05-3-10", "2005-3", "二〇〇五年", "2005年3月"] {
            assert_eq!(parse_loose(bad), Err(LooseError::Form), "{bad}");
        }
    }

    #[test]
    fn saturates_instead_of_panicking() {
        assert_eq!(add_days(NaiveDate::MAX, 1), NaiveDate::MAX);
        assert_eq!(add_years(NaiveDate::MIN, -5), NaiveDate::MIN);
        assert_eq!(add_months(d("2020-01-01"), i64::MAX), NaiveDate::MAX);
    }
}
