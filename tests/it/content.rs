//! The bundled interview guide (`content/guide.toml`) must be complete and well-formed.
//!
//! The product is built from one interview guide, and every word of it must survive the
//! transcription. These tests hold verbatim copies of the guide's sentences and figures, so
//! they need nothing outside this repository at run time.

use std::collections::HashSet;

use star_coach::content::Guide;

const GUIDE_TOML: &str = include_str!("../../content/guide.toml");

const IDS: [&str; 7] = [
    "why-amazon",
    "simple-solution",
    "biggest-failure",
    "missed-deadline",
    "above-and-beyond",
    "tight-deadline",
    "most-proud",
];

fn guide() -> &'static Guide {
    Guide::bundled()
}

/// Every string in the guide, plus the joins that rebuild the guide's own lines
/// ("Label: text", results joined with "; ", "Pitfall. Remedy.", principles lists).
fn corpus(g: &Guide) -> String {
    let mut parts: Vec<String> = vec![
        g.questions_intro.clone(),
        g.quick_answer.clone(),
        g.approach.clone(),
        g.strategy.story_bank.clone(),
        g.strategy.star_intro.clone(),
        g.template.situation.clone(),
        g.template.task.clone(),
        g.template.actions.clone(),
        g.template.results.clone(),
    ];
    parts.extend(g.assessed_principles.iter().cloned());
    parts.extend(g.principles.iter().cloned());
    parts.extend(g.strategy.themes.iter().cloned());
    parts.extend(g.strategy.star.iter().map(|s| s.definition.clone()));
    parts.extend(g.strategy.advice.iter().cloned());
    parts.extend(g.edge_cases.iter().cloned());
    parts.extend(g.checklist.iter().cloned());

    // "The interviewer is assessing leadership behaviors such as A, B, …, and Z."
    if let Some((last, rest)) = g.assessed_principles.split_last() {
        parts.push(format!(
            "The interviewer is assessing leadership behaviors such as {}, and {last}.",
            rest.join(", ")
        ));
    }

    for p in &g.prompts {
        parts.push(p.question.clone());
        parts.push(p.heading.clone());
        parts.push(p.looks_for.clone());
        parts.push(format!("{}.", p.principles.join(", ")));
        parts.extend(p.tips.iter().cloned());
        for s in &p.structure {
            parts.push(format!("{}: {}", s.label, s.text));
        }
        let e = &p.example;
        parts.push(e.label.clone());
        parts.extend(e.points.iter().cloned());
        parts.push(e.situation.clone());
        parts.push(e.task.clone());
        parts.extend(e.actions.iter().cloned());
        parts.push(format!("{}.", e.results.join("; ")));
        parts.push(e.learning.clone());
    }
    for p in &g.pitfalls {
        parts.push(format!("{} {}", p.pitfall, p.remedy));
    }
    parts.join("\n")
}

#[test]
fn bundled_guide_parses() {
    Guide::parse(GUIDE_TOML).expect("content/guide.toml parses");
    let _ = guide();
}

/// The binary reads the JSON build.rs makes of `content/*.toml`: it must hold exactly what the TOML says.
#[test]
fn the_bundled_json_is_the_toml_read_as_toml() {
    use star_coach::content::{FollowUps, principles, questions};
    let mut from_toml = Guide::parse(GUIDE_TOML).unwrap();
    from_toml.questions = questions::parse(include_str!("../../content/questions.toml")).unwrap().into();
    assert_eq!(format!("{:?}", guide()), format!("{from_toml:?}"));
    assert_eq!(questions::bundled(), &*from_toml.questions);
    let principles_toml = principles::parse(include_str!("../../content/principles.toml")).unwrap();
    assert_eq!(principles::bundled(), principles_toml.as_slice());
    let follow_ups = FollowUps::parse(include_str!("../../content/followups.toml")).unwrap();
    assert_eq!(format!("{:?}", FollowUps::bundled()), format!("{follow_ups:?}"));
}

#[test]
fn seven_prompts_with_the_expected_ids_and_numbers_in_order() {
    let g = guide();
    assert_eq!(g.prompts.len(), 7, "the guide has seven prompts");
    let ids: Vec<&str> = g.prompts.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, IDS);
    let numbers: Vec<u8> = g.prompts.iter().map(|p| p.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6, 7]);
    assert_eq!(g.prompt_ids().collect::<Vec<_>>(), IDS);
}

