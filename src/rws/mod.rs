//! Rotating workforce scheduling (RWS): the public benchmark of Musliu, Schutt & Stuckey
//! (DOMAIN.md §7) and the rotating mode of the engine.
//!
//! A rotating rota is one cyclic chain of 7·N days; N employees follow it one week apart, so
//! week row w of the chain is what employee w works in the first week. The chain must meet the
//! demand exactly per weekday and shift, keep work blocks, days-off blocks and blocks of each
//! shift type within their lengths, and avoid forbidden sequences, all across the wrap from
//! the last day to the first.
//!
//! [`parse`] reads the benchmark's text format. [`solve`] runs HiGHS on the flow model
//! ([`model`] on the [`graph`] of day-to-day states, a circulation whose size does not grow
//! with N, made one closed walk as needed), through [`run`], or on the plain per-day model
//! ([`day_model`]) for chains the graph does not describe. [`check`] is the independent checker every
//! solution passes before it is reported.

pub mod check;
pub mod day_model;
pub mod graph;
pub mod model;
pub mod parse;
pub mod run;

use crate::solve::run::{RunStatus, SolveControl};
use std::time::{Duration, Instant};

pub use check::check;
pub use parse::{RwsError, load, parse};

/// Days in a week: the benchmark's schedule length, and the length of each row of the chain.
pub const WEEK: usize = 7;

/// Fewest and most days in a row of one kind (work, days off or one shift type).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BlockLimits {
    /// Shortest block allowed.
    pub min: usize,
    /// Longest block allowed.
    pub max: usize,
}

/// One shift type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shift {
    /// Its name, e.g. "D".
    pub name: String,
    /// Start, minutes after midnight.
    pub start_minute: u32,
    /// Length in minutes.
    pub length_minutes: u32,
    /// Lengths of blocks of this shift type.
    pub block: BlockLimits,
}

/// One RWS instance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instance {
    /// Its name, usually the file name without extension ("Example1").
    pub name: String,
    /// Employees, which is also the number of weeks in the chain.
    pub employees: usize,
    /// The shift types.
    pub shifts: Vec<Shift>,
    /// Exact demand: `demand[shift][weekday]` employees, Monday first.
    pub demand: Vec<[u32; WEEK]>,
    /// Lengths of days-off blocks.
    pub off_block: BlockLimits,
    /// Lengths of work blocks (any shifts).
    pub work_block: BlockLimits,
    /// Forbidden sequences of consecutive days: a shift index, or None for a day off.
    pub forbidden: Vec<Vec<Option<usize>>>,
}

impl Instance {
    /// Days in the chain (7·N).
    pub fn days(&self) -> usize {
        self.employees * WEEK
    }

    /// A schedule's cell as text: the shift's name, or "-" for a day off.
    pub fn cell_name(&self, cell: Option<usize>) -> &str {
        cell.and_then(|s| self.shifts.get(s))
            .map_or("-", |shift| shift.name.as_str())
    }
}

/// A rotating schedule: N week rows, each cell a shift index or None for a day off.
pub type Schedule = Vec<[Option<usize>; WEEK]>;

/// What is wrong with a rotating schedule ([`check`]'s findings), or why the solver gave none;
/// in words with `Finding::text` (in `crate::i18n`). Days are 0-based indices into the chain
/// (week row · 7 + weekday).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// Another number of week rows than employees.
    WeekRows {
        /// Rows in the schedule.
        rows: usize,
        /// Employees in the instance.
        employees: usize,
    },
    /// A cell with a shift the instance does not have.
    UnknownShift {
        /// The day.
        day: usize,
    },
    /// Another number on a shift on a weekday than the demand.
    Demand {
        /// The shift's name.
        shift: String,
        /// The weekday, Monday = 0.
        weekday: usize,
        /// Employees planned.
        planned: usize,
        /// Employees demanded.
        demand: u32,
    },
    /// A block shorter or longer than allowed.
    Block {
        /// Which kind of block.
        block: BlockKind,
        /// Its length in days.
        length: usize,
        /// Its first day.
        first: usize,
        /// The limits.
        limits: BlockLimits,
    },
    /// A forbidden sequence in the chain.
    Forbidden {
        /// The sequence: shift names, "-" for a day off.
        sequence: Vec<String>,
        /// Its first day.
        first: usize,
    },
    /// HiGHS failed on the model.
    SolverFailed,
    /// The day model would be too large to build.
    TooLarge {
        /// Coefficients, in millions (rounded up).
        millions: u64,
        /// The limit, in millions.
        limit_millions: u64,
    },
    /// The solver's chain has another length than 7·N days.
    ChainLength {
        /// Days in the chain.
        days: usize,
        /// Days it should have.
        expected: usize,
    },
    /// The solver put two shifts on one day.
    TwoShifts {
        /// The day.
        day: usize,
    },
    /// The solver's solution used no transition between days.
    NoArc,
}

