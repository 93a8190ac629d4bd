//! The desktop app (eframe/egui). It only calls the engine; it never builds LP constraints.
//!
//! Data flows one way: panels edit the scenario in place and push [`Command`]s; the commands run
//! at the end of the frame. Settings that survive a restart live in [`Settings`] (persisted by
//! eframe); everything else is runtime state.

mod background;
mod document;
pub mod files;
pub mod panels;
mod widgets;

use crate::i18n::Language;
use crate::io::{FileError, parse_scenario};
use crate::model::{Scenario, SolveMode, validate};
use crate::solve::{SolveOptions, SolveReport};
use background::BackgroundSolve;
pub use document::Document;
use files::{EXAMPLES, FileDialogs, NativeDialogs};
use panels::Panel;
use panels::proposal::SolveView;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The example the app opens when started without a file.
pub const BUNDLED_EXAMPLE: &str = EXAMPLES[0].text;

/// How many recent files the File menu remembers.
const RECENT_LIMIT: usize = 8;

/// What survives a restart.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default)]
pub struct Settings {
    /// UI language.
    pub language: Language,
    /// Recently opened or saved files, newest first.
    pub recent: Vec<PathBuf>,
    /// The panel shown.
    pub panel: Panel,
    /// Solve mode.
    pub mode: SolveMode,
    /// Solver time limit, seconds.
    pub time_limit: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            language: Language::Bokmal,
            recent: Vec::new(),
            panel: Panel::Calculator,
            mode: SolveMode::Ideal,
            time_limit: 30.0,
        }
    }
}

/// Everything a user can ask the app to do; applied at the end of the frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Start a new, empty scenario.
    New,
    /// Ask for a file and open it.
    Open,
    /// Open this file.
    OpenPath(PathBuf),
    /// Open bundled example number `n`.
    OpenExample(usize),
    /// Save to the current file (or ask where).
    Save,
    /// Ask where, then save.
    SaveAs,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Start the optimizer.
    Solve,
    /// Stop the optimizer.
    CancelSolve,
    /// Close the window.
    Quit,
    /// Ask for a file to compare with.
    OpenCompare,
    /// Ask where, then export the rota.
    Export(crate::export::Format),
}

/// An action waiting for the user to decide about unsaved changes.
#[derive(Clone, Debug, PartialEq)]
enum Guarded {
    Replace(Box<Command>),
    Quit,
}

/// The app.
pub struct HeltidApp {
    /// Persisted settings.
    pub settings: Settings,
    document: Document,
    dialogs: Box<dyn FileDialogs>,
    solving: Option<BackgroundSolve>,
    last_report: Option<SolveReport>,
    /// The inputs the current proposal was made from (scenario without its proposal).
    proposal_inputs: Option<Scenario>,
    messages: Vec<String>,
    pending: Vec<Command>,
    confirm: Option<Guarded>,
    close_confirmed: bool,
    title: String,
    /// The file shown beside this one in Sammenlign.
    compare: Option<(PathBuf, Scenario)>,
    comment: panels::proposal::CommentDraft,
}

fn inputs_of(scenario: &Scenario) -> Scenario {
    Scenario {
        proposal: None,
        ..scenario.clone()
    }
}

fn load_messages(path: &Path, error: &FileError) -> Vec<String> {
    let mut messages = vec![format!(
        "Kunne ikke åpne {} / Could not open it:",
        path.display()
    )];
    messages.extend(error.messages());
    messages
}

impl HeltidApp {
    /// An app with `settings`, file dialogs `dialogs`, showing `path` or the bundled example.
    pub fn new(settings: Settings, dialogs: Box<dyn FileDialogs>, path: Option<PathBuf>) -> Self {
        let bundled = parse_scenario(BUNDLED_EXAMPLE).unwrap_or_default();
        let mut app = Self {
            settings,
            document: Document::new(bundled, None),
            dialogs,
            solving: None,
            last_report: None,
            proposal_inputs: None,
            messages: Vec::new(),
            pending: Vec::new(),
            confirm: None,
            close_confirmed: false,
            title: String::new(),
            compare: None,
            comment: Default::default(),
        };
        app.proposal_inputs = app
            .document
            .scenario
            .proposal
            .as_ref()
            .map(|_| inputs_of(&app.document.scenario));
        if let Some(path) = path {
            app.open_path(&path);
        }
        app
    }

