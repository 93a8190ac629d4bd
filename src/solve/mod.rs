//! The optimizer: rota lines that cover every shift with fewer, larger positions (HiGHS).
//!
//! `ideal` mode ignores today's staff: for each line family (night lines and day lines, or one
//! family when lines may mix) it tries the fewest heads the bounds allow, then one more, until
//! HiGHS finds lines; heads below the result are proven impossible. `today` mode gives every
//! employee a line at least as large as today and turns the remaining hours into vacancies.
//! Every proposal passes the independent rule checker before it is returned.

mod bound;
mod diagnose;
mod ideal;
mod instance;
mod line_rules;
pub mod locks;
pub mod model;
mod neighbourhood;
mod qualify;
mod quality;
mod repair;
mod rotating;
pub mod run;
mod segment_swaps;
mod swaps;
mod targets;
mod today;

pub use diagnose::{CheckDetail, Diagnosis, RuleValues};
pub use instance::{FullTimeDemand, Instance};
pub use model::RuleFamily;
pub use run::{Progress, SolveControl};
pub use targets::{Target, TargetReport, TodayLevel};

use crate::calc;
use crate::model::{
    OFF, Proposal, Qualification, Rota, RotaLine, SATURDAY, SUNDAY, Scenario, SolveMode,
};
use crate::rules::{self, Severity, Violation};
use model::{Goal, LineSpec, ShiftCells};
use run::{RunResult, RunStatus, run_model};
use std::time::Instant;

/// How to solve.
#[derive(Clone, Debug, PartialEq)]
pub struct SolveOptions {
    /// Ideal structure or from today's staff.
    pub mode: SolveMode,
    /// Seconds before the best solution so far is returned.
    pub time_limit_seconds: f64,
    /// Seconds of the quality phase, on top of the time limit (0 skips it).
    pub quality_seconds: f64,
}

impl Default for SolveOptions {
    fn default() -> Self {
        Self {
            mode: SolveMode::Ideal,
            time_limit_seconds: 30.0,
            quality_seconds: 10.0,
        }
    }
}

/// How a solve ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SolveStatus {
    /// Proven best.
    Optimal,
    /// A valid proposal, not proven best (time limit or cancel after a solution).
    Feasible,
    /// No rota can satisfy the needs and the rules; see the diagnosis.
    Infeasible,
    /// The time limit passed before any proposal was found.
    Timeout,
    /// Cancelled before any proposal was found.
    Cancelled,
}

impl SolveStatus {
    /// The status as written in JSON and files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Optimal => "optimal",
            Self::Feasible => "feasible",
            Self::Infeasible => "infeasible",
            Self::Timeout => "timeout",
            Self::Cancelled => "cancelled",
        }
    }

    /// Whether there is a proposal.
    pub fn has_proposal(self) -> bool {
        matches!(self, Self::Optimal | Self::Feasible)
    }
}

/// What the quality phase did.
#[derive(Clone, Debug, PartialEq)]
pub struct QualityPhase {
    /// The rota's lines before the phase (shift codes per day).
    pub cells_before: Vec<Vec<String>>,
    /// Whether HiGHS proved the score the lowest possible for this structure.
    pub proven: bool,
    /// Seconds the phase took.
    pub seconds: f64,
}

/// One proposed line.
#[derive(Clone, Debug, PartialEq)]
pub struct ProposedLine {
    /// The employee holding it, or None for a vacancy / ideal line.
    pub employee: Option<String>,
    /// The qualification the line needs (for vacancies and ideal lines).
    pub qualification: Option<Qualification>,
    /// Shift code or "-" per day of the cycle.
    pub cells: Vec<String>,
    /// Average hours per week.
    pub hours_per_week: f64,
    /// Position %.
    pub position_pct: f64,
}

