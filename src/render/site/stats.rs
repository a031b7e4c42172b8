//! 统计.html's charts: documents by year of issue (stacked by status), this
//! campaign's verdicts by responsible unit, open deadlines by the month
//! they fall due. Data only; `chart` draws them.

use chrono::{Datelike, Months};

use super::Site;
use crate::judge::catalog::ANNEXES;
use crate::judge::publish::Group;
use crate::render::chart::{self, Chart};

/// The three charts of 统计.html.
pub(super) fn charts(site: &Site<'_>) -> Vec<Chart> {
    // Documents by year of issue, stacked by status.
    let groups: Vec<Group> = Group::ALL.to_vec();
    let years = site.reg.documents.iter().map(|d| d.issued.year());
    let (lo, hi) = (years.clone().min().unwrap_or(site.as_of.year()), years.max().unwrap_or(site.as_of.year()));
    let mut by_year: Vec<(String, Vec<usize>)> = (lo..=hi).map(|y| (format!("{y}"), vec![0; groups.len()])).collect();
    for (d, e) in site.reg.documents.iter().zip(&site.published.entries) {
        let k = usize::try_from(d.issued.year() - lo).unwrap_or(0);
        let s = groups.iter().position(|g| *g == e.group).unwrap_or(0);
        by_year[k].1[s] += 1;
    }
    let legend: Vec<String> = groups.iter().map(|g| g.as_str().to_owned()).collect();
    let years_chart = chart::columns("按发布年份的文件数(按状态)", "发布年份", legend, by_year);
    // Verdicts by responsible unit (this campaign's documents).
    let verdicts: Vec<_> = ANNEXES.iter().map(|(v, _, _)| *v).collect();
    let mut units: std::collections::BTreeMap<&str, Vec<usize>> = std::collections::BTreeMap::new();
    for e in &site.cat.entries {
        let unit =
            Some(&*site.reg.documents[e.doc].responsible_unit).filter(|u| !u.is_empty()).unwrap_or("(未登记责任单位)");
        let s = verdicts.iter().position(|v| *v == e.verdict).unwrap_or(0);
        units.entry(unit).or_insert_with(|| vec![0; verdicts.len()])[s] += 1;
    }
    let mut units: Vec<(String, Vec<usize>)> = units.into_iter().map(|(u, v)| (u.to_owned(), v)).collect();
    units.sort_by(|a, b| b.1.iter().sum::<usize>().cmp(&a.1.iter().sum::<usize>()).then(a.0.cmp(&b.0)));
    if units.len() > 30 {
        let rest: Vec<(String, Vec<usize>)> = units.split_off(29);
        let mut other = vec![0; verdicts.len()];
        for (_, v) in &rest {
            for (o, x) in other.iter_mut().zip(v) {
                *o += x;
            }
        }
        units.push((format!("其他 {} 个单位", rest.len()), other));
    }
    let legend: Vec<String> = verdicts.iter().map(|v| v.as_str().to_owned()).collect();
    let units_chart = chart::rows_chart("本次清理意见(按责任单位)", "责任单位", legend, units);
    // Open deadlines: overdue, then the next twelve months.
    let start = site.as_of.with_day(1).unwrap_or(site.as_of);
    let mut months: Vec<(String, Vec<usize>)> = vec![("已逾期".to_owned(), vec![0])];
    months.extend(
        (0..12u32)
            .filter_map(|k| start.checked_add_months(Months::new(k)))
            .map(|m| (format!("{}年{}月", m.year(), m.month()), vec![0])),
    );
    for due in &site.due {
        if *due < site.as_of {
            months[0].1[0] += 1;
        } else {
            let k = (due.year() - start.year()) * 12 + i32::try_from(due.month()).unwrap_or(0)
                - i32::try_from(start.month()).unwrap_or(0);
            if let Ok(k) = usize::try_from(k)
                && k < 12
            {
                months[k + 1].1[0] += 1;
            }
        }
    }
    let due_chart = chart::columns("未完成的期限事项(按到期月份)", "到期月份", vec!["事项数".to_owned()], months);
    vec![years_chart, units_chart, due_chart]
}
