//! Reading and writing scenario files (RON), atomically, with clear errors.
//!
//! A load error names the field (`rota.weeks`), the line and column, what was found there
//! (cut to 60 characters) and what would be valid, in the words the file uses: never a Rust
//! type or a library's advice. A file's leading `//` comment block is kept when it is saved.

mod messages;

use crate::i18n::Language;
use crate::model::{
    FORMAT_VERSION, LoadError, LoadErrorKind, Problem, ProblemKind, Scenario, validate,
};
use ron::extensions::Extensions;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

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
    /// The problems as lines of text, one per problem, in English.
    pub fn messages(&self) -> Vec<String> {
        self.messages_in(Language::English)
    }

    /// The problems as lines of text, one per problem, in `language` (a read or write error
    /// is the system's own words).
    pub fn messages_in(&self, language: Language) -> Vec<String> {
        match self {
            FileError::Problems(problems) => problems
                .iter()
                .map(|problem| problem.text(language))
                .collect(),
            other => vec![other.to_string()],
        }
    }
}

fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Only the version, read before anything else so a newer file gets a clear message.
#[derive(Deserialize)]
struct VersionProbe {
    #[serde(default)]
    format_version: Option<u32>,
}

/// The byte-order mark some Windows editors put at the start of UTF-8 files.
const BOM: char = '\u{feff}';

/// Parses a scenario from RON text and validates it. Every problem is listed.
pub fn parse_scenario(text: &str) -> Result<Scenario, FileError> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    // A file this version cannot read fully may still say it is newer; a file that cannot be
    // read even for its version gets the full parse's error, which names the place.
    if let Ok(probe) = ron_options().from_str::<VersionProbe>(text)
        && let Some(version) = probe.format_version
        && version > FORMAT_VERSION
    {
        return Err(FileError::Problems(vec![Problem::new(
            "format_version",
            ProblemKind::NewerFormat {
                version,
                supported: FORMAT_VERSION,
            },
        )]));
    }
    let mut scenario = deserialize(text).map_err(|problem| FileError::Problems(vec![problem]))?;
    scenario.leading_comments = leading_comments(text);
    // Version 1 is the first; older or missing versions read as version 1.
    scenario.format_version = FORMAT_VERSION;
    let problems = validate(&scenario);
    if problems.is_empty() {
        Ok(scenario)
    } else {
        Err(FileError::Problems(problems))
    }
}

/// The scenario, or the first problem with the field path where it was met.
fn deserialize(text: &str) -> Result<Scenario, Problem> {
    let options = ron_options();
    let mut deserializer = ron::Deserializer::from_str_with_options(text, &options)
        .map_err(|error| messages::problem(text, &error, ""))?;
    let scenario = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let spanned = deserializer.span_error(error.into_inner());
        messages::problem(text, &spanned, &path)
    })?;
    deserializer
        .end()
        .map_err(|code| messages::problem(text, &deserializer.span_error(code), ""))?;
    Ok(scenario)
}

/// The file as text, or the line and byte where it stops being UTF-8.
fn decode(bytes: &[u8]) -> Result<&str, Problem> {
    std::str::from_utf8(bytes).map_err(|error| {
        let valid = &bytes[..error.valid_up_to()];
        let line = 1 + valid.iter().filter(|&&b| b == b'\n').count();
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = 1 + String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count();
        Problem::new(
            "",
            ProblemKind::Unreadable(LoadError {
                line,
                column,
                kind: LoadErrorKind::NotUtf8 {
                    byte: bytes[error.valid_up_to()],
                    offset: error.valid_up_to() + 1,
                },
            }),
        )
    })
}

/// Reads and validates a scenario file.
pub fn load_scenario(path: &Path) -> Result<Scenario, FileError> {
    let bytes = std::fs::read(path).map_err(|source| FileError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let text = decode(&bytes).map_err(|problem| FileError::Problems(vec![problem]))?;
    parse_scenario(text)
}

/// The `//` comment lines at the top of a file, before the scenario's first `(` or `#![`,
/// with the blank lines between them; what [`save_scenario`] writes back.
pub fn leading_comments(text: &str) -> String {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let mut lines = Vec::new();
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim_start().starts_with("//") || (line.is_empty() && !lines.is_empty()) {
            lines.push(line);
        } else if !line.is_empty() {
            break;
        }
    }
    while lines.last().is_some_and(|line| line.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

/// The scenario as RON text, the way it is saved: its leading comments, then the data.
pub fn scenario_to_string(scenario: &Scenario) -> String {
    let config = ron::ser::PrettyConfig::default()
        .struct_names(false)
        .extensions(Extensions::IMPLICIT_SOME);
    let data = ron_options()
        .to_string_pretty(scenario, config)
        .unwrap_or_else(|e| format!("// could not write scenario: {e}"));
    let mut comments = String::new();
    for line in scenario.leading_comments.lines() {
        // Whatever a caller put there must stay a comment.
        let line = line.trim_end();
        if !line.is_empty() && !line.trim_start().starts_with("//") {
            comments.push_str("// ");
        }
        comments.push_str(line);
        comments.push('\n');
    }
    comments + &data
}

/// Saves the scenario atomically: a temporary file beside the target, then a rename.
pub fn save_scenario(scenario: &Scenario, path: &Path) -> Result<(), FileError> {
    write_atomically(path, scenario_to_string(scenario).as_bytes())
}

/// Whether `a` and `b` are the same existing file (also through links or `..`).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Whether a file can be written at `path`, found by trying: the folder must exist and take a
/// new file, and an existing file must not be read-only. The error starts with the path.
pub fn check_writable(path: &Path) -> Result<(), String> {
    let shown = path.display();
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        return Err(format!(
            "{shown}: the folder {} does not exist",
            folder.display()
        ));
    }
    if let Ok(metadata) = std::fs::metadata(path)
        && metadata.permissions().readonly()
    {
        return Err(format!("{shown}: is read-only"));
    }
    let probe = temp_path(path);
    match std::fs::File::create(&probe) {
        Ok(file) => {
            drop(file);
            let _ = std::fs::remove_file(&probe);
            Ok(())
        }
        Err(error) => Err(format!("{shown}: cannot be written: {error}")),
    }
}

/// The temporary file this process writes `path` through.
fn temp_path(path: &Path) -> PathBuf {
    path.with_file_name(format!("{}{}", temp_prefix(path), std::process::id()))
}

fn temp_prefix(path: &Path) -> String {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "scenario".into());
    format!(".{file_name}.tmp")
}

/// A temporary file older than this was left by a save that was killed.
const STALE_AFTER: Duration = Duration::from_secs(60);

/// Removes temporary files of `path` that killed saves left behind (writing one takes
/// milliseconds, so one older than a minute belongs to no running save).
fn remove_stale_temps(path: &Path) {
    let prefix = temp_prefix(path);
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        if rest.is_empty() || !rest.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| now.duration_since(modified).ok())
            .is_some_and(|age| age > STALE_AFTER);
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Writes `bytes` to `path` through a temporary file and a rename, so a crash never leaves half a file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    let io_error = |source| FileError::Io {
        path: path.to_path_buf(),
        source,
    };
    remove_stale_temps(path);
    let temp = temp_path(path);
    std::fs::write(&temp, bytes).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        io_error(e)
    })?;
    std::fs::rename(&temp, path).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        io_error(e)
    })
}
