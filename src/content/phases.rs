//! The parts an answer moves through. A prompt is a STAR story (Situation, Task, Action, Result) unless its content
//! declares parts of its own: "Why do you want to work at Amazon?" is answered as mission, role fit, personal tie
//! and closing, the guide's own structure for it. The clock marks them, the review splits the time by them, and
//! the history keeps them by id, as the STAR phases always were.

use std::borrow::Cow;

use serde::Deserialize;

use super::Prompt;
use crate::model::{Checklist, Phase, PhaseSpan};
use crate::practice::PhaseShares;
use crate::text::quote;

/// Fewer is not a structure; more cannot be marked while speaking.
pub const MIN_PHASES: usize = 2;
pub const MAX_PHASES: usize = 8;

/// One part of a prompt's own structure, as its `phases` table declares it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseDecl {
    /// Kept in the history for each part marked; stable, so rewording `name` does not split it.
    pub id: Phase,
    /// As shown; by default from the id (`role-fit` → "Role fit").
    #[serde(default)]
    pub name: Option<String>,
    /// The suggested share of the answer, in percent. Every part sets one (adding up to 100) or none does (an
    /// equal split).
    #[serde(default)]
    pub share: Option<f64>,
}

/// One phase of a [`PhaseSet`].
#[derive(Debug, Clone, PartialEq)]
pub struct PhasePart {
    pub phase: Phase,
    pub name: String,
    /// The suggested share of the answer, 0–1.
    pub share: f64,
}

/// The phases one answer moves through, in order, with their names and suggested shares, and the review's
/// checklist items that apply to it.
#[derive(Debug, Clone, PartialEq)]
pub struct PhaseSet {
    parts: Vec<PhasePart>,
    /// False for a prompt not answered with a story ("why Amazon"): no story is missing, no learning is due.
    tells_story: bool,
}

impl PhaseSet {
    /// Feeds every part (phase, name, share) to `h`: what [`crate::plan`] hashes to know the phases changed.
    pub fn fingerprint(&self, h: &mut impl std::hash::Hasher) {
        use std::hash::Hash as _;
        for part in &self.parts {
            (part.phase, &part.name, part.share.to_bits()).hash(h);
        }
        (self.parts.len(), self.tells_story).hash(h);
    }

    /// STAR's four with the shares of the config's `[phase_shares]`: every drilled question's, and every prompt's
    /// that declares none.
    pub fn star(shares: &PhaseShares) -> PhaseSet {
        let parts = Phase::STAR
            .iter()
            .map(|&phase| PhasePart { phase, name: phase.name().into_owned(), share: shares.of(phase) })
            .collect();
        PhaseSet { parts, tells_story: true }
    }

    /// The phases of `prompt`: its own when it declares them (their shares from the content), else STAR's (with
    /// `shares`). `None`, a drilled question or a prompt no longer loaded, is STAR.
    pub fn of(prompt: Option<&Prompt>, shares: &PhaseShares) -> PhaseSet {
        let Some(prompt) = prompt else { return PhaseSet::star(shares) };
        let mut set = if prompt.phases.is_empty() {
            PhaseSet::star(shares)
        } else {
            let equal = 1.0 / prompt.phases.len() as f64;
            let parts = prompt
                .phases
                .iter()
                .map(|d| PhasePart {
                    phase: d.id,
                    name: d.name.clone().unwrap_or_else(|| d.id.name().into_owned()),
                    share: d.share.map_or(equal, |percent| percent / 100.0),
                })
                .collect();
            PhaseSet { parts, tells_story: true }
        };
        set.tells_story = prompt.tells_story;
        set
    }

    /// This set, or STAR's for an attempt marked in STAR before its prompt declared phases of its own: an old
    /// answer is judged by the parts it was given, not found missing every one of today's.
    #[must_use]
    pub fn as_marked(self, spans: &[PhaseSpan], shares: &PhaseShares) -> PhaseSet {
        let foreign = !spans.is_empty()
            && spans.iter().all(|s| self.position(s.phase).is_none() && Phase::STAR.contains(&s.phase));
        if foreign { PhaseSet { tells_story: self.tells_story, ..PhaseSet::star(shares) } } else { self }
    }

    pub fn parts(&self) -> &[PhasePart] {
        &self.parts
    }