/// Everything a solve produced.
#[derive(Clone, Debug)]
pub struct SolveReport {
    /// How it ended.
    pub status: SolveStatus,
    /// The mode solved in.
    pub mode: SolveMode,
    /// Wall-clock seconds.
    pub solve_seconds: f64,
    /// Objective of the last MIP (full-time lines in ideal mode; weighted wishes in today mode).
    pub objective: f64,
    /// Best proven bound on that objective.
    pub best_bound: f64,
    /// Relative gap, %.
    pub gap_pct: f64,
    /// The proposed lines.
    pub lines: Vec<ProposedLine>,
    /// Fewest heads the solver proved necessary under all rules (≥ the calculator's bound).
    pub proven_lower_bound_heads: u32,
    /// The calculator's bounds for the scenario.
    pub bounds: calc::Bounds,
    /// Full-time weekly hours used.
    pub full_time_hours: f64,
    /// Weeks in the proposal's cycle: the scenario's, or in rotating mode one per line.
    pub weeks: u32,
    /// Why there is no proposal, as typed messages (`Diagnosis::text` gives the words).
    pub diagnosis: Vec<Diagnosis>,
    /// What the independent checker said about the proposal (never a breach in a returned proposal).
    pub violations: Vec<Violation>,
    /// The unit's targets (minimum position, full time, wishes): how far each was reached.
    pub targets: Vec<TargetReport>,
    /// The quality phase: the score before it and whether it proved its rota best (None when
    /// the phase did not run). The score after is `calc::rota_quality` of the lines.
    pub quality_phase: Option<QualityPhase>,
    /// Today mode: today's positions exceed the need, so the need is met at least (the extra is a
    /// buffer) instead of exactly; saving the proposal sets `rules.coverage_exact: false`.
    pub buffer_staffing: bool,
}

impl SolveReport {
    /// The proposal as a rota to save in the scenario file.
    pub fn rota(&self) -> Rota {
        Rota {
            lines: self
                .lines
                .iter()
                .map(|line| {
                    let mut rota_line = RotaLine::from_cells(line.employee.clone(), &line.cells);
                    rota_line.qualification = line.qualification;
                    rota_line
                })
                .collect(),
        }
    }

    /// The proposal to save with the scenario.
    pub fn proposal(&self) -> Proposal {
        Proposal {
            mode: self.mode,
            status: self.status.as_str().into(),
            solve_seconds: self.solve_seconds,
            gap_pct: self.gap_pct,
            rota: self.rota(),
            ..Proposal::default()
        }
    }

    /// Stores the proposal in `scenario`. A rotating proposal brings its own cycle length
    /// (one week per line), which becomes the scenario's.
    pub fn apply_to(&self, scenario: &mut Scenario) {
        scenario.rota.weeks = self.weeks;
        if self.buffer_staffing {
            scenario.rules.coverage_exact = false;
        }
        let mut proposal = self.proposal();
        if let Some(old) = &scenario.proposal {
            carry_locks(&old.rota, &mut proposal.rota, self.mode == SolveMode::Ideal);
        }
        scenario.proposal = Some(proposal);
    }

    /// The weekend arithmetic behind the proposal, for explaining missed targets.
    pub fn arithmetic(&self) -> targets::Arithmetic {
        targets::Arithmetic {
            weekend_frequency: self.bounds.weekend_frequency,
            heads: self.lines.len() as u32,
            fte: self.bounds.fte,
        }
    }

    /// Every missed target, explained with its arithmetic.
    pub fn missed_targets(&self, language: crate::i18n::Language) -> Vec<String> {
        let arithmetic = self.arithmetic();
        self.targets
            .iter()
            .filter_map(|target| target.explain(&arithmetic, language))
            .collect()
    }

    /// Position sizes of the proposed lines, %.
    pub fn positions(&self) -> Vec<f64> {
        self.lines.iter().map(|l| l.position_pct).collect()
    }
}

