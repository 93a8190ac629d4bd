//! A solve running on its own thread, so the window never freezes.

use crate::model::Scenario;
use crate::solve::{Progress, SolveControl, SolveOptions, SolveReport, solve};
use std::thread::JoinHandle;
use std::time::Instant;

/// A solve in progress.
pub struct BackgroundSolve {
    handle: Option<JoinHandle<SolveReport>>,
    control: SolveControl,
    started: Instant,
    /// The inputs the solve started from, to mark the proposal out of date after edits.
    pub inputs: Scenario,
}

impl BackgroundSolve {
    /// Starts solving `scenario` on a new thread.
    pub fn start(scenario: &Scenario, options: SolveOptions, inputs: Scenario) -> Self {
        let control = SolveControl::default();
        let thread_control = control.clone();
        let scenario = scenario.clone();
        let handle = std::thread::spawn(move || solve(&scenario, &options, &thread_control));
        Self {
            handle: Some(handle),
            control,
            started: Instant::now(),
            inputs,
        }
    }

    /// Seconds since start.
    pub fn elapsed_seconds(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }

    /// What the solver reports now.
    pub fn progress(&self) -> Progress {
        self.control.progress()
    }

    /// Asks the solver to stop; it returns its best proposal so far.
    pub fn cancel(&self) {
        self.control.cancel();
    }

    /// The report, once the thread has finished.
    pub fn finished(&mut self) -> Option<SolveReport> {
        if !self.handle.as_ref().is_some_and(|h| h.is_finished()) {
            return None;
        }
        self.handle.take().and_then(|h| h.join().ok())
    }

    /// Waits for the solve to end (used by tests and when closing).
    pub fn wait(&mut self) -> Option<SolveReport> {
        self.handle.take().and_then(|h| h.join().ok())
    }
}
