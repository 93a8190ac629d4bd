//! The desktop app (eframe/egui). It only calls the engine; it never builds LP constraints.

mod calculator;

use crate::io::{FileError, load_scenario, parse_scenario};
use crate::model::Scenario;
use std::path::PathBuf;
use std::process::ExitCode;

/// The example the app opens when started without a file.
pub const BUNDLED_EXAMPLE: &str = include_str!("../../examples/solsiden.ron");

/// The app's state: the open scenario and where it came from.
pub struct HeltidApp {
    scenario: Scenario,
    path: Option<PathBuf>,
    load_errors: Vec<String>,
}

impl HeltidApp {
    /// Opens `path`, or the bundled example; a file that fails to load shows its problems.
    pub fn new(path: Option<PathBuf>) -> Self {
        let bundled = parse_scenario(BUNDLED_EXAMPLE).unwrap_or_default();
        match path {
            None => Self {
                scenario: bundled,
                path: None,
                load_errors: Vec::new(),
            },
            Some(path) => match load_scenario(&path) {
                Ok(scenario) => Self {
                    scenario,
                    path: Some(path),
                    load_errors: Vec::new(),
                },
                Err(error) => Self {
                    scenario: bundled,
                    path: None,
                    load_errors: load_messages(&path, &error),
                },
            },
        }
    }

    /// The scenario shown.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }
}

fn load_messages(path: &std::path::Path, error: &FileError) -> Vec<String> {
    let mut messages = vec![format!("Kunne ikke åpne {}:", path.display())];
    messages.extend(error.messages());
    messages
}

impl eframe::App for HeltidApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let title = match &self.path {
            Some(path) => format!("Heltidskalkulator – {}", path.display()),
            None => "Heltidskalkulator – eksempel".to_string(),
        };
        ui.ctx()
            .send_viewport_cmd(egui::ViewportCommand::Title(title));
        egui::Panel::top("top").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading("Heltidskalkulator");
                ui.separator();
                ui.label(&self.scenario.unit.name);
            });
        });
        egui::CentralPanel::default_margins().show(ui, |ui| {
            if !self.load_errors.is_empty() {
                ui.group(|ui| {
                    for message in &self.load_errors {
                        ui.colored_label(egui::Color32::DARK_RED, message);
                    }
                });
            }
            calculator::ui(ui, &self.scenario);
        });
    }
}

/// Starts the app window.
pub fn run(path: Option<PathBuf>) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_inner_size([1200.0, 800.0]),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Heltidskalkulator",
        options,
        Box::new(move |_cc| Ok(Box::new(HeltidApp::new(path)))),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("Heltidskalkulator could not open a window: {error}");
            ExitCode::FAILURE
        }
    }
}