    /// The phases in order.
    pub fn order(&self) -> Vec<Phase> {
        self.parts.iter().map(|p| p.phase).collect()
    }

    pub fn len(&self) -> usize {
        self.parts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// True for STAR's four, in order.
    pub fn is_star(&self) -> bool {
        self.parts.iter().map(|p| p.phase).eq(Phase::STAR)
    }

    pub fn tells_story(&self) -> bool {
        self.tells_story
    }

    /// Where `phase` comes, from 0; `None` when it is not one of these.
    pub fn position(&self, phase: Phase) -> Option<usize> {
        self.parts.iter().position(|p| p.phase == phase)
    }

    /// The phase's name here; one not in the set (a hand-edited attempt) by its own.
    pub fn name(&self, phase: Phase) -> Cow<'_, str> {
        self.parts.iter().find(|p| p.phase == phase).map_or_else(|| phase.name(), |p| Cow::Borrowed(&p.name))
    }

    /// The suggested share of `phase`, 0–1; 0 for one not in the set.
    pub fn share(&self, phase: Phase) -> f64 {
        self.parts.iter().find(|p| p.phase == phase).map_or(0.0, |p| p.share)
    }

    /// The names in order, as a path: "Situation → Task → Action → Result".
    pub fn path(&self) -> String {
        self.parts.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(" → ")
    }

    /// The share the setup (Situation and Task) should stay under; `None` when there is no setup.
    pub fn setup_share(&self) -> Option<f64> {
        let setup: Vec<&PhasePart> = self.parts.iter().filter(|p| p.phase.is_setup()).collect();
        (!setup.is_empty()).then(|| setup.iter().map(|p| p.share).sum())
    }

    /// The setup's phases by name, as a sentence says them: "Situation + Task".
    pub fn setup_names(&self) -> String {
        self.parts.iter().filter(|p| p.phase.is_setup()).map(|p| p.name.as_str()).collect::<Vec<_>>().join(" + ")
    }

    /// The review's checklist items (indexes into [`Checklist::ITEMS`]) that apply: speaking as "I" and a metric
    /// always; a short setup when there is one; a learning when the answer tells a story.
    pub fn checks(&self) -> Vec<usize> {
        (0..Checklist::ITEMS.len())
            .filter(|&i| match i {
                Checklist::SHORT_SETUP => self.setup_share().is_some(),
                Checklist::STATED_LEARNING => self.tells_story,
                _ => true,
            })
            .collect()
    }
}

