//! star-coach: rehearse STAR answers to behavioral interview prompts, in the terminal.

mod cli;

use std::process::ExitCode;

use star_coach::content::Guide;
use star_coach::paths;

fn main() -> ExitCode {
    let args = match cli::Cli::from_args() {
        Ok(args) => args,
        Err(error) => return cli::argument_error(&error),
    };
    // The guide with the user's prompt packs, read once. The TUI and every command borrow it for the whole run, so
    // leaking it gives the `&'static Guide` they take without threading a lifetime through the app.
    let (guide, pack_errors) = Guide::with_packs(paths::packs_dir().as_deref());
    let guide: &'static Guide = Box::leak(Box::new(guide));
    let warnings: Vec<String> = pack_errors.iter().map(ToString::to_string).collect();
    let result = cli::run(args, guide, &warnings).and_then(|outcome| match outcome {
        cli::Outcome::Done => Ok(()),
        cli::Outcome::OpenCoach { data_dir, settings, mock, drill } => {
            star_coach::tui::run(guide, data_dir, *settings, &warnings, mock, drill)
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // One sentence for the user: the outermost context and its cause, never a debug dump.
            eprintln!("star-coach: {}", star_coach::text::error_sentence(error.as_ref()));
            ExitCode::FAILURE
        }
    }
}
