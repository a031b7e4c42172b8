//! The working-day calendar (工作日历) and working-day arithmetic.
//!
//! Built-in calendars for 2020–2026 are embedded from `data/calendar/`
//! (State Council holiday notices, with 调休 working weekends). A register's
//! `calendar/<year>.toml` replaces the built-in file for that year. A day is
//! a working day when it is a listed `workdays` date, else not a listed
//! `holidays` date and Monday–Friday. Years without any calendar file fall
//! back to Monday–Friday; [`Calendar::missing_years`] tells a command which
//! years of a span lack data, so it can warn once about what it shows.
//!
//! Counting is arithmetic (weekdays in a range, corrected by the sorted
//! lists), so even absurd day counts cannot make it loop for long.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, Weekday};

use crate::dates;
use crate::load::model::CalendarYear;
use crate::load::parse;

/// The built-in calendar files: (file name, text).
pub(crate) const BUILTIN: &[(&str, &str)] = &[
    ("2020.toml", include_str!("../../data/calendar/2020.toml")),
    ("2021.toml", include_str!("../../data/calendar/2021.toml")),
    ("2022.toml", include_str!("../../data/calendar/2022.toml")),
    ("2023.toml", include_str!("../../data/calendar/2023.toml")),
    ("2024.toml", include_str!("../../data/calendar/2024.toml")),
    ("2025.toml", include_str!("../../data/calendar/2025.toml")),
    ("2026.toml", include_str!("../../data/calendar/2026.toml")),
];

/// A working-day calendar.
#[derive(Debug)]
pub(crate) struct Calendar {
    /// Listed days off that fall on Monday–Friday, sorted.
    weekday_holidays: Vec<NaiveDate>,
    /// Listed working days that fall on Saturday or Sunday, sorted.
    weekend_workdays: Vec<NaiveDate>,
    holidays: BTreeSet<NaiveDate>,
    workdays: BTreeSet<NaiveDate>,
    /// Years that have a calendar file.
    years: BTreeSet<i32>,
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Monday–Friday days in (a, b], for a ≤ b.
fn weekdays_between(a: NaiveDate, b: NaiveDate) -> i64 {
    let days = (b - a).num_days();
    let weeks = days / 7;
    let mut count = weeks * 5;
    let mut d = dates::add_days(a, weeks * 7);
    while d < b {
        d = dates::add_days(d, 1);
        if !is_weekend(d) {
            count += 1;
        }
    }
    count
}

/// Elements of a sorted list in (a, b].
fn count_in(list: &[NaiveDate], a: NaiveDate, b: NaiveDate) -> i64 {
    let lo = list.partition_point(|d| *d <= a);
    let hi = list.partition_point(|d| *d <= b);
    i64::try_from(hi - lo).unwrap_or(i64::MAX)
}

impl Calendar {
    /// The built-in calendar, replaced year by year by `overrides`.
    pub(crate) fn new(overrides: &[CalendarYear]) -> Self {
        let mut by_year: BTreeMap<i32, CalendarYear> = BTreeMap::new();
        for (name, text) in BUILTIN {
            let (cal, diags) = parse::parse_calendar(name, text);
            debug_assert!(diags.is_empty(), "built-in calendar {name}: {diags:?}");
            if let Some(c) = cal {
                by_year.insert(c.year, c);
            }
        }
        for c in overrides {
            by_year.insert(c.year, c.clone());
        }
        let mut cal = Calendar {
            weekday_holidays: Vec::new(),
            weekend_workdays: Vec::new(),
            holidays: BTreeSet::new(),
            workdays: BTreeSet::new(),
            years: by_year.keys().copied().collect(),
        };
        for c in by_year.values() {
            cal.holidays.extend(c.holidays.iter().copied());
            cal.workdays.extend(c.workdays.iter().copied());
        }
        // A date listed both ways counts as a working day (the explicit 调休 wins).
        cal.weekday_holidays =
            cal.holidays.iter().copied().filter(|d| !is_weekend(*d) && !cal.workdays.contains(d)).collect();
        cal.weekend_workdays = cal.workdays.iter().copied().filter(|d| is_weekend(*d)).collect();
        cal
    }