/// A prompt's own phases, checked: none (STAR), or 2 to 8 with different ids and names, and shares from 0 to 100
/// on every part or none, adding up to 100. The reason is a phrase naming the prompt.
pub fn check(prompt: &Prompt) -> Result<(), String> {
    let phases = &prompt.phases;
    let id = quote(&prompt.id);
    if phases.is_empty() {
        return Ok(());
    }
    if !(MIN_PHASES..=MAX_PHASES).contains(&phases.len()) {
        return Err(format!("the prompt {id} declares {} phases, not {MIN_PHASES} to {MAX_PHASES}", phases.len()));
    }
    for (i, phase) in phases.iter().enumerate() {
        if phases[..i].iter().any(|p| p.id == phase.id) {
            return Err(format!("the prompt {id} declares the phase {} twice", quote(phase.id.id())));
        }
        if phase.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
            return Err(format!("the prompt {id} gives the phase {} an empty name", quote(phase.id.id())));
        }
    }
    let shares: Vec<f64> = phases.iter().filter_map(|p| p.share).collect();
    if shares.is_empty() {
        return Ok(());
    }
    if shares.len() != phases.len() {
        return Err(format!("the prompt {id} gives some phases a share and not others: give all or none"));
    }
    if shares.iter().any(|s| !(0.0..=100.0).contains(s)) {
        return Err(format!("the prompt {id} gives a phase a share outside 0 to 100"));
    }
    let total: f64 = shares.iter().sum();
    if (total - 100.0).abs() > 0.01 {
        return Err(format!("the phase shares of the prompt {id} add up to {total}, not 100"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Guide;

    fn shares() -> PhaseShares {
        PhaseShares::default()
    }

    #[test]
    fn star_is_the_default_with_the_configs_shares() {
        let guide = Guide::bundled();
        let set = guide.phases("missed-deadline", &shares());
        assert!(set.is_star() && set.tells_story());
        assert_eq!(set.path(), "Situation → Task → Action → Result");
        assert_eq!(set.share(Phase::Action), 0.5);
        assert_eq!(set.setup_share(), Some(0.25));
        assert_eq!(set.setup_names(), "Situation + Task");
        assert_eq!(set.checks(), [0, 1, 2, 3]);
        assert_eq!(guide.phases("q-frugal-fraction", &shares()), set, "a drilled question is a STAR story");
        assert_eq!(guide.phases("a-pack-gone", &shares()), set);
    }

    #[test]
    fn why_amazon_moves_through_the_guides_own_structure() {
        let guide = Guide::bundled();
        let set = guide.phases("why-amazon", &shares());
        assert!(!set.is_star() && !set.tells_story());
        assert_eq!(set.path(), "Mission → Role fit → Personal tie → Closing");
        let ids: Vec<&str> = set.parts().iter().map(|p| p.phase.id()).collect();
        assert_eq!(ids, ["mission", "role-fit", "personal-tie", "closing"]);
        let total: f64 = set.parts().iter().map(|p| p.share).sum();
        assert!((total - 1.0).abs() < 1e-9, "{total}");
        assert_eq!(set.setup_share(), None, "no setup to keep short");
        assert_eq!(set.checks(), [0, 1], "speaking as I and a metric; no setup, no learning");
        assert_eq!(set.position(Phase::new("closing").unwrap()), Some(3));
        assert_eq!(set.name(Phase::Task), "Task", "a phase it lacks keeps its own name");
    }

    /// A STAR prompt of the guide, given `phases` (a TOML array).
    fn prompt_with(phases: &str) -> Prompt {
        let mut prompt = Guide::bundled().prompts[1].clone();
        let mut table: std::collections::HashMap<String, Vec<PhaseDecl>> =
            toml::from_str(&format!("phases = {phases}")).unwrap();
        prompt.phases = table.remove("phases").unwrap();
        prompt
    }

    #[test]
    fn declared_phases_are_checked() {
        let ok = prompt_with(r#"[{ id = "context" }, { id = "decision", name = "The call" }, { id = "outcome" }]"#);
        assert_eq!(check(&ok), Ok(()));
        let set = PhaseSet::of(Some(&ok), &shares());
        assert_eq!(set.path(), "Context → The call → Outcome", "names default to the id's words");
        assert!((set.share(Phase::new("outcome").unwrap()) - 1.0 / 3.0).abs() < 1e-12, "no shares: an equal split");
        assert_eq!(set.checks(), [0, 1, 3], "a story with no setup phase: no setup item");
        let bad = [
            (r#"[{ id = "only" }]"#, "declares 1 phases, not 2 to 8"),
            (r#"[{ id = "a" }, { id = "a" }]"#, "declares the phase \"a\" twice"),
            (r#"[{ id = "a", name = " " }, { id = "b" }]"#, "an empty name"),
            (r#"[{ id = "a", share = 50 }, { id = "b" }]"#, "give all or none"),
            (r#"[{ id = "a", share = 60 }, { id = "b", share = 60 }]"#, "add up to 120, not 100"),
            (r#"[{ id = "a", share = -10 }, { id = "b", share = 110 }]"#, "outside 0 to 100"),
        ];
        for (phases, reason) in bad {
            let error = check(&prompt_with(phases)).unwrap_err();
            assert!(error.contains(reason), "{phases}: {error}");
        }
        let many: Vec<String> = (0..9).map(|i| format!("{{ id = \"p{i}\" }}")).collect();
        assert!(check(&prompt_with(&format!("[{}]", many.join(", ")))).unwrap_err().contains("not 2 to 8"));
    }

    #[test]
    fn a_story_with_star_setup_ids_keeps_its_setup_checks() {
        let own = prompt_with(
            r#"[{ id = "situation", share = 20 }, { id = "action", share = 50 }, { id = "result", share = 20 },
                { id = "learning", share = 10 }]"#,
        );
        let set = PhaseSet::of(Some(&own), &shares());
        assert!(!set.is_star());
        assert_eq!(set.setup_share(), Some(0.2));
        assert_eq!(set.setup_names(), "Situation");
        assert_eq!(set.checks(), [0, 1, 2, 3]);
    }
}