#[test]
fn prompt_ids_and_numbers_are_unique() {
    let g = guide();
    let mut ids = HashSet::new();
    let mut numbers = HashSet::new();
    for p in &g.prompts {
        assert!(ids.insert(p.id.as_str()), "prompt id {:?} repeats", p.id);
        assert!(numbers.insert(p.number), "prompt number {} repeats", p.number);
    }
}

#[test]
fn prompts_can_be_found_by_id_and_number() {
    let g = guide();
    for (i, id) in IDS.iter().enumerate() {
        let n = (i + 1).to_string();
        assert_eq!(g.prompt(id).map(|p| p.id.as_str()), Some(*id));
        assert_eq!(g.find_prompt(id).map(|p| p.id.as_str()), Some(*id));
        assert_eq!(g.find_prompt(&n).map(|p| p.id.as_str()), Some(*id));
        assert_eq!(g.find_prompt(&format!(" {n} ")).map(|p| p.id.as_str()), Some(*id));
    }
    assert!(g.find_prompt("0").is_none());
    assert!(g.find_prompt("8").is_none());
    assert!(g.find_prompt("no-such-prompt").is_none());
}

#[test]
fn every_prompt_is_filled_in() {
    for p in &guide().prompts {
        let id = &p.id;
        assert!(!p.question.trim().is_empty(), "{id}: empty question");
        assert!(!p.heading.trim().is_empty(), "{id}: empty heading");
        assert!(!p.looks_for.trim().is_empty(), "{id}: empty looks_for");
        assert!(!p.tips.is_empty(), "{id}: no tips");
        assert!(p.tips.iter().all(|t| !t.trim().is_empty()), "{id}: an empty tip");
        assert!(!p.principles.is_empty(), "{id}: no principles");
        assert!(!p.structure.is_empty(), "{id}: no structure");
        for s in &p.structure {
            assert!(!s.label.trim().is_empty(), "{id}: structure step without a label");
            assert!(!s.text.trim().is_empty(), "{id}: structure step {:?} without text", s.label);
        }
        assert!(!p.example.label.trim().is_empty(), "{id}: example without a label");
    }
}

#[test]
fn outline_examples_are_complete() {
    for p in &guide().prompts {
        let id = &p.id;
        let e = &p.example;
        if p.id == "why-amazon" {
            assert_eq!(e.label, "Example (condensed)");
            assert!(!e.is_outline(), "{id}: the condensed example is not an outline");
            assert_eq!(e.points.len(), 3, "{id}: three condensed points");
            assert!(e.points.iter().all(|t| !t.trim().is_empty()));
            continue;
        }
        assert_eq!(e.label, "Example outline", "{id}");
        assert!(e.is_outline(), "{id}: example is not an outline");
        assert!(!e.situation.trim().is_empty(), "{id}: example lacks a situation");
        assert!(!e.task.trim().is_empty(), "{id}: example lacks a task");
        assert!(e.actions.len() >= 3, "{id}: example has fewer than 3 actions");
        assert!(e.actions.iter().all(|a| !a.trim().is_empty()), "{id}: an empty action");
        assert!(!e.results.is_empty(), "{id}: example lacks results");
        assert!(e.results.iter().all(|r| !r.trim().is_empty()), "{id}: an empty result");
        assert!(!e.learning.trim().is_empty(), "{id}: example lacks a learning");
    }
}

#[test]
fn structure_steps_follow_the_guide() {
    let g = guide();
    let why = g.prompt("why-amazon").unwrap();
    let labels: Vec<&str> = why.structure.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["Mission/principles alignment", "Role/team fit", "Personal tie", "Closing"]);
    for p in g.prompts.iter().filter(|p| p.id != "why-amazon") {
        let labels: Vec<&str> = p.structure.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["Situation", "Task", "Action", "Result"], "{}", p.id);
        assert!(p.phases.is_empty() && p.tells_story, "{}: a STAR story", p.id);
    }
    // Why Amazon is not a story: the clock marks its own four parts, one for each step of its structure.
    assert!(!why.tells_story);
    let phases = g.phases("why-amazon", &star_coach::practice::PhaseShares::default());
    let names: Vec<&str> = phases.parts().iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Mission", "Role fit", "Personal tie", "Closing"]);
    for (name, label) in names.iter().zip(&labels) {
        assert!(label.starts_with(name.split(' ').next().unwrap()), "{name} is not the step {label}");
    }
    for p in &g.prompts {
        assert_eq!(star_coach::content::phases::check(p), Ok(()), "{}", p.id);
    }
}