/// Solves the scenario (which must have passed validation). `control` can cancel it from another
/// thread and shows progress.
pub fn solve(scenario: &Scenario, options: &SolveOptions, control: &SolveControl) -> SolveReport {
    let started = Instant::now();
    let mut instance = Instance::new(scenario);
    // Today mode never cuts a position: where today's positions add up to more than the need,
    // the extra hours are over-staffing (a buffer), kept as small as possible.
    let buffer_staffing = options.mode == SolveMode::Today
        && instance.coverage_exact
        && today_staff_weekly_hours(scenario, &instance)
            > instance.cycle_need_hours() / instance.weeks as f64 + 1e-6;
    if buffer_staffing {
        instance.coverage_exact = false;
    }
    let mut report = SolveReport {
        buffer_staffing,
        quality_phase: None,
        status: SolveStatus::Infeasible,
        mode: options.mode,
        solve_seconds: 0.0,
        objective: 0.0,
        best_bound: 0.0,
        gap_pct: 0.0,
        lines: Vec::new(),
        proven_lower_bound_heads: 0,
        bounds: calc::bounds(scenario),
        full_time_hours: instance.full_time_hours,
        weeks: scenario.rota.weeks,
        diagnosis: Vec::new(),
        violations: Vec::new(),
        targets: Vec::new(),
    };
    let deadline = options.time_limit_seconds.max(0.0);
    let remaining = || deadline - started.elapsed().as_secs_f64();
    let blockers = diagnose::before_solving(scenario, &instance);
    if !blockers.is_empty() {
        report.diagnosis = blockers;
    } else {
        match options.mode {
            SolveMode::Ideal => ideal::solve_ideal(
                scenario,
                options.quality_seconds,
                &instance,
                &mut report,
                control,
                started,
                &remaining,
            ),
            SolveMode::Today => today::solve_today(
                scenario,
                options.quality_seconds,
                &instance,
                &mut report,
                control,
                started,
                &remaining,
            ),
            SolveMode::Rotating => rotating::solve_rotating(
                scenario,
                &instance,
                &mut report,
                control,
                started,
                &remaining,
            ),
        }
        let locked = scenario
            .proposal
            .as_ref()
            .is_some_and(|p| p.rota.lines.iter().any(RotaLine::has_locks));
        if report.status.has_proposal() && locked && options.mode == SolveMode::Rotating {
            report.diagnosis.push(Diagnosis::LocksNotKept(options.mode));
        }
        if report.status.has_proposal() && buffer_staffing {
            report.diagnosis.push(Diagnosis::OverStaffedAsBuffer {
                staff_weekly_hours: today_staff_weekly_hours(scenario, &instance),
                need_weekly_hours: instance.cycle_need_hours() / instance.weeks as f64,
            });
        }
        if report.status.has_proposal() {
            let mut solved = scenario.clone();
            report.apply_to(&mut solved);
            report.violations = rules::check_rota(&solved, &report.rota());
            if report
                .violations
                .iter()
                .any(|v| v.severity == Severity::Breach)
            {
                // The model and the checker disagree: never hand out a rota that breaks a rule.
                report.diagnosis = report
                    .violations
                    .iter()
                    .filter(|v| v.severity == Severity::Breach)
                    .map(|v| {
                        if v.rule == "full_time_hours" {
                            // The scenario's full time, not the model, is at odds with the law.
                            Diagnosis::FullTimeDoesNotFit {
                                detail: v.what.clone(),
                            }
                        } else {
                            Diagnosis::InternalCheck {
                                rule: v.rule.to_string(),
                                detail: CheckDetail::Violation(v.what.clone()),
                            }
                        }
                    })
                    .collect();
                report.status = SolveStatus::Infeasible;
                report.lines.clear();
            }
        } else if report.status == SolveStatus::Infeasible && report.diagnosis.is_empty() {
            // The diagnosis runs in what is left of the limit (at least a second to say why).
            let time = remaining().max(1.0);
            report.diagnosis =
                diagnose::after_infeasible(scenario, &instance, options.mode, control, time);
        } else if report.status == SolveStatus::Timeout
            && !report
                .diagnosis
                .iter()
                .any(|d| matches!(d, Diagnosis::Timeout { .. }))
        {
            report.diagnosis.push(Diagnosis::Timeout {
                seconds: options.time_limit_seconds,
                heads_needed: report
                    .proven_lower_bound_heads
                    .max(report.bounds.heads_needed),
                uneven_cycle: crate::model::warnings(scenario).into_iter().find(|w| {
                    matches!(
                        w,
                        crate::model::Warning::CycleNotMultipleOfWeekendFrequency { .. }
                    )
                }),
            });
        }
    }
    report.solve_seconds = started.elapsed().as_secs_f64();
    report
}

