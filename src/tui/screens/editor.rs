//! The story editor: every field of a story, text fields in ratatui-textarea, principles and prompts as lists.
//!
//! The editor holds only what is being typed; every change is copied into the bank's story at once, so what the
//! coach checks, what autosave writes and what the user sees are the same thing.

use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap};
use ratatui_textarea::{TextArea, WrapMode};

use crate::content::Guide;
use crate::keys::{Action, Context};
use crate::lint;
use crate::model::{Phase, Story};
use crate::practice::format_secs;
use crate::text;
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Status};
use crate::tui::mouse::Hit;
use crate::tui::screens::Component;
use crate::tui::theme;
use crate::tui::widgets::text::{cells, ellipsize, fit_paste, paste_cut, wrap_text};
use crate::tui::widgets::text_input::text_key;
use crate::validate::{MAX_LINE_BYTES, MAX_TEXT_BYTES};

/// Columns of the list of fields beside the field being edited.
const NAV_WIDTH: u16 = 18;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Situation,
    Task,
    Actions,
    Results,
    Learning,
    Principles,
    Prompts,
}

impl Field {
    pub const ALL: [Field; 8] = [
        Field::Title,
        Field::Situation,
        Field::Task,
        Field::Actions,
        Field::Results,
        Field::Learning,
        Field::Principles,
        Field::Prompts,
    ];
    const TEXT: [Field; 6] =
        [Field::Title, Field::Situation, Field::Task, Field::Actions, Field::Results, Field::Learning];

    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "Title",
            Field::Situation => "Situation",
            Field::Task => "Task",
            Field::Actions => "Actions",
            Field::Results => "Results",
            Field::Learning => "Learning",
            Field::Principles => "Principles",
            Field::Prompts => "Prompts",
        }
    }

    pub fn index(self) -> usize {
        Field::ALL.iter().position(|&f| f == self).unwrap_or(0)
    }

    #[must_use]
    pub fn step(self, by: isize) -> Field {
        let len = Field::ALL.len();
        Field::ALL[(self.index() + len).wrapping_add_signed(by) % len]
    }

    pub fn is_list(self) -> bool {
        matches!(self, Field::Principles | Field::Prompts)
    }

    /// The guide's advice for the field, shown beside it.
    pub fn hint(self, guide: &Guide) -> String {
        let star = |phase| guide.star_definition(phase);
        match self {
            Field::Title => "A short name you will know the story by.".into(),
            Field::Situation => format!("Situation: {} {}", star(Phase::Situation), guide.template.situation),
            Field::Task => format!("Task: {} {}", star(Phase::Task), guide.template.task),
            Field::Actions => format!("Actions, one a line: {}", guide.template.actions),
            Field::Results => format!("Results, one a line: {}", guide.template.results),
            Field::Learning => "Learning: what you learned, and the follow-ups or prevention you put in place.".into(),
            Field::Principles => "The leadership principles this story shows (Space toggles).".into(),
            Field::Prompts => {
                "The prompts it answers (Space toggles); most stories can flex to multiple prompts.".into()
            }
        }
    }
}

pub struct EditorScreen {
    pub story_id: String,
    pub focus: Field,
    texts: Vec<TextArea<'static>>,
    pub principles: Vec<String>,
    pub prompts: Vec<String>,
    pub principle_cursor: usize,
    pub prompt_cursor: usize,
    /// Prompts the story named when opened that no loaded pack has: listed after the guide's, so they are kept
    /// and can be removed or put back.
    not_loaded: Vec<String>,
}

fn text_area(lines: Vec<String>) -> TextArea<'static> {
    let mut area = TextArea::new(lines);
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.set_cursor_line_style(ratatui::style::Style::new());
    area
}