#[test]
fn prompts_name_only_known_principles() {
    let g = guide();
    let known: HashSet<&str> = g.principles.iter().map(String::as_str).collect();
    for p in &g.prompts {
        for name in &p.principles {
            assert!(known.contains(name.as_str()), "{}: unknown principle {name:?}", p.id);
        }
    }
}

#[test]
fn assessed_principles_are_known_and_listed_in_order() {
    let g = guide();
    let known: HashSet<&str> = g.principles.iter().map(String::as_str).collect();
    for name in &g.assessed_principles {
        assert!(known.contains(name.as_str()), "assessed principle {name:?} not in principles");
    }
    assert_eq!(
        g.assessed_principles,
        [
            "Customer Obsession",
            "Ownership",
            "Deliver Results",
            "Invent and Simplify",
            "Dive Deep",
            "Bias for Action",
            "Earn Trust",
            "Learn and Be Curious",
        ]
    );
    assert_eq!(
        g.principles,
        [
            "Customer Obsession",
            "Ownership",
            "Deliver Results",
            "Invent and Simplify",
            "Dive Deep",
            "Bias for Action",
            "Earn Trust",
            "Learn and Be Curious",
            "Insist on the Highest Standards",
            "Think Big",
        ]
    );
    let unique: HashSet<&str> = g.principles.iter().map(String::as_str).collect();
    assert_eq!(unique.len(), g.principles.len(), "principles repeat");
}

#[test]
fn every_principle_is_used_somewhere() {
    let g = guide();
    for name in &g.principles {
        let used = g.assessed_principles.contains(name) || g.prompts.iter().any(|p| p.principles.contains(name));
        assert!(used, "principle {name:?} is listed but never used");
    }
}

#[test]
fn strategy_template_pitfalls_and_lists_are_complete() {
    let g = guide();
    assert_eq!(
        g.strategy.themes,
        [
            "conflict",
            "failure",
            "simplification",
            "tight deadlines",
            "leadership",
            "delivering results",
            "going above and beyond",
        ]
    );
    for theme in &g.strategy.themes {
        assert!(g.strategy.story_bank.contains(theme.as_str()), "theme {theme:?} not in story_bank");
    }
    assert_eq!(g.strategy.star_intro, "Use STAR for each answer:");
    assert_eq!(g.strategy.star.len(), 4);
    let star: Vec<(String, &str)> =
        g.strategy.star.iter().map(|s| (s.phase.name().into_owned(), s.definition.as_str())).collect();
    assert_eq!(
        star,
        [
            ("Situation".to_string(), "1–2 sentences with context."),
            ("Task".to_string(), "your responsibility and goal."),
            ("Action".to_string(), "what you did, decisions, trade-offs, collaboration."),
            ("Result".to_string(), "measurable impact and what you learned; include follow-ups or prevention."),
        ]
    );
    assert_eq!(g.strategy.advice.len(), 2);
    assert_eq!(g.pitfalls.len(), 4);
    assert!(g.pitfalls.iter().all(|p| !p.pitfall.is_empty() && !p.remedy.is_empty()));
    assert_eq!(g.edge_cases.len(), 2);
    assert_eq!(g.checklist.len(), 4);
}

#[test]
fn example_figures_are_all_there() {
    let g = guide();
    let figures: [(&str, &[&str]); 7] = [
        ("why-amazon", &["35%", "8M daily users", "1%"]),
        ("simple-solution", &["2.3% to 0.2%", "+25%", "~60", "500 lines", "80% over 30 days", "two weeks"]),
        ("biggest-failure", &["20 minutes", "99.95%", "6 months"]),
        ("missed-deadline", &["Q2-end", "3 weeks later", "100% users", "2.5 weeks"]),
        ("above-and-beyond", &["top 3", "70%", "1.8% to 0.6%", "3.9 to 4.4", "40%"]),
        ("tight-deadline", &["72-hour", "24/7", "every 6 hours", "95% of services in 48 hours"]),
        ("most-proud", &["60%", "45 min to 12 min", "3x", "10 teams"]),
    ];
    for (id, wanted) in figures {
        let e = &g.prompt(id).unwrap_or_else(|| panic!("no prompt {id}")).example;
        let text = [
            e.points.join("\n"),
            e.situation.clone(),
            e.task.clone(),
            e.actions.join("\n"),
            e.results.join("\n"),
            e.learning.clone(),
        ]
        .join("\n");
        for figure in wanted {
            assert!(text.contains(figure), "{id}: example lacks the figure {figure:?}");
        }
    }
    let advice = g.strategy.advice.join("\n");
    assert!(advice.contains("~30% reduction, 99.9% availability"));
}

