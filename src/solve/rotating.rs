//! Rotating mode for a unit: everyone follows one chain of N weeks, one week apart (DOMAIN.md §7).
//!
//! The unit's needs and rules become a rotating-workforce instance for the RWS engine
//! ([`crate::rws`]): daily rest as forbidden successor pairs, a single day off that would give too
//! short a weekly rest as a forbidden "shift, day off, shift" triple, consecutive days as the
//! longest work block. What RWS does not know is added to its day model: every f-th weekend
//! (over the chain's week rows), whole weekends, Sunday work and hours in any 7 days. The chain
//! is N weeks long for N people, so the rota's cycle becomes N weeks and every line has the
//! same size: the head count decides the position size.

use super::ideal::family_need;
use super::instance::{FullTimeDemand, Instance, ShiftInfo};
use super::{ProposedLine, SolveReport, SolveStatus, Target, TargetReport, gcd, qualify};
use crate::calc;
use crate::model::{FRIDAY, OFF, SATURDAY, SUNDAY, Scenario, ShiftKind};
use crate::rws::{self, BlockLimits, WEEK};
use crate::solve::model::ShiftFamily;
use crate::solve::run::{RunStatus, SolveControl};
use good_lp::{Expression, Variable, constraint};
use std::time::Instant;

/// The unit as a rotating-workforce instance with N = `weeks` employees.
fn rws_instance(scenario: &Scenario, instance: &Instance, weeks: usize) -> rws::Instance {
    let days = weeks * WEEK;
    let no_limit = BlockLimits { min: 1, max: days };
    let mut forbidden = Vec::new();
    for s in 0..instance.shifts.len() {
        for &t in &instance.forbidden_next[s] {
            forbidden.push(vec![Some(s), Some(t)]);
        }
        let mut after_one_off = instance.forbidden_two_days_later[s].clone();
        after_one_off.extend(&instance.short_single_day_rest[s]);
        after_one_off.sort_unstable();
        after_one_off.dedup();
        for t in after_one_off {
            forbidden.push(vec![Some(s), None, Some(t)]);
        }
    }
    rws::Instance {
        name: scenario.unit.name.clone(),
        employees: weeks,
        shifts: instance
            .shifts
            .iter()
            .map(|shift| rws::Shift {
                name: shift.code.clone(),
                start_minute: shift.start.rem_euclid(1440) as u32,
                length_minutes: (shift.hours * 60.0).round() as u32,
                block: no_limit,
            })
            .collect(),
        demand: instance.need.clone(),
        off_block: no_limit,
        // A day off in every 7 days as well: each calendar week then has its weekly rest.
        work_block: BlockLimits {
            min: 1,
            max: instance.max_consecutive_work_days.clamp(1, 6),
        },
        forbidden,
    }
}