/// The locks of the old proposal on the new lines: a named line's on the new line of the same
/// person, with the locked days the new line kept (a solve from today's staff keeps them all);
/// with `anonymous` (the ideal structure, which keeps locked lines as they are, in its own order)
/// any other locked line's on a new line without a name that kept every one of its locked days.
fn carry_locks(old: &Rota, new: &mut Rota, anonymous: bool) {
    let name_of = |line: &RotaLine| line.employee.as_deref().map(str::trim).map(str::to_string);
    let new_names: Vec<String> = new.lines.iter().filter_map(name_of).collect();
    let kept_day = |was: &RotaLine, now: &RotaLine, day: usize| {
        was.cells()
            .get(day)
            .is_some_and(|w| now.cells().get(day).is_some_and(|n| n == w))
    };
    for line in &mut new.lines {
        let Some(name) = name_of(line) else {
            continue;
        };
        let Some(before) = old
            .lines
            .iter()
            .find(|l| l.has_locks() && name_of(l).as_deref() == Some(name.as_str()))
        else {
            continue;
        };
        let days = line.cells().len();
        let all_kept = (0..days).all(|day| !before.is_locked(day) || kept_day(before, line, day));
        let locked_days: Vec<u32> = before
            .locked_days
            .iter()
            .copied()
            .filter(|&day| kept_day(before, line, day as usize - 1))
            .collect();
        line.locked = before.locked && all_kept;
        line.locked_days = if line.locked { Vec::new() } else { locked_days };
    }
    if !anonymous {
        return;
    }
    // Locked lines whose holder has no line now, matched by their locked days (the most locked
    // first, so that a line with fewer locks does not take another's match).
    let locked_count = |l: &RotaLine| (0..l.cells().len()).filter(|&d| l.is_locked(d)).count();
    let mut unmatched: Vec<&RotaLine> = old
        .lines
        .iter()
        .filter(|l| l.has_locks() && name_of(l).is_none_or(|n| !new_names.contains(&n)))
        .collect();
    unmatched.sort_by_key(|l| std::cmp::Reverse(locked_count(l)));
    for line in new.lines.iter_mut().filter(|l| name_of(l).is_none()) {
        let days = line.cells().len();
        let Some(at) = unmatched.iter().position(|before| {
            before.cells().len() == days
                && (0..days).all(|day| !before.is_locked(day) || kept_day(before, line, day))
        }) else {
            continue;
        };
        let before = unmatched.remove(at);
        line.locked = before.locked;
        line.locked_days = before.locked_days.clone();
    }
}

/// Today's positions in hours per week: the hours today's staff keep at least, in whole shifts: each line is a sum of shifts, so
/// a position is kept by the smallest such sum at or above it.
fn today_staff_weekly_hours(scenario: &Scenario, instance: &Instance) -> f64 {
    today::today_lines(scenario, instance, 0)
        .iter()
        .map(|line| smallest_line_hours(instance, line.min_hours))
        .sum::<f64>()
        / instance.weeks as f64
}

pub(super) fn fixed_groups(instance: &Instance) -> bool {
    instance.weekend_frequency > 1 && instance.weeks.is_multiple_of(instance.weekend_frequency)
}