#[test]
fn typography_is_kept() {
    let g = guide();
    assert!(g.strategy.story_bank.contains("6–8"), "en dash in 6–8");
    assert!(g.checklist[1].contains("1–2 minutes"), "en dash in 1–2");
    assert!(g.prompt("missed-deadline").unwrap().question.contains("deadline—what"), "em dash");
    assert!(g.questions_intro.contains("deadline—what"), "em dash in the intro");
    assert!(g.prompt("why-amazon").unwrap().example.points[0].starts_with("I’m"), "curly apostrophe");
    assert!(corpus(g).contains("you’ve lived"), "curly apostrophe in you’ve");
    for straight in ["I'm", "you've", "I'll", "Don't", "6-8 ", "1-2 "] {
        assert!(!GUIDE_TOML.contains(straight), "typography lost: found {straight:?}");
    }
}

/// Verbatim sentences from the original guide, one per line of it (with list markers,
/// numbering and labels such as "Situation: " stripped), covering every section.
const GUIDE_SENTENCES: &[&str] = &[
    // Opening and quick answer
    "Why do you want to work at Amazon? Describe a time you delivered a simple solution to a complex problem. What is your biggest professional failure and what did you learn from it? Tell me about a time you missed a deadline—what happened and how did you handle it? Describe a project where you went above and beyond expectations. Share an example of working under a tight deadline. What project are you most proud of and why?",
    "This question evaluates behavioral competencies relevant to software engineering, including leadership, communication, accountability, problem-solving, initiative, and time-management as demonstrated through past experiences.",
    // Solution
    "Approach these prompts with a repeatable framework, metrics, and clear ownership.",
    "The interviewer is assessing leadership behaviors such as Customer Obsession, Ownership, Deliver Results, Invent and Simplify, Dive Deep, Bias for Action, Earn Trust, and Learn and Be Curious.",
    // General strategy
    "Build a story bank of 6–8 experiences mapped to common themes: conflict, failure, simplification, tight deadlines, leadership, delivering results, going above and beyond.",
    "Use STAR for each answer:",
    "1–2 sentences with context.",
    "your responsibility and goal.",
    "what you did, decisions, trade-offs, collaboration.",
    "measurable impact and what you learned; include follow-ups or prevention.",
    "Quantify impact (latency, error rate, revenue, cost, availability, user metrics). Use small round numbers if exact values are confidential (for example, ~30% reduction, 99.9% availability).",
    "Emphasize your role, not just team outcomes. Use \"I\" for actions you owned.",
    // Reusable answer template
    "Brief context, constraints, and why it mattered.",
    "What success looked like and your role.",
    "3–5 bullets on what you did, including trade-offs and alternatives considered.",
    "2–3 metrics and a learning or mechanism you put in place.",
    // 1) Why Amazon
    "Why do you want to work at Amazon?",
    "Alignment with mission and leadership principles, fit with the role/team, and evidence you did your homework.",
    "Mission/principles alignment: call out 2–3 principles that resonate.",
    "Role/team fit: the scale and scope you want to tackle; technologies and ownership model.",
    "Personal tie: a brief example from your background showing you’ve lived similar principles.",
    "Closing: how you plan to add value quickly.",
    "Example (condensed)",
    "I’m drawn to Customer Obsession and Ownership. In my last role I owned a latency-reduction effort end-to-end and shipped a change that cut p95 latency by 35% for 8M daily users.",
    "I’m excited by large-scale services, multi-region reliability, and mechanisms for continuous improvement. I want to contribute to systems where a 1% improvement moves the needle for millions of customers.",
    "I’ll add value by diving deep into operational metrics, simplifying architectures, and building mechanisms (alerts, playbooks, automated rollbacks) to raise the bar on availability.",
    // 2) Simple solution
    "Describe a time you delivered a simple solution to a complex problem",
    "Invent and Simplify, Dive Deep, Bias for Action.",
    "Show the complexity, the simpler alternative, and why it was safe enough; quantify outcomes.",
    "Example outline",
    "Checkout service saw sporadic timeouts during peak traffic; proposals included a cross-service distributed lock.",
    "Stabilize timeouts within two weeks without a large rewrite.",
    "Traced timeouts to a bursty downstream dependency; observed queue depth spikes.",
    "Replaced the lock design with a simple leaky-bucket rate limiter and per-endpoint timeouts; added fast retries with jitter.",
    "Shipped behind a feature flag; ran A/B during peak hour; added SLO alerts.",
    "p99 timeouts dropped from 2.3% to 0.2%; peak capacity +25%; cut 500 lines of proposed complexity to ~60; incident count down 80% over 30 days.",
    "Prefer simple, observable controls at call sites before distributed coordination.",
    // 3) Biggest failure
    "Biggest professional failure and what you learned",
    "Ownership, Earn Trust, Learn and Be Curious.",
    "Own it, avoid blaming, include root cause, impact, and prevention mechanisms.",
    "A memory leak in a new feature caused a production incident and partial outage.",
    "Restore service, prevent recurrence, and rebuild trust with stakeholders.",
    "Led rollback and incident command; stabilized within 20 minutes.",
    "Ran a blameless RCA; leak traced to an unbounded cache; load tests missed the pattern.",
    "Added heap-profiling to CI, canary soak tests, and circuit breakers on cache growth; updated runbooks.",
    "Communicated transparently to partners and set clear prevention actions.",
    "99.95% availability restored; no recurrences in 6 months; canary+profiling became a standard mechanism.",
    "Don’t skip production-like load and soak tests for stateful changes; build defenses into CI and runtime.",
    // 4) Missed deadline
    "Missed a deadline—what happened and how did you handle it?",
    "Deliver Results, Earn Trust, Ownership.",
    "Show early risk detection, re-baselining, stakeholder management, and how you prevented repeats.",
    "Committed to ship a feature by Q2-end; a third-party API changed rate limits late in the cycle.",
    "Minimize customer impact and reset expectations.",
    "Quantified impact; showed data on expected delay and risks.",
    "Proposed a phased launch: core functionality on time, advanced analytics 3 weeks later.",
    "Implemented batching and backoff to meet new limits; added contract tests to detect upstream changes.",
    "Published a new timeline and weekly status with burn-down metrics.",
    "Shipped core by original date to 100% users; advanced features 2.5 weeks later; NPS unaffected; new contract tests caught a similar upstream change pre-prod.",
    "Bake contingency capacity for external dependencies; use phased releases to protect customer outcomes.",
    // 5) Above and beyond
    "Project where you went above and beyond expectations",
    "Customer Obsession, Ownership, Insist on the Highest Standards.",
    "Mobile crash rate exceeded target on low-memory devices; not in current sprint scope.",
    "Reduce crashes without slipping roadmap.",
    "Built a crash triage dashboard; identified top 3 offenders causing 70% of crashes.",
    "Implemented lazy-loading and image downscaling; added automated regression tests.",
    "Coordinated with support to roll out a targeted hotfix to affected cohorts.",
    "Crash rate reduced from 1.8% to 0.6% in two weeks; app rating improved from 3.9 to 4.4; support tickets down 40%.",
    "Small, focused fixes to the vital few issues can outperform broad refactors.",
    // 6) Tight deadline
    "Example of working under a tight deadline",
    "Bias for Action, Deliver Results, Dive Deep.",
    "Security vulnerability disclosed; 72-hour window to patch and redeploy across services.",
    "Patch safely without downtime.",
    "Prioritized services by blast radius; automated dependency upgrades and builds.",
    "Enabled blue/green deploys with health checks; created rollback switches.",
    "Staffed a 24/7 rotation; communicated status every 6 hours.",
    "Patched 95% of services in 48 hours; zero customer-facing incidents; documented a runbook for future CVEs.",
    "Pre-invest in deployment automation and playbooks to compress response time.",
    // 7) Most proud
    "Project you are most proud of and why",
    "Deliver Results, Think Big, Ownership.",
    "Release process caused frequent rollbacks and long incident MTTR.",
    "Improve safety and speed of deployments.",
    "Designed and launched a feature flag platform with gradual rollouts, kill switches, and cohorting.",
    "Integrated with metrics and alerting; added auto-rollback on SLO breaches.",
    "Ran education sessions and templates for teams to adopt flags.",
    "Rollback rate down 60%; MTTR from 45 min to 12 min; release frequency up 3x; adopted by 10 teams.",
    "Platformizing safety mechanisms multiplies impact across teams.",
    // Common pitfalls to avoid
    "Vague responsibility (overusing \"we\"). Be explicit about your decisions and contributions.",
    "Unquantified results. Include at least one metric per story.",
    "Long setup. Keep Situation/Task short; spend time on Actions/Results.",
    "Missing learnings or preventive mechanisms.",
    // Edge cases and alternatives
    "If you lack professional examples, use internships, open-source, hackathons, or class projects; keep stakes and metrics clear (users, maintainers, contributors, deadlines).",
    "If you cannot share numbers, use ranges or percentages and describe directionality and scale (for example, double-digit latency reduction across millions of requests).",
    // Preparation checklist
    "Draft 6–8 STAR stories and map them to the seven prompts above; most stories can flex to multiple prompts.",
    "Practice aloud; target 1–2 minutes per answer; be ready to dive deep on design, metrics, and trade-offs.",
    "Anonymize proprietary details; do not disclose confidential information.",
    "Bring mechanisms you built (dashboards, alerts, runbooks) and the problems they prevented; this demonstrates repeatable operational excellence.",
];