/// A kind of block in [`Finding::Block`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// Days in a row with any shift.
    Work,
    /// Days off in a row.
    DaysOff,
    /// Days in a row with this shift (its name).
    Shift(String),
}

impl std::fmt::Display for Finding {
    /// English, for logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(crate::i18n::Language::English))
    }
}

/// How solving an instance ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// A schedule was found and passed the checker.
    Feasible,
    /// Proven that no schedule exists.
    Infeasible,
    /// The time limit passed before a schedule was found or ruled out.
    Timeout,
    /// Cancelled before a schedule was found or ruled out.
    Cancelled,
    /// The solver failed, or its schedule did not pass the checker (see the message).
    Error,
}

impl Status {
    /// The status as written in output: "feasible", "infeasible", "timeout", …
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Feasible => "feasible",
            Self::Infeasible => "infeasible",
            Self::Timeout => "timeout",
            Self::Cancelled => "cancelled",
            Self::Error => "error",
        }
    }

    /// Whether the instance was decided: a checked schedule, or a proof there is none.
    pub fn is_decided(self) -> bool {
        matches!(self, Self::Feasible | Self::Infeasible)
    }
}

/// The outcome of solving one instance.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// How it ended.
    pub status: Status,
    /// Wall-clock seconds: building the model, solving and checking.
    pub seconds: f64,
    /// The checked schedule when the status is feasible, else empty.
    pub schedule: Schedule,
    /// What went wrong when the status is an error (solver failure or checker findings).
    pub problems: Vec<Finding>,
    /// HiGHS runs: the flow model runs again after adding connectivity cuts.
    pub runs: usize,
}

/// What the models found, before the checker.
enum Found {
    Schedule(Schedule),
    Status(Status),
    Failed(Finding),
}

fn found_from(status: RunStatus) -> Found {
    match status {
        RunStatus::Infeasible => Found::Status(Status::Infeasible),
        RunStatus::TimeLimit => Found::Status(Status::Timeout),
        RunStatus::Cancelled => Found::Status(Status::Cancelled),
        RunStatus::Optimal | RunStatus::Feasible | RunStatus::Error => {
            Found::Failed(Finding::SolverFailed)
        }
    }
}

/// Whether the day model must decide: when the chain must be all work or all days off (or
/// cannot hold the demand), since the graph's walks always pass both, or when a forbidden
/// sequence is longer than the graph's states remember.
fn needs_day_model(instance: &Instance) -> bool {
    let work: u64 = instance
        .demand
        .iter()
        .flatten()
        .map(|&d| u64::from(d))
        .sum();
    work == 0 || work >= instance.days() as u64 || !graph::applies(instance)
}

/// Which MIP to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Formulation {
    /// The flow model ([`model`] on [`graph::days`]) where it applies, else the day model;
    /// what [`solve`] does.
    Flow,
    /// The plain per-day model ([`day_model`]).
    Days,
}

/// Solves `instance` on HiGHS within `time_limit` seconds, stopping at the first schedule.
///
/// Uses the flow model ([`model`]) until its solution is one closed walk (splicing walks
/// together, or adding connectivity constraints and running again), or the day model
/// ([`day_model`]) where the graph does not apply (all work, all days off, forbidden sequences
/// longer than 3 days, or a graph too large to build). Building the models counts against the
/// time limit too. A schedule is returned only after the independent [`check`] accepts it;
/// otherwise the status is [`Status::Error`] with the checker's findings.
pub fn solve(instance: &Instance, time_limit: f64, control: &SolveControl) -> Report {
    solve_with(instance, Formulation::Flow, time_limit, control)
}

