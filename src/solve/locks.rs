//! Locks: days a planner fixed in the saved proposal, which a new solve keeps (from today's staff
//! and in the ideal structure), and why there is no rota with them when there is none.

use super::diagnose::{Diagnosis, RuleValues};
use super::model::{self, Goal, LineSpec, Locked, RuleFamily};
use super::run::{RunStatus, SolveControl, run_model};
use super::{Instance, SolveReport, SolveStatus, find_rota_for};
use crate::model::{OFF, RotaLine, Scenario};
use std::time::Instant;

/// A locked line as the app shows it: by its holder's name, or by its number in Forslag.
#[derive(Clone, Debug, PartialEq)]
pub enum LockedLine {
    /// The line of this employee.
    Employee(String),
    /// Line number (1 = the first line of the saved proposal).
    Number(u32),
}

/// The saved proposal's lines with a lock, each with its number (1-based).
pub(super) fn locked_lines(scenario: &Scenario) -> Vec<(u32, &RotaLine)> {
    scenario.proposal.as_ref().map_or(Vec::new(), |proposal| {
        proposal
            .rota
            .lines
            .iter()
            .enumerate()
            .filter(|(_, line)| line.has_locks())
            .map(|(index, line)| (index as u32 + 1, line))
            .collect()
    })
}

/// The locked days of `line`, with what each must stay, as shift indices of `instance` (a
/// shift the instance does not plan cannot be kept).
pub(super) fn locked_days(instance: &Instance, line: &RotaLine) -> Vec<(usize, Locked)> {
    line.cells()
        .iter()
        .enumerate()
        .filter(|&(day, _)| day < instance.days && line.is_locked(day))
        .map(|(day, &code)| {
            let locked = if code == OFF {
                Locked::Off
            } else {
                instance
                    .shifts
                    .iter()
                    .position(|s| s.code == code)
                    .map_or(Locked::Unplannable, Locked::Shift)
            };
            (day, locked)
        })
        .collect()
}

/// Whether HiGHS proves that `spec` cannot hold its hours (and locks) within the rules even with
/// nothing else to cover.
pub(super) fn line_alone_impossible(
    instance: &Instance,
    spec: &LineSpec,
    relaxed: &[RuleFamily],
    control: &SolveControl,
    started: Instant,
    remaining: &dyn Fn() -> f64,
) -> bool {
    let alone = with_nothing_to_cover(instance);
    line_alone(&alone, spec, relaxed, control, started, remaining) == Some(false)
}

/// Whether `spec` has a line of its own within the rules on `alone` (nothing to cover): Some
/// when HiGHS decides it within half a second, None when it does not.
fn line_alone(
    alone: &Instance,
    spec: &LineSpec,
    relaxed: &[RuleFamily],
    control: &SolveControl,
    started: Instant,
    remaining: &dyn Fn() -> f64,
) -> Option<bool> {
    let built = model::build(alone, std::slice::from_ref(spec), Goal::AnyRota, relaxed);
    let seconds = remaining().min(0.5);
    match run_model(built, seconds, Some(0.0), None, control, started).status {
        RunStatus::Infeasible => Some(false),
        RunStatus::Optimal | RunStatus::Feasible => Some(true),
        _ => None,
    }
}

/// The instance a line faces alone: nothing to cover, at least or qualified.
fn with_nothing_to_cover(instance: &Instance) -> Instance {
    let mut alone = instance.clone();
    alone.coverage_exact = false;
    alone.need_by_day = Some(vec![vec![0; instance.shifts.len()]; instance.days]);
    alone.qualified_need_by_day = Some(vec![vec![0; instance.days]; instance.qualified_need.len()]);
    alone
}

/// A locked line of `lines` (`label` names line `l`) that breaks a rule on its own, with the one
/// or two rule families that, left out, would let it hold.
pub(super) fn lock_breaking_a_rule(
    instance: &Instance,
    lines: &[LineSpec],
    label: &dyn Fn(usize) -> LockedLine,
    values: RuleValues,
    control: &SolveControl,
    started: Instant,
    remaining: &dyn Fn() -> f64,
) -> Option<Diagnosis> {
    let l = (0..lines.len()).find(|&l| {
        !lines[l].locked.is_empty()
            && line_alone_impossible(instance, &lines[l], &[], control, started, remaining)
    })?;
    // A rule is named only when every probe before it was decided: one that ran out of time
    // says nothing.
    let alone = with_nothing_to_cover(instance);
    let undecided = std::cell::Cell::new(false);
    let holds = |relaxed: &[RuleFamily]| match line_alone(
        &alone, &lines[l], relaxed, control, started, remaining,
    ) {
        Some(holds) => holds && !undecided.get(),
        None => {
            undecided.set(true);
            false
        }
    };
    let families = RuleFamily::ALL;
    let rules = families
        .iter()
        .find(|&&a| holds(&[a]))
        .map(|&a| vec![a])
        .or_else(|| {
            families.iter().enumerate().find_map(|(i, &a)| {
                families[i + 1..]
                    .iter()
                    .find(|&&b| holds(&[a, b]))
                    .map(|&b| vec![a, b])
            })
        })
        .unwrap_or_default();
    Some(Diagnosis::LockBreaksRule {
        line: label(l),
        rules,
        values,
    })
}

/// When `lines` have no rota with their locks: whether HiGHS finds one without them, which says
/// that the locks together leave the needs impossible.
pub(super) fn locks_blocking_the_needs(
    instance: &Instance,
    lines: &[LineSpec],
    label: &dyn Fn(usize) -> LockedLine,
    control: &SolveControl,
    started: Instant,
    remaining: &dyn Fn() -> f64,
) -> Option<Diagnosis> {
    let locked: Vec<usize> = (0..lines.len())
        .filter(|&l| !lines[l].locked.is_empty())
        .collect();
    if locked.is_empty() {
        return None;
    }
    let unlocked: Vec<LineSpec> = lines
        .iter()
        .map(|l| LineSpec {
            locked: Vec::new(),
            ..l.clone()
        })
        .collect();
    let seconds = remaining().clamp(0.0, 5.0);
    let (_, found) = find_rota_for(
        instance,
        &unlocked,
        Goal::AnyRota,
        seconds,
        control,
        started,
    );
    found.map(|_| Diagnosis::LocksBlockTheNeeds {
        lines: locked.iter().map(|&l| label(l)).collect(),
    })
}

/// Why there is no rota with the locks of `lines`: a locked line that breaks a rule on its own;
/// or, when the report is infeasible and a rota exists without the locks, the locks together.
#[allow(clippy::too_many_arguments)]
pub(super) fn diagnose(
    instance: &Instance,
    lines: &[LineSpec],
    label: &dyn Fn(usize) -> LockedLine,
    values: RuleValues,
    report: &mut SolveReport,
    control: &SolveControl,
    started: Instant,
    remaining: &dyn Fn() -> f64,
) {
    if report.status == SolveStatus::Cancelled {
        return;
    }
    if let Some(breaking) =
        lock_breaking_a_rule(instance, lines, label, values, control, started, remaining)
    {
        report.status = SolveStatus::Infeasible;
        report.diagnosis = vec![breaking];
    } else if report.status == SolveStatus::Infeasible
        && let Some(blocking) =
            locks_blocking_the_needs(instance, lines, label, control, started, remaining)
    {
        report.diagnosis = vec![blocking];
    }
}