/// A field whose lines are items (actions, results): each line numbered, and a line the width wraps continues
/// under the text, not the number, so where one item ends shows.
fn numbered(mut area: TextArea<'static>) -> TextArea<'static> {
    area.set_line_number_style(theme::dim());
    area
}

fn split_lines(text: &str) -> Vec<String> {
    text.split('\n').map(str::to_string).collect()
}

impl EditorScreen {
    pub fn open(story: &Story, focus: Field, guide: &Guide) -> EditorScreen {
        let texts = vec![
            text_area(vec![story.title.clone()]),
            text_area(split_lines(&story.situation)),
            text_area(split_lines(&story.task)),
            numbered(text_area(if story.actions.is_empty() { vec![String::new()] } else { story.actions.clone() })),
            numbered(text_area(if story.results.is_empty() { vec![String::new()] } else { story.results.clone() })),
            text_area(split_lines(&story.learning)),
        ];
        EditorScreen {
            story_id: story.id.clone(),
            focus,
            texts,
            principles: story.principles.clone(),
            prompts: story.prompts.clone(),
            principle_cursor: 0,
            prompt_cursor: 0,
            not_loaded: story.prompts.iter().filter(|p| guide.prompt(p).is_none()).cloned().collect(),
        }
    }

    fn text(&self, field: Field) -> Option<&TextArea<'static>> {
        Field::TEXT.iter().position(|&f| f == field).map(|i| &self.texts[i])
    }

    fn text_mut(&mut self, field: Field) -> Option<&mut TextArea<'static>> {
        Field::TEXT.iter().position(|&f| f == field).map(|i| &mut self.texts[i])
    }

    /// Copies what is in the editor into `story`; returns whether anything changed.
    pub fn write_into(&self, story: &mut Story, now: DateTime<Utc>) -> bool {
        let joined = |f| self.text(f).map(|t| text::clean(t.lines().join("\n").trim())).unwrap_or_default();
        let listed = |f| {
            self.text(f)
                .map(|t| {
                    t.lines().iter().map(|l| text::clean_line(l).trim().to_string()).filter(|l| !l.is_empty()).collect()
                })
                .unwrap_or_default()
        };
        let mut edited = story.clone();
        edited.title =
            text::clean_line(self.text(Field::Title).map(|t| t.lines().join(" ")).unwrap_or_default().trim());
        edited.situation = joined(Field::Situation);
        edited.task = joined(Field::Task);
        edited.actions = listed(Field::Actions);
        edited.results = listed(Field::Results);
        edited.learning = joined(Field::Learning);
        edited.principles.clone_from(&self.principles);
        edited.prompts.clone_from(&self.prompts);
        if edited == *story {
            return false;
        }
        edited.updated_at = now;
        *story = edited;
        true
    }

    /// A key for the focused text field; returns whether the text changed.
    fn type_key_in_field(&mut self, event: KeyEvent) -> bool {
        let event = text_key(event);
        if self.focus == Field::Title && event.code == KeyCode::Enter {
            self.focus = self.focus.step(1);
            return false;
        }
        match self.text_mut(self.focus) {
            Some(area) => area.input(event),
            None => false,
        }
    }

    /// Pasted text lands in the focused field, cleaned; in the title, on one line.
    /// Pasted text lands in the focused field, cleaned and cut to what the field may hold; returns whether the
    /// text changed and whether the paste was cut.
    fn paste_in_field(&mut self, pasted: &str) -> (bool, bool) {
        let (cleaned, cap) = if self.focus == Field::Title {
            (text::clean_line(pasted), MAX_LINE_BYTES)
        } else {
            (text::clean(pasted), MAX_TEXT_BYTES)
        };
        let Some(area) = self.text_mut(self.focus) else { return (false, false) };
        let used: usize = area.lines().iter().map(|l| l.len() + 1).sum();
        let (fitted, cut) = fit_paste(cleaned, cap.saturating_sub(used));
        (area.insert_str(fitted), cut)
    }

    pub fn move_cursor(&mut self, by: isize, guide: &Guide) {
        let (cursor, len) = match self.focus {
            Field::Principles => (&mut self.principle_cursor, guide.all_principles().len()),
            Field::Prompts => (&mut self.prompt_cursor, guide.prompts.len() + self.not_loaded.len()),
            _ => return,
        };
        *cursor = cursor.saturating_add_signed(by).min(len.saturating_sub(1));
    }

    /// Space on a list field: adds or removes the item under the cursor.
    pub fn toggle(&mut self, guide: &Guide) -> bool {
        let (chosen, item) = match self.focus {
            Field::Principles => (
                &mut self.principles,
                guide.all_principles().get(self.principle_cursor).map(std::string::ToString::to_string),
            ),
            Field::Prompts => {
                let item = guide.prompt_ids().chain(self.not_loaded.iter().map(String::as_str)).nth(self.prompt_cursor);
                (&mut self.prompts, item.map(str::to_string))
            }
            _ => return false,
        };
        let Some(item) = item else { return false };
        match chosen.iter().position(|c| *c == item) {
            Some(i) => {
                chosen.remove(i);
            }
            None => chosen.push(item),
        }
        // Keep the guide's order, so the file and the lists read the same way.
        let order: Vec<String> = match self.focus {
            Field::Principles => guide.all_principles().into_iter().map(str::to_string).collect(),
            _ => guide.prompt_ids().map(str::to_string).collect(),
        };
        chosen.sort_by_key(|c| order.iter().position(|o| o == c).unwrap_or(usize::MAX));
        true
    }

    /// Where the list of fields goes in `area`, if it fits; its rows (inside the border) are the fields in order.
    pub fn nav_area(area: Rect) -> Option<Rect> {
        (area.width >= 60 && area.height >= 12).then_some(Rect { width: NAV_WIDTH, ..area })
    }

    /// Draws the editor; returns where each item of a principle or prompt list landed, for clicks.
    /// `rate_note` says whose speaking rate the time is at, when it is the user's own.
    fn draw_editor(&self, ctx: &Ctx, story: &Story, area: Rect, buf: &mut Buffer) -> PickRows {
        let (guide, pace, rate_note) = (ctx.guide, ctx.pace(), ctx.own_pace_note());
        let findings = lint::lint(story, pace);
        let Some(nav) = EditorScreen::nav_area(area) else {
            return self.draw_field(guide, area, buf);
        };
        let [_, right] = area.layout(&Layout::horizontal([Constraint::Length(NAV_WIDTH), Constraint::Fill(1)]));
        let coach = coach_lines(&findings);
        let wrapped: usize = coach
            .iter()
            .map(|(code, text)| format!("{code} {text}"))
            .chain(rate_note.clone())
            .map(|text| wrap_text(&text, usize::from(right.width - 2)).len())
            .sum();
        let coach_height = cells(wrapped.max(1) + 2).clamp(3, right.height / 2);
        let [field_area, coach_area] =
            right.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(coach_height)]));
        self.draw_nav(story, nav, buf);
        let rows = self.draw_field(guide, field_area, buf);
        draw_coach(story, &findings, &coach, pace, rate_note, coach_area, buf);
        rows
    }

    fn draw_nav(&self, story: &Story, area: Rect, buf: &mut Buffer) {
        let count = |n: usize, unit: &str| if n == 0 { "—".to_string() } else { format!("{n}{unit}") };
        let words = |t: &str| count(lint::word_count(t), "w");
        let items: Vec<ListItem> = Field::ALL
            .iter()
            .map(|&f| {
                let detail = match f {
                    Field::Title => {
                        if story.title.is_empty() {
                            "—".into()
                        } else {
                            "✓".into()
                        }
                    }
                    Field::Situation => words(&story.situation),
                    Field::Task => words(&story.task),
                    Field::Actions => count(story.actions.len(), ""),
                    Field::Results => count(story.results.len(), ""),
                    Field::Learning => words(&story.learning),
                    Field::Principles => count(story.principles.len(), ""),
                    Field::Prompts => count(story.prompts.len(), ""),
                };
                ListItem::new(format!("{:<11}{detail:>4}", f.name()))
            })
            .collect();
        let block = Block::new().borders(Borders::ALL).title(" Fields ");
        let list = List::new(items).block(block).highlight_style(theme::selected()).highlight_symbol("▶");
        let mut state = ListState::default().with_selected(Some(self.focus.index()));
        StatefulWidget::render(list, area, buf, &mut state);
    }

    fn draw_field(&self, guide: &Guide, area: Rect, buf: &mut Buffer) -> PickRows {
        let block =
            Block::new().borders(Borders::ALL).title(Line::styled(format!(" {} ", self.focus.name()), theme::title()));
        let inner = block.inner(area);
        block.render(area, buf);
        let hint_lines: Vec<Line> = wrap_text(&self.focus.hint(guide), usize::from(inner.width))
            .into_iter()
            .map(|l| Line::styled(l, theme::dim()))
            .collect();
        let hint_height = cells(hint_lines.len()).min(inner.height.saturating_sub(1)).min(3);
        let [hint_area, body] = inner.layout(&Layout::vertical([Constraint::Length(hint_height), Constraint::Fill(1)]));
        Paragraph::new(hint_lines).render(hint_area, buf);
        match self.focus {
            Field::Principles => {
                let items: Vec<_> = guide
                    .all_principles()
                    .iter()
                    .map(|p| check_item(self.principles.iter().any(|c| c == p), p, pick_width(body)))
                    .collect();
                let choices: Vec<_> = (0..items.len()).map(Some).collect();
                draw_pick_list(items, &choices, self.principle_cursor, body, buf)
            }
            Field::Prompts => self.draw_prompts(guide, body, buf),
            field => {
                if let Some(text) = self.text(field) {
                    text.render(body, buf);
                }
                Vec::new()
            }
        }
    }

    /// Moves the list's cursor to item `choice` and adds or removes it, as a click does.
    pub fn click_choice(&mut self, choice: usize, guide: &Guide) -> bool {
        match self.focus {
            Field::Principles => self.principle_cursor = choice,
            Field::Prompts => self.prompt_cursor = choice,
            _ => return false,
        }
        self.move_cursor(0, guide);
        self.toggle(guide)
    }
}

