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
use crate::model::{Rota, Scenario, SolveMode, validate};
use crate::solve::{SolveOptions, SolveReport};
use background::BackgroundSolve;
pub use document::Document;
use files::{EXAMPLES, FileDialogs, FileKind, NativeDialogs, Picked};
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
    /// Seconds of the quality phase after the time limit (0 skips it).
    pub quality_seconds: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            language: Language::Bokmal,
            recent: Vec::new(),
            panel: Panel::Calculator,
            mode: SolveMode::Ideal,
            time_limit: 30.0,
            quality_seconds: SolveOptions::default().quality_seconds,
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
    /// Switch to a panel.
    ShowPanel(Panel),
    /// Apply the waiting rotating proposal and its cycle length.
    AcceptCycle,
    /// Throw the waiting rotating proposal away; the cycle stays.
    DeclineCycle,
}

/// An action waiting for the user to decide about unsaved changes.
#[derive(Clone, Debug, PartialEq)]
enum Guarded {
    Replace(Box<Command>),
    Quit,
}

/// What a message at the top of the window is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    /// Something failed (red).
    Error,
    /// Something was done (green).
    Success,
    /// Something to know (the normal text colour).
    Info,
}

/// A message at the top of the window. Every new solve, undo, redo or load replaces them.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// Error, success or information.
    pub kind: NoticeKind,
    /// The text.
    pub text: String,
}

impl Notice {
    fn error(text: impl Into<String>) -> Self {
        Self {
            kind: NoticeKind::Error,
            text: text.into(),
        }
    }

    fn success(text: impl Into<String>) -> Self {
        Self {
            kind: NoticeKind::Success,
            text: text.into(),
        }
    }

    fn info(text: impl Into<String>) -> Self {
        Self {
            kind: NoticeKind::Info,
            text: text.into(),
        }
    }
}

/// Red, green and amber that read on both the dark and the light theme.
pub mod colours {
    use egui::Color32;
    /// Errors and breaches.
    pub const ERROR: Color32 = Color32::from_rgb(220, 60, 60);
    /// Success and rules that hold.
    pub const SUCCESS: Color32 = Color32::from_rgb(70, 170, 70);
    /// Warnings and targets not met.
    pub const WARNING: Color32 = Color32::from_rgb(220, 130, 20);
}

/// A finished solve and the inputs it ran on.
struct Solved {
    inputs: Scenario,
    report: SolveReport,
}

/// How many finished solves the app remembers (for undo and redo between them).
const SOLVED_LIMIT: usize = 20;

/// What a file path typed by hand is for (when no file dialog can be shown).
#[derive(Clone, Copy, Debug, PartialEq)]
enum PathPurpose {
    Open,
    SaveAs,
    Export(crate::export::Format),
    Compare,
}

/// The text field that stands in for a file dialog.
struct PathPrompt {
    purpose: PathPurpose,
    text: String,
}

/// The app.
pub struct HeltidApp {
    /// Persisted settings.
    pub settings: Settings,
    document: Document,
    dialogs: Box<dyn FileDialogs>,
    solving: Option<BackgroundSolve>,
    /// Finished solves, newest last.
    solved: Vec<Solved>,
    /// Every proposal seen in this session and the inputs it was made from (scenario without
    /// its proposal), so that undo back to those inputs makes it current again.
    made_from: Vec<(Rota, Scenario)>,
    /// A rotating solve that changes the cycle length, waiting for the user's yes.
    cycle_change: Option<Solved>,
    path_prompt: Option<PathPrompt>,
    notices: Vec<Notice>,
    pending: Vec<Command>,
    confirm: Option<Guarded>,
    close_confirmed: bool,
    title: String,
    /// The file shown beside this one in Sammenlign.
    compare: Option<(PathBuf, Scenario)>,
    comment: panels::proposal::CommentDraft,
    /// Forslag shows today's rota although there is a proposal.
    show_today: bool,
    /// Show the proposal as it was before the quality phase.
    show_before_quality: bool,
}

