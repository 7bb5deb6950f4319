//! `star-coach man`: the manual page. `clap_mangen` writes the title, the description and the options; the rest is
//! written here, because its own SUBCOMMANDS section points at a page per subcommand that does not exist. The
//! commands with their arguments, the files, the environment and the key map (from the same table as the help
//! and README) make one page that is complete on its own.

use std::fmt::Write as _;

use anyhow::{Context as _, Result};
use clap::CommandFactory as _;
use star_coach::keys::{KeyMap, TEXT_KEYS, TEXT_KEYS_TITLE, keys_label};

use super::Cli;
use super::output::print;

pub fn man() -> Result<()> {
    let mut command = Cli::command();
    command.build();
    let page = clap_mangen::Man::new(command.clone());
    let mut out = Vec::new();
    let context = "could not write the manual page";
    page.render_title(&mut out).context(context)?;
    page.render_name_section(&mut out).context(context)?;
    let mut text = String::from_utf8_lossy(&out).into_owned();
    text.push_str(SYNOPSIS);
    out.clear();
    page.render_description_section(&mut out).context(context)?;
    page.render_options_section(&mut out).context(context)?;
    text.push_str(&String::from_utf8_lossy(&out));
    text.push_str(&commands(&command));
    text.push_str(FILES_AND_ENVIRONMENT);
    text.push_str(&key_map());
    out.clear();
    page.render_version_section(&mut out).context(context)?;
    text.push_str(&String::from_utf8_lossy(&out));
    print(&text)
}

/// Text for roff: backslashes and hyphens escaped, and a line that starts with a dot or quote kept as text.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with('.') || escaped.starts_with('\'') { format!("\\&{escaped}") } else { escaped }
}

/// A command's usage as clap writes it, without "Usage: ": `star-coach mock [--count <N>] …`.
fn usage(command: &clap::Command, path: &str) -> String {
    let usage = command.clone().bin_name(path).render_usage().to_string();
    usage.trim_start_matches("Usage: ").to_string()
}

/// clap's synopsis writes `[--data-dir]` without its argument, so this one is written out.
const SYNOPSIS: &str = ".SH SYNOPSIS
\\fBstar\\-coach\\fR [\\fB\\-\\-data\\-dir\\fR \\fIDIR\\fR] [\\fICOMMAND\\fR [\\fIARGS\\fR]]
.br
\\fBstar\\-coach\\fR \\fB\\-\\-help\\fR | \\fB\\-\\-version\\fR
";

/// Every command with its arguments and what it does, nested commands included.
fn commands(command: &clap::Command) -> String {
    let mut out = String::from(
        ".SH COMMANDS\nWith no command, star\\-coach opens the coach. Every command takes \\fB\\-\\-data\\-dir\\fR \\fIDIR\\fR.\n",
    );
    let mut push = |sub: &clap::Command, path: &str| {
        let about = sub.get_long_about().or(sub.get_about()).map(ToString::to_string).unwrap_or_default();
        let _ = writeln!(out, ".TP\n\\fB{}\\fR", roff(&usage(sub, path)));
        for paragraph in about.split("\n\n") {
            let _ = writeln!(out, "{}\n.IP", roff(&paragraph.replace('\n', " ")));
        }
        for arg in sub.get_arguments().filter(|a| !a.is_hide_set() && a.get_id() != "help" && a.get_id() != "data_dir")
        {
            let value = arg.get_value_names().and_then(|v| v.first()).map_or(arg.get_id().as_str(), |v| v.as_str());
            let name = match arg.get_long() {
                Some(long) if arg.get_action().takes_values() => format!("--{long} <{value}>"),
                Some(long) => format!("--{long}"),
                None => format!("<{value}>"),
            };
            let values: Vec<String> = arg.get_possible_values().iter().map(|v| v.get_name().to_string()).collect();
            let help = match arg.get_help() {
                Some(help) => help.to_string(),
                None if !values.is_empty() => format!("one of {}", values.join(", ")),
                None => String::new(),
            };
            let _ = writeln!(out, "\\fB{}\\fR: {}\n.br", roff(&name), roff(&help));
        }
    };
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let path = format!("star-coach {}", sub.get_name());
        push(sub, &path);
        for nested in sub.get_subcommands().filter(|s| s.get_name() != "help") {
            push(nested, &format!("{path} {}", nested.get_name()));
        }
    }
    out
}

const FILES_AND_ENVIRONMENT: &str = r".SH FILES
.TP
\fIDATA\fR/star\-coach.json
The story bank and the practice history. \fIDATA\fR is \fB\-\-data\-dir\fR, else $STAR_COACH_DATA_DIR, else
$XDG_DATA_HOME/star\-coach (usually ~/.local/share/star\-coach) on Linux, ~/Library/Application Support/star\-coach on
macOS. \fBstar\-coach paths\fR prints it.
.TP
\fIDATA\fR/star\-coach.json.bak.\fIN\fR
Backups of the data file; \fBstar\-coach restore\fR lists them and brings one back.
.TP
\fIDATA\fR/star\-coach.lock
Held while the coach is open, so a second one opens read\-only.
.TP
\fIDATA\fR/star\-coach.json.corrupt\-\fITIME\fR
A copy of a data file that could not be read, which is never overwritten.
.TP
\fIDATA\fR/recordings/
One WAV per recorded attempt.
.TP
\fICONFIG\fR/config.toml
The settings: theme, mouse, speaking rate, target, phase shares, keys, voice. \fICONFIG\fR is ~/.config/star\-coach
on Linux, ~/Library/Application Support/star\-coach on macOS. \fBstar\-coach config\fR prints every setting in effect.
.TP
\fICONFIG\fR/prompts/*.toml
Prompt packs: prompts of your own beside the guide's seven.
.SH ENVIRONMENT
.TP
\fBSTAR_COACH_DATA_DIR\fR
The folder for the data file, when \fB\-\-data\-dir\fR is not given.
.TP
\fBSTAR_COACH_CONFIG\fR
A config file to read instead of \fICONFIG\fR/config.toml.
.TP
\fBNO_COLOR\fR
When set and not empty, the coach draws without colour (the mono theme), whatever the config says.
.TP
\fBXDG_DATA_HOME\fR, \fBXDG_CONFIG_HOME\fR
Where the data and config folders are on Linux.
.SH EXIT STATUS
0 on success; 1 on an error, said on stderr in one sentence; 2 when the command line itself is wrong.
";

/// The default keys, screen by screen, as the `?` help lists them.
fn key_map() -> String {
    let mut out = String::from(
        ".SH KEYS\nThe default keys; every one but Ctrl\\-C can be changed in the config. \\fB?\\fR shows them in the coach, the footer those of the screen.\n",
    );
    let map = KeyMap::default();
    // One line a key, without a blank line between them.
    out.push_str(".PD 0\n");
    for (context, bindings) in map.sections() {
        let _ = writeln!(out, ".SS {}", roff(context.title()));
        for binding in bindings {
            let _ = writeln!(out, ".TP 16\n\\fB{}\\fR\n{}", roff(&keys_label(&binding.keys)), roff(binding.help));
        }
        if context == star_coach::keys::Context::Editor {
            let _ = writeln!(out, ".SS {}", roff(TEXT_KEYS_TITLE));
            for (keys, help) in TEXT_KEYS {
                let _ = writeln!(out, ".TP 16\n\\fB{}\\fR\n{}", roff(keys), roff(help));
            }
        }
    }
    out.push_str(".PD\n");
    out
}
