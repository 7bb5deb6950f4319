//! A command line clap cannot parse, said as every other error is: one sentence on stderr, with the help to read.

use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// Prints `error` and gives the exit code: `--help` and `--version` as clap prints them, with success; anything
/// else as "star-coach: <what is wrong>; see `star-coach mock --help`.", with 2, clap's code for a usage error.
pub fn report(error: &clap::Error) -> ExitCode {
    if matches!(error.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = error.print();
        return ExitCode::SUCCESS;
    }
    if error.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        let _ = error.print();
        return ExitCode::from(2);
    }
    eprintln!("star-coach: {}", sentence(error));
    ExitCode::from(2)
}

/// The error in one sentence: clap's first line, the values it would take, and where the help is.
pub fn sentence(error: &clap::Error) -> String {
    let rendered = error.render().to_string();
    let first = rendered.lines().next().unwrap_or_default().trim_start_matches("error: ").trim_end_matches('.');
    let mut text = star_coach::text::clean_line(first);
    // clap names what is missing on the lines after its first ("…were not provided:\n  <FILE>").
    if error.kind() == ErrorKind::MissingRequiredArgument
        && let Some(ContextValue::Strings(missing)) = error.get(ContextKind::InvalidArg)
        && !missing.is_empty()
    {
        let (what, verb) = if missing.len() == 1 { ("argument", "was") } else { ("arguments", "were") };
        text = star_coach::text::clean_line(&format!("the required {what} {} {verb} not given", missing.join(", ")));
    }
    if let Some(ContextValue::Strings(values)) = error.get(ContextKind::ValidValue)
        && !values.is_empty()
        && !text.contains("possible values")
    {
        text.push_str(&format!(" (it takes {})", values.join(", ")));
    }
    let args: Vec<String> = std::env::args().collect();
    format!("{text}; see `{} --help`.", command_path(&args))
}

/// The command whose help fits the error: the subcommands named on the command line, "star-coach stories lint".
fn command_path(args: &[String]) -> String {
    let mut command = <super::Cli as clap::CommandFactory>::command();
    let mut path = vec!["star-coach".to_string()];
    for arg in args.iter().skip(1).filter(|a| !a.starts_with('-')) {
        let Some(sub) = command.find_subcommand(arg).cloned() else { continue };
        path.push(sub.get_name().to_string());
        command = sub;
    }
    path.join(" ")
}
