//! The guide laid out as a document of typed lines, shared by `star-coach prompt`, `star-coach guide` and the
//! TUI's guidance view, so both say the same words in the same order.

use crate::content::{Guide, Prompt};
use crate::model::Phase;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocLine {
    Title(String),
    Heading(String),
    Text(String),
    /// A list item; `depth` 0 is a top-level bullet. `label` is shown in bold before the text.
    Bullet {
        depth: u8,
        label: Option<String>,
        text: String,
    },
    Blank,
}

fn bullet(depth: u8, text: impl Into<String>) -> DocLine {
    DocLine::Bullet { depth, label: None, text: text.into() }
}

fn labelled(depth: u8, label: impl Into<String>, text: impl Into<String>) -> DocLine {
    DocLine::Bullet { depth, label: Some(label.into()), text: text.into() }
}

/// Everything the guide says about one prompt.
pub fn prompt_doc(guide: &Guide, prompt: &Prompt) -> Vec<DocLine> {
    let mut doc = vec![
        DocLine::Title(format!("{}. {}", prompt.number, prompt.question)),
        DocLine::Blank,
        DocLine::Heading("What the interviewer looks for".into()),
        DocLine::Text(prompt.looks_for.clone()),
        DocLine::Blank,
        DocLine::Heading("Principles".into()),
        DocLine::Text(prompt.principles.join(", ")),
        DocLine::Blank,
        DocLine::Heading("Tips".into()),
    ];
    doc.extend(prompt.tips.iter().map(|t| bullet(0, t.as_str())));
    doc.push(DocLine::Blank);
    doc.push(DocLine::Heading("Structure your answer".into()));
    doc.extend(prompt.structure.iter().map(|s| labelled(0, s.label.as_str(), s.text.as_str())));
    doc.push(DocLine::Blank);
    let example = &prompt.example;
    doc.push(DocLine::Heading(example.label.clone()));
    doc.extend(example.points.iter().map(|p| bullet(0, p.as_str())));
    if example.is_outline() {
        doc.push(labelled(0, "Situation", example.situation.as_str()));
        doc.push(labelled(0, "Task", example.task.as_str()));
        doc.push(labelled(0, "Actions", ""));
        doc.extend(example.actions.iter().map(|a| bullet(1, a.as_str())));
        doc.push(labelled(0, "Results", ""));
        doc.extend(example.results.iter().map(|r| bullet(1, r.as_str())));
        doc.push(labelled(0, "Learning", example.learning.as_str()));
    }
    doc.push(DocLine::Blank);
    doc.push(DocLine::Heading("Common pitfalls to avoid".into()));
    doc.extend(guide.pitfalls.iter().map(|p| labelled(0, p.pitfall.as_str(), p.remedy.as_str())));
    doc
}

/// The guide's general part: what is assessed, the strategy, STAR, the template, pitfalls, edge cases, checklist.
pub fn guide_doc(guide: &Guide) -> Vec<DocLine> {
    let mut doc = vec![
        DocLine::Title("The STAR interview guide".into()),
        DocLine::Blank,
        DocLine::Text(guide.questions_intro.clone()),
        DocLine::Blank,
        labelled(0, "Quick answer", guide.quick_answer.as_str()),
        DocLine::Blank,
        DocLine::Text(format!("{} {}", guide.approach, assessed_sentence(guide))),
        DocLine::Blank,
        DocLine::Heading("General strategy".into()),
        bullet(0, guide.strategy.story_bank.as_str()),
        bullet(0, guide.strategy.star_intro.as_str()),
    ];
    for step in &guide.strategy.star {
        doc.push(labelled(1, step.phase.name(), step.definition.as_str()));
    }
    doc.extend(guide.strategy.advice.iter().map(|a| bullet(0, a.as_str())));
    doc.push(DocLine::Blank);
    doc.push(DocLine::Heading("Reusable answer template".into()));
    let t = &guide.template;
    for (label, text) in
        [("Situation", &t.situation), ("Task", &t.task), ("Actions", &t.actions), ("Results", &t.results)]
    {
        doc.push(labelled(0, label, text.as_str()));
    }
    doc.push(DocLine::Blank);
    doc.push(DocLine::Heading("The seven prompts".into()));
    for p in guide.builtin_prompts() {
        doc.push(labelled(0, format!("{})", p.number), format!("{} — {}", p.question, p.principles.join(", "))));
    }
    doc.push(DocLine::Blank);
    doc.push(DocLine::Heading("Common pitfalls to avoid".into()));
    doc.extend(guide.pitfalls.iter().map(|p| labelled(0, p.pitfall.as_str(), p.remedy.as_str())));
    doc.push(DocLine::Blank);
    doc.push(DocLine::Heading("Edge cases and alternatives".into()));
    doc.extend(guide.edge_cases.iter().map(|e| bullet(0, e.as_str())));
    doc.push(DocLine::Blank);
    doc.push(DocLine::Heading("Preparation checklist".into()));
    doc.extend(guide.checklist.iter().map(|c| bullet(0, c.as_str())));
    doc.push(DocLine::Blank);
    doc.push(DocLine::Heading("Leadership principles named in the guide".into()));
    doc.push(DocLine::Text(guide.principles.join(", ")));
    doc
}

/// "The interviewer is assessing leadership behaviors such as A, B, and C."
pub fn assessed_sentence(guide: &Guide) -> String {
    match guide.assessed_principles.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("The interviewer is assessing leadership behaviors such as {}, and {last}.", rest.join(", "))
        }
        Some((only, _)) => format!("The interviewer is assessing leadership behaviors such as {only}."),
        None => String::new(),
    }
}

/// The guide's hint for writing a STAR phase, from the reusable template.
pub fn template_hint(guide: &Guide, phase: Phase) -> &str {
    match phase {
        Phase::Situation => &guide.template.situation,
        Phase::Task => &guide.template.task,
        Phase::Action => &guide.template.actions,
        Phase::Result => &guide.template.results,
    }
}

/// The document as plain text for a terminal or a pipe: no colour, bullets as "- ", two spaces a level.
pub fn to_plain(doc: &[DocLine]) -> String {
    let mut out = String::new();
    for line in doc {
        match line {
            DocLine::Title(t) => {
                out.push_str(t);
                out.push('\n');
                out.push_str(&"=".repeat(t.chars().count().min(80)));
            }
            DocLine::Heading(h) => {
                out.push_str(h);
                out.push('\n');
                out.push_str(&"-".repeat(h.chars().count().min(80)));
            }
            DocLine::Text(t) => out.push_str(t),
            DocLine::Bullet { depth, label, text } => {
                out.push_str(&"  ".repeat(usize::from(*depth)));
                out.push_str("- ");
                if let Some(label) = label {
                    out.push_str(label);
                    out.push(':');
                    if !text.is_empty() {
                        out.push(' ');
                    }
                }
                out.push_str(text);
            }
            DocLine::Blank => {}
        }
        out.push('\n');
    }
    out
}
