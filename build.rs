//! Compiles the small C shim that catches libasound's error messages (see `src/audio/alsa_log.c`), on Linux only;
//! and turns the bundled content (`content/*.toml`, the source to edit) into JSON in `OUT_DIR`, which the binary
//! embeds. Parsing it as JSON at start-up takes a sixth of the time TOML does (README, Performance), and a typing
//! error in the content fails the build, naming the file and line, rather than a start.

use std::fmt::Write as _;
use std::path::Path;

use toml::de::{DeTable, DeValue};

const CONTENT: [&str; 4] = ["guide", "principles", "questions", "followups"];

fn main() {
    println!("cargo:rerun-if-changed=src/audio/alsa_log.c");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        cc::Build::new().file("src/audio/alsa_log.c").warnings(true).compile("star_coach_alsa_log");
    }
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    for name in CONTENT {
        let source = format!("content/{name}.toml");
        println!("cargo:rerun-if-changed={source}");
        let text = std::fs::read_to_string(&source).unwrap_or_else(|e| panic!("cannot read {source}: {e}"));
        let table = DeTable::parse(&text).unwrap_or_else(|e| panic!("{source} is not valid TOML: {e}"));
        let mut json = String::with_capacity(text.len());
        write_table(&mut json, table.get_ref()).unwrap_or_else(|e| panic!("{source}: {e}"));
        if name == "questions" {
            // FNV-1a: what the plan's settings hash takes for the bundled questions (see `questions::BUNDLED_FINGERPRINT`).
            let hash =
                json.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
            std::fs::write(Path::new(&out).join("questions.fingerprint"), format!("{hash:#x}"))
                .expect("cannot write to OUT_DIR");
        }
        std::fs::write(Path::new(&out).join(format!("{name}.json")), json).expect("cannot write to OUT_DIR");
    }
}

fn write_table(out: &mut String, table: &DeTable) -> Result<(), String> {
    out.push('{');
    for (i, (key, value)) in table.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(out, key.get_ref());
        out.push(':');
        write_value(out, value.get_ref())?;
    }
    out.push('}');
    Ok(())
}

fn write_value(out: &mut String, value: &DeValue) -> Result<(), String> {
    match value {
        DeValue::String(text) => write_string(out, text),
        DeValue::Integer(integer) => {
            let n = i64::from_str_radix(&integer.as_str().replace('_', ""), integer.radix())
                .map_err(|e| format!("the integer {} does not fit: {e}", integer.as_str()))?;
            write!(out, "{n}").expect("writing to a String");
        }
        DeValue::Float(float) => {
            // Through f64 and back: the shortest digits that round-trip, always in JSON's syntax.
            let n: f64 =
                float.as_str().replace('_', "").parse().map_err(|e| format!("the float {}: {e}", float.as_str()))?;
            if !n.is_finite() {
                return Err(format!("the float {} has no JSON form", float.as_str()));
            }
            write!(out, "{n:?}").expect("writing to a String");
        }
        DeValue::Boolean(b) => out.push_str(if *b { "true" } else { "false" }),
        DeValue::Datetime(at) => return Err(format!("the date-time {at} is not used by any content type")),
        DeValue::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item.get_ref())?;
            }
            out.push(']');
        }
        DeValue::Table(table) => write_table(out, table)?,
    }
    Ok(())
}

fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => write!(out, "\\u{:04x}", u32::from(c)).expect("writing to a String"),
            c => out.push(c),
        }
    }
    out.push('"');
}
