//! Exports of a rota for meetings and reporting: CSV, XLSX and a one-page PDF, always with the
//! same indicators (so units can be compared).

mod csv;
mod indicators;
mod pdf;
mod xlsx;

pub use indicators::{Indicators, RotaView, coverage_table, indicators, line_positions};

use crate::i18n::Language;
use crate::io::{FileError, write_atomically};
use crate::model::Scenario;
use std::path::Path;

/// The export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Semicolon-separated text with decimal commas (opens in Norwegian Excel).
    Csv,
    /// An Excel workbook: rota, coverage and indicators sheets.
    Xlsx,
    /// A one-page A4 report: indicators, the distribution plot and the rota.
    Pdf,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The scenario has neither a proposal nor today's rota.
    #[error(
        "the file has no rota to export: solve it first (heltid solve --out) or enter today's rota"
    )]
    NoRota,
    /// Writing failed.
    #[error(transparent)]
    File(#[from] FileError),
    /// The workbook could not be built.
    #[error("the workbook could not be written: {0}")]
    Xlsx(String),
}

/// Writes the scenario's proposal (or else today's rota) to `path` in `format`, in bokmål.
pub fn export(scenario: &Scenario, format: Format, path: &Path) -> Result<(), ExportError> {
    export_in(scenario, format, path, Language::Bokmal)
}

/// Writes the scenario's proposal (or else today's rota) to `path` in `format`. The PDF report
/// is written in `language` (its labels and its numbers: decimal commas in bokmål); CSV and
/// XLSX keep their Norwegian column names and CSV its decimal commas, so that a spreadsheet
/// reads the same file from every export.
pub fn export_in(
    scenario: &Scenario,
    format: Format,
    path: &Path,
    language: Language,
) -> Result<(), ExportError> {
    let view = RotaView::of(scenario).ok_or(ExportError::NoRota)?;
    let bytes = match format {
        Format::Csv => csv::to_csv(scenario, &view).into_bytes(),
        Format::Xlsx => {
            xlsx::to_xlsx(scenario, &view).map_err(|e| ExportError::Xlsx(e.to_string()))?
        }
        Format::Pdf => pdf::to_pdf(scenario, &view, language),
    };
    write_atomically(path, &bytes)?;
    Ok(())
}