    /// The built-in calendar alone.
    #[cfg(any(test, feature = "fuzzing"))]
    pub(crate) fn builtin() -> Self {
        Calendar::new(&[])
    }

    /// The years from `a` to `b` (either order) that have no calendar file;
    /// working days in them are counted Monday–Friday. At most 400 years are
    /// examined.
    pub(crate) fn missing_years(&self, a: i32, b: i32) -> Vec<i32> {
        let (lo, hi) = (a.min(b), a.max(b));
        (lo..=hi.min(lo.saturating_add(400))).filter(|y| !self.years.contains(y)).collect()
    }

    /// Whether `d` is a working day.
    pub(crate) fn is_workday(&self, d: NaiveDate) -> bool {
        if self.workdays.contains(&d) {
            return true;
        }
        !self.holidays.contains(&d) && !is_weekend(d)
    }

    /// Working days in (a, b]; negative (minus the working days in (b, a]) when b < a.
    pub(crate) fn workdays_between(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        if b < a {
            return -self.workdays_between(b, a);
        }
        weekdays_between(a, b) - count_in(&self.weekday_holidays, a, b) + count_in(&self.weekend_workdays, a, b)
    }

    /// The `n`th working day after `d` (`d` itself not counted); `d` for n = 0.
    pub(crate) fn add_workdays(&self, d: NaiveDate, n: u32) -> NaiveDate {
        if n == 0 {
            return d;
        }
        let n = i64::from(n);
        // Usually the answer lies in (d, d + 2n + 60]; a calendar with long
        // holiday blocks can push it further, so widen the window until it
        // holds n working days (a monotone count), then binary-search it.
        let (mut lo, mut hi) = (d, dates::add_days(d, n * 2 + 60));
        while self.workdays_between(d, hi) < n {
            if hi == NaiveDate::MAX {
                return hi;
            }
            hi = dates::add_days(hi, (hi - d).num_days().max(1));
        }
        while lo < hi {
            let mid = dates::add_days(lo, (hi - lo).num_days() / 2);
            if self.workdays_between(d, mid) >= n {
                hi = mid;
            } else {
                lo = dates::add_days(mid, 1);
            }
        }
        lo
    }

