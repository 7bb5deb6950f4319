//! `star-coach analyze FILE.wav [--json]`: what a recording says, from any WAV file.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context as _, Result};
use serde::Serialize;
use star_coach::config::VoiceConfig;
use star_coach::practice::format_secs;
use star_coach::voice::{self, VoiceSummary, review, wav};

/// What `--json` prints: the file, its format, and the figures an attempt keeps.
#[derive(Serialize)]
struct Report<'a> {
    file: &'a str,
    format: Format,
    #[serde(flatten)]
    voice: &'a VoiceSummary,
}

#[derive(Serialize)]
struct Format {
    sample_rate: u32,
    channels: u16,
    bits: u16,
    float: bool,
    /// The data stopped before its header said; what was there was analysed.
    ended_early: bool,
}

pub fn run(file: &Path, json: bool, settings: &VoiceConfig) -> Result<String> {
    let (analysis, format) = voice::analyze_file(file, settings.pause_secs)?;
    let summary = analysis.summary(&[]);
    if json {
        let name = file.display().to_string();
        let report = Report {
            file: &name,
            format: Format {
                sample_rate: format.rate,
                channels: format.channels,
                bits: format.bits,
                float: format.float,
                ended_early: format.ended_early,
            },
            voice: &summary,
        };
        let mut text = serde_json::to_string_pretty(&report).context("could not write the analysis")?;
        text.push('\n');
        return Ok(text);
    }
    Ok(words(file, &format, &analysis, &summary, settings))
}

/// The analysis as a short report in words.
fn words(
    file: &Path,
    format: &wav::Format,
    analysis: &voice::Analysis,
    summary: &VoiceSummary,
    settings: &VoiceConfig,
) -> String {
    let name = star_coach::text::clean_line(&file.display().to_string());
    let mut out = format!("{name}: {} long ({format})\n", format_secs(summary.duration_secs));
    if format.ended_early {
        out.push_str("The file ends before its header says it does; the part that is there was analysed.\n");
    }
    if summary.talk_secs <= 0.0 {
        out.push_str("No speech heard: the recording is silence or steady noise.\n");
        return out;
    }
    let _ = writeln!(
        out,
        "{}; {:.1} s of silence before the first word and {:.1} s after the last",
        review::talk_line(summary),
        summary.lead_secs,
        summary.trail_secs
    );
    let _ = writeln!(out, "{}", review::pace_line(summary, settings.pace_wpm));
    let threshold = format!("{} s", summary.pause_secs);
    match &summary.longest_pause {
        None => {
            let _ = writeln!(out, "No pause of {threshold} or more between words");
        }
        Some(longest) => {
            let count = match summary.pauses.len() {
                1 => "1 pause".to_string(),
                n => format!("{n} pauses"),
            };
            let _ = writeln!(
                out,
                "{count} of {threshold} or more; the longest {:.1} s at {}",
                longest.secs,
                format_secs(longest.at_secs)
            );
            for pause in &summary.pauses {
                let _ = writeln!(out, "  {}  {:.1} s", format_secs(pause.at_secs), pause.secs);
            }
        }
    }
    if let Some(drop) = analysis.ending_drop_db.filter(|_| summary.trailing_off) {
        let _ = writeln!(out, "Trailing off: the last words are {drop:.0} dB quieter than the rest");
    }
    out.push_str("Pace counts syllables, not words (there is no transcript): expect it within about 10%.\n");
    out
}
