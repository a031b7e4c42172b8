//! Stacked bar charts as plain shapes for inline SVG (the site's statistics
//! page): no chart library, no script. Each chart keeps its data as a table
//! too, shown under the picture for screen readers and for copying.

use serde::Serialize;

/// A rectangle of one series.
#[derive(Debug, Serialize)]
pub(crate) struct Bar {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub series: usize,
    /// Tooltip: `2005年 · 现行有效:12`.
    pub label: String,
}

/// A text label.
#[derive(Debug, Serialize)]
pub(crate) struct Label {
    pub x: f64,
    pub y: f64,
    pub text: String,
    pub anchor: &'static str,
    pub class: &'static str,
}

/// An axis or grid line.
#[derive(Debug, Serialize)]
pub(crate) struct Line {
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
    pub class: &'static str,
}

/// One row of the data table.
#[derive(Debug, Serialize)]
pub(crate) struct Row {
    pub key: String,
    pub values: Vec<usize>,
    pub total: usize,
}

/// A chart ready for the template.
#[derive(Debug, Serialize)]
pub(crate) struct Chart {
    pub title: String,
    pub desc: String,
    pub key_header: &'static str,
    pub legend: Vec<String>,
    pub width: f64,
    pub height: f64,
    pub bars: Vec<Bar>,
    pub texts: Vec<Label>,
    pub lines: Vec<Line>,
    pub table: Vec<Row>,
}

