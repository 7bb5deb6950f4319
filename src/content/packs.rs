//! Custom prompt packs: TOML files in `<config>/prompts/` whose `[[prompts]]` tables use the bundled guide's
//! schema (the same [`Prompt`] type), added after the bundled prompts, and whose `[[questions]]` tables use the
//! question bank's (the same [`Question`] type), added to the drill's bank.
//!
//! A pack loads whole or not at all: one bad prompt skips its file with a [`PackError`] naming the file and,
//! where known, the line and column, and the other packs still load. Pack text comes from outside, so it is
//! cleaned like anything the user types.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::questions::{self, Question};
use super::{Guide, Prompt, is_valid_prompt_id};
use crate::files::ReadError;
use crate::text::line_column;
use crate::text::{clean_line, quote};

/// A pack larger than this is not a list of prompts written by hand.
pub const MAX_PACK_BYTES: u64 = 1024 * 1024;
/// Prompt numbers are a `u8`: the bundled prompts and every pack's together stop at 255.
const MAX_PROMPTS: usize = u8::MAX as usize;

/// A pack that loaded: its group's title and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pack {
    pub name: String,
    pub file: PathBuf,
}

/// Why a pack was skipped. Its `Display` is one sentence naming the file, and the line and column when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackError {
    pub file: PathBuf,
    /// 1-based line and column (in characters).
    pub position: Option<(usize, usize)>,
    pub reason: String,
    /// True when the folder itself could not be read, so no pack in it loaded.
    pub is_folder: bool,
}

impl fmt::Display for PackError {
    /// The file's name and the reason first, its folder last: a one-line status bar that cuts the end still says
    /// which pack and why.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = |path: &Path| clean_line(&path.display().to_string());
        let (Some(name), Some(folder), false) = (self.file.file_name(), self.file.parent(), self.is_folder) else {
            return write!(f, "skipped the prompt packs in {}: {}", shown(&self.file), self.reason);
        };
        write!(f, "skipped the prompt pack {}", shown(Path::new(name)))?;
        if let Some((line, column)) = self.position {
            write!(f, " at line {line}, column {column}")?;
        }
        write!(f, ": {} (in {})", self.reason, shown(folder))
    }
}

impl std::error::Error for PackError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    name: Option<String>,
    /// Spanned, so a prompt that fails a check is reported at its own line.
    #[serde(default)]
    prompts: Vec<Spanned<Prompt>>,
    #[serde(default)]
    questions: Vec<Spanned<Question>>,
}

/// Adds every `*.toml` pack in `dir`, in file-name order, to `guide`; returns the packs skipped. A missing folder
/// is no packs, silently: most users never make one.
pub(super) fn load_dir(guide: &mut Guide, dir: &Path) -> Vec<PackError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(e) => {
            let reason = format!("the folder could not be read ({e})");
            return vec![PackError { file: dir.to_path_buf(), position: None, reason, is_folder: true }];
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
            // Dot files are editors' and sync tools' leftovers, not packs.
            !name.starts_with('.') && path.extension().is_some_and(|ext| ext == "toml")
        })
        .collect();
    files.sort();
    files.into_iter().filter_map(|file| add_pack(guide, &file).err()).collect()
}

/// Reads, checks and adds one pack; on any error `guide` is unchanged.
pub fn add_pack(guide: &mut Guide, file: &Path) -> Result<(), PackError> {
    let text = read(file)?;
    let error = |position, reason: String| PackError { file: file.to_path_buf(), position, reason, is_folder: false };
    let pack: PackFile = toml::from_str(&text).map_err(|e| {
        let position = e.span().map(|span| line_column(&text, span.start));
        error(position, clean_line(e.message()).trim().to_string())
    })?;
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let name = pack.name.as_deref().map(|n| clean_line(n).trim().to_string()).filter(|n| !n.is_empty());
    let name = name.unwrap_or_else(|| clean_line(&stem));
    if pack.prompts.is_empty() && pack.questions.is_empty() {
        return Err(error(None, "it has no [[prompts]] and no [[questions]]".into()));
    }
    if guide.prompts.len() + pack.prompts.len() > MAX_PROMPTS {
        let reason = format!("with it there would be more than {MAX_PROMPTS} prompts");
        return Err(error(None, reason));
    }
    let index = guide.packs.len();
    let mut prompts: Vec<Prompt> = Vec::with_capacity(pack.prompts.len());
    for spanned in pack.prompts {
        let position = Some(line_column(&text, spanned.span().start));
        let mut prompt = spanned.into_inner();
        clean_prompt(&mut prompt);
        check(guide, &prompts, &prompt).map_err(|reason| error(position, reason))?;
        // MAX_PROMPTS (checked above) keeps every number within a u8.
        prompt.number = u8::try_from(guide.prompts.len() + prompts.len() + 1).unwrap_or(u8::MAX);
        prompt.pack = Some(index);
        prompts.push(prompt);
    }
    let mut added: Vec<Question> = Vec::with_capacity(pack.questions.len());
    for spanned in pack.questions {
        let position = Some(line_column(&text, spanned.span().start));
        let mut question = spanned.into_inner();
        clean_question(&mut question);
        check_question(guide, &prompts, &added, &question).map_err(|reason| error(position, reason))?;
        question.pack = Some(index);
        added.push(question);
    }
    guide.prompts.extend(prompts);
    guide.questions.to_mut().extend(added);
    guide.packs.push(Pack { name, file: file.to_path_buf() });
    Ok(())
}