#[test]
fn every_sentence_of_the_guide_is_kept() {
    let text = corpus(guide());
    let missing: Vec<&&str> = GUIDE_SENTENCES.iter().filter(|s| !text.contains(**s)).collect();
    assert!(missing.is_empty(), "sentences of the guide missing from content/guide.toml: {missing:#?}");
}

#[test]
fn questions_match_the_opening_paragraph_in_order() {
    let g = guide();
    let mut rest = g.questions_intro.as_str();
    for p in &g.prompts {
        let at = rest
            .find(p.question.as_str())
            .unwrap_or_else(|| panic!("{}: question {:?} not in the opening, in order", p.id, p.question));
        rest = &rest[at + p.question.len()..];
    }
    assert!(rest.trim().is_empty(), "opening has text after the last question: {rest:?}");
}

/// Removes the first line that starts with `prefix` (after indentation).
fn without_first_line(text: &str, prefix: &str) -> String {
    let mut removed = false;
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if !removed && line.trim_start().starts_with(prefix) {
            removed = true;
            continue;
        }
        out.push_str(line);
    }
    assert!(removed, "no line starting with {prefix:?}");
    out
}

#[test]
fn parse_rejects_a_prompt_missing_a_field() {
    let broken = without_first_line(GUIDE_TOML, "looks_for = ");
    assert!(Guide::parse(&broken).is_err(), "a prompt without looks_for must not parse");

    let broken = without_first_line(GUIDE_TOML, "heading = ");
    assert!(Guide::parse(&broken).is_err(), "a prompt without heading must not parse");
}

