//! The guide laid out as a document of typed lines, shared by `star-coach prompt`, `star-coach guide` and the
//! TUI's guidance view, so both say the same words in the same order.

use crate::content::{Guide, Prompt};

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
    doc.extend(pitfall_lines(guide));
    doc
}

/// The guide's general part: the seven prompts, what is assessed, the strategy, STAR, the template, pitfalls,
/// edge cases, the checklist, and the sixteen leadership principles.
pub fn guide_doc(guide: &Guide) -> Vec<DocLine> {
    // The guide opens with the seven questions run together in one paragraph; shown as the list they are.
    let mut doc = vec![DocLine::Title("The STAR interview guide".into()), DocLine::Blank];
    doc.push(DocLine::Heading("The seven prompts".into()));
    for p in guide.builtin_prompts() {
        doc.push(DocLine::Text(format!("{}. {} ({})", p.number, p.question, p.principles.join(", "))));
    }
    doc.extend([
        DocLine::Blank,
        DocLine::Text(quick_answer(guide)),
        DocLine::Blank,
        DocLine::Text(format!("{} {}", guide.approach, assessed_sentence(guide))),
        DocLine::Blank,
        DocLine::Heading("General strategy".into()),
        bullet(0, guide.strategy.story_bank.as_str()),
        bullet(0, guide.strategy.star_intro.as_str()),
    ]);
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
    doc.push(DocLine::Heading("Common pitfalls to avoid".into()));
    doc.extend(pitfall_lines(guide));
    doc.push(DocLine::Blank);
    doc.push(DocLine::Heading("Edge cases and alternatives".into()));
    doc.extend(guide.edge_cases.iter().map(|e| bullet(0, e.as_str())));
    doc.push(DocLine::Blank);
    doc.push(DocLine::Heading("Preparation checklist".into()));
    doc.extend(guide.checklist.iter().map(|c| bullet(0, c.as_str())));
    doc.push(DocLine::Blank);
    doc.push(DocLine::Heading("The sixteen leadership principles".into()));
    doc.push(DocLine::Text(
        "The guide names ten; a loop can probe any of the sixteen. What an interviewer listens for in each, in \
         star-coach’s words:"
            .into(),
    ));
    doc.extend(guide.leadership_principles().iter().map(|p| labelled(0, p.name.as_str(), p.gloss.as_str())));
    doc
}

/// The guide's "Quick Answer" was written for one question and heads seven: said of them all.
pub fn quick_answer(guide: &Guide) -> String {
    match guide.quick_answer.strip_prefix("This question evaluates ") {
        Some(rest) => format!("These questions evaluate {rest}"),
        None => guide.quick_answer.clone(),
    }
}

/// Each pitfall in bold before its remedy. The guide's pitfalls end with a full stop of their own, which the
/// label's colon would double ("(overusing "we").: Be explicit").
fn pitfall_lines(guide: &Guide) -> impl Iterator<Item = DocLine> + '_ {
    guide.pitfalls.iter().map(|p| labelled(0, p.pitfall.trim_end_matches('.'), p.remedy.as_str()))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Punctuation doubled by a label's colon: "(overusing "we").: Be explicit".
    fn doubled_punctuation(text: &str) -> Vec<&str> {
        text.lines().filter(|l| [".:", "?:", "!:", ",:", ";:"].iter().any(|d| l.contains(d))).collect()
    }

    #[test]
    fn the_guide_reads_as_a_document_not_a_transcript() {
        // Issue 16, item 21: what the guide page showed of the scraped original.
        let guide = Guide::bundled();
        let text = to_plain(&guide_doc(guide));
        assert!(!text.contains(&guide.questions_intro), "the seven questions run together in one paragraph");
        assert!(text.contains("\n1. Why do you want to work at Amazon? (Customer Obsession, Ownership)\n"), "{text}");
        assert!(text.contains("\n7. What project are you most proud of and why? (Deliver Results, "), "{text}");
        assert!(!text.contains("- 1)"), "numbered as a bullet and a parenthesis");
        assert!(!text.contains("Quick answer") && !text.contains("This question evaluates"), "boilerplate");
        assert!(text.contains("These questions evaluate behavioral competencies relevant to software engineering"));
        assert_eq!(doubled_punctuation(&text), Vec::<&str>::new());
        assert!(text.contains("- Vague responsibility (overusing \"we\"): Be explicit about your decisions"));
    }

    #[test]
    fn no_prompt_page_doubles_punctuation() {
        let guide = Guide::bundled();
        for prompt in &guide.prompts {
            let text = to_plain(&prompt_doc(guide, prompt));
            assert_eq!(doubled_punctuation(&text), Vec::<&str>::new(), "prompt {}", prompt.number);
            assert!(text.contains("- Long setup: Keep Situation/Task short"), "prompt {}", prompt.number);
        }
    }

    #[test]
    fn the_guide_ends_with_the_sixteen_principles_and_their_glosses() {
        let guide = Guide::bundled();
        let text = to_plain(&guide_doc(guide));
        let from = text.find("The sixteen leadership principles").expect("the section");
        for p in guide.leadership_principles() {
            assert!(text[from..].contains(&format!("- {}: {}\n", p.name, p.gloss)), "{}", p.name);
        }
    }
}
