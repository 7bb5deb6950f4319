//! star-coach: rehearse STAR answers to behavioral interview prompts, in the terminal.

mod cli;
mod tui;

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // One sentence for the user: the outermost context and its cause, never a debug dump.
            eprintln!("star-coach: {}", star_coach::text::clean_line(&format!("{error:#}")));
            ExitCode::FAILURE
        }
    }
}