fn inputs_of(scenario: &Scenario) -> Scenario {
    Scenario {
        proposal: None,
        ..scenario.clone()
    }
}

fn load_notices(path: &Path, error: &FileError, language: Language) -> Vec<Notice> {
    let mut notices = vec![Notice::error(format!(
        "{} {}:",
        language.pick("Kunne ikke åpne", "Could not open"),
        path.display()
    ))];
    notices.extend(error.messages_in(language).into_iter().map(Notice::error));
    notices
}

impl HeltidApp {
    /// An app with `settings`, file dialogs `dialogs`, showing `path` or the bundled example.
    pub fn new(settings: Settings, dialogs: Box<dyn FileDialogs>, path: Option<PathBuf>) -> Self {
        let bundled = parse_scenario(BUNDLED_EXAMPLE).unwrap_or_default();
        let mut app = Self {
            settings,
            document: Document::new(Scenario::default(), None),
            dialogs,
            solving: None,
            solved: Vec::new(),
            made_from: Vec::new(),
            cycle_change: None,
            path_prompt: None,
            notices: Vec::new(),
            pending: Vec::new(),
            confirm: None,
            close_confirmed: false,
            title: String::new(),
            compare: None,
            comment: Default::default(),
            show_today: false,
            show_before_quality: false,
        };
        app.replace_document(Document::new(bundled, None));
        if let Some(path) = path {
            app.open_path(&path);
        }
        app
    }

    /// The scenario being edited.
    pub fn scenario(&self) -> &Scenario {
        &self.document.scenario
    }

    /// The settings that survive a restart.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The file being edited, if any.
    pub fn path(&self) -> Option<&Path> {
        self.document.path.as_deref()
    }

    /// Whether there are unsaved changes.
    pub fn is_dirty(&self) -> bool {
        self.document.is_dirty()
    }

