//! The optimizer: rota lines that cover every shift with fewer, larger positions (HiGHS).
//!
//! `ideal` mode ignores today's staff: for each line family (night lines and day lines, or one
//! family when lines may mix) it tries the fewest heads the bounds allow, then one more, until
//! HiGHS finds lines; heads below the result are proven impossible. `today` mode gives every
//! employee a line at least as large as today and turns the remaining hours into vacancies.
//! Every proposal passes the independent rule checker before it is returned.

mod bound;
mod diagnose;
mod instance;
pub mod model;
mod qualify;
mod rotating;
pub mod run;

pub use instance::Instance;
pub use run::{Progress, SolveControl};

use crate::calc;
use crate::model::{
    OFF, Proposal, Qualification, Rota, RotaLine, SATURDAY, SUNDAY, Scenario, SolveMode,
};
use crate::rules::{self, Severity, Violation};
use model::{Goal, Holder, LineSpec, ShiftCells, ShiftFamily};
use run::{RunResult, RunStatus, run_model};
use std::time::Instant;

/// How to solve.
#[derive(Clone, Debug, PartialEq)]
pub struct SolveOptions {
    /// Ideal structure or from today's staff.
    pub mode: SolveMode,
    /// Seconds before the best solution so far is returned.
    pub time_limit_seconds: f64,
}

