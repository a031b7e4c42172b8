//! The interactive review's state machine (`review --interactive`): the
//! list of subject documents, the cursor, the modes (filter, reason,
//! override reason, help) and what each key asks for. Pure: keys in,
//! [`Action`]s out; the command performs the writes (through the same code
//! as `decide`) and hands back the re-evaluated list. Drawing lives in
//! `render::tui`.

use crate::load::model::Verdict;

/// One document as the screen shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Item {
    pub id: String,
    /// The record's path in the register (where a decision is written).
    pub path: String,
    pub doc_number: Option<String>,
    pub title: String,
    pub unit: String,
    pub suggested: Option<Verdict>,
    pub decision: Option<Verdict>,
    pub reason: Option<String>,
    pub override_reason: Option<String>,
    /// The facts and every rule's judgement, as `--explain` gives them.
    pub details: Vec<String>,
    /// What names the document as loaded: a write goes only into that record.
    pub identity: crate::load::model::Identity,
    /// The record's first error, when it has errors: listed and counted,
    /// never decided until it is corrected.
    pub broken: Option<String>,
}

impl Item {
    pub(crate) fn disagrees(&self) -> bool {
        matches!((self.suggested, self.decision), (Some(s), Some(d)) if s != d)
    }

    /// Whether the text filter (substring, as Chinese search is) matches.
    fn matches(&self, needle: &str) -> bool {
        needle.is_empty()
            || self.title.contains(needle)
            || self.unit.contains(needle)
            || self.id.contains(needle)
            || self
                .doc_number
                .as_deref()
                .is_some_and(|n| n.contains(needle) || crate::docnum::key(n).contains(&*crate::docnum::key(needle)))
    }
}

/// A key, as the state machine sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Key {
    Up,
    Down,
    Enter,
    Esc,
    Backspace,
    /// Scroll the details pane.
    PageUp,
    PageDown,
    Char(char),
    /// Ctrl-C (or SIGTERM): always quits.
    Interrupt,
}

/// What a line being edited is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Editing {
    Filter,
    /// The public reason (`reason`, published in the catalogues).
    Reason,
    /// The internal note (`override_reason`, never published).
    Override,
}

/// A line being edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Edit {
    pub what: Editing,
    pub line: String,
    /// The document a reason is for (fixed when the prompt opens).
    pub id: Option<String>,
    /// Opened by a decision that differs from the rules' suggestion.
    pub after_decision: bool,
}

/// The screen's mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Mode {
    Browse,
    Edit(Edit),
    Help,
}

/// What the command must do after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Action {
    Nothing,
    /// Write into the record `id`'s `[review]`: `None` fields stay as they are.
    Record {
        id: String,
        decision: Option<Verdict>,
        reason: Option<String>,
        override_reason: Option<String>,
    },
    /// Put back the file as it was before the last decision of this session.
    Undo,
    Quit,
}

/// The whole screen state.
#[derive(Debug, Clone)]
pub(crate) struct App {
    pub items: Vec<Item>,
    /// Indices into `items` that the filter lets through, in order.
    pub visible: Vec<usize>,
    /// Position in `visible`.
    pub cursor: usize,
    pub mode: Mode,
    pub filter: String,
    /// The last message (what was written, an error).
    pub message: String,
    /// Decisions written this session that `u` can take back (ids, newest last).
    pub undoable: Vec<String>,
    /// Whether the cursor moves on to the next undecided document once the
    /// write the last key asked for is done.
    pub advance: bool,
    /// The first line of the details pane shown (it scrolls).
    pub scroll: u16,
}

impl App {
    /// The screen over `items`, the cursor on the first document without a decision.
    pub(crate) fn new(items: Vec<Item>) -> App {
        let mut app = App {
            items,
            visible: Vec::new(),
            cursor: 0,
            mode: Mode::Browse,
            filter: String::new(),
            message: String::new(),
            undoable: Vec::new(),
            advance: false,
            scroll: 0,
        };
        app.refilter();
        app.cursor = app.next_undecided_from(0).unwrap_or(0);
        app
    }

    fn refilter(&mut self) {
        let keep = self.current().map(|i| i.id.clone());
        self.visible = (0..self.items.len()).filter(|&i| self.items[i].matches(&self.filter)).collect();
        self.cursor = keep
            .and_then(|id| self.visible.iter().position(|&i| self.items[i].id == id))
            .unwrap_or(0)
            .min(self.visible.len().saturating_sub(1));
    }