/// The smallest sum of shift hours that reaches `at_least` (lines are made of whole shifts).
pub(crate) fn smallest_line_hours(instance: &Instance, at_least: f64) -> f64 {
    let minutes = shift_minutes(instance, |_| true);
    let target = (at_least * 60.0 - 1e-6).ceil().max(0.0) as usize;
    let Some(&longest) = minutes.iter().max() else {
        return at_least;
    };
    let reachable = whole_shift_sums(&minutes, target + longest);
    (target..reachable.len())
        .find(|&total| reachable[total])
        .map_or(at_least, |total| total as f64 / 60.0)
}

/// The minutes of each shift `keep` accepts (those with any length).
fn shift_minutes(instance: &Instance, keep: impl Fn(&instance::ShiftInfo) -> bool) -> Vec<usize> {
    instance
        .shifts
        .iter()
        .filter(|s| keep(s))
        .map(|s| (s.hours * 60.0).round() as usize)
        .filter(|&m| m > 0)
        .collect()
}

/// The greatest common divisor (of shift lengths in minutes, of cycle lengths in weeks).
fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// Which totals of minutes, up to `limit`, a line of whole shifts of these lengths can have.
fn whole_shift_sums(minutes: &[usize], limit: usize) -> Vec<bool> {
    let mut reachable = vec![false; limit + 1];
    reachable[0] = true;
    for total in 0..=limit {
        if reachable[total] {
            for &m in minutes {
                if total + m <= limit {
                    reachable[total + m] = true;
                }
            }
        }
    }
    reachable
}

/// Fewest hours of a full-time line, as a sum of whole shifts.
pub(crate) fn full_time_line_hours(instance: &Instance) -> f64 {
    smallest_line_hours(
        instance,
        (100.0 - instance.full_time_tolerance_pct) / 100.0 * instance.full_time_cycle_hours(),
    )
}

/// Fewest hours of a line at the floor, as a sum of whole shifts.
pub(crate) fn floor_line_hours(instance: &Instance) -> f64 {
    smallest_line_hours(
        instance,
        instance.min_position_pct / 100.0 * instance.full_time_cycle_hours(),
    )
}

pub(super) fn set_objective(report: &mut SolveReport, objective: f64, bound: f64) {
    report.objective = objective;
    report.best_bound = bound.max(objective);
    report.gap_pct = if report.best_bound.abs() > 1e-9 {
        ((report.best_bound - objective) / report.best_bound.abs() * 100.0).max(0.0)
    } else {
        0.0
    };
}

/// A solution with the model handles needed to read it.
struct Found {
    result: RunResult,
    lines: Vec<LineSpec>,
    x: ShiftCells,
}

impl Found {
    /// Hours line `line` works in this solution.
    fn line_hours(&self, instance: &Instance, line: usize) -> f64 {
        self.x[line]
            .iter()
            .flat_map(|day| day.iter().enumerate())
            .filter_map(|(s, cell)| cell.map(|(_, c)| (s, c)))
            .filter(|&(_, c)| self.result.values.get(c).is_some_and(|&v| v > 0.5))
            .map(|(s, _)| instance.shifts[s].hours)
            .sum()
    }
}

/// Looks for any rota for `lines` within `seconds`; the run's status with what was found.
fn find_rota(
    instance: &Instance,
    lines: &[LineSpec],
    seconds: f64,
    control: &SolveControl,
    started: Instant,
) -> (RunStatus, Option<Found>) {
    // Any rota that meets the rules; with at-least coverage, the least over-staffing.
    find_rota_for(instance, lines, Goal::Feasible, seconds, control, started)
}

/// [`find_rota`] for a goal: `Goal::AnyRota` stops at the first rota whatever its over-staffing.
fn find_rota_for(
    instance: &Instance,
    lines: &[LineSpec],
    goal: Goal,
    seconds: f64,
    control: &SolveControl,
    started: Instant,
) -> (RunStatus, Option<Found>) {
    // Building a large model takes time of its own: it counts against the limit, and a run
    // with less time left than the last build took would only end late.
    if seconds <= control.build_estimate() {
        return (RunStatus::TimeLimit, None);
    }
    let building = Instant::now();
    let built = model::build(instance, lines, goal, &[]);
    let x = built.x.clone();
    let build_seconds = building.elapsed().as_secs_f64();
    control.record_build(build_seconds);
    // Any rota without over-staffing is as good as another: stop at the first.
    let result = run_model(
        built,
        seconds - build_seconds,
        Some(0.0),
        None,
        control,
        started,
    );
    let status = result.status;
    let found = matches!(status, RunStatus::Optimal | RunStatus::Feasible).then(|| Found {
        result,
        lines: lines.to_vec(),
        x,
    });
    (status, found)
}

