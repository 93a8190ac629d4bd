//! The open scenario: where it lives, what was last saved, and the undo history of edits.

use crate::io::{FileError, load_scenario, save_scenario};
use crate::model::Scenario;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Edits closer together than this are undone together (typing a word is one step).
const MERGE_EDITS_WITHIN: Duration = Duration::from_millis(800);
/// How many steps Undo goes back.
const HISTORY_LIMIT: usize = 200;

/// The scenario being edited, its file and its undo history.
pub struct Document {
    /// The scenario as edited now.
    pub scenario: Scenario,
    /// The file it was opened from or saved to; None for a new or bundled scenario.
    pub path: Option<PathBuf>,
    /// The scenario as last saved or opened, to tell whether there are unsaved changes.
    saved: Scenario,
    undo: Vec<Scenario>,
    redo: Vec<Scenario>,
    last_edit: Option<Instant>,
}

impl Document {
    /// A document for `scenario`, unchanged since `path` (if any).
    pub fn new(scenario: Scenario, path: Option<PathBuf>) -> Self {
        Self {
            saved: scenario.clone(),
            scenario,
            path,
            undo: Vec::new(),
            redo: Vec::new(),
            last_edit: None,
        }
    }

    /// Opens a file; on failure the caller keeps its current document.
    pub fn open(path: &Path) -> Result<Self, FileError> {
        load_scenario(path).map(|scenario| Self::new(scenario, Some(path.to_path_buf())))
    }

    /// Whether there are edits since the last save or open.
    pub fn is_dirty(&self) -> bool {
        self.scenario != self.saved
    }

    /// The file name for the title bar.
    pub fn display_name(&self) -> String {
        self.path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "uten navn.ron".into())
    }

    /// Saves to `path` (atomically) and remembers it as the document's file.
    pub fn save_to(&mut self, path: &Path) -> Result<(), FileError> {
        save_scenario(&self.scenario, path)?;
        self.path = Some(path.to_path_buf());
        self.saved = self.scenario.clone();
        Ok(())
    }

    /// Records that the scenario changed from `before`; quick successive edits merge into one step.
    pub fn record_edit(&mut self, before: Scenario) {
        let now = Instant::now();
        let merge = self
            .last_edit
            .is_some_and(|last| now.duration_since(last) < MERGE_EDITS_WITHIN);
        if !merge || self.undo.is_empty() {
            self.undo.push(before);
            if self.undo.len() > HISTORY_LIMIT {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.last_edit = Some(now);
    }

    /// Records that the scenario changed from `before` as a step of its own, never merged with
    /// the edits around it (a solve's result, an accepted cycle change).
    pub fn record_step(&mut self, before: Scenario) {
        self.last_edit = None;
        self.record_edit(before);
        self.last_edit = None;
    }

    /// Goes one edit back.
    pub fn undo(&mut self) {
        if let Some(previous) = self.undo.pop() {
            self.redo
                .push(std::mem::replace(&mut self.scenario, previous));
            self.last_edit = None;
        }
    }

    /// Goes one undone edit forward.
    pub fn redo(&mut self) {
        if let Some(next) = self.redo.pop() {
            self.undo.push(std::mem::replace(&mut self.scenario, next));
            self.last_edit = None;
        }
    }

    /// Whether Undo has anything to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether Redo has anything to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_mark_dirty_and_undo_redo_restore() {
        let mut document = Document::new(Scenario::default(), None);
        assert!(!document.is_dirty());
        let before = document.scenario.clone();
        document.scenario.rota.weekend_frequency = 2;
        document.record_edit(before);
        assert!(document.is_dirty());
        document.undo();
        assert_eq!(document.scenario.rota.weekend_frequency, 3);
        assert!(!document.is_dirty());
        document.redo();
        assert_eq!(document.scenario.rota.weekend_frequency, 2);
    }
}