impl EditorScreen {
    /// The prompts to tick, under a heading per group when packs are loaded or the story names prompts that are not.
    fn draw_prompts(&self, guide: &Guide, area: Rect, buf: &mut Buffer) -> PickRows {
        let groups = guide.groups();
        let headed = groups.len() > 1 || !self.not_loaded.is_empty();
        let heading = |title: &str| ListItem::new(Line::styled(title.to_string(), theme::heading()));
        let mut items = Vec::new();
        // The choice each item is, `None` for a heading.
        let mut choices = Vec::new();
        let mut cursor = 0;
        let mut push =
            |items: &mut Vec<ListItem<'static>>, choices: &mut Vec<Option<usize>>, id: &str, label: String| {
                let choice = choices.iter().flatten().count();
                if choice == self.prompt_cursor {
                    cursor = items.len();
                }
                items.push(check_item(self.prompts.iter().any(|p| p == id), &label, pick_width(area)));
                choices.push(Some(choice));
            };
        for group in groups {
            if headed {
                items.push(heading(group.title));
                choices.push(None);
            }
            for p in &guide.prompts[group.start..group.start + group.len] {
                push(&mut items, &mut choices, &p.id, format!("{}. {}", p.number, p.question));
            }
        }
        if !self.not_loaded.is_empty() {
            items.push(heading("Not loaded (a prompt pack removed or broken)"));
            choices.push(None);
            for id in &self.not_loaded {
                push(&mut items, &mut choices, id, guide.prompt_label(id));
            }
        }
        draw_pick_list(items, &choices, cursor, area, buf)
    }
}