/// The unit's rules the RWS format has no words for, on the chain's day model.
fn unit_rules(instance: &Instance, x: &[Vec<Variable>], weeks: usize) -> Vec<good_lp::Constraint> {
    let mut constraints = Vec::new();
    let days = weeks * WEEK;
    let worked = |day: usize| -> Expression { x[day % days].iter().copied().sum() };
    let f = instance.weekend_frequency;
    // Per week row, the cells (Friday to Sunday) that `on` selects.
    let cells_per_week = |on: &dyn Fn(usize, usize) -> bool| -> Vec<Vec<Variable>> {
        (0..weeks)
            .map(|week| {
                let mut cells = Vec::new();
                for weekday in [FRIDAY, SATURDAY, SUNDAY] {
                    for (s, &cell) in x[week * WEEK + weekday].iter().enumerate() {
                        if on(s, weekday) {
                            cells.push(cell);
                        }
                    }
                }
                cells
            })
            .collect()
    };
    // Every f-th weekend: no two weekends less than f week rows apart are both worked.
    if f > 1 {
        let weekend = cells_per_week(&|s, wd| instance.weekend_work[s][wd]);
        for first in 0..weeks {
            for second in 1..f.min(weeks) {
                let later = (first + second) % weeks;
                if later != first {
                    never_both(&weekend[first], &weekend[later], &mut constraints);
                }
            }
        }
    }
    if instance.whole_weekends {
        for week in 0..weeks {
            let (saturday, sunday) = (worked(week * WEEK + SATURDAY), worked(week * WEEK + SUNDAY));
            constraints.push(constraint!(saturday == sunday));
        }
    }
    // AML § 10-8 (4): Sunday work not two weeks in a row (implied by every 2nd weekend or less).
    if instance.sunday_off_after_sunday_work && f < 2 && weeks >= 2 {
        let sunday = cells_per_week(&|s, wd| instance.sunday_work[s][wd]);
        for week in 0..weeks {
            never_both(&sunday[week], &sunday[(week + 1) % weeks], &mut constraints);
        }
    }
    // AML § 10-5 (2): hours in any 7 days.
    let longest = instance.shifts.iter().map(|s| s.hours).fold(0.0, f64::max);
    if longest * 6.0 > instance.max_hours_single_week {
        for first in 0..days {
            let hours: Expression = (first..first + WEEK)
                .flat_map(|day| {
                    x[day % days]
                        .iter()
                        .enumerate()
                        .map(|(s, &v)| instance.shifts[s].hours * v)
                })
                .sum();
            constraints.push(constraint!(hours <= instance.max_hours_single_week));
        }
    }
    constraints
}

/// No cell of `first` together with a cell of `second`.
fn never_both(first: &[Variable], second: &[Variable], constraints: &mut Vec<good_lp::Constraint>) {
    for &a in first {
        for &b in second {
            constraints.push(constraint!(a + b <= 1));
        }
    }
}

/// The N lines of a chain over a cycle of `cycle_weeks` (a multiple of N): line i starts in
/// week row i of the chain and moves one row down each week.
fn lines_from_chain(
    instance: &Instance,
    schedule: &rws::Schedule,
    cycle_weeks: usize,
) -> Vec<ProposedLine> {
    let weeks = schedule.len();
    // Every line works the whole chain once per round: the same hours for all.
    let hours = schedule
        .iter()
        .flatten()
        .flatten()
        .map(|&s| instance.shifts[s].hours)
        .sum::<f64>()
        / weeks as f64;
    (0..weeks)
        .map(|start| {
            let cells: Vec<String> = (0..cycle_weeks)
                .flat_map(|week| schedule[(start + week) % weeks])
                .map(|cell| cell.map_or(OFF.to_string(), |s| instance.shifts[s].code.clone()))
                .collect();
            ProposedLine {
                employee: None,
                qualification: None,
                cells,
                hours_per_week: hours,
                position_pct: calc::position_pct(hours, instance.full_time_hours),
            }
        })
        .collect()
}

fn lcm(a: usize, b: usize) -> usize {
    a / gcd(a, b) * b
}

/// The longest cycle a scenario file can hold.
const MOST_WEEKS: usize = 52;

/// One chain's result: its week rows or why there is none.
enum Chain {
    Found(rws::Schedule),
    /// Proven: no chain of any tried length.
    None,
    Timeout,
    Cancelled,
    /// The chain and its independent check disagree.
    CheckFailed(Vec<rws::Finding>),
}

