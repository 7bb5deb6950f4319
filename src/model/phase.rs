//! A phase of an answer, by its id: STAR's four unless the prompt declares its own (see
//! [`crate::content::phases`]). Stored in the data file as the id, so old files, written when only STAR's four
//! existed, read unchanged.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The longest phase id: room for a few words in kebab case, and small enough to keep [`Phase`] inline.
pub const MAX_PHASE_ID: usize = 24;

/// A phase's id, held inline so a phase stays `Copy` and costs no allocation in the many spans a history keeps.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Phase {
    len: u8,
    bytes: [u8; MAX_PHASE_ID],
}

// Named as the enum's variants were when STAR's four were the only phases, so code and tests written for them read
// unchanged; they are constants, and match as patterns.
#[allow(non_upper_case_globals)]
impl Phase {
    pub const Situation: Phase = Phase::known("situation");
    pub const Task: Phase = Phase::known("task");
    pub const Action: Phase = Phase::known("action");
    pub const Result: Phase = Phase::known("result");
}

impl Phase {
    /// STAR's four, in the order an answer moves through them: every prompt's phases unless it declares its own.
    pub const STAR: [Phase; 4] = [Phase::Situation, Phase::Task, Phase::Action, Phase::Result];

    /// A phase from an id written here, checked when the constant is built.
    // At most MAX_PHASE_ID bytes, as the assert says: the length fits a u8.
    #[allow(clippy::cast_possible_truncation)]
    const fn known(id: &str) -> Phase {
        let src = id.as_bytes();
        assert!(!src.is_empty() && src.len() <= MAX_PHASE_ID);
        let mut bytes = [0; MAX_PHASE_ID];
        let mut i = 0;
        while i < src.len() {
            bytes[i] = src[i];
            i += 1;
        }
        Phase { len: src.len() as u8, bytes }
    }

    /// The phase `id` names: 1 to [`MAX_PHASE_ID`] lowercase ASCII letters, digits and single hyphens inside. The
    /// error is one phrase.
    pub fn new(id: &str) -> Result<Phase, String> {
        let well_formed = (1..=MAX_PHASE_ID).contains(&id.len())
            && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !id.starts_with('-')
            && !id.ends_with('-')
            && !id.contains("--");
        if !well_formed {
            return Err(format!(
                "the phase id {} is not 1 to {MAX_PHASE_ID} lowercase letters, digits and hyphens",
                crate::text::quote(id)
            ));
        }
        let mut bytes = [0; MAX_PHASE_ID];
        bytes[..id.len()].copy_from_slice(id.as_bytes());
        Ok(Phase { len: u8::try_from(id.len()).unwrap_or(0), bytes })
    }

    pub fn id(&self) -> &str {
        // Only ASCII is ever stored (see `new`), so this never falls back.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }

    /// The name to show where no prompt names it better: STAR's by their names, any other from its id
    /// (`personal-tie` → "Personal tie").
    pub fn name(&self) -> Cow<'static, str> {
        match *self {
            Phase::Situation => "Situation".into(),
            Phase::Task => "Task".into(),
            Phase::Action => "Action".into(),
            Phase::Result => "Result".into(),
            _ => {
                let words = self.id().replace('-', " ");
                let mut chars = words.chars();
                chars.next().map_or_else(String::new, |c| c.to_ascii_uppercase().to_string() + chars.as_str()).into()
            }
        }
    }

    /// Situation and Task are the setup the guide says to keep short; no other phase is.
    pub fn is_setup(self) -> bool {
        matches!(self, Phase::Situation | Phase::Task)
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

impl fmt::Debug for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Phase({})", self.id())
    }
}

impl Serialize for Phase {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for Phase {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Phase, D::Error> {
        let id = Cow::<str>::deserialize(deserializer)?;
        Phase::new(&id).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn star_ids_names_and_setup() {
        let ids: Vec<&str> = Phase::STAR.iter().map(Phase::id).collect();
        assert_eq!(ids, ["situation", "task", "action", "result"]);
        assert_eq!(Phase::STAR.map(|p| p.name().into_owned()), ["Situation", "Task", "Action", "Result"]);
        assert_eq!(Phase::STAR.map(Phase::is_setup), [true, true, false, false]);
        assert_eq!(Phase::new("task"), Ok(Phase::Task), "a parsed id is the constant, and matches as one");
    }

    #[test]
    fn any_other_id_is_named_from_its_words() {
        let tie = Phase::new("personal-tie").unwrap();
        assert_eq!((tie.id(), tie.name().as_ref(), tie.is_setup()), ("personal-tie", "Personal tie", false));
        assert_eq!(Phase::new("a".repeat(MAX_PHASE_ID).as_str()).unwrap().id().len(), MAX_PHASE_ID);
    }

    #[test]
    fn malformed_ids_are_refused_in_a_phrase() {
        for bad in ["", "Situation", "role fit", "-x", "x-", "a--b", "é", &"a".repeat(MAX_PHASE_ID + 1)] {
            let error = Phase::new(bad).unwrap_err();
            assert!(error.starts_with("the phase id"), "{bad:?}: {error}");
        }
    }

    #[test]
    fn stored_as_the_id_and_read_back() {
        let spans = serde_json::to_string(&[Phase::Situation, Phase::new("closing").unwrap()]).unwrap();
        assert_eq!(spans, r#"["situation","closing"]"#);
        let back: Vec<Phase> = serde_json::from_str(&spans).unwrap();
        assert_eq!(back, [Phase::Situation, Phase::new("closing").unwrap()]);
        let error = serde_json::from_str::<Phase>(r#""Result""#).unwrap_err().to_string();
        assert!(error.contains("the phase id"), "{error}");
    }
}