/// [`solve`] with a chosen formulation (to compare them).
pub fn solve_with(
    instance: &Instance,
    formulation: Formulation,
    time_limit: f64,
    control: &SolveControl,
) -> Report {
    let started = Instant::now();
    let mut runs = 0;
    let found = if formulation == Formulation::Days || needs_day_model(instance) {
        solve_days(instance, time_limit, control, started, &mut runs)
    } else {
        let deadline = Duration::try_from_secs_f64(time_limit)
            .ok()
            .and_then(|limit| started.checked_add(limit));
        match graph::days(instance, deadline, control) {
            Ok(graph) => solve_flow(instance, &graph, time_limit, control, started, &mut runs),
            Err(graph::Unbuilt::TimeLimit) => Found::Status(Status::Timeout),
            Err(graph::Unbuilt::Cancelled) => Found::Status(Status::Cancelled),
            // The day model's size does not depend on the states; it may still be built.
            Err(graph::Unbuilt::TooLarge) => {
                solve_days(instance, time_limit, control, started, &mut runs)
            }
        }
    };
    let mut report = Report {
        status: Status::Error,
        seconds: 0.0,
        schedule: Vec::new(),
        problems: Vec::new(),
        runs,
    };
    match found {
        Found::Schedule(schedule) => {
            let problems = check(instance, &schedule);
            if problems.is_empty() {
                report.status = Status::Feasible;
                report.schedule = schedule;
            } else {
                report.problems = problems;
            }
        }
        Found::Status(status) => report.status = status,
        Found::Failed(problem) => report.problems.push(problem),
    }
    report.seconds = started.elapsed().as_secs_f64();
    report
}

fn remaining(time_limit: f64, started: Instant) -> f64 {
    time_limit - started.elapsed().as_secs_f64()
}

fn solve_days(
    instance: &Instance,
    time_limit: f64,
    control: &SolveControl,
    started: Instant,
    runs: &mut usize,
) -> Found {
    let terms = day_model::terms(instance);
    if terms > day_model::MAX_TERMS {
        return Found::Failed(Finding::TooLarge {
            millions: terms.div_ceil(1_000_000),
            limit_millions: day_model::MAX_TERMS / 1_000_000,
        });
    }
    if remaining(time_limit, started) <= 0.0 {
        return Found::Status(Status::Timeout);
    }
    let day_model::DayModel { model, cells, .. } = day_model::build(instance);
    *runs += 1;
    // The objective is 0: any schedule is optimal, so stop at the first one.
    let left = remaining(time_limit, started);
    let result = run::run(model, left, control);
    match result.status {
        RunStatus::Optimal | RunStatus::Feasible => {
            match day_model::extract(instance, &cells, &result.values) {
                Ok(schedule) => Found::Schedule(schedule),
                Err(problem) => Found::Failed(problem),
            }
        }
        status => found_from(status),
    }
}

fn solve_flow(
    instance: &Instance,
    graph: &graph::Graph,
    time_limit: f64,
    control: &SolveControl,
    started: Instant,
    runs: &mut usize,
) -> Found {
    if graph.arcs.is_empty() {
        // The demand asks for work and days off, but no day can follow another. (HiGHS is not
        // asked: the highs bindings panic on a model without columns.)
        return Found::Status(Status::Infeasible);
    }
    let mut cuts = Vec::new();
    loop {
        // Phase connectivity only once a solution has fallen apart: it slows the easy ones.
        let built = model::build(instance, graph, &cuts, !cuts.is_empty());
        *runs += 1;
        let left = remaining(time_limit, started);
        let result = run::run(built.model, left, control);
        match result.status {
            RunStatus::Optimal | RunStatus::Feasible => {
                let counts = model::arc_counts(built.arc_count, &result.values);
                let mut walks = model::walks(graph, &counts);
                if walks.len() > 1 {
                    // Several closed walks: splice them where the rules allow, else require
                    // them joined in the model and run again.
                    match model::join(instance, walks) {
                        Some(cells) => walks = vec![cells],
                        None => {
                            let parts = model::parts(graph, &counts);
                            cuts.extend(model::cuts_for(graph, &parts));
                            continue;
                        }
                    }
                }
                return match walks.first().map(|cells| model::schedule(instance, cells)) {
                    Some(Ok(schedule)) => Found::Schedule(schedule),
                    Some(Err(problem)) => Found::Failed(problem),
                    None => Found::Failed(Finding::NoArc),
                };
            }
            status => return found_from(status),
        }
    }
}
