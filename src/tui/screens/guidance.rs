//! A prompt's guidance, or the guide's general part: wrapped and scrollable.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget};

use crate::guidance::{self, DocLine};
use crate::keys::{Action, Context};
use crate::tui::ctx::Ctx;
use crate::tui::effect::Effect;
use crate::tui::screens::practice::PracticeScreen;
use crate::tui::screens::{Component, Screen};
use crate::tui::widgets::scroll::Scroll;
use crate::tui::widgets::text::doc_lines;

pub struct GuidanceScreen {
    /// The prompt shown, or `None` for the guide's general part.
    pub prompt: Option<usize>,
    doc: Vec<DocLine>,
    pub scroll: Scroll,
}

impl GuidanceScreen {
    pub fn prompt(ctx: &Ctx, index: usize) -> GuidanceScreen {
        let doc = guidance::prompt_doc(ctx.guide, &ctx.guide.prompts[index]);
        GuidanceScreen { prompt: Some(index), doc, scroll: Scroll::default() }
    }

    pub fn guide(ctx: &Ctx) -> GuidanceScreen {
        GuidanceScreen { prompt: None, doc: guidance::guide_doc(ctx.guide), scroll: Scroll::default() }
    }
}

impl Component for GuidanceScreen {
    fn title(&self) -> &'static str {
        "Guidance"
    }

    fn contexts(&self) -> Vec<Context> {
        vec![Context::Guidance, Context::Global]
    }

    fn apply(&mut self, action: Action, ctx: &Ctx) -> Effect {
        if self.scroll.apply(action) {
            return Effect::None;
        }
        match (action, self.prompt) {
            (Action::Back, _) => Effect::Back,
            (Action::Practice, Some(prompt)) => {
                Effect::Open(Screen::Practice(Box::new(PracticeScreen::new(prompt, ctx))))
            }
            _ => Effect::None,
        }
    }

    fn draw(&self, _ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let text_area = Rect { width: area.width.saturating_sub(1), ..area };
        let lines = doc_lines(&self.doc, text_area.width);
        let total = lines.len();
        let height = usize::from(area.height);
        let offset = self.scroll.show(total, height);
        let visible: Vec<_> = lines.into_iter().skip(offset).take(height).collect();
        Paragraph::new(visible).render(text_area, buf);
        if total > height {
            let mut state = ScrollbarState::new(total.saturating_sub(height)).position(offset);
            Scrollbar::new(ScrollbarOrientation::VerticalRight).render(area, buf, &mut state);
        }
    }
}