    /// `d` when it is a working day, else the next working day.
    pub(crate) fn next_workday(&self, d: NaiveDate) -> NaiveDate {
        if self.is_workday(d) {
            return d;
        }
        let prev = dates::add_days(d, -1);
        self.add_workdays(prev, 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn long_holiday_blocks_never_give_a_holiday_as_the_answer() {
        // 2027: every day from January to the end of June is a holiday.
        let start = d("2027-01-01");
        let holidays: Vec<NaiveDate> = (0..181).map(|i| dates::add_days(start, i)).collect();
        let c = Calendar::new(&[CalendarYear { year: 2027, holidays, workdays: Vec::new() }]);
        for n in [1, 5, 20] {
            let due = c.add_workdays(d("2026-12-31"), n);
            assert!(c.is_workday(due), "{n}: {due}");
            assert!(due >= d("2027-07-01"), "{n}: {due}");
            assert_eq!(c.workdays_between(d("2026-12-31"), due), i64::from(n));
        }
    }

    #[test]
    fn builtin_has_2020_to_2026() {
        let c = Calendar::builtin();
        assert_eq!(c.years.iter().copied().collect::<Vec<_>>(), (2020..=2026).collect::<Vec<_>>());
    }

    #[test]
    fn every_2026_holiday_block_and_adjusted_workday() {
        let c = Calendar::builtin();
        let blocks = [
            ("2026-01-01", "2026-01-03"),
            ("2026-02-15", "2026-02-23"),
            ("2026-04-04", "2026-04-06"),
            ("2026-05-01", "2026-05-05"),
            ("2026-06-19", "2026-06-21"),
            ("2026-09-25", "2026-09-27"),
            ("2026-10-01", "2026-10-07"),
        ];
        for (from, to) in blocks {
            let mut x = d(from);
            while x <= d(to) {
                assert!(!c.is_workday(x), "{x} should be a holiday");
                x = x.succ_opt().unwrap();
            }
            assert!(!c.is_workday(d(to)));
        }
        for w in ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"] {
            assert!(c.is_workday(d(w)), "{w} is a 调休 working day");
            assert!(is_weekend(d(w)), "{w} is a weekend day");
        }
        assert!(c.is_workday(d("2026-01-05")));
        assert!(!c.is_workday(d("2026-01-10")), "ordinary Saturday");
        assert!(c.missing_years(2020, 2026).is_empty());
    }

    #[test]
    fn neighbouring_year_dates_in_a_file_count() {
        let c = Calendar::builtin();
        // 2023's 元旦 block starts on 2022-12-31 (a Saturday anyway) and is listed in 2023.toml.
        assert!(c.holidays.contains(&d("2022-12-31")));
        assert!(!c.is_workday(d("2023-01-02")));
    }

    #[test]
    fn working_day_arithmetic_across_spring_festival() {
        let c = Calendar::builtin();
        // Friday 2026-02-13; 02-14 (Sat) is a 调休 working day; 02-15..23 off.
        assert_eq!(c.add_workdays(d("2026-02-13"), 1), d("2026-02-14"));
        assert_eq!(c.add_workdays(d("2026-02-13"), 2), d("2026-02-24"));
        assert_eq!(c.workdays_between(d("2026-02-13"), d("2026-02-24")), 2);
        assert_eq!(c.workdays_between(d("2026-02-24"), d("2026-02-13")), -2);
        assert_eq!(c.next_workday(d("2026-02-15")), d("2026-02-24"));
        assert_eq!(c.next_workday(d("2026-02-24")), d("2026-02-24"));
    }

    #[test]
    fn twenty_working_days_over_national_day() {
        let c = Calendar::builtin();
        // From 2026-09-18 (Fri): 20 working days, skipping 09-25..27 and 10-01..07,
        // counting the 调休 Sundays 09-20 and Saturday 10-10.
        let due = c.add_workdays(d("2026-09-18"), 20);
        assert_eq!(c.workdays_between(d("2026-09-18"), due), 20);
        assert!(c.is_workday(due));
        assert_eq!(due, d("2026-10-22"));
    }

    #[test]
    fn fallback_years_are_recorded() {
        let c = Calendar::builtin();
        assert_eq!(c.add_workdays(d("2030-01-04"), 1), d("2030-01-07"));
        assert!(c.is_workday(d("2030-01-01")), "no data: Monday–Friday, so 元旦 is a working day");
        assert_eq!(c.missing_years(2031, 2025), vec![2027, 2028, 2029, 2030, 2031]);
    }

    #[test]
    fn register_file_replaces_builtin_year() {
        let over = CalendarYear { year: 2026, holidays: vec![d("2026-03-02")], workdays: vec![] };
        let c = Calendar::new(&[over]);
        assert!(!c.is_workday(d("2026-03-02")));
        assert!(c.is_workday(d("2026-10-08")), "the built-in 2026 file is gone");
    }

    #[test]
    fn leap_day() {
        let c = Calendar::builtin();
        // 2024-02-29 is a Thursday and a working day.
        assert!(c.is_workday(d("2024-02-29")));
        assert_eq!(c.add_workdays(d("2024-02-28"), 1), d("2024-02-29"));
    }

    #[test]
    fn absurd_counts_terminate() {
        let c = Calendar::builtin();
        let far = c.add_workdays(d("2020-01-01"), u32::MAX);
        assert!(far > d("2020-01-01"));
    }
}