    /// The scenario being edited.
    pub fn scenario(&self) -> &Scenario {
        &self.document.scenario
    }

    /// The file being edited, if any.
    pub fn path(&self) -> Option<&Path> {
        self.document.path.as_deref()
    }

    /// Whether there are unsaved changes.
    pub fn is_dirty(&self) -> bool {
        self.document.is_dirty()
    }

    /// Messages shown at the top (load errors, save errors).
    pub fn messages(&self) -> &[String] {
        &self.messages
    }

    /// Whether a solve is running.
    pub fn is_solving(&self) -> bool {
        self.solving.is_some()
    }

    /// Opens a file as if chosen in the Open dialog (guarded when there are unsaved changes;
    /// a file with problems shows them and keeps the current work).
    pub fn open_file(&mut self, path: &Path) {
        if self.is_dirty() {
            // A dropped or chosen file that fails to load never replaces anything.
            if let Err(error) = Document::open(path) {
                self.messages = load_messages(path, &error);
                return;
            }
        }
        self.pending.push(Command::OpenPath(path.to_path_buf()));
    }

    /// Shows `path` beside the current scenario in Sammenlign.
    pub fn compare_with(&mut self, path: &Path) {
        match Document::open(path) {
            Ok(document) => {
                self.compare = Some((path.to_path_buf(), document.scenario));
                self.settings.panel = Panel::Compare;
            }
            Err(error) => self.messages = load_messages(path, &error),
        }
    }

    /// Waits for a running solve and applies its result (tests and shutdown).
    pub fn wait_for_solve(&mut self) {
        if let Some(mut solving) = self.solving.take()
            && let Some(report) = solving.wait()
        {
            self.apply_report(report, solving.inputs);
        }
    }

    /// The window title: file name and an unsaved marker.
    pub fn window_title(&self) -> String {
        format!(
            "{}{} – Heltidskalkulator",
            if self.is_dirty() { "* " } else { "" },
            self.document.display_name()
        )
    }

    fn open_path(&mut self, path: &Path) {
        match Document::open(path) {
            Ok(document) => self.replace_document(document),
            // The current work stays as it is.
            Err(error) => self.messages = load_messages(path, &error),
        }
    }

    fn replace_document(&mut self, document: Document) {
        if let Some(path) = &document.path {
            self.remember_recent(path.clone());
        }
        self.proposal_inputs = document
            .scenario
            .proposal
            .as_ref()
            .map(|_| inputs_of(&document.scenario));
        self.document = document;
        self.last_report = None;
        self.messages.clear();
        if let Some(solving) = self.solving.take() {
            solving.cancel();
        }
    }

    fn remember_recent(&mut self, path: PathBuf) {
        self.settings.recent.retain(|p| p != &path);
        self.settings.recent.insert(0, path);
        self.settings.recent.truncate(RECENT_LIMIT);
    }

    fn save_to(&mut self, path: PathBuf) {
        match self.document.save_to(&path) {
            Ok(()) => {
                self.remember_recent(path);
                self.messages.clear();
            }
            Err(error) => self.messages = error.messages_in(self.settings.language),
        }
    }

    fn apply_report(&mut self, report: SolveReport, mut inputs: Scenario) {
        if report.status.has_proposal() {
            let before = self.document.scenario.clone();
            report.apply_to(&mut self.document.scenario);
            self.document.record_edit(before);
            // A rotating proposal sets the cycle length; that is not a change after solving.
            inputs.rota.weeks = report.weeks;
            self.proposal_inputs = Some(inputs);
            self.settings.panel = Panel::Proposal;
        }
        self.last_report = Some(report);
    }

    fn run_command(&mut self, command: Command) {
        let replaces_document = matches!(
            command,
            Command::New | Command::Open | Command::OpenPath(_) | Command::OpenExample(_)
        );
        if replaces_document && self.is_dirty() {
            self.confirm = Some(Guarded::Replace(Box::new(command)));
            return;
        }
        self.run_unguarded(command);
    }