/// A row to tick, cut with "…" to `width` columns (the list's, less its selection mark).
fn check_item(checked: bool, text: &str, width: usize) -> ListItem<'static> {
    ListItem::new(ellipsize(&format!("{} {text}", if checked { "[x]" } else { "[ ]" }), width))
}

/// Columns for a row's text in a list to tick drawn in `area`: all but the selection mark.
fn pick_width(area: Rect) -> usize {
    usize::from(area.width.saturating_sub(1))
}

/// Rows of a principle or prompt list as drawn, each with the item it shows.
pub type PickRows = Vec<(Rect, usize)>;

/// Draws a list to tick items in; `choices` says which item each row is (`None` for a heading).
fn draw_pick_list(
    items: Vec<ListItem<'static>>,
    choices: &[Option<usize>],
    cursor: usize,
    area: Rect,
    buf: &mut Buffer,
) -> PickRows {
    let list = List::new(items).highlight_style(theme::selected()).highlight_symbol("▶");
    let mut state = ListState::default().with_selected(Some(cursor));
    StatefulWidget::render(list, area, buf, &mut state);
    (area.y..area.bottom())
        .zip(choices.iter().skip(state.offset()))
        .filter_map(|(y, choice)| choice.map(|c| (Rect { y, height: 1, ..area }, c)))
        .collect()
}

/// The coach's lines: (code, message), or one line of praise when there is nothing to fix.
fn coach_lines(findings: &[lint::Finding]) -> Vec<(String, String)> {
    if findings.is_empty() {
        return vec![("✓".into(), "No pitfalls: spoken as \"I\", a metric, a short setup, a learning.".into())];
    }
    findings.iter().map(|f| (f.code.as_str().to_string(), f.message.clone())).collect()
}