    /// The document under the cursor.
    pub(crate) fn current(&self) -> Option<&Item> {
        self.visible.get(self.cursor).map(|&i| &self.items[i])
    }

    /// The first visible undecided document at or after position `from`, wrapping.
    fn next_undecided_from(&self, from: usize) -> Option<usize> {
        let n = self.visible.len();
        (0..n).map(|k| (from + k) % n).find(|&p| self.items[self.visible[p]].decision.is_none())
    }

    /// Counts for the status line: (decided, undecided, disagreeing,
    /// broken); a broken record is undecided.
    pub(crate) fn counts(&self) -> (usize, usize, usize, usize) {
        let decided = self.items.iter().filter(|i| i.decision.is_some() && i.broken.is_none()).count();
        let disagree = self.items.iter().filter(|i| i.disagrees()).count();
        let broken = self.items.iter().filter(|i| i.broken.is_some()).count();
        (decided, self.items.len() - decided, disagree, broken)
    }

    /// Replaces the list after a write (re-evaluated), keeping the filter;
    /// the cursor goes to `then` when given (an id), else stays on its document.
    pub(crate) fn refresh(&mut self, items: Vec<Item>, advance: bool) {
        let at = self.current().map(|i| i.id.clone());
        self.items = items;
        self.visible = (0..self.items.len()).filter(|&i| self.items[i].matches(&self.filter)).collect();
        let here = at.and_then(|id| self.visible.iter().position(|&i| self.items[i].id == id)).unwrap_or(0);
        let moved = if advance { self.next_undecided_from(here).unwrap_or(here) } else { here };
        self.move_to(moved);
        self.advance = false;
    }

    /// A write failed: a prompt opened for it is closed.
    pub(crate) fn write_failed(&mut self, message: String) {
        if matches!(&self.mode, Mode::Edit(e) if e.after_decision) {
            self.mode = Mode::Browse;
        }
        self.message = message;
        self.advance = false;
    }

    fn move_to(&mut self, cursor: usize) {
        let cursor = cursor.min(self.visible.len().saturating_sub(1));
        if cursor != self.cursor {
            self.scroll = 0;
        }
        self.cursor = cursor;
    }

    /// The current document, unless it has errors (then says so).
    fn decidable(&mut self) -> Option<Item> {
        let item = self.current()?.clone();
        if let Some(error) = &item.broken {
            self.message = format!("{} 有错误,不能记录: {error}(修正后再试,qingli check 查看详情)", item.id);
            return None;
        }
        Some(item)
    }

    /// A decision for the current document. One that differs from the
    /// rules' suggestion opens the reason prompt at once, for this document.
    fn decide(&mut self, decision: Option<Verdict>) -> Action {
        let Some(item) = self.decidable() else { return Action::Nothing };
        if decision.is_some() && decision != item.suggested {
            self.mode = Mode::Edit(Edit {
                what: Editing::Reason,
                line: item.reason.clone().unwrap_or_default(),
                id: Some(item.id.clone()),
                after_decision: true,
            });
            self.advance = false;
        } else {
            self.advance = true;
        }
        Action::Record { id: item.id, decision, reason: None, override_reason: None }
    }

    /// Opens the prompt for the current document's reason or internal note.
    fn prompt(&mut self, what: Editing) {
        let Some(item) = self.decidable() else { return };
        let now = if what == Editing::Reason { item.reason } else { item.override_reason };
        self.mode = Mode::Edit(Edit { what, line: now.unwrap_or_default(), id: Some(item.id), after_decision: false });
    }

    /// One key.
    pub(crate) fn on_key(&mut self, key: Key) -> Action {
        if key == Key::Interrupt {
            return Action::Quit;
        }
        match &self.mode {
            Mode::Help => {
                self.mode = Mode::Browse;
                Action::Nothing
            }
            Mode::Edit(..) => self.on_edit(key),
            Mode::Browse => self.on_browse(key),
        }
    }