/// Proposed lines from a rota of shift indices.
pub(super) fn lines_from_cells(
    instance: &Instance,
    cells: &neighbourhood::Cells,
) -> Vec<ProposedLine> {
    let weeks = instance.weeks as f64;
    cells
        .iter()
        .map(|line| {
            let hours: f64 = line
                .iter()
                .flatten()
                .map(|&s| instance.shifts[s].hours)
                .sum();
            ProposedLine {
                employee: None,
                qualification: None,
                cells: line
                    .iter()
                    .map(|cell| {
                        cell.map_or(crate::model::OFF.to_string(), |s| {
                            instance.shifts[s].code.clone()
                        })
                    })
                    .collect(),
                hours_per_week: hours / weeks,
                position_pct: crate::calc::position_pct(hours / weeks, instance.full_time_hours),
            }
        })
        .collect()
}

/// Reads the lines out of a solution, skipping the lines in `skip`.
fn extract_lines(
    instance: &Instance,
    result: &RunResult,
    x: &ShiftCells,
    lines: &[LineSpec],
    skip: &[usize],
) -> Vec<ProposedLine> {
    let weeks = instance.weeks as f64;
    (0..lines.len())
        .filter(|l| !skip.contains(l))
        .map(|l| {
            let mut hours = 0.0;
            let cells: Vec<String> = (0..instance.days)
                .map(|d| {
                    let worked = (0..instance.shifts.len())
                        .find(|&s| x[l][d][s].is_some_and(|(_, c)| result.values[c] > 0.5));
                    match worked {
                        Some(s) => {
                            hours += instance.shifts[s].hours;
                            instance.shifts[s].code.clone()
                        }
                        None => OFF.to_string(),
                    }
                })
                .collect();
            ProposedLine {
                employee: None,
                qualification: None,
                cells,
                hours_per_week: hours / weeks,
                position_pct: calc::position_pct(hours / weeks, instance.full_time_hours),
            }
        })
        .collect()
}

/// The weekend group a line works in (the first worked weekend's week mod f), for ordering.
fn weekend_group(instance: &Instance, line: &ProposedLine) -> usize {
    (0..instance.weeks)
        .find(|week| {
            [SATURDAY, SUNDAY]
                .iter()
                .any(|&wd| line.cells[week * 7 + wd] != OFF)
        })
        .map(|week| week % instance.weekend_frequency)
        .unwrap_or(instance.weekend_frequency)
}

/// Lines by weekend group, then largest first.
fn line_order(instance: &Instance, a: &ProposedLine, b: &ProposedLine) -> std::cmp::Ordering {
    weekend_group(instance, a)
        .cmp(&weekend_group(instance, b))
        .then(b.position_pct.total_cmp(&a.position_pct))
}

/// The lines in [`line_order`], with the cells the quality phase started from kept beside
/// their lines.
fn sort_lines(instance: &Instance, report: &mut SolveReport) {
    let mut order: Vec<usize> = (0..report.lines.len()).collect();
    order.sort_by(|&a, &b| line_order(instance, &report.lines[a], &report.lines[b]));
    report.lines = order.iter().map(|&l| report.lines[l].clone()).collect();
    if let Some(phase) = &mut report.quality_phase
        && phase.cells_before.len() == order.len()
    {
        phase.cells_before = order
            .iter()
            .map(|&l| phase.cells_before[l].clone())
            .collect();
    }
}
