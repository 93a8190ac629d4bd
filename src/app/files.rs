//! File dialogs (rfd in the app, scripted in tests) and the bundled examples.

use crate::export::Format;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What a file dialog gave back.
#[derive(Clone, Debug, PartialEq)]
pub enum Picked {
    /// The user chose this file.
    Path(PathBuf),
    /// The user closed the dialog without choosing.
    Cancelled,
    /// No dialog could be shown (on Linux: no desktop portal and no zenity); the app then asks
    /// for the path in a text field.
    Unavailable,
}

/// What kind of file is being saved: decides the dialog's filter and the file extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A scenario (.ron).
    Scenario,
    /// An export (.csv, .xlsx or .pdf).
    Export(Format),
}

impl FileKind {
    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Scenario => "ron",
            Self::Export(Format::Csv) => "csv",
            Self::Export(Format::Xlsx) => "xlsx",
            Self::Export(Format::Pdf) => "pdf",
        }
    }

    /// The filter's name in the dialog.
    pub fn filter_name(self) -> &'static str {
        match self {
            Self::Scenario => "Heltid-scenario (.ron)",
            Self::Export(Format::Csv) => "CSV, semikolon (.csv)",
            Self::Export(Format::Xlsx) => "Excel-arbeidsbok (.xlsx)",
            Self::Export(Format::Pdf) => "PDF-rapport (.pdf)",
        }
    }

    /// `path` with this kind's extension: a scenario gets ".ron" when it has none, an export
    /// always ends in its format's extension.
    pub fn with_extension(self, path: PathBuf) -> PathBuf {
        let has = |extension: &str| {
            path.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case(extension))
        };
        match self {
            Self::Scenario if path.extension().is_some() => path,
            _ if has(self.extension()) => path,
            _ => path.with_extension(self.extension()),
        }
    }
}

/// Asks the user for file paths. The app uses native dialogs; tests answer from a script.
pub trait FileDialogs {
    /// A scenario file to open.
    fn pick_open(&mut self) -> Picked;
    /// Where to save a file of `kind`.
    fn pick_save(&mut self, suggested_name: &str, kind: FileKind) -> Picked;
}

/// Native dialogs through rfd.
pub struct NativeDialogs;

/// A dialog that comes back empty faster than this was never shown: nobody cancels that fast.
const TOO_FAST_TO_BE_A_USER: Duration = Duration::from_millis(300);

/// Whether rfd has anything to show a dialog with. On Linux it needs the desktop portal (over
/// the D-Bus session bus) or the zenity program; elsewhere the system always has one.
fn dialogs_possible() -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    let session_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty());
    let zenity = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file()));
    session_bus || zenity
}

fn run_dialog(show: impl FnOnce() -> Option<PathBuf>) -> Picked {
    if !dialogs_possible() {
        return Picked::Unavailable;
    }
    let started = Instant::now();
    match show() {
        Some(path) => Picked::Path(path),
        None if cfg!(target_os = "linux") && started.elapsed() < TOO_FAST_TO_BE_A_USER => {
            Picked::Unavailable
        }
        None => Picked::Cancelled,
    }
}

impl FileDialogs for NativeDialogs {
    fn pick_open(&mut self) -> Picked {
        run_dialog(|| {
            rfd::FileDialog::new()
                .add_filter(FileKind::Scenario.filter_name(), &["ron"])
                .pick_file()
        })
    }

    fn pick_save(&mut self, suggested_name: &str, kind: FileKind) -> Picked {
        match run_dialog(|| {
            rfd::FileDialog::new()
                .add_filter(kind.filter_name(), &[kind.extension()])
                .set_file_name(suggested_name)
                .save_file()
        }) {
            Picked::Path(path) => Picked::Path(kind.with_extension(path)),
            other => other,
        }
    }
}

/// A bundled example: its menu name and its text.
pub struct Example {
    /// Shown in the "Åpne eksempel" menu.
    pub title: &'static str,
    /// The suggested file name when saving.
    pub file_name: &'static str,
    /// The RON text.
    pub text: &'static str,
}

/// The examples shipped inside the program.
pub const EXAMPLES: [Example; 4] = [
    Example {
        title: "Solsiden sykehjem (D/A/N, hver 3. helg)",
        file_name: "solsiden.ron",
        text: include_str!("../../examples/solsiden.ron"),
    },
    Example {
        title: "Solsiden med langvakter i helg",
        file_name: "solsiden_langvakt.ron",
        text: include_str!("../../examples/solsiden_langvakt.ron"),
    },
    Example {
        title: "Fjellro (12 uker, sykepleierkrav)",
        file_name: "fjellro.ron",
        text: include_str!("../../examples/fjellro.ron"),
    },
    Example {
        title: "Solsiden, dagens turnus med regelbrudd",
        file_name: "solsiden_dagens_turnus.ron",
        text: include_str!("../../examples/solsiden_dagens_turnus.ron"),
    },
];