#[test]
fn parse_rejects_unknown_fields() {
    let broken = GUIDE_TOML.replacen("looks_for = ", "colour = \"red\"\nlooks_for = ", 1);
    assert_ne!(broken, GUIDE_TOML);
    assert!(Guide::parse(&broken).is_err(), "an unknown prompt field must not parse");
}

#[test]
fn every_prompt_has_at_least_three_follow_ups_of_three_kinds_or_more() {
    use star_coach::content::{FollowUpKind, FollowUps};
    let follow_ups = FollowUps::bundled();
    for id in IDS {
        let own = follow_ups.prompts.get(id).unwrap_or_else(|| panic!("no follow-ups for {id}"));
        assert!(own.len() >= 3, "{id} has {} follow-ups, fewer than 3", own.len());
        let kinds: HashSet<FollowUpKind> = own.iter().map(|f| f.kind).collect();
        assert!(kinds.len() >= 3, "{id}'s follow-ups dig into only {kinds:?}");
        for f in own {
            let ends = f.question.trim().ends_with(['?', '.']);
            assert!(ends && f.question.contains('?') || f.question.starts_with("Walk me"), "{id}: {:?}", f.question);
        }
    }
    let keys: HashSet<&str> = follow_ups.prompts.keys().map(String::as_str).collect();
    assert!(keys.iter().all(|k| IDS.contains(k)), "follow-ups for a prompt the guide has not: {keys:?}");
    let generic: HashSet<FollowUpKind> = follow_ups.generic.iter().map(|f| f.kind).collect();
    assert_eq!(generic.len(), FollowUpKind::ALL.len(), "the generic list covers every kind");
    assert_eq!(follow_ups.for_prompt("from-a-pack"), follow_ups.generic.as_slice());
}
