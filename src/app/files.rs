//! File dialogs (rfd in the app, scripted in tests) and the bundled examples.

use std::path::PathBuf;

/// Asks the user for file paths. The app uses native dialogs; tests answer from a script.
pub trait FileDialogs {
    /// A scenario file to open, or None when the user cancels.
    fn pick_open(&mut self) -> Option<PathBuf>;
    /// Where to save, or None when the user cancels.
    fn pick_save(&mut self, suggested_name: &str) -> Option<PathBuf>;
}

/// Native dialogs through rfd.
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn pick_open(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .add_filter("Heltid-scenario (.ron)", &["ron"])
            .pick_file()
    }

    fn pick_save(&mut self, suggested_name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .add_filter("Heltid-scenario (.ron)", &["ron"])
            .set_file_name(suggested_name)
            .save_file()
            .map(|path| {
                if path.extension().is_some() {
                    path
                } else {
                    path.with_extension("ron")
                }
            })
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