    fn run_unguarded(&mut self, command: Command) {
        match command {
            Command::New => self.replace_document(Document::new(Scenario::default(), None)),
            Command::Open => {
                if let Some(path) = self.dialogs.pick_open() {
                    self.open_path(&path);
                }
            }
            Command::OpenPath(path) => self.open_path(&path),
            Command::OpenExample(index) => {
                if let Some(example) = EXAMPLES.get(index) {
                    match parse_scenario(example.text) {
                        Ok(scenario) => self.replace_document(Document::new(scenario, None)),
                        Err(error) => self.messages = error.messages_in(self.settings.language),
                    }
                }
            }
            Command::Save => match self.document.path.clone() {
                Some(path) => self.save_to(path),
                None => self.run_unguarded(Command::SaveAs),
            },
            Command::SaveAs => {
                if let Some(path) = self.dialogs.pick_save(&self.document.display_name()) {
                    self.save_to(path);
                }
            }
            Command::Undo => self.document.undo(),
            Command::Redo => self.document.redo(),
            Command::Solve => {
                if self.solving.is_none() && validate(&self.document.scenario).is_empty() {
                    let options = SolveOptions {
                        mode: self.settings.mode,
                        time_limit_seconds: self.settings.time_limit,
                    };
                    let inputs = inputs_of(&self.document.scenario);
                    self.solving = Some(BackgroundSolve::start(
                        &self.document.scenario,
                        options,
                        inputs,
                    ));
                    self.last_report = None;
                }
            }
            Command::CancelSolve => {
                if let Some(solving) = &self.solving {
                    solving.cancel();
                }
            }
            Command::OpenCompare => {
                if let Some(path) = self.dialogs.pick_open() {
                    self.compare_with(&path);
                }
            }
            Command::Export(format) => {
                let extension = match format {
                    crate::export::Format::Csv => "csv",
                    crate::export::Format::Xlsx => "xlsx",
                    crate::export::Format::Pdf => "pdf",
                };
                let stem = self
                    .document
                    .display_name()
                    .trim_end_matches(".ron")
                    .to_string();
                if let Some(path) = self.dialogs.pick_save(&format!("{stem}.{extension}")) {
                    let path = path.with_extension(extension);
                    match crate::export::export_in(
                        &self.document.scenario,
                        format,
                        &path,
                        self.settings.language,
                    ) {
                        Ok(()) => {
                            self.messages = vec![format!(
                                "{} {}",
                                self.settings.language.pick("Eksportert til", "Exported to"),
                                path.display()
                            )]
                        }
                        Err(error) => self.messages = vec![error.to_string()],
                    }
                }
            }
            Command::Quit => {
                if self.is_dirty() && !self.close_confirmed {
                    self.confirm = Some(Guarded::Quit);
                } else {
                    self.close_confirmed = true;
                }
            }
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let shortcut = |modifiers, key| {
            ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(modifiers, key)))
        };
        // Ctrl+Shift+Z before Ctrl+Z: consuming the plain shortcut would swallow the shifted one.
        if shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z)
            || shortcut(Modifiers::COMMAND, Key::Y)
        {
            self.pending.push(Command::Redo);
        }
        if shortcut(Modifiers::COMMAND, Key::Z) {
            self.pending.push(Command::Undo);
        }
        if shortcut(Modifiers::COMMAND, Key::S) {
            self.pending.push(Command::Save);
        }
        if shortcut(Modifiers::COMMAND, Key::O) {
            self.pending.push(Command::Open);
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let language = self.settings.language;
        let t = |nb, en| language.pick(nb, en);
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(t("Fil", "File"), |ui| {
                if ui.button(t("Ny", "New")).clicked() {
                    self.pending.push(Command::New);
                }
                if ui.button(t("Åpne …", "Open …")).clicked() {
                    self.pending.push(Command::Open);
                }
                ui.menu_button(t("Åpne eksempel", "Open example"), |ui| {
                    for (index, example) in EXAMPLES.iter().enumerate() {
                        if ui.button(example.title).clicked() {
                            self.pending.push(Command::OpenExample(index));
                        }
                    }
                });
                ui.menu_button(t("Siste filer", "Recent files"), |ui| {
                    if self.settings.recent.is_empty() {
                        ui.label(t("(ingen)", "(none)"));
                    }
                    for path in &self.settings.recent {
                        if ui.button(path.display().to_string()).clicked() {
                            self.pending.push(Command::OpenPath(path.clone()));
                        }
                    }
                });
                ui.separator();
                if ui.button(t("Lagre", "Save")).clicked() {
                    self.pending.push(Command::Save);
                }
                if ui.button(t("Lagre som …", "Save as …")).clicked() {
                    self.pending.push(Command::SaveAs);
                }
                ui.separator();
                for (label, format) in [
                    (
                        t("Eksporter CSV …", "Export CSV …"),
                        crate::export::Format::Csv,
                    ),
                    (
                        t("Eksporter Excel …", "Export Excel …"),
                        crate::export::Format::Xlsx,
                    ),
                    (
                        t("Eksporter PDF-rapport …", "Export PDF report …"),
                        crate::export::Format::Pdf,
                    ),
                ] {
                    if ui.button(label).clicked() {
                        self.pending.push(Command::Export(format));
                    }
                }
                ui.separator();
                if ui.button(t("Avslutt", "Quit")).clicked() {
                    self.pending.push(Command::Quit);
                }
            });
            ui.menu_button(t("Rediger", "Edit"), |ui| {
                if ui
                    .add_enabled(
                        self.document.can_undo(),
                        egui::Button::new(t("Angre (Ctrl+Z)", "Undo (Ctrl+Z)")),
                    )
                    .clicked()
                {
                    self.pending.push(Command::Undo);
                }
                if ui
                    .add_enabled(
                        self.document.can_redo(),
                        egui::Button::new(t("Gjør om (Ctrl+Y)", "Redo (Ctrl+Y)")),
                    )
                    .clicked()
                {
                    self.pending.push(Command::Redo);
                }
            });
            ui.menu_button(t("Språk", "Language"), |ui| {
                for choice in [Language::Bokmal, Language::English] {
                    ui.radio_value(&mut self.settings.language, choice, choice.name());
                }
            });
        });
    }

    fn confirm_dialog(&mut self, ctx: &egui::Context) {
        let Some(guarded) = self.confirm.clone() else {
            return;
        };
        let language = self.settings.language;
        let t = |nb, en| language.pick(nb, en);
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("unsaved")).show(ctx, |ui| {
            ui.heading(t("Ulagrede endringer", "Unsaved changes"));
            ui.label(format!(
                "{} {}",
                self.document.display_name(),
                t(
                    "har endringer som ikke er lagret.",
                    "has changes that are not saved."
                )
            ));
            ui.horizontal(|ui| {
                if ui.button(t("Lagre", "Save")).clicked() {
                    choice = Some("save");
                }
                if ui
                    .button(t("Forkast endringer", "Discard changes"))
                    .clicked()
                {
                    choice = Some("discard");
                }
                if ui.button(t("Avbryt", "Cancel")).clicked() {
                    choice = Some("cancel");
                }
            });
        });
        let Some(choice) = choice else { return };
        self.confirm = None;
        if choice == "cancel" {
            return;
        }
        if choice == "save" {
            self.run_unguarded(Command::Save);
            if self.is_dirty() {
                return; // Saving was cancelled or failed: keep the work.
            }
        }
        match guarded {
            Guarded::Replace(command) => self.run_unguarded(*command),
            Guarded::Quit => {
                self.close_confirmed = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// The whole UI inside `ui`; the window-level parts (title, close) are in [`eframe::App::ui`].
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.shortcuts(&ctx);
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.pending.push(Command::OpenPath(path));
        }
        if let Some(solving) = &mut self.solving {
            if let Some(report) = solving.finished() {
                let inputs = solving.inputs.clone();
                self.solving = None;
                self.apply_report(report, inputs);
            } else {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
            }
        }
        let language = self.settings.language;
        let before = self.document.scenario.clone();
        egui::Panel::top("menu").show(ui, |ui| {
            self.menu_bar(ui);
            ui.horizontal(|ui| {
                for panel in Panel::ALL {
                    ui.selectable_value(&mut self.settings.panel, panel, panel.title(language));
                }
            });
        });
        let problems = validate(&self.document.scenario);
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(self.window_title());
                if !problems.is_empty() {
                    ui.colored_label(
                        egui::Color32::DARK_RED,
                        format!(
                            "{} {}",
                            problems.len(),
                            language.pick("feil i scenarioet", "problems in the scenario")
                        ),
                    );
                }
            });
        });
        egui::CentralPanel::default_margins().show(ui, |ui| {
            for message in &self.messages {
                ui.colored_label(egui::Color32::DARK_RED, message);
            }
            if !problems.is_empty() && self.settings.panel != Panel::Calculator {
                egui::CollapsingHeader::new(language.pick("Feil som må rettes", "Problems to fix"))
                    .default_open(true)
                    .show(ui, |ui| {
                        for problem in &problems {
                            ui.colored_label(egui::Color32::DARK_RED, problem.to_string());
                        }
                    });
            }
            egui::ScrollArea::vertical()
                .id_salt("panel")
                .show(ui, |ui| {
                    self.panel(ui, problems.len());
                });
        });
        if self.document.scenario != before {
            self.document.record_edit(before);
        }
        self.confirm_dialog(&ctx);
        for command in std::mem::take(&mut self.pending) {
            self.run_command(command);
        }
    }

    fn panel(&mut self, ui: &mut egui::Ui, problems: usize) {
        let language = self.settings.language;
        let scenario = &mut self.document.scenario;
        match self.settings.panel {
            Panel::UnitAndRules => panels::unit_rules::ui(ui, scenario, language),
            Panel::Shifts => panels::shifts::ui(ui, scenario, language),
            Panel::Needs => panels::needs::ui(ui, scenario, language),
            Panel::Staff => panels::staff::ui(ui, scenario, language),
            Panel::Calculator => panels::calculator::ui(ui, scenario, language),
            Panel::Proposal => {
                let out_of_date = self
                    .proposal_inputs
                    .as_ref()
                    .is_some_and(|inputs| *inputs != inputs_of(scenario));
                let view = SolveView {
                    running: self
                        .solving
                        .as_ref()
                        .map(|s| (s.elapsed_seconds(), s.progress())),
                    last_report: self.last_report.as_ref(),
                    out_of_date,
                    mode: &mut self.settings.mode,
                    time_limit: &mut self.settings.time_limit,
                    problems,
                };
                panels::proposal::ui(
                    ui,
                    scenario,
                    view,
                    language,
                    &mut self.pending,
                    &mut self.comment,
                );
            }
            Panel::Distribution => panels::distribution::ui(ui, scenario, language),
            Panel::Compare => {
                let other = self
                    .compare
                    .as_ref()
                    .map(|(path, scenario)| panels::compare::Other { path, scenario });
                panels::compare::ui(ui, scenario, other, language, &mut self.pending);
            }
        }
    }
}

impl eframe::App for HeltidApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if ctx.input(|i| i.viewport().close_requested()) && self.is_dirty() && !self.close_confirmed
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm = Some(Guarded::Quit);
        }
        self.show(ui);
        if self.close_confirmed && self.confirm.is_none() {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}

/// Starts the app window on `path` (or the bundled example), optionally comparing with `compare`.
pub fn run(path: Option<PathBuf>, compare: Option<PathBuf>) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1280.0, 820.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Heltidskalkulator",
        options,
        Box::new(move |cc| {
            let settings = cc
                .storage
                .and_then(|storage| eframe::get_value(storage, eframe::APP_KEY))
                .unwrap_or_default();
            let mut app = HeltidApp::new(settings, Box::new(NativeDialogs), path);
            if let Some(other) = compare {
                app.compare_with(&other);
            }
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("Heltidskalkulator could not open a window: {error}");
            ExitCode::FAILURE
        }
    }
}