/// The shortest chain for one family's shifts, trying lengths from `lower` up that `fits`.
/// Returns the chain and whether it is the shortest possible (no length skipped).
#[allow(clippy::too_many_arguments)]
fn shortest_chain(
    scenario: &Scenario,
    instance: &Instance,
    lower: usize,
    fits: &dyn Fn(usize) -> bool,
    label: &str,
    control: &SolveControl,
    started: Instant,
    remaining: &dyn Fn() -> f64,
) -> (Chain, bool) {
    let mut skipped = false;
    for weeks in lower..=(lower + 12).min(MOST_WEEKS) {
        if !fits(weeks) {
            skipped = true;
            continue;
        }
        control.set_phase(format!("rullerende turnus{label}, {weeks} uker"), started);
        let chain = rws_instance(scenario, instance, weeks);
        let rws::day_model::DayModel {
            mut model,
            cells,
            x,
        } = rws::day_model::build(&chain);
        model.constraints.extend(unit_rules(instance, &x, weeks));
        let result = rws::run::run(model, remaining(), control);
        return match result.status {
            RunStatus::Infeasible => continue,
            RunStatus::Optimal | RunStatus::Feasible => {
                let schedule = match rws::day_model::extract(&chain, &cells, &result.values) {
                    Ok(schedule) => schedule,
                    Err(finding) => return (Chain::CheckFailed(vec![finding]), false),
                };
                let problems = rws::check(&chain, &schedule);
                if !problems.is_empty() {
                    return (Chain::CheckFailed(problems), false);
                }
                (Chain::Found(schedule), !skipped)
            }
            RunStatus::Cancelled => (Chain::Cancelled, false),
            _ => (Chain::Timeout, false),
        };
    }
    (Chain::None, false)
}

/// The fewest week rows one family's chain can have by the bounds.
fn chain_lower_bound(instance: &Instance, family: ShiftFamily) -> usize {
    let (hours, weekend_heads) = family_need(instance, family);
    let weekly_hours = hours / instance.weeks as f64;
    let f = instance.weekend_frequency;
    let busiest_day = (0..WEEK)
        .map(|wd| instance.need.iter().map(|n| n[wd] as usize).sum::<usize>())
        .max()
        .unwrap_or(0);
    let hours_bound = (weekly_hours / instance.full_time_hours - 1e-9)
        .ceil()
        .max(1.0) as usize;
    hours_bound
        .max(f * weekend_heads as usize)
        .max(busiest_day + 1)
        .max(f)
}

/// The shifts one chain takes: all, or a kind apart where the full-time rule keeps it on lines of
/// its own (nights with fixed full-time hours; for day work also day and evening shifts).
#[derive(Clone, Copy, Debug, PartialEq)]
enum ChainKind {
    All,
    NoNights,
    Nights,
    DaysAndLong,
    Evenings,
}

impl ChainKind {
    fn takes(self, shift: &ShiftInfo) -> bool {
        match self {
            Self::All => true,
            Self::NoNights => !shift.night,
            Self::Nights => shift.night,
            Self::DaysAndLong => matches!(shift.kind, ShiftKind::Day | ShiftKind::Long),
            Self::Evenings => shift.kind == ShiftKind::Evening,
        }
    }

    /// How the phase names the chain when there are several.
    fn label(self) -> &'static str {
        match self {
            Self::All => "",
            Self::NoNights => " (dag- og kveldslinjer)",
            Self::Nights => " (nattlinjer)",
            Self::DaysAndLong => " (daglinjer)",
            Self::Evenings => " (kveldslinjer)",
        }
    }
}

/// The chains of the unit, largest first: the first decides the cycle, the others fit into it.
fn chain_kinds(instance: &Instance) -> Vec<ChainKind> {
    let apart = match instance.full_time_demand {
        FullTimeDemand::DayWork => {
            vec![
                ChainKind::DaysAndLong,
                ChainKind::Evenings,
                ChainKind::Nights,
            ]
        }
        FullTimeDemand::NightsApart => vec![ChainKind::NoNights, ChainKind::Nights],
        FullTimeDemand::Nothing | FullTimeDemand::ThreeShiftShares { .. } => Vec::new(),
    };
    let hours = |kind: ChainKind| -> f64 {
        (0..instance.shifts.len())
            .filter(|&s| kind.takes(&instance.shifts[s]))
            .map(|s| instance.shifts[s].hours * instance.need[s].iter().sum::<u32>() as f64)
            .sum()
    };
    let mut kinds: Vec<ChainKind> = apart.into_iter().filter(|&k| hours(k) > 0.0).collect();
    if kinds.len() < 2 {
        return vec![ChainKind::All];
    }
    kinds.sort_by(|&a, &b| hours(b).total_cmp(&hours(a)));
    kinds
}