/// A tick step giving about five grid lines: 1, 2, 5 × 10^k.
fn step(max: usize) -> usize {
    let mut unit = 1;
    loop {
        for m in [1, 2, 5] {
            if max <= m * unit * 5 {
                return m * unit;
            }
        }
        unit *= 10;
    }
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

#[allow(clippy::cast_precision_loss)] // counts far below 2^52
fn f(n: usize) -> f64 {
    n as f64
}

/// Vertical stacked bars: one column per key (e.g. a year), one colour per series.
pub(crate) fn columns(
    title: &str,
    key_header: &'static str,
    legend: Vec<String>,
    data: Vec<(String, Vec<usize>)>,
) -> Chart {
    let (width, height, left, top, bottom) = (720.0, 300.0, 48.0, 12.0, 40.0);
    let totals: Vec<usize> = data.iter().map(|(_, v)| v.iter().sum()).collect();
    let max = totals.iter().copied().max().unwrap_or(0).max(1);
    let step = step(max);
    let top_value = max.div_ceil(step) * step;
    let plot_h = height - top - bottom;
    let scale = plot_h / f(top_value);
    let slot = (width - left - 8.0) / f(data.len().max(1));
    let bar_w = (slot * 0.7).max(1.0);
    let mut c = chart_frame(title, key_header, legend, width, height);
    for t in (0..=top_value).step_by(step) {
        let y = round(top + plot_h - f(t) * scale);
        c.lines.push(Line { x1: left, y1: y, x2: width - 8.0, y2: y, class: if t == 0 { "axis" } else { "grid" } });
        c.texts.push(Label { x: left - 6.0, y: y + 4.0, text: t.to_string(), anchor: "end", class: "small" });
    }
    // Label at most about 24 keys so they do not overlap.
    let every = data.len().div_ceil(24).max(1);
    for (k, (key, values)) in data.iter().enumerate() {
        let x = round(left + f(k) * slot + (slot - bar_w) / 2.0);
        let mut y = top + plot_h;
        for (s, v) in values.iter().enumerate().filter(|(_, v)| **v > 0) {
            let h = f(*v) * scale;
            y -= h;
            c.bars.push(Bar {
                x,
                y: round(y),
                w: round(bar_w),
                h: round(h),
                series: s,
                label: format!("{key} · {}:{v}", c.legend[s]),
            });
        }
        if k % every == 0 {
            c.texts.push(Label {
                x: round(x + bar_w / 2.0),
                y: height - bottom + 16.0,
                text: key.clone(),
                anchor: "middle",
                class: "small",
            });
        }
    }
    c.table = rows(data, &totals);
    c.desc = describe(&c);
    c
}

/// Horizontal stacked bars: one row per key (e.g. a responsible unit).
pub(crate) fn rows_chart(
    title: &str,
    key_header: &'static str,
    legend: Vec<String>,
    data: Vec<(String, Vec<usize>)>,
) -> Chart {
    let (width, left, row_h, top) = (720.0, 190.0, 22.0, 8.0);
    let height = top + row_h * f(data.len().max(1)) + 28.0;
    let totals: Vec<usize> = data.iter().map(|(_, v)| v.iter().sum()).collect();
    let max = totals.iter().copied().max().unwrap_or(0).max(1);
    let step = step(max);
    let top_value = max.div_ceil(step) * step;
    let plot_w = width - left - 16.0;
    let scale = plot_w / f(top_value);
    let mut c = chart_frame(title, key_header, legend, width, height);
    let bottom = top + row_h * f(data.len().max(1));
    for t in (0..=top_value).step_by(step) {
        let x = round(left + f(t) * scale);
        c.lines.push(Line { x1: x, y1: top, x2: x, y2: bottom, class: if t == 0 { "axis" } else { "grid" } });
        c.texts.push(Label { x, y: bottom + 16.0, text: t.to_string(), anchor: "middle", class: "small" });
    }
    for (k, (key, values)) in data.iter().enumerate() {
        let y = top + f(k) * row_h + 3.0;
        let mut x = left;
        for (s, v) in values.iter().enumerate().filter(|(_, v)| **v > 0) {
            let w = f(*v) * scale;
            c.bars.push(Bar {
                x: round(x),
                y: round(y),
                w: round(w),
                h: row_h - 6.0,
                series: s,
                label: format!("{key} · {}:{v}", c.legend[s]),
            });
            x += w;
        }
        let shown: String = if key.chars().count() > 13 {
            key.chars().take(12).chain(std::iter::once('…')).collect()
        } else {
            key.clone()
        };
        c.texts.push(Label { x: left - 6.0, y: round(y + row_h / 2.0), text: shown, anchor: "end", class: "" });
    }
    c.table = rows(data, &totals);
    c.desc = describe(&c);
    c
}

fn chart_frame(title: &str, key_header: &'static str, legend: Vec<String>, width: f64, height: f64) -> Chart {
    Chart {
        title: title.to_owned(),
        desc: String::new(),
        key_header,
        legend,
        width,
        height,
        bars: Vec::new(),
        texts: Vec::new(),
        lines: Vec::new(),
        table: Vec::new(),
    }
}

fn rows(data: Vec<(String, Vec<usize>)>, totals: &[usize]) -> Vec<Row> {
    data.into_iter().zip(totals).map(|((key, values), total)| Row { key, values, total: *total }).collect()
}

/// A one-sentence summary for `<desc>`.
fn describe(c: &Chart) -> String {
    let total: usize = c.table.iter().map(|r| r.total).sum();
    match c.table.iter().max_by_key(|r| r.total) {
        Some(top) if total > 0 => {
            format!("共 {} 项、{total} 件;最多的是{}({} 件)。详见图下数据表。", c.table.len(), top.key, top.total)
        }
        _ => "没有数据。".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_round_numbers() {
        assert_eq!([step(1), step(5), step(6), step(12), step(40), step(99), step(4_000)], [1, 1, 2, 5, 10, 20, 1_000]);
    }

    #[test]
    fn stacked_bars_add_up_and_stay_inside() {
        let c = columns(
            "t",
            "年份",
            vec!["a".into(), "b".into()],
            vec![("2005".into(), vec![3, 2]), ("2006".into(), vec![0, 7]), ("2007".into(), vec![0, 0])],
        );
        assert_eq!(c.bars.len(), 3, "no empty rectangles");
        for b in &c.bars {
            assert!(b.x >= 0.0 && b.y >= 0.0 && b.x + b.w <= c.width && b.y + b.h <= c.height, "{b:?}");
        }
        assert_eq!(c.table.iter().map(|r| r.total).collect::<Vec<_>>(), [5, 7, 0]);
        let r = rows_chart("t", "单位", vec!["a".into()], vec![("很长很长很长很长的单位名称很长很长".into(), vec![4])]);
        assert!(r.texts.iter().any(|t| t.text.ends_with('…')));
    }
}
