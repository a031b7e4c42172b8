//! Drawing the interactive review with ratatui: a status line (as-of date,
//! 已决定 / 待决定 / 不一致), the list of documents beside the current one's
//! facts and rules, and a help line. CJK widths are ratatui's (Unicode
//! width); text is made terminal-safe. No colour when `color` is off.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph, Wrap};

use crate::load::model::Verdict;
use crate::render::terminal_text;
use crate::tui::{App, Editing, Mode};

/// The help shown with `?`.
pub(crate) const HELP: &[&str] = &[
    "↑/↓ 或 k/j   上下移动",
    "a 或 Enter   采纳规则建议",
    "1 保留   2 修改   3 废止   4 失效",
    "r            填写理由(将公布在目录的“理由”栏)",
    "o            填写内部说明(不采纳规则建议的原因,不公布)",
    "空格/PgDn    详情向下翻,PgUp 向上翻",
    "u            撤销本次打开后最近的一次记录",
    "/            按标题、文号、责任单位筛选",
    "n            跳到下一件待决定的文件",
    "q 或 Esc     退出(每次记录都已立即写入)",
    "?            显示/关闭本帮助",
];

fn verdict(v: Option<Verdict>) -> &'static str {
    v.map_or("—", Verdict::as_str)
}

/// Draws the whole screen.
pub(crate) fn draw(frame: &mut Frame<'_>, app: &App, as_of: NaiveDate, color: bool) {
    let style = |c: Color| if color { Style::default().fg(c) } else { Style::default() };
    let area = frame.area();
    let rows = Layout::default()
        .direction(Direction::Vertical)
        .constraints([Constraint::Length(1), Constraint::Min(3), Constraint::Length(1), Constraint::Length(1)])
        .split(area);
    let (decided, undecided, disagree, broken) = app.counts();
    let status = format!(
        "评估日 {as_of}  已决定 {decided} / 待决定 {undecided} / 不一致 {disagree}{}{}",
        if broken > 0 { format!(" / 有错误 {broken}") } else { String::new() },
        if app.filter.is_empty() {
            String::new()
        } else {
            format!("  筛选「{}」{} 件", app.filter, app.visible.len())
        }
    );
    frame.render_widget(Paragraph::new(terminal_text(&status).into_owned()).style(style(Color::Cyan)), rows[0]);
    let cols = Layout::default()
        .direction(Direction::Horizontal)
        .constraints([Constraint::Percentage(45), Constraint::Percentage(55)])
        .split(rows[1]);
    let items: Vec<ListItem<'_>> = app
        .visible
        .iter()
        .map(|&i| {
            let it = &app.items[i];
            let mark = match it.decision {
                _ if it.broken.is_some() => "✗ ",
                None => "  ",
                Some(_) if it.disagrees() => "≠ ",
                Some(_) => "✓ ",
            };
            let head = it.doc_number.as_deref().unwrap_or("(无文号)");
            let line = Line::from(vec![
                Span::styled(
                    mark,
                    style(if it.broken.is_some() {
                        Color::Red
                    } else if it.disagrees() {
                        Color::Yellow
                    } else {
                        Color::Green
                    }),
                ),
                Span::raw(format!("{} {} ", verdict(it.suggested), verdict(it.decision))),
                Span::raw(terminal_text(&format!("{head} {}", it.title)).into_owned()),
            ]);
            ListItem::new(line)
        })
        .collect();
    let list = List::new(items)
        .block(Block::default().borders(Borders::ALL).title("建议 意见 文件"))
        .highlight_style(if color {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        })
        .highlight_symbol("▶");
    let mut state = ListState::default();
    state.select(if app.visible.is_empty() { None } else { Some(app.cursor) });
    frame.render_stateful_widget(list, cols[0], &mut state);
    details(frame, app, cols[1]);
    let line = match &app.mode {
        Mode::Edit(e) => match e.what {
            Editing::Filter => format!("筛选: {}▏  (回车确定,Esc 清除)", e.line),
            Editing::Reason if e.after_decision => {
                format!("与规则建议不同,请填写理由(将公布): {}▏  (回车保存,Esc 暂不填写)", e.line)
            }
            Editing::Reason => format!("理由(将公布): {}▏  (回车保存,Esc 取消)", e.line),
            Editing::Override => format!("内部说明(不公布): {}▏  (回车保存,Esc 取消)", e.line),
        },
        _ if !app.message.is_empty() => app.message.clone(),
        _ => String::new(),
    };
    frame.render_widget(Paragraph::new(terminal_text(&line).into_owned()).style(style(Color::Yellow)), rows[2]);
    // Fits 80 columns.
    let help = "a采纳 1保留 2修改 3废止 4失效 r理由 o内部说明 u撤销 /筛选 n下一件 q退出 ?帮助";
    frame.render_widget(Paragraph::new(help).style(style(Color::DarkGray)), rows[3]);
    if app.mode == Mode::Help {
        let h = u16::try_from(HELP.len() + 2).unwrap_or(12).min(area.height);
        let w = area.width.min(60);
        let popup = Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h };
        frame.render_widget(Clear, popup);
        let text: Vec<Line<'_>> = HELP.iter().map(|l| Line::from(*l)).collect();
        frame.render_widget(Paragraph::new(text).block(Block::default().borders(Borders::ALL).title("按键")), popup);
    }
}