    /// A key while a line (filter, reason, override reason) is edited.
    fn on_edit(&mut self, key: Key) -> Action {
        let Mode::Edit(edit) = &mut self.mode else { return Action::Nothing };
        match key {
            Key::Esc => {
                let after_decision = edit.after_decision;
                if edit.what == Editing::Filter {
                    self.filter.clear();
                    self.refilter();
                }
                self.mode = Mode::Browse;
                return self.on_edit_closed(after_decision);
            }
            Key::Backspace | Key::Char(_) => {
                if let Key::Char(c) = key {
                    edit.line.push(c);
                } else {
                    edit.line.pop();
                }
                if edit.what == Editing::Filter {
                    self.filter = edit.line.clone();
                    self.refilter();
                }
            }
            Key::Enter => {
                let edit = edit.clone();
                self.mode = Mode::Browse;
                let text = edit.line.trim().to_owned();
                let id = edit.id.or_else(|| self.current().map(|i| i.id.clone()));
                let (Some(id), false) = (id, edit.what == Editing::Filter) else { return Action::Nothing };
                if text.is_empty() {
                    // Nothing typed: like Esc.
                    return self.on_edit_closed(edit.after_decision);
                }
                self.advance = edit.after_decision;
                return match edit.what {
                    Editing::Reason => Action::Record { id, decision: None, reason: Some(text), override_reason: None },
                    _ => Action::Record { id, decision: None, reason: None, override_reason: Some(text) },
                };
            }
            Key::Up | Key::Down | Key::Interrupt | Key::PageUp | Key::PageDown => {}
        }
        Action::Nothing
    }

    /// A prompt closed without a reason: after a decision (written; its
    /// reason left empty) the cursor moves on.
    fn on_edit_closed(&mut self, after_decision: bool) -> Action {
        if after_decision && let Some(p) = self.next_undecided_from(self.cursor) {
            self.move_to(p);
        }
        Action::Nothing
    }

