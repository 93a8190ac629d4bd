//! Reading and writing scenario files (RON), atomically, with clear errors.

use crate::model::{FORMAT_VERSION, Problem, Scenario, validate};
use ron::extensions::Extensions;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Why a scenario could not be loaded or saved.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file was read but has problems, each with its place.
    #[error("{} problem(s):\n{}", .0.len(), .0.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    Problems(Vec<Problem>),
}

impl FileError {
    /// The problems as lines of text, one per problem.
    pub fn messages(&self) -> Vec<String> {
        match self {
            FileError::Problems(problems) => problems.iter().map(ToString::to_string).collect(),
            other => vec![other.to_string()],
        }
    }
}

fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

fn syntax_problem(error: &ron::error::SpannedError) -> Problem {
    Problem::new(
        format!(
            "line {}, column {}",
            error.span.start.line, error.span.start.col
        ),
        error.code.to_string(),
    )
}

/// Only the version, read before anything else so a newer file gets a clear message.
#[derive(Deserialize)]
struct VersionProbe {
    #[serde(default)]
    format_version: Option<u32>,
}

/// Parses a scenario from RON text and validates it. Every problem is listed.
pub fn parse_scenario(text: &str) -> Result<Scenario, FileError> {
    let probe: VersionProbe = ron_options()
        .from_str(text)
        .map_err(|e| FileError::Problems(vec![syntax_problem(&e)]))?;
    let version = probe.format_version.unwrap_or(FORMAT_VERSION);
    if version > FORMAT_VERSION {
        return Err(FileError::Problems(vec![Problem::new(
            "format_version",
            format!(
                "{version} is newer than this program understands ({FORMAT_VERSION}); update Heltidskalkulator"
            ),
        )]));
    }
    let mut scenario: Scenario = ron_options()
        .from_str(text)
        .map_err(|e| FileError::Problems(vec![syntax_problem(&e)]))?;
    // Version 1 is the first; older or missing versions read as version 1.
    scenario.format_version = FORMAT_VERSION;
    let problems = validate(&scenario);
    if problems.is_empty() {
        Ok(scenario)
    } else {
        Err(FileError::Problems(problems))
    }
}

/// Reads and validates a scenario file.
pub fn load_scenario(path: &Path) -> Result<Scenario, FileError> {
    let text = std::fs::read_to_string(path).map_err(|source| FileError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_scenario(&text)
}

/// The scenario as RON text, the way it is saved.
pub fn scenario_to_string(scenario: &Scenario) -> String {
    let config = ron::ser::PrettyConfig::default()
        .struct_names(false)
        .extensions(Extensions::IMPLICIT_SOME);
    ron_options()
        .to_string_pretty(scenario, config)
        .unwrap_or_else(|e| format!("// could not write scenario: {e}"))
}

/// Saves the scenario atomically: a temporary file beside the target, then a rename.
pub fn save_scenario(scenario: &Scenario, path: &Path) -> Result<(), FileError> {
    write_atomically(path, scenario_to_string(scenario).as_bytes())
}

/// Writes `bytes` to `path` through a temporary file and a rename, so a crash never leaves half a file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    let io_error = |source| FileError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "scenario".into());
    let temp = path.with_file_name(format!(".{file_name}.tmp{}", std::process::id()));
    std::fs::write(&temp, bytes).map_err(io_error)?;
    std::fs::rename(&temp, path).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        io_error(e)
    })
}