    /// Messages shown at the top (load and save errors, what was saved or exported).
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// Whether a rotating solve's new cycle length waits for the user's answer.
    pub fn asks_about_cycle(&self) -> bool {
        self.cycle_change.is_some()
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
                self.notices = load_notices(path, &error, self.settings.language);
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
            Err(error) => self.notices = load_notices(path, &error, self.settings.language),
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
            Err(error) => self.notices = load_notices(path, &error, self.settings.language),
        }
    }

    fn replace_document(&mut self, document: Document) {
        if let Some(path) = &document.path {
            self.remember_recent(path.clone());
        }
        // A proposal read from a file was made from the inputs saved with it.
        self.made_from = document
            .scenario
            .proposal
            .as_ref()
            .map(|proposal| (proposal.rota.clone(), inputs_of(&document.scenario)))
            .into_iter()
            .collect();
        // Forslag shows what the file has: its proposal, else today's rota.
        self.show_today = false;
        self.show_before_quality = false;
        self.document = document;
        self.solved.clear();
        self.cycle_change = None;
        self.notices.clear();
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
        let language = self.settings.language;
        match self.document.save_to(&path) {
            Ok(()) => {
                self.notices = vec![Notice::success(format!(
                    "{} {}",
                    language.pick("Lagret til", "Saved to"),
                    path.display()
                ))];
                self.remember_recent(path);
            }
            Err(error) => {
                self.notices = error
                    .messages_in(language)
                    .into_iter()
                    .map(Notice::error)
                    .collect();
            }
        }
    }

    /// Takes in a finished solve. A rotating proposal with another cycle length waits for the
    /// user's yes (see [`Self::cycle_dialog`]); everything else applies at once.
    fn apply_report(&mut self, report: SolveReport, inputs: Scenario) {
        self.notices.clear();
        let solved = Solved { inputs, report };
        if solved.report.status.has_proposal()
            && solved.report.weeks != self.document.scenario.rota.weeks
        {
            self.cycle_change = Some(solved);
            self.settings.panel = Panel::Proposal;
            return;
        }
        self.accept_solved(solved);
    }

    fn accept_solved(&mut self, solved: Solved) {
        let report = &solved.report;
        if report.status.has_proposal() {
            let before = self.document.scenario.clone();
            // The discussion so far stays with the unit's new proposal; an agreement was about
            // the old rota, so the status of a different rota starts again as a draft.
            let review = before.proposal.as_ref().map(|p| p.review.clone());
            report.apply_to(&mut self.document.scenario);
            if let (Some(mut review), Some(proposal)) =
                (review, self.document.scenario.proposal.as_mut())
            {
                let old_rota = before.proposal.as_ref().map(|p| &p.rota);
                if old_rota != Some(&proposal.rota)
                    && review.status != crate::model::ReviewStatus::Utkast
                {
                    review.status = crate::model::ReviewStatus::Utkast;
                    self.notices.push(Notice::info(self.settings.language.pick(
                        "Nytt forslag: drøftingsstatus er satt tilbake til utkast; kommentarene er beholdt.",
                        "New proposal: the review status is back to draft; the comments are kept.",
                    )));
                }
                proposal.review = review;
            }
            self.document.record_step(before);
            // What the solver says about a proposal it found (a buffer, locks not kept).
            for note in &report.diagnosis {
                self.notices
                    .push(Notice::info(note.text(self.settings.language)));
            }
            // A rotating proposal sets the cycle length; that is part of the proposal.
            let mut inputs = solved.inputs.clone();
            inputs.rota.weeks = report.weeks;
            self.made_from.push((report.rota(), inputs));
            self.show_today = false;
            self.show_before_quality = false;
            self.settings.panel = Panel::Proposal;
        }
        self.solved.push(solved);
        if self.solved.len() > SOLVED_LIMIT {
            self.solved.remove(0);
        }
    }

    /// The solve that made the shown proposal, when it is known (it carries the targets).
    fn report_for_proposal(&self) -> Option<&SolveReport> {
        let proposal = self.document.scenario.proposal.as_ref()?;
        self.solved
            .iter()
            .rev()
            .map(|solved| &solved.report)
            .find(|report| report.status.has_proposal() && report.rota() == proposal.rota)
    }

    /// The last solve, when it found nothing for exactly the inputs there are now.
    fn failed_solve(&self) -> Option<&SolveReport> {
        let last = self.solved.last()?;
        (!last.report.status.has_proposal() && last.inputs == inputs_of(&self.document.scenario))
            .then_some(&last.report)
    }

    /// Whether the inputs changed since the shown proposal was made (undo back to them makes it
    /// current again).
    fn proposal_out_of_date(&self) -> bool {
        let Some(proposal) = &self.document.scenario.proposal else {
            return false;
        };
        let inputs = inputs_of(&self.document.scenario);
        let mut made = self
            .made_from
            .iter()
            .filter(|(rota, _)| *rota == proposal.rota)
            .peekable();
        made.peek().is_some() && !made.any(|(_, made_inputs)| *made_inputs == inputs)
    }

    /// Asks for a path: the file dialog, or the text field when no dialog can be shown.
    fn ask_path(&mut self, purpose: PathPurpose) -> Option<PathBuf> {
        let picked = match purpose {
            PathPurpose::Open | PathPurpose::Compare => self.dialogs.pick_open(),
            PathPurpose::SaveAs => self
                .dialogs
                .pick_save(&self.document.display_name(), FileKind::Scenario),
            PathPurpose::Export(format) => self
                .dialogs
                .pick_save(&self.export_name(format), FileKind::Export(format)),
        };
        match picked {
            Picked::Path(path) => Some(path),
            Picked::Cancelled => None,
            Picked::Unavailable => {
                let folder = self
                    .document
                    .path
                    .as_ref()
                    .and_then(|p| p.parent().map(Path::to_path_buf))
                    .or_else(|| std::env::current_dir().ok())
                    .unwrap_or_default();
                let name = match purpose {
                    PathPurpose::Open | PathPurpose::Compare => String::new(),
                    PathPurpose::SaveAs => self.document.display_name(),
                    PathPurpose::Export(format) => self.export_name(format),
                };
                self.path_prompt = Some(PathPrompt {
                    purpose,
                    text: folder.join(name).display().to_string(),
                });
                None
            }
        }
    }

    fn export_name(&self, format: crate::export::Format) -> String {
        let stem = self
            .document
            .display_name()
            .trim_end_matches(".ron")
            .to_string();
        format!("{stem}.{}", FileKind::Export(format).extension())
    }

    /// Does what a path was asked for.
    fn use_path(&mut self, purpose: PathPurpose, path: PathBuf) {
        match purpose {
            PathPurpose::Open => self.open_path(&path),
            PathPurpose::Compare => self.compare_with(&path),
            PathPurpose::SaveAs => self.save_to(FileKind::Scenario.with_extension(path)),
            PathPurpose::Export(format) => {
                let path = FileKind::Export(format).with_extension(path);
                let language = self.settings.language;
                self.notices = match crate::export::export_in(
                    &self.document.scenario,
                    format,
                    &path,
                    language,
                ) {
                    Ok(()) => vec![Notice::success(format!(
                        "{} {}",
                        language.pick("Eksportert til", "Exported to"),
                        path.display()
                    ))],
                    Err(error) => vec![Notice::error(error.to_string())],
                };
            }
        }
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
                if let Some(path) = self.ask_path(PathPurpose::Open) {
                    self.use_path(PathPurpose::Open, path);
                }
            }
            Command::OpenPath(path) => self.open_path(&path),
            Command::OpenExample(index) => {
                if let Some(example) = EXAMPLES.get(index) {
                    match parse_scenario(example.text) {
                        Ok(scenario) => self.replace_document(Document::new(scenario, None)),
                        Err(error) => {
                            self.notices = error
                                .messages_in(self.settings.language)
                                .into_iter()
                                .map(Notice::error)
                                .collect();
                        }
                    }
                }
            }
            Command::Save => match self.document.path.clone() {
                Some(path) => self.save_to(path),
                None => self.run_unguarded(Command::SaveAs),
            },
            Command::SaveAs => {
                if let Some(path) = self.ask_path(PathPurpose::SaveAs) {
                    self.use_path(PathPurpose::SaveAs, path);
                }
            }
            Command::Undo => {
                self.document.undo();
                self.notices.clear();
            }
            Command::Redo => {
                self.document.redo();
                self.notices.clear();
            }
            Command::Solve => {
                if self.solving.is_none() && validate(&self.document.scenario).is_empty() {
                    let options = SolveOptions {
                        mode: self.settings.mode,
                        time_limit_seconds: self.settings.time_limit,
                        quality_seconds: self.settings.quality_seconds,
                    };
                    let inputs = inputs_of(&self.document.scenario);
                    self.solving = Some(BackgroundSolve::start(
                        &self.document.scenario,
                        options,
                        inputs,
                    ));
                    self.notices.clear();
                    self.cycle_change = None;
                }
            }
            Command::CancelSolve => {
                if let Some(solving) = &self.solving {
                    solving.cancel();
                }
            }
            Command::OpenCompare => {
                if let Some(path) = self.ask_path(PathPurpose::Compare) {
                    self.use_path(PathPurpose::Compare, path);
                }
            }
            Command::Export(format) => {
                if let Some(path) = self.ask_path(PathPurpose::Export(format)) {
                    self.use_path(PathPurpose::Export(format), path);
                }
            }
            Command::ShowPanel(panel) => self.settings.panel = panel,
            Command::AcceptCycle => {
                if let Some(solved) = self.cycle_change.take() {
                    self.accept_solved(solved);
                }
            }
            Command::DeclineCycle => {
                if let Some(solved) = self.cycle_change.take() {
                    let weeks = self.document.scenario.rota.weeks;
                    self.notices = vec![Notice::info(match self.settings.language {
                        Language::Bokmal => format!(
                            "Det rullerende forslaget ({} uker) er ikke tatt i bruk; turnusperioden er fortsatt {weeks} uker.",
                            solved.report.weeks
                        ),
                        Language::English => format!(
                            "The rotating proposal ({} weeks) was not applied; the cycle is still {weeks} weeks.",
                            solved.report.weeks
                        ),
                    })];
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

    /// Where a new user starts: shifts, needs, staff, then Beregn forslag.
    fn start_hint(&mut self, ui: &mut egui::Ui) {
        let language = self.settings.language;
        let t = |nb, en| language.pick(nb, en);
        ui.horizontal_wrapped(|ui| {
            ui.strong(t("Kom i gang:", "Getting started:"));
            let steps = [
                (Panel::Shifts, t("1. Vakttyper", "1. Shift types")),
                (Panel::Needs, t("2. Bemanningsbehov", "2. Staffing needs")),
                (Panel::Staff, t("3. Ansatte", "3. Staff")),
                (
                    Panel::Proposal,
                    t("4. Forslag: «Beregn forslag»", "4. Proposal: «Solve»"),
                ),
            ];
            for (index, (panel, label)) in steps.into_iter().enumerate() {
                if index > 0 {
                    ui.label("›");
                }
                if ui.link(label).clicked() {
                    self.pending.push(Command::ShowPanel(panel));
                }
            }
        });
        ui.add_space(4.0);
    }

    /// Asks before a rotating proposal changes the cycle length.
    fn cycle_dialog(&mut self, ctx: &egui::Context) {
        let Some(solved) = &self.cycle_change else {
            return;
        };
        let language = self.settings.language;
        let t = |nb, en| language.pick(nb, en);
        let (now, new) = (self.document.scenario.rota.weeks, solved.report.weeks);
        let lines = solved.report.lines.len();
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("cycle_change")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading(t("Ny turnusperiode", "New cycle length"));
            ui.label(match language {
                Language::Bokmal => format!(
                    "Den rullerende turnusen har {lines} linjer og går over {new} uker. Turnusperioden er i dag {now} uker."
                ),
                Language::English => format!(
                    "The rotating rota has {lines} lines and runs over {new} weeks. The cycle is {now} weeks today."
                ),
            });
            ui.label(match language {
                Language::Bokmal => format!(
                    "Tar du forslaget i bruk, blir turnusperioden {new} uker, også for senere beregninger i andre moduser. Angre (Ctrl+Z) tar begge tilbake."
                ),
                Language::English => format!(
                    "Applying the proposal sets the cycle to {new} weeks, also for later solves in other modes. Undo (Ctrl+Z) takes both back."
                ),
            });
            ui.horizontal(|ui| {
                let accept = match language {
                    Language::Bokmal => format!("Bruk forslaget, {new} uker"),
                    Language::English => format!("Apply the proposal, {new} weeks"),
                };
                if ui.button(accept).clicked() {
                    choice = Some(Command::AcceptCycle);
                }
                let keep = match language {
                    Language::Bokmal => format!("Behold {now} uker"),
                    Language::English => format!("Keep {now} weeks"),
                };
                if ui.button(keep).clicked() {
                    choice = Some(Command::DeclineCycle);
                }
            });
        });
        if let Some(command) = choice {
            self.pending.push(command);
        }
    }

    /// The path field shown when no file dialog can open.
    fn path_dialog(&mut self, ctx: &egui::Context) {
        let Some(prompt) = &mut self.path_prompt else {
            return;
        };
        let language = self.settings.language;
        let t = |nb, en| language.pick(nb, en);
        let mut done = None;
        egui::Modal::new(egui::Id::unique("path_prompt")).show(ctx, |ui| {
            ui.set_max_width(620.0);
            ui.heading(t("Filvelgeren kunne ikke åpnes", "The file dialog could not open"));
            ui.label(t(
                "Denne maskinen har ingen filvelger (verken skrivebordsportal eller zenity). Skriv inn hele stien til filen i stedet.",
                "This machine has no file dialog (neither a desktop portal nor zenity). Type the file's full path instead.",
            ));
            let label = ui.label(t("Sti til filen", "Path to the file"));
            let field = ui
                .add(egui::TextEdit::singleline(&mut prompt.text).desired_width(600.0))
                .labelled_by(label.id);
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                let action = match prompt.purpose {
                    PathPurpose::Open | PathPurpose::Compare => t("Åpne", "Open"),
                    PathPurpose::SaveAs => t("Lagre", "Save"),
                    PathPurpose::Export(_) => t("Eksporter", "Export"),
                };
                let ready = !prompt.text.trim().is_empty();
                if ui.add_enabled(ready, egui::Button::new(action)).clicked() || (enter && ready)
                {
                    done = Some(true);
                }
                if ui.button(t("Avbryt", "Cancel")).clicked() {
                    done = Some(false);
                }
            });
        });
        let Some(go) = done else { return };
        let Some(prompt) = self.path_prompt.take() else {
            return;
        };
        if go {
            self.use_path(prompt.purpose, PathBuf::from(prompt.text.trim()));
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
            for notice in &self.notices {
                match notice.kind {
                    NoticeKind::Error => ui.colored_label(colours::ERROR, &notice.text),
                    NoticeKind::Success => ui.colored_label(colours::SUCCESS, &notice.text),
                    NoticeKind::Info => ui.label(&notice.text),
                };
            }
            if !problems.is_empty() && self.settings.panel != Panel::Calculator {
                egui::CollapsingHeader::new(language.pick("Feil som må rettes", "Problems to fix"))
                    .default_open(true)
                    .show(ui, |ui| {
                        for problem in &problems {
                            ui.colored_label(colours::ERROR, problem.to_string());
                        }
                    });
            }
            if self.settings.panel == Panel::Calculator {
                self.start_hint(ui);
            }
            if self.settings.panel == Panel::Proposal {
                // Forslag scrolls its own rota grid, so that names and header stay in view.
                self.panel(ui, problems.len());
            } else {
                egui::ScrollArea::vertical()
                    .id_salt("panel")
                    .show(ui, |ui| {
                        self.panel(ui, problems.len());
                    });
            }
        });
        if self.document.scenario != before {
            self.document.record_edit(before);
        }
        self.confirm_dialog(&ctx);
        self.cycle_dialog(&ctx);
        self.path_dialog(&ctx);
        let commands = std::mem::take(&mut self.pending);
        if !commands.is_empty() {
            // This frame was drawn before the commands ran: draw what they changed (an opened
            // file, its load errors) without waiting for the next input.
            ctx.request_repaint();
        }
        for command in commands {
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
                let out_of_date = self.proposal_out_of_date();
                let report = self.report_for_proposal().cloned();
                let failed = self.failed_solve().cloned();
                let scenario = &mut self.document.scenario;
                let view = SolveView {
                    running: self
                        .solving
                        .as_ref()
                        .map(|s| (s.elapsed_seconds(), s.progress())),
                    report: report.as_ref(),
                    failed: failed.as_ref(),
                    out_of_date,
                    mode: &mut self.settings.mode,
                    time_limit: &mut self.settings.time_limit,
                    quality_seconds: &mut self.settings.quality_seconds,
                    problems,
                    show_today: &mut self.show_today,
                    show_before_quality: &mut self.show_before_quality,
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
            .with_inner_size([1280.0, 800.0])
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