    /// A key while browsing the list.
    fn on_browse(&mut self, key: Key) -> Action {
        match key {
            Key::Up | Key::Char('k') => self.move_to(self.cursor.saturating_sub(1)),
            Key::Down | Key::Char('j') => self.move_to(self.cursor + 1),
            Key::PageDown | Key::Char(' ') => self.scroll = self.scroll.saturating_add(5),
            Key::PageUp => self.scroll = self.scroll.saturating_sub(5),
            Key::Enter | Key::Char('a') => {
                let suggested = self.current().and_then(|i| i.suggested);
                return self.decide(suggested);
            }
            Key::Char('1') => return self.decide(Some(Verdict::Keep)),
            Key::Char('2') => return self.decide(Some(Verdict::Amend)),
            Key::Char('3') => return self.decide(Some(Verdict::Repeal)),
            Key::Char('4') => return self.decide(Some(Verdict::Expire)),
            Key::Char('r') => self.prompt(Editing::Reason),
            Key::Char('o') => self.prompt(Editing::Override),
            Key::Char('/') => {
                let line = self.filter.clone();
                self.mode = Mode::Edit(Edit { what: Editing::Filter, line, id: None, after_decision: false });
            }
            Key::Char('n') => {
                if let Some(p) = self.next_undecided_from(self.cursor + 1) {
                    self.move_to(p);
                }
            }
            Key::Char('u') if self.undoable.is_empty() => "本次没有可撤销的清理意见".clone_into(&mut self.message),
            Key::Char('u') => return Action::Undo,
            Key::Char('?') => self.mode = Mode::Help,
            Key::Char('q') | Key::Esc => return Action::Quit,
            _ => {}
        }
        Action::Nothing
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn identity(id: &str) -> crate::load::model::Identity {
        crate::load::model::Identity {
            title: format!("关于{id}的通知").into(),
            issuer: "县政府".into(),
            issued: "2007-01-01".parse().unwrap(),
            doc_number: None,
        }
    }

    pub(crate) fn item(id: &str, suggested: Verdict, decision: Option<Verdict>) -> Item {
        Item {
            id: id.to_owned(),
            path: format!("documents/{id}.toml"),
            doc_number: Some(format!("永政发〔2007〕{}号", id.len())),
            title: format!("关于{id}的通知"),
            unit: "法制科".to_owned(),
            suggested: Some(suggested),
            decision,
            reason: None,
            override_reason: None,
            details: vec![format!("《关于{id}的通知》")],
            identity: identity(id),
            broken: None,
        }
    }

    #[test]
    fn starts_on_the_first_undecided_and_keys_ask_for_writes() {
        let mut app = App::new(vec![
            item("a", Verdict::Keep, Some(Verdict::Keep)),
            item("b", Verdict::Amend, None),
            item("c", Verdict::Repeal, None),
        ]);
        assert_eq!(app.current().unwrap().id, "b");
        assert_eq!(
            app.on_key(Key::Char('a')),
            Action::Record { id: "b".into(), decision: Some(Verdict::Amend), reason: None, override_reason: None }
        );
        assert_eq!(
            app.on_key(Key::Char('3')),
            Action::Record { id: "b".into(), decision: Some(Verdict::Repeal), reason: None, override_reason: None }
        );
        // Differing from the suggestion: the reason prompt is open, for b.
        assert!(matches!(&app.mode, Mode::Edit(e) if e.after_decision && e.id.as_deref() == Some("b")));
        app.on_key(Key::Esc);
        // The command writes, re-evaluates and hands back the list: the cursor advances.
        app.undoable.push("b".into());
        app.refresh(
            vec![
                item("a", Verdict::Keep, Some(Verdict::Keep)),
                item("b", Verdict::Amend, Some(Verdict::Repeal)),
                item("c", Verdict::Repeal, None),
            ],
            true,
        );
        assert_eq!(app.current().unwrap().id, "c");
        assert_eq!(app.counts(), (2, 1, 1, 0));
        assert_eq!(app.on_key(Key::Char('u')), Action::Undo);
        assert_eq!(app.on_key(Key::Char('q')), Action::Quit);
    }

    #[test]
    fn reason_editor_takes_chinese_and_filter_narrows() {
        let mut app = App::new(vec![item("a", Verdict::Keep, None), item("bb", Verdict::Amend, None)]);
        app.on_key(Key::Char('r'));
        for c in "与上位法不一致".chars() {
            app.on_key(Key::Char(c));
        }
        app.on_key(Key::Backspace);
        assert_eq!(
            app.on_key(Key::Enter),
            Action::Record {
                id: "a".into(),
                decision: None,
                reason: Some("与上位法不一".into()),
                override_reason: None
            }
        );
        app.on_key(Key::Char('/'));
        app.on_key(Key::Char('b'));
        assert_eq!(app.visible.len(), 1);
        assert_eq!(app.current().unwrap().id, "bb");
        app.on_key(Key::Esc);
        assert_eq!(app.visible.len(), 2);
        // 文号 in another bracket style is found too.
        app.on_key(Key::Char('/'));
        for c in "[2007]2号".chars() {
            app.on_key(Key::Char(c));
        }
        assert_eq!(app.visible.len(), 1);
    }

    #[test]
    fn a_differing_decision_asks_its_reason_for_the_same_document() {
        let mut app = App::new(vec![item("a", Verdict::Keep, None), item("b", Verdict::Keep, None)]);
        assert_eq!(app.current().unwrap().id, "a");
        assert_eq!(
            app.on_key(Key::Char('3')),
            Action::Record { id: "a".into(), decision: Some(Verdict::Repeal), reason: None, override_reason: None }
        );
        assert!(!app.advance, "the cursor stays while the prompt is open");
        // The command writes a's decision and refreshes: the cursor stays on a.
        app.refresh(vec![item("a", Verdict::Keep, Some(Verdict::Repeal)), item("b", Verdict::Keep, None)], false);
        assert_eq!(app.current().unwrap().id, "a");
        for c in "水库已移交".chars() {
            app.on_key(Key::Char(c));
        }
        assert_eq!(
            app.on_key(Key::Enter),
            Action::Record {
                id: "a".into(), decision: None, reason: Some("水库已移交".into()), override_reason: None
            }
        );
        assert!(app.advance, "after the reason, on to the next");
        app.refresh(vec![item("a", Verdict::Keep, Some(Verdict::Repeal)), item("b", Verdict::Keep, None)], true);
        assert_eq!(app.current().unwrap().id, "b");
        // Agreeing with the suggestion opens no prompt.
        app.on_key(Key::Char('1'));
        assert_eq!(app.mode, Mode::Browse);
    }

    #[test]
    fn a_broken_record_is_counted_and_never_decided() {
        let mut broken = item("x", Verdict::Keep, None);
        broken.broken = Some("bad-date 日期不存在".into());
        let mut app = App::new(vec![broken, item("a", Verdict::Keep, Some(Verdict::Keep))]);
        assert_eq!(app.counts(), (1, 1, 0, 1));
        assert_eq!(app.current().unwrap().id, "x");
        assert_eq!(app.on_key(Key::Char('1')), Action::Nothing);
        assert!(app.message.contains("有错误"), "{}", app.message);
        app.on_key(Key::Char('r'));
        assert_eq!(app.mode, Mode::Browse);
    }
}