fn read(file: &Path) -> Result<String, PackError> {
    let error = |position, reason: String| PackError { file: file.to_path_buf(), position, reason, is_folder: false };
    let bytes = match crate::files::read_regular(file, MAX_PACK_BYTES) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Err(error(None, "it could not be read (it is gone)".into())),
        Err(ReadError::TooLarge { .. }) => {
            return Err(error(None, format!("it is larger than {} KiB", MAX_PACK_BYTES / 1024)));
        }
        Err(ReadError::Io(e)) => return Err(error(None, format!("it could not be read ({e})"))),
        Err(e) => return Err(error(None, e.to_string())),
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = std::str::from_utf8(&e.as_bytes()[..e.utf8_error().valid_up_to()]).unwrap_or_default();
        error(Some(line_column(valid, valid.len())), "it is not UTF-8 text".into())
    })?;
    Ok(text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text))
}

/// One prompt against the guide so far and the pack's earlier prompts; the reason is a phrase naming it.
fn check(guide: &Guide, earlier: &[Prompt], prompt: &Prompt) -> Result<(), String> {
    let id = &prompt.id;
    if !is_valid_prompt_id(id) {
        return Err(format!(
            "the prompt id {} is not 1 to 64 letters, digits, '-' or '_' (and not only digits)",
            quote(id)
        ));
    }
    if let Some(owner) = owner_of(guide, id) {
        return Err(format!("the prompt id {} is already used by {owner}", quote(id)));
    }
    if earlier.iter().any(|p| p.id == *id) {
        return Err(format!("two prompts share the id {}", quote(id)));
    }
    if prompt.number != 0 {
        return Err(format!(
            "the prompt {} sets `number`; leave it out, pack prompts are numbered after the built-in ones",
            quote(id)
        ));
    }
    if prompt.question.trim().is_empty() {
        return Err(format!("the prompt {} has an empty question", quote(id)));
    }
    super::phases::check(prompt)
}

/// One question against the guide so far and the pack's earlier prompts and questions.
fn check_question(guide: &Guide, prompts: &[Prompt], earlier: &[Question], question: &Question) -> Result<(), String> {
    questions::check(question)?;
    let id = &question.id;
    if let Some(owner) = owner_of(guide, id) {
        return Err(format!("the question id {} is already used by {owner}", quote(id)));
    }
    if prompts.iter().any(|p| p.id == *id) || earlier.iter().any(|q| q.id == *id) {
        return Err(format!("the question id {} is used twice in this pack", quote(id)));
    }
    Ok(())
}

/// Who already has `id` in the guide, in words ("a built-in prompt", "the pack \"Team\""); `None` when it is free.
/// Prompts and questions share one space of ids, since an attempt names either by its `prompt`.
fn owner_of(guide: &Guide, id: &str) -> Option<String> {
    let (kind, pack) = match (guide.prompt(id), guide.question(id)) {
        (Some(p), _) => ("prompt", p.pack),
        (None, Some(q)) => ("question", q.pack),
        (None, None) => return None,
    };
    Some(pack.map_or_else(|| format!("a built-in {kind}"), |p| format!("the pack {}", quote(&guide.packs[p].name))))
}

/// Every field of a pack question on one line, with nothing that could steer the terminal.
fn clean_question(q: &mut Question) {
    let fix = |s: &mut String| *s = clean_line(s).trim().to_string();
    fix(&mut q.id);
    fix(&mut q.question);
    q.principles.iter_mut().for_each(fix);
    if let Some(follow_up) = &mut q.follow_up {
        fix(follow_up);
    }
}

/// Every field of a pack prompt on one line, with nothing that could steer the terminal.
fn clean_prompt(p: &mut Prompt) {
    let fix = |s: &mut String| *s = clean_line(s).trim().to_string();
    for s in [&mut p.id, &mut p.question, &mut p.heading, &mut p.looks_for] {
        fix(s);
    }
    let e = &mut p.example;
    for s in [&mut e.label, &mut e.situation, &mut e.task, &mut e.learning] {
        fix(s);
    }
    for s in p.principles.iter_mut().chain(&mut p.tips).chain(&mut e.points).chain(&mut e.actions) {
        fix(s);
    }
    for s in &mut e.results {
        fix(s);
    }
    for step in &mut p.structure {
        fix(&mut step.label);
        fix(&mut step.text);
    }
    for name in p.phases.iter_mut().filter_map(|phase| phase.name.as_mut()) {
        fix(name);
    }
}

#[cfg(test)]
#[path = "packs_tests.rs"]
mod tests;