/// The details pane: the current document's facts and rules, scrolled.
fn details(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let text: Vec<String> = match app.current() {
        Some(it) => it.details.iter().map(|l| terminal_text(l).into_owned()).collect(),
        None => vec!["(没有符合条件的文件)".to_owned()],
    };
    // The pane scrolls: at 80×24 a document's rules and conclusion may not
    // fit; the title says where the view is and how to move it.
    let inner = (area.width.saturating_sub(2).max(1), area.height.saturating_sub(2));
    let wrapped: u16 = text
        .iter()
        .map(|l| {
            let w = u16::try_from(unicode_width::UnicodeWidthStr::width(l.as_str())).unwrap_or(u16::MAX);
            w.div_ceil(inner.0).max(1)
        })
        .fold(0, u16::saturating_add);
    let scroll = app.scroll.min(wrapped.saturating_sub(inner.1));
    let title = if wrapped > inner.1 {
        let more = if scroll + inner.1 < wrapped { "空格向下" } else { "已到底" };
        format!("事实与规则 {}–{}/{wrapped} 行 {more}", scroll + 1, (scroll + inner.1).min(wrapped))
    } else {
        "事实与规则".to_owned()
    };
    let details: Vec<Line<'_>> = text.into_iter().map(Line::from).collect();
    frame.render_widget(
        Paragraph::new(details)
            .block(Block::default().borders(Borders::ALL).title(title))
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::draw;
    use crate::load::model::Verdict;
    use crate::tui::{App, Item, Key};

    fn item(id: &str, number: &str, suggested: Verdict, decision: Option<Verdict>) -> Item {
        Item {
            id: id.to_owned(),
            path: format!("documents/{id}.toml"),
            doc_number: Some(number.to_owned()),
            title: format!("关于加强{id}管理的通知"),
            unit: "水政科".to_owned(),
            suggested: Some(suggested),
            decision,
            reason: None,
            override_reason: None,
            details: vec![format!("《关于加强{id}管理的通知》"), "  Q08 越权设定 触发 → 修改".to_owned()],
            identity: crate::tui::tests::identity(id),
            broken: None,
        }
    }

    fn screen(app: &App, width: u16) -> Vec<String> {
        let mut t = Terminal::new(TestBackend::new(width, 12)).unwrap();
        t.draw(|f| draw(f, app, "2007-10-31".parse().unwrap(), false)).unwrap();
        let buf = t.backend().buffer().clone();
        (0..buf.area.height)
            .map(|y| {
                let mut line = String::new();
                let mut x = 0;
                while x < buf.area.width {
                    let cell = &buf[(x, y)];
                    line.push_str(cell.symbol());
                    x += u16::try_from(unicode_width::UnicodeWidthStr::width(cell.symbol()).max(1)).unwrap_or(1);
                }
                line
            })
            .collect()
    }

    #[test]
    fn the_screen_at_80_columns() {
        let mut app = App::new(vec![
            item("河道", "永水〔2005〕12号", Verdict::Amend, Some(Verdict::Amend)),
            item("采砂", "永水〔2006〕3号", Verdict::Repeal, None),
        ]);
        let lines = screen(&app, 80);
        assert_eq!(lines[0].trim_end(), "评估日 2007-10-31  已决定 1 / 待决定 1 / 不一致 0");
        assert!(lines[2].contains("✓ 修改 修改 永水〔2005〕12号"), "{lines:#?}");
        assert!(lines[3].contains("▶  废止 — 永水〔2006〕3号"), "{lines:#?}");
        assert!(lines[2].contains("《关于加强采砂管理的通知》"), "{lines:#?}");
        for l in &lines {
            assert!(unicode_width::UnicodeWidthStr::width(l.as_str()) <= 80, "{l}");
        }
        assert!(lines[11].trim_end().ends_with("?帮助"), "the help line fits: {}", lines[11]);
        app.on_key(Key::Char('/'));
        app.on_key(Key::Char('河'));
        let lines = screen(&app, 80);
        assert!(lines[0].contains("筛选「河」1 件"), "{lines:#?}");
        assert!(lines[10].contains("筛选: 河"), "{lines:#?}");
        app.on_key(Key::Enter);
        app.on_key(Key::Char('?'));
        let lines = screen(&app, 80);
        assert!(lines.iter().any(|l| l.contains("1 保留   2 修改   3 废止   4 失效")), "{lines:#?}");
    }
}
