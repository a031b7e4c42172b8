//! Calendar-date arithmetic that knows nothing about working days.
//!
//! Adding years and months clamps to the month's last day (2024-02-29 + 1
//! year = 2025-02-28; 2027-03-31 − 6 months = 2026-09-30). All functions are
//! pure and saturate instead of panicking at the edge of chrono's range.

use chrono::{Days, Months, NaiveDate};

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
    fn saturates_instead_of_panicking() {
        assert_eq!(add_days(NaiveDate::MAX, 1), NaiveDate::MAX);
        assert_eq!(add_years(NaiveDate::MIN, -5), NaiveDate::MIN);
        assert_eq!(add_months(d("2020-01-01"), i64::MAX), NaiveDate::MAX);
    }
}
