//! `plan` and `next`: the interview date, the day-by-day plan toward it, and today's first item.

use std::fmt::Write as _;

use anyhow::{Context as _, Result, anyhow};
use chrono::{Local, NaiveDate, Utc};
use serde_json::{Value, json};
use star_coach::content::Guide;
use star_coach::model::Bank;
use star_coach::plan::{self, CardId, Plan, PlanInput, PlanItem, short_date};

use super::Env;
use super::output::{open, open_for_writing, print};

/// What `star-coach plan` was asked to change before it prints the plan.
pub struct PlanChange {
    pub date: Option<String>,
    pub per_day: Option<u32>,
    pub clear: bool,
}

impl PlanChange {
    fn is_empty(&self) -> bool {
        self.date.is_none() && self.per_day.is_none() && !self.clear
    }
}

pub fn plan(env: &Env, change: &PlanChange, json: bool) -> Result<()> {
    let now = Utc::now();
    let today = now.with_timezone(&Local).date_naive();
    let (bank, said) = if change.is_empty() {
        (open(env.data_dir()?)?.1, String::new())
    } else {
        // Check what was typed before taking the lock or touching the file.
        let date = change.date.as_deref().map(|d| plan::parse_date(d, today)).transpose().map_err(|e| anyhow!(e))?;
        let per_day = change.per_day.map(plan::check_per_day).transpose().map_err(|e| anyhow!(e))?;
        let (mut store, mut bank) = open_for_writing(env.data_dir()?)?;
        let mut said = String::new();
        if change.clear {
            bank.plan = star_coach::model::PlanSettings::default();
            said.push_str("Cleared the interview date.\n");
        }
        if let Some(date) = date {
            bank.plan.interview_date = Some(date);
            let when = plan::countdown(Some(date), today).unwrap_or_default().replace("Interview ", "");
            let _ = writeln!(said, "Interview date set: {} ({when}).", date.format("%a %-d %b %Y"));
        }
        if let Some(per_day) = per_day {
            bank.plan.per_day = Some(per_day);
            let _ = writeln!(said, "Planning {per_day} a day.");
        }
        store.save(&bank)?;
        super::output::summarize_for_the_coach(env, &mut store, &bank);
        (bank, said)
    };
    let plan = work_out(env, &bank, now);
    if json {
        let mut text = serde_json::to_string_pretty(&plan_json(&plan)).context("could not write the plan")?;
        text.push('\n');
        return print(&text);
    }
    let mut out = said;
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&plan_text(env.guide, &plan));
    print(&out)
}

pub fn next(env: &Env) -> Result<()> {
    let (_, bank) = open(env.data_dir()?)?;
    let plan = work_out(env, &bank, Utc::now());
    let text = match (plan.next(), plan.next_after_today()) {
        (Some(item), _) => format!("Practise next: {}\n{}\n", title(env.guide, &item.card), item.reason),
        (None, Some((date, item))) => format!(
            "Done for today ({} practised). {}: {}\n{}\n",
            plan.today_items().len(),
            plan.day_name(date),
            title(env.guide, &item.card),
            item.reason
        ),
        (None, None) if plan.has_date() => "Nothing more to practise before the interview. Good luck.\n".into(),
        (None, None) => "Nothing to practise this week.\n".into(),
    };
    print(&text)
}

fn work_out(env: &Env, bank: &Bank, now: chrono::DateTime<Utc>) -> Plan {
    plan::build(&PlanInput::new(env.guide, bank, &env.settings().config), now, &Local)
}

/// "4. Tell me about a time…" or "drill Ownership".
fn title(guide: &Guide, card: &CardId) -> String {
    match card {
        CardId::Prompt(id) => guide.prompt(id).map_or_else(|| id.clone(), |p| format!("{}. {}", p.number, p.question)),
        CardId::Principle(name) => format!("drill {name}"),
    }
}

/// `4. missed-deadline` or `drill Ownership`, as the plan's lines name a card.
fn label(guide: &Guide, card: &CardId) -> String {
    match card {
        CardId::Prompt(id) => guide.prompt(id).map_or_else(|| id.clone(), |p| format!("{}. {id}", p.number)),
        CardId::Principle(name) => format!("drill {name}"),
    }
}

fn plan_text(guide: &Guide, plan: &Plan) -> String {
    let mut out = String::new();
    let per_day = match plan.per_day {
        1 => "1 prompt a day".to_string(),
        n => format!("{n} prompts a day"),
    };
    match plan.interview {
        Some(date) if plan.has_date() => {
            let when = plan.countdown().unwrap_or_default();
            let _ = writeln!(out, "{when}: {}. {per_day}.\n", date.format("%a %-d %b %Y"));
        }
        Some(date) => {
            let _ = writeln!(
                out,
                "The interview date, {}, has passed; set the next with `star-coach plan --date YYYY-MM-DD` or \
                 forget it with `star-coach plan --clear`. Until then, plain spaced repetition, {per_day}:\n",
                date.format("%a %-d %b %Y")
            );
        }
        None => {
            let _ = writeln!(
                out,
                "No interview date set: plain spaced repetition, {per_day}, a week ahead. Set one with \
                 `star-coach plan --date YYYY-MM-DD`.\n"
            );
        }
    }
    let width = plan.days.iter().flat_map(|d| &d.items).map(|i| label(guide, &i.card).chars().count()).max();
    for day in &plan.days {
        let _ = writeln!(out, "{}", heading(plan, day.date));
        if day.items.is_empty() {
            out.push_str("  nothing due\n");
        }
        for item in &day.items {
            let mark = if item.done { "✓" } else { " " };
            let label = label(guide, &item.card);
            let _ = writeln!(out, "  {mark} {label:<w$}  {}", item.reason, w = width.unwrap_or(0));
        }
    }
    if let Some(date) = plan.interview.filter(|_| plan.has_date()) {
        let _ = writeln!(out, "{}: the interview.", heading(plan, date));
    }
    out
}

/// "Today, Mon 7 Dec", "Tomorrow, Tue 8 Dec" or "Wed 9 Dec".
fn heading(plan: &Plan, date: NaiveDate) -> String {
    match (date - plan.today).num_days() {
        0 | 1 => format!("{}, {}", plan.day_name(date), short_date(date)),
        _ => short_date(date),
    }
}

/// `[{"date", "items": [{"prompt", "reason"}]}]`; a drilled principle's item names `"principle"` instead, and
/// today's items already practised carry `"done": true`.
fn plan_json(plan: &Plan) -> Value {
    let days: Vec<Value> = plan
        .days
        .iter()
        .map(|day| {
            let items: Vec<Value> = day.items.iter().map(item_json).collect();
            json!({"date": date_json(day.date), "items": items})
        })
        .collect();
    Value::Array(days)
}

fn item_json(item: &PlanItem) -> Value {
    let mut value = match &item.card {
        CardId::Prompt(id) => json!({"prompt": id, "reason": item.reason}),
        CardId::Principle(name) => json!({"principle": name, "reason": item.reason}),
    };
    if item.done {
        value["done"] = Value::Bool(true);
    }
    value
}

fn date_json(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}