impl Default for SolveOptions {
    fn default() -> Self {
        Self {
            mode: SolveMode::Ideal,
            time_limit_seconds: 30.0,
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
    /// Why there is no proposal, in words a manager understands.
    pub diagnosis: Vec<String>,
    /// What the independent checker said about the proposal (never a breach in a returned proposal).
    pub violations: Vec<Violation>,
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
        scenario.proposal = Some(self.proposal());
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
    let instance = Instance::new(scenario);
    let mut report = SolveReport {
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
    };
    let deadline = options.time_limit_seconds.max(0.0);
    let remaining = || deadline - started.elapsed().as_secs_f64();
    let blockers = diagnose::before_solving(scenario, &instance);
    if !blockers.is_empty() {
        report.diagnosis = blockers;
    } else {
        match options.mode {
            SolveMode::Ideal => solve_ideal(&instance, &mut report, control, started, &remaining),
            SolveMode::Today => solve_today(
                scenario,
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
                    .map(|v| format!("internal check failed ({}): {}", v.rule, v.message))
                    .collect();
                report.status = SolveStatus::Infeasible;
                report.lines.clear();
            }
        } else if report.status == SolveStatus::Infeasible && report.diagnosis.is_empty() {
            let time = remaining().max(5.0);
            report.diagnosis =
                diagnose::after_infeasible(scenario, &instance, options.mode, control, time);
        }
    }
    report.solve_seconds = started.elapsed().as_secs_f64();
    report
}

/// The families lines are split into when night and other shifts must not mix.
fn line_families(instance: &Instance) -> Vec<ShiftFamily> {
    if !instance.separate_night_lines {
        return vec![ShiftFamily::Any];
    }
    let has = |night: bool| instance.shifts.iter().any(|s| s.night == night);
    [
        (ShiftFamily::NoNights, has(false)),
        (ShiftFamily::NightsOnly, has(true)),
    ]
    .into_iter()
    .filter_map(|(family, present)| present.then_some(family))
    .collect()
}

fn in_family(family: ShiftFamily, night: bool) -> bool {
    match family {
        ShiftFamily::NightsOnly => night,
        ShiftFamily::NoNights => !night,
        ShiftFamily::Any | ShiftFamily::NightsOrDays => true,
    }
}

/// Hours over the cycle and heads per weekend of one family's shifts.
fn family_need(instance: &Instance, family: ShiftFamily) -> (f64, u32) {
    let mut hours = 0.0;
    let mut weekend_heads = 0;
    for weekday in 0..7 {
        let mut heads = 0;
        for (s, shift) in instance.shifts.iter().enumerate() {
            if !in_family(family, shift.night) {
                continue;
            }
            hours += f64::from(instance.need[s][weekday]) * shift.hours * instance.weeks as f64;
            if instance.weekend_work[s][weekday] {
                heads += instance.need[s][weekday];
            }
        }
        // Saturday and Sunday are separate days; Friday nights add to neither.
        if weekday == SATURDAY || weekday == SUNDAY || weekday == 4 {
            weekend_heads = weekend_heads.max(heads);
        }
    }
    (hours, weekend_heads)
}

fn fixed_groups(instance: &Instance) -> bool {
    instance.weekend_frequency > 1 && instance.weeks.is_multiple_of(instance.weekend_frequency)
}

/// The smallest sum of shift hours that reaches `at_least` (lines are made of whole shifts).
pub(crate) fn smallest_line_hours(instance: &Instance, at_least: f64) -> f64 {
    let minutes: Vec<usize> = instance
        .shifts
        .iter()
        .map(|s| (s.hours * 60.0).round() as usize)
        .filter(|&m| m > 0)
        .collect();
    let target = (at_least * 60.0 - 1e-6).ceil().max(0.0) as usize;
    let Some(&longest) = minutes.iter().max() else {
        return at_least;
    };
    let mut reachable = vec![false; target + longest + 1];
    reachable[0] = true;
    for total in 0..reachable.len() {
        if !reachable[total] {
            continue;
        }
        if total >= target {
            return total as f64 / 60.0;
        }
        for &m in &minutes {
            if total + m < reachable.len() {
                reachable[total + m] = true;
            }
        }
    }
    at_least
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

/// The most full-time lines possible among `heads` lines sharing `hours`, with the floor.
fn most_full_time_lines(instance: &Instance, heads: u32, hours: f64) -> u32 {
    let full_time_from = full_time_line_hours(instance);
    let floor = floor_line_hours(instance);
    (0..=heads)
        .rev()
        .find(|&k| f64::from(k) * full_time_from + f64::from(heads - k) * floor <= hours + 1e-6)
        .unwrap_or(0)
}

fn solve_ideal(
    instance: &Instance,
    report: &mut SolveReport,
    control: &SolveControl,
    started: Instant,
    remaining: &dyn Fn() -> f64,
) {
    let full_cycle = instance.full_time_cycle_hours();
    let f = instance.weekend_frequency as u32;
    let mut overall = SolveStatus::Optimal;
    let (mut objective, mut bound) = (0.0, 0.0);
    let families = line_families(instance);
    let family_count = families.len();
    for (done, family) in families.into_iter().enumerate() {
        // Each family gets its share of the time that is left.
        let deadline = started.elapsed().as_secs_f64() + remaining() / (family_count - done) as f64;
        let family_remaining = || deadline - started.elapsed().as_secs_f64();
        let remaining: &dyn Fn() -> f64 = &family_remaining;
        // Night lines and day lines share no shift: each family is its own, smaller problem.
        // Qualified needs are met by labelling the lines afterwards (see `qualify`).
        let mut family_instance = instance.only_shifts(|shift| in_family(family, shift.night));
        family_instance.qualified_need.clear();
        let instance = &family_instance;
        let (hours, weekend_heads) = family_need(instance, family);
        let floor_hours = floor_line_hours(instance);
        let hours_bound = (hours / full_cycle - 1e-9).ceil().max(1.0) as u32;
        let lower = hours_bound.max(f * weekend_heads);
        let upper = if floor_hours > 0.0 {
            (hours / floor_hours + 1e-9).floor() as u32
        } else {
            lower + 20
        };
        let mut found = None;
        let mut status = SolveStatus::Infeasible;
        for heads in lower..=upper.min(lower + 12) {
            control.set_phase(
                format!("{} linjer ({})", heads, family_label(family)),
                started,
            );
            let lines: Vec<LineSpec> = (0..heads as usize)
                .map(|l| LineSpec {
                    holder: Holder::Ideal,
                    family,
                    weekend_group: fixed_groups(instance).then_some(l % instance.weekend_frequency),
                    min_hours: floor_hours,
                    max_hours: full_cycle,
                    wanted_hours: None,
                    qualification: None,
                })
                .collect();
            let target = most_full_time_lines(instance, heads, hours);
            let (run_status, attempt) =
                lines_at(instance, &lines, target, control, started, remaining);
            match (run_status, attempt) {
                (RunStatus::Infeasible, _) => continue,
                (run_status, Some(attempt)) => {
                    status = if run_status == RunStatus::Optimal {
                        SolveStatus::Optimal
                    } else {
                        SolveStatus::Feasible
                    };
                    found = Some((heads, attempt));
                }
                (RunStatus::Cancelled, None) => status = SolveStatus::Cancelled,
                (_, None) => status = SolveStatus::Timeout,
            }
            break;
        }
        let Some((heads, best)) = found else {
            report.status = status;
            report.lines.clear();
            return;
        };
        // Fewer heads were ruled out with lines in fixed groups (line mod f). That loses nothing
        // at exactly f·W heads (every line must then work every f-th weekend), but above it the
        // group sizes were a choice, so only the bound itself is proven.
        let heads_proven =
            heads == lower || !fixed_groups(instance) || heads - 1 == f * weekend_heads;
        if heads_proven {
            report.proven_lower_bound_heads += heads;
        } else {
            report.proven_lower_bound_heads += lower;
            overall = SolveStatus::Feasible;
        }
        let result = &best.result;
        let family_lines = extract_lines(instance, result, &best.x, &best.lines, &[]);
        let full_time_lines = family_lines
            .iter()
            .filter(|l| l.position_pct >= 100.0 - instance.full_time_tolerance_pct - 1e-9)
            .count() as f64;
        objective += full_time_lines;
        bound += result.bound.max(full_time_lines);
        if status == SolveStatus::Feasible {
            overall = SolveStatus::Feasible;
        }
        report.lines.extend(family_lines);
    }
    report.status = overall;
    set_objective(report, objective, bound);
    let open = vec![None; report.lines.len()];
    qualify::label_qualifications(instance, &mut report.lines, &open);
    sort_lines(instance, &mut report.lines);
}

/// Number of lines at full time in a solution.
fn count_full_time(instance: &Instance, x: &ShiftCells, values: &[f64]) -> u32 {
    let threshold = full_time_line_hours(instance) - 1e-6;
    x.iter()
        .filter(|line| {
            let hours: f64 = line
                .iter()
                .flat_map(|day| day.iter().enumerate())
                .filter_map(|(s, cell)| cell.map(|(_, c)| (s, c)))
                .filter(|&(_, c)| values.get(c).is_some_and(|&v| v > 0.5))
                .map(|(s, _)| instance.shifts[s].hours)
                .sum();
            hours >= threshold
        })
        .count() as u32
}

/// A model for `lines` that asks only for a rota (HiGHS finds one fastest without an objective);
/// with at-least coverage, over-staffing is the objective to keep down.
fn feasibility_model(instance: &Instance, lines: &[LineSpec]) -> model::RotaModel {
    model::build(instance, lines, Goal::Feasible, &[])
}

/// Lines for a fixed head count with the most full-time lines, up to `target` (the arithmetic
/// bound; the count bound in `bound` may lower it). Reaching the bound proves the count optimal.
///
/// Full-time lines are found by asking for rotas where k chosen lines must be full time. Often
/// the bound is reachable, and one run with that many lines designated answers both whether the
/// head count works and the full-time question. Otherwise: any rota first (or the proof that
/// this head count is impossible), then k from the bound down and from what was found up.
fn lines_at(
    instance: &Instance,
    lines: &[LineSpec],
    target: u32,
    control: &SolveControl,
    started: Instant,
    remaining: &dyn Fn() -> f64,
) -> (RunStatus, Option<Found>) {
    let full_time_hours = full_time_line_hours(instance);
    let mut target = target;
    if target > 0 {
        // Whole shifts and weekend groups can make the arithmetic bound unreachable.
        let full_time_from = full_time_hours - 1e-6;
        let seconds = remaining().min(0.5);
        if let Some(by_counts) =
            bound::most_full_time_by_counts(instance, lines, full_time_from, target, seconds)
        {
            target = target.min(by_counts);
        }
    }
    // Two ways to pick the k lines: packed into as few weekend groups as possible, or spread
    // round-robin over them. Which one HiGHS finds quickly varies from unit to unit.
    let mut packed: Vec<usize> = (0..lines.len()).collect();
    packed.sort_by_key(|&l| (lines[l].weekend_group, l));
    let spreads = [packed, (0..lines.len()).collect::<Vec<usize>>()];
    let designate = |spread: &[usize], k: u32| -> Vec<LineSpec> {
        let mut designated = lines.to_vec();
        for &l in spread.iter().take(k as usize) {
            designated[l].min_hours = designated[l].min_hours.max(full_time_hours);
        }
        designated
    };
    // Each attempt is short: HiGHS finds a rota in about a second when one exists, while
    // proving that none exists can take minutes.
    let attempt_seconds = || remaining().min(4.0);
    let mut first_try = None;
    if target > 0 {
        let designated = designate(&spreads[0], target);
        if let (_, Some(found)) =
            find_rota(instance, &designated, attempt_seconds(), control, started)
        {
            first_try = Some(found);
        }
    }
    let mut best = match first_try {
        Some(found) => found,
        None => {
            let (status, first) = find_rota(instance, lines, remaining(), control, started);
            let Some(first) = first else {
                return (status, None);
            };
            first
        }
    };
    let x = best.x.clone();
    let mut found = count_full_time(instance, &x, &best.result.values);
    let mut upper = target.max(found);
    let proven_upper = upper;
    let mut k = upper;
    while found < upper && remaining() > 0.2 && !control.is_cancelled() {
        let mut reached = false;
        for (index, spread) in spreads.iter().enumerate() {
            if index == 0 && k == target {
                continue; // Tried first.
            }
            let designated = designate(spread, k);
            if let (_, Some(attempt)) =
                find_rota(instance, &designated, attempt_seconds(), control, started)
            {
                found = count_full_time(instance, &x, &attempt.result.values).max(k);
                best = attempt;
                reached = true;
                break;
            }
        }
        if !reached {
            // Not found with these spreads within the time: no proof about k, only a reason to
            // look lower.
            upper = k - 1;
        }
        k = (found + 1).min(upper);
    }
    let status = if found >= proven_upper {
        RunStatus::Optimal
    } else {
        RunStatus::Feasible
    };
    best.result.objective = f64::from(found);
    best.result.bound = f64::from(proven_upper);
    (status, Some(best))
}

fn family_label(family: ShiftFamily) -> &'static str {
    match family {
        ShiftFamily::NightsOnly => "nattlinjer",
        ShiftFamily::NoNights => "dag- og kveldslinjer",
        ShiftFamily::Any | ShiftFamily::NightsOrDays => "alle vakter",
    }
}

fn set_objective(report: &mut SolveReport, objective: f64, bound: f64) {
    report.objective = objective;
    report.best_bound = bound.max(objective);
    report.gap_pct = if report.best_bound.abs() > 1e-9 {
        ((report.best_bound - objective) / report.best_bound.abs() * 100.0).max(0.0)
    } else {
        0.0
    };
}

/// The line specs for today mode: one per employee, then vacancies.
pub(crate) fn today_lines(
    scenario: &Scenario,
    instance: &Instance,
    vacancies: usize,
) -> Vec<LineSpec> {
    let full_cycle = instance.full_time_cycle_hours();
    let full_time_from_pct = 100.0 - instance.full_time_tolerance_pct;
    // A full-time person keeps a full-time line, which 7.5 h shifts may put a little under 100 %.
    let hours_for = |pct: f64| pct.min(100.0) / 100.0 * full_cycle;
    let mut lines: Vec<LineSpec> = scenario
        .staff
        .iter()
        .enumerate()
        .map(|(index, employee)| {
            let current = if employee.position_pct >= full_time_from_pct {
                full_time_from_pct
            } else {
                employee.position_pct
            };
            LineSpec {
                holder: Holder::Employee(index),
                family: match employee.nights {
                    crate::model::NightWork::Any => ShiftFamily::NightsOrDays,
                    crate::model::NightWork::NoNights => ShiftFamily::NoNights,
                    crate::model::NightWork::NightsOnly => ShiftFamily::NightsOnly,
                },
                weekend_group: None,
                min_hours: hours_for(current) - 1e-6,
                max_hours: hours_for(employee.max_pct),
                wanted_hours: employee.wanted_pct.map(hours_for),
                qualification: Some(employee.qualification),
            }
        })
        .collect();
    for _ in 0..vacancies {
        lines.push(LineSpec {
            holder: Holder::Vacancy,
            family: ShiftFamily::NightsOrDays,
            weekend_group: None,
            min_hours: instance.min_position_pct / 100.0 * full_cycle,
            max_hours: full_cycle,
            wanted_hours: None,
            qualification: None,
        });
    }
    lines
}

/// How many vacancy lines to offer the model: enough for the hours and the weekends.
fn vacancy_count(scenario: &Scenario, instance: &Instance) -> usize {
    let full_cycle = instance.full_time_cycle_hours();
    let staff_hours: f64 = scenario
        .staff
        .iter()
        .map(|e| e.position_pct / 100.0 * full_cycle)
        .sum();
    let missing_hours = (instance.cycle_need_hours() - staff_hours).max(0.0);
    let per_vacancy = (instance.min_position_pct / 100.0 * full_cycle).max(full_cycle / 4.0);
    let for_hours = (missing_hours / per_vacancy).ceil() as usize;
    let bounds_heads = calc::bounds(scenario).heads_needed as usize;
    for_hours.max(bounds_heads.saturating_sub(scenario.staff.len())) + 2
}

/// A solution with the model handles needed to read it.
struct Found {
    result: RunResult,
    lines: Vec<LineSpec>,
    x: ShiftCells,
    used: Vec<Option<usize>>,
}

/// Looks for any rota for `lines` within `seconds`; the run's status with what was found.
fn find_rota(
    instance: &Instance,
    lines: &[LineSpec],
    seconds: f64,
    control: &SolveControl,
    started: Instant,
) -> (RunStatus, Option<Found>) {
    let built = feasibility_model(instance, lines);
    let (x, used) = (built.x.clone(), built.used.clone());
    // Any rota without over-staffing is as good as another: stop at the first.
    let result = run_model(built, seconds, Some(0.0), None, control, started);
    let status = result.status;
    let found = matches!(status, RunStatus::Optimal | RunStatus::Feasible).then(|| Found {
        result,
        lines: lines.to_vec(),
        x,
        used,
    });
    (status, found)
}

/// Today mode, step by step, each step a short search for a rota:
/// 1. everyone keeps at least today's position (any rota at all);
/// 2. wishes, largest first: each person's wish fully, else half of it, when a rota allows it;
/// 3. fewer vacancies, one at a time, down to what the hours require.
fn solve_today(
    scenario: &Scenario,
    instance: &Instance,
    report: &mut SolveReport,
    control: &SolveControl,
    started: Instant,
    remaining: &dyn Fn() -> f64,
) {
    let vacancies = vacancy_count(scenario, instance);
    let mut lines = today_lines(scenario, instance, vacancies);
    control.set_phase(
        format!(
            "{} ansatte og inntil {vacancies} ledige linjer",
            scenario.staff.len()
        ),
        started,
    );
    let (status, first) = find_rota(instance, &lines, remaining(), control, started);
    let Some(mut best) = first else {
        report.status = match status {
            RunStatus::Infeasible => SolveStatus::Infeasible,
            RunStatus::Cancelled => SolveStatus::Cancelled,
            _ => SolveStatus::Timeout,
        };
        return;
    };
    let step_seconds = || remaining().min(3.0);
    let mut all_wishes_met = true;
    let mut wishes: Vec<usize> = (0..lines.len())
        .filter(|&l| {
            lines[l]
                .wanted_hours
                .is_some_and(|w| w > lines[l].min_hours + 1e-6)
        })
        .collect();
    wishes.sort_by(|&a, &b| {
        let gap = |l: usize| lines[l].wanted_hours.unwrap_or(0.0) - lines[l].min_hours;
        gap(b).total_cmp(&gap(a))
    });
    control.set_phase("ønsker om større stilling".into(), started);
    // Often the hours allow every wish at once: one search instead of one per person.
    let mut everyone = lines.clone();
    for &l in &wishes {
        everyone[l].min_hours = everyone[l].wanted_hours.unwrap_or(everyone[l].min_hours);
    }
    let promised: f64 = everyone
        .iter()
        .filter(|t| t.holder != Holder::Vacancy)
        .map(|t| smallest_line_hours(instance, t.min_hours))
        .sum();
    if !wishes.is_empty()
        && promised <= instance.cycle_need_hours() + 1e-6
        && let (_, Some(found)) = find_rota(instance, &everyone, step_seconds(), control, started)
    {
        lines = everyone;
        best = found;
        wishes.clear();
    }
    for l in wishes {
        let wanted = lines[l].wanted_hours.unwrap_or(lines[l].min_hours);
        let mut met = false;
        for share in [1.0, 0.5] {
            if remaining() <= 0.2 || control.is_cancelled() {
                break;
            }
            let mut trial = lines.clone();
            trial[l].min_hours = lines[l].min_hours + share * (wanted - lines[l].min_hours);
            // Hours are fixed by the need: a wish beyond what is left for anyone cannot be met.
            let promised: f64 = trial
                .iter()
                .filter(|t| t.holder != Holder::Vacancy)
                .map(|t| smallest_line_hours(instance, t.min_hours))
                .sum();
            if promised > instance.cycle_need_hours() + 1e-6 {
                continue;
            }
            if let (_, Some(found)) = find_rota(instance, &trial, step_seconds(), control, started)
            {
                lines = trial;
                best = found;
                met = share == 1.0;
                break;
            }
        }
        all_wishes_met &= met;
    }
    control.set_phase("færre ledige stillinger".into(), started);
    let vacancy_hours = instance.cycle_need_hours()
        - lines
            .iter()
            .filter(|l| l.holder != Holder::Vacancy)
            .map(|l| l.max_hours)
            .sum::<f64>();
    let fewest_vacancies = (vacancy_hours.max(0.0) / instance.full_time_cycle_hours() - 1e-9)
        .ceil()
        .max(0.0) as usize;
    let mut in_use = used_vacancies(&best);
    while in_use > fewest_vacancies && remaining() > 0.2 && !control.is_cancelled() {
        let employees = lines.iter().filter(|l| l.holder != Holder::Vacancy).count();
        let trial: Vec<LineSpec> = lines[..employees + in_use - 1].to_vec();
        match find_rota(instance, &trial, step_seconds(), control, started) {
            (_, Some(found)) => {
                in_use = used_vacancies(&found);
                lines = trial;
                best = found;
            }
            _ => break,
        }
    }
    report.status = if all_wishes_met && in_use <= fewest_vacancies {
        SolveStatus::Optimal
    } else {
        SolveStatus::Feasible
    };
    let names: Vec<String> = scenario
        .staff
        .iter()
        .map(|e| e.name.trim().to_string())
        .collect();
    let unused: Vec<usize> = best
        .used
        .iter()
        .enumerate()
        .filter(|(_, column)| column.is_some_and(|c| best.result.values[c] < 0.5))
        .map(|(l, _)| l)
        .collect();
    let mut proposed = extract_lines(instance, &best.result, &best.x, &best.lines, &unused);
    let kept = best
        .lines
        .iter()
        .enumerate()
        .filter(|(l, _)| !unused.contains(l));
    let mut fixed = Vec::with_capacity(proposed.len());
    for (line, (_, spec)) in proposed.iter_mut().zip(kept) {
        fixed.push(spec.qualification);
        if let Holder::Employee(index) = spec.holder {
            line.employee = Some(names[index].clone());
        }
    }
    // Vacancies are advertised with the lowest qualification the needs allow.
    qualify::label_qualifications(instance, &mut proposed, &fixed);
    report.proven_lower_bound_heads = report.bounds.heads_needed;
    report.lines = proposed;
    let vacancies_used = in_use as f64;
    set_objective(report, vacancies_used, fewest_vacancies as f64);
}

fn used_vacancies(found: &Found) -> usize {
    found
        .used
        .iter()
        .flatten()
        .filter(|&&c| found.result.values[c] > 0.5)
        .count()
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

/// Named lines first (in staff order), then by weekend group and size.
fn sort_lines(instance: &Instance, lines: &mut [ProposedLine]) {
    lines.sort_by(|a, b| {
        weekend_group(instance, a)
            .cmp(&weekend_group(instance, b))
            .then(b.position_pct.total_cmp(&a.position_pct))
    });
}
