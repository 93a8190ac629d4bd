//! `heltid export`: the rota to CSV, XLSX or a one-page PDF.

use super::{EXIT_FILE_PROBLEM, load_or_report, out_problem, print, tell};
use crate::export::{ExportError, Format, export_in};
use crate::i18n::Language;
use serde_json::json;
use std::path::Path;
use std::process::ExitCode;

/// `--format` values.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatArg {
    /// Semicolon-separated, decimal commas.
    Csv,
    /// Excel workbook: rota, coverage, indicators.
    Xlsx,
    /// One-page A4 report with indicators, distribution and rota.
    Pdf,
}

/// Runs `heltid export`. It never writes over its input: an export is not a scenario.
pub fn run(file: &Path, format: FormatArg, out: &Path, language: Language) -> ExitCode {
    let scenario = match load_or_report(file, false, language, |errors| json!({ "errors": errors }))
    {
        Ok(scenario) => scenario,
        Err(code) => return code,
    };
    if let Some(problem) = out_problem(out, file, false) {
        tell!("{problem}");
        return ExitCode::from(EXIT_FILE_PROBLEM);
    }
    let format = match format {
        FormatArg::Csv => Format::Csv,
        FormatArg::Xlsx => Format::Xlsx,
        FormatArg::Pdf => Format::Pdf,
    };
    match export_in(&scenario, format, out, language) {
        Ok(()) => match print(|stdout| writeln!(stdout, "{}", out.display())) {
            Ok(()) => ExitCode::SUCCESS,
            Err(code) => code,
        },
        Err(ExportError::NoRota) if language == Language::Bokmal => {
            tell!(
                "{}: filen har ingen turnus å eksportere: lag et forslag først (heltid solve --out) eller legg inn dagens turnus",
                file.display()
            );
            ExitCode::from(EXIT_FILE_PROBLEM)
        }
        Err(error) => {
            tell!("{}: {error}", file.display());
            ExitCode::from(EXIT_FILE_PROBLEM)
        }
    }
}
