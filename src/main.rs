//! `heltid`: without a subcommand the desktop app, otherwise the command line.

use clap::Parser;
use heltid::cli::{Cli, run};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => run(command),
        None => heltid::app::run(cli.file, cli.compare),
    }
}