fn draw_coach(
    story: &Story,
    findings: &[lint::Finding],
    coach: &[(String, String)],
    pace: lint::Pace,
    rate_note: Option<String>,
    area: Rect,
    buf: &mut Buffer,
) {
    let secs = format_secs(lint::speaking_secs(story, pace.words_per_minute));
    let (title, code_style) = if findings.is_empty() {
        (format!(" Coach: about {secs} to say · ready "), theme::good())
    } else {
        (format!(" Coach: about {secs} to say · {} to fix ", findings.len()), theme::warning())
    };
    let lines: Vec<Line> = coach
        .iter()
        .map(|(code, text)| Line::from(vec![Span::styled(format!("{code} "), code_style), Span::raw(text.clone())]))
        .chain(rate_note.map(|note| Line::styled(note, theme::dim())))
        .collect();
    let block = Block::new().borders(Borders::ALL).title(Line::styled(title, theme::title()));
    Paragraph::new(lines).wrap(Wrap { trim: true }).block(block).render(area, buf);
}

impl EditorScreen {
    /// The bank's story with what is typed here, when that differs from the bank's.
    fn edited(&self, ctx: &Ctx) -> Effect {
        let Some(mut story) = ctx.bank.story(&self.story_id).cloned() else { return Effect::None };
        if self.write_into(&mut story, ctx.wall) { Effect::StoryEdited(Box::new(story)) } else { Effect::None }
    }
}

impl Component for EditorScreen {
    fn title(&self) -> &'static str {
        "Story editor"
    }

    fn contexts(&self) -> Vec<Context> {
        if self.focus.is_list() { vec![Context::EditorList, Context::Editor] } else { vec![Context::Editor] }
    }

    fn apply(&mut self, action: Action, ctx: &Ctx) -> Effect {
        match action {
            Action::NextField => self.focus = self.focus.step(1),
            Action::PrevField => self.focus = self.focus.step(-1),
            Action::Up => self.move_cursor(-1, ctx.guide),
            Action::Down => self.move_cursor(1, ctx.guide),
            Action::Toggle if self.toggle(ctx.guide) => return self.edited(ctx),
            Action::SaveNow => {
                return Effect::Many(vec![self.edited(ctx), Effect::Save { then: Some(Status::info("Saved.")) }]);
            }
            Action::Back => {
                return Effect::Many(vec![self.edited(ctx), Effect::CloseEditor { story: self.story_id.clone() }]);
            }
            _ => {}
        }
        Effect::None
    }

    /// Closing the app closes the editor as Esc does: the story kept, or a blank one dropped.
    fn on_exit(&mut self, ctx: &Ctx) -> Effect {
        self.apply(Action::Back, ctx)
    }

    fn type_key(&mut self, key: KeyEvent, ctx: &Ctx) -> Option<Effect> {
        if self.focus.is_list() {
            return None;
        }
        Some(if self.type_key_in_field(key) { self.edited(ctx) } else { Effect::None })
    }

    fn paste(&mut self, pasted: &str, ctx: &Ctx) -> Effect {
        let (changed, cut) = self.paste_in_field(pasted);
        let edited = if changed { self.edited(ctx) } else { Effect::None };
        if !cut {
            return edited;
        }
        let cap = if self.focus == Field::Title { MAX_LINE_BYTES } else { MAX_TEXT_BYTES };
        Effect::Many(vec![edited, Effect::Status(Status::error(paste_cut(cap)))])
    }

    fn click(&mut self, hit: Hit, ctx: &Ctx) -> Option<Effect> {
        match hit {
            Hit::EditorField(field) => {
                self.focus = field;
                Some(Effect::None)
            }
            Hit::EditorChoice(choice) => {
                Some(if self.click_choice(choice, ctx.guide) { self.edited(ctx) } else { Effect::None })
            }
            _ => None,
        }
    }

    fn draw(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let Some(story) = ctx.bank.story(&self.story_id) else {
            Paragraph::new("This story is gone.").render(area, buf);
            return;
        };
        let choices = self.draw_editor(ctx, story, area, buf);
        let mut hits = ctx.hits.borrow_mut();
        for (rect, choice) in choices {
            hits.add(rect, Hit::EditorChoice(choice));
        }
        if let Some(nav) = EditorScreen::nav_area(area) {
            let rows = Rect { y: nav.y + 1, height: nav.height.saturating_sub(2), ..nav };
            for (row, field) in (rows.y..rows.bottom()).zip(Field::ALL) {
                hits.add(Rect { y: row, height: 1, ..rows }, Hit::EditorField(field));
            }
        }
    }
}