/// Rotating mode: the fewest week rows (= heads) for which a chain exists, from the bounds up.
/// Where the full-time rule keeps shift kinds apart (nights with fixed full-time hours; day and
/// evening shifts too for day work), each kind is a chain of its own, and the rota's cycle is a
/// length they all repeat in (at most 52 weeks): the later chains' lengths are chosen to fit. Fewer rows than a chain's
/// result are proven impossible, so the result is optimal for this mode unless a length was
/// skipped to fit the cycle.
pub(super) fn solve_rotating(
    scenario: &Scenario,
    instance: &Instance,
    report: &mut SolveReport,
    control: &SolveControl,
    started: Instant,
    remaining: &dyn Fn() -> f64,
) {
    let kinds = chain_kinds(instance);
    let two = kinds.len() > 1;
    let mut cycle_weeks = 1;
    let mut all_shortest = true;
    let mut chains = Vec::new();
    report.status = SolveStatus::Infeasible;
    for (done, &kind) in kinds.iter().enumerate() {
        let family_instance = instance.only_shifts(|shift| kind.takes(shift));
        let lower = chain_lower_bound(&family_instance, ShiftFamily::Any);
        // The first chain gets most of the time; the others are smaller.
        let share = if done + 1 < kinds.len() { 0.75 } else { 1.0 };
        let deadline = started.elapsed().as_secs_f64() + remaining() * share;
        let family_remaining = || deadline - started.elapsed().as_secs_f64();
        let current_cycle = cycle_weeks;
        let fits = |weeks: usize| lcm(current_cycle, weeks) <= MOST_WEEKS;
        let label = if two { kind.label() } else { "" };
        let (chain, shortest) = shortest_chain(
            scenario,
            &family_instance,
            lower,
            &fits,
            label,
            control,
            started,
            &family_remaining,
        );
        match chain {
            Chain::Found(schedule) => {
                cycle_weeks = lcm(cycle_weeks, schedule.len());
                all_shortest &= shortest;
                chains.push((family_instance, schedule));
            }
            Chain::None => {
                report.status = SolveStatus::Infeasible;
                return;
            }
            Chain::Timeout => {
                report.status = SolveStatus::Timeout;
                return;
            }
            Chain::Cancelled => {
                report.status = SolveStatus::Cancelled;
                return;
            }
            Chain::CheckFailed(problems) => {
                report.diagnosis = problems
                    .into_iter()
                    .map(|finding| super::Diagnosis::InternalCheck {
                        rule: "rotating_chain".into(),
                        detail: super::CheckDetail::Chain(finding),
                    })
                    .collect();
                return;
            }
        }
    }
    let mut lines = Vec::new();
    let mut heads = 0;
    for (family_instance, schedule) in &chains {
        heads += schedule.len();
        lines.extend(lines_from_chain(family_instance, schedule, cycle_weeks));
    }
    let mut cycle = instance.clone();
    cycle.weeks = cycle_weeks;
    cycle.days = cycle_weeks * WEEK;
    let open = vec![None; lines.len()];
    qualify::label_qualifications(&cycle, &mut lines, &open);
    let floor = instance.min_position_pct;
    if floor > 0.0 {
        let mut target = TargetReport::new(Target::MinimumPosition(floor));
        for (family_instance, schedule) in &chains {
            // Every line of a chain has the same size: the chain length decides it.
            let size = lines_from_chain(family_instance, schedule, schedule.len())
                .first()
                .map_or(0.0, |line| line.position_pct);
            let chain_lines = schedule.len() as u32;
            let reaching = if size + 1e-6 >= floor { chain_lines } else { 0 };
            target.add(chain_lines, reaching, reaching);
        }
        report.targets.push(target);
    }
    report.lines = lines;
    report.weeks = cycle_weeks as u32;
    report.proven_lower_bound_heads = heads as u32;
    report.status = if all_shortest {
        SolveStatus::Optimal
    } else {
        SolveStatus::Feasible
    };
    report.objective = heads as f64;
    report.best_bound = heads as f64;
}
