//! Today mode: every employee keeps at least today's position, wishes for more are met as far as
//! the hours allow, and the remaining hours become as few vacancies as possible.

use super::model::{self, Goal, Holder, LineSpec, ShiftFamily};
use super::run::{RunStatus, SolveControl, run_model};
use super::{
    Found, SolveReport, SolveStatus, Target, TargetReport, extract_lines, find_rota, find_rota_for,
    qualify, set_objective, smallest_line_hours,
};
use crate::calc;
use crate::model::Scenario;
use crate::solve::Instance;
use std::time::Instant;

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
            let family = match employee.nights {
                crate::model::NightWork::Any => ShiftFamily::NightsOrDays,
                crate::model::NightWork::NoNights => ShiftFamily::NoNights,
                crate::model::NightWork::NightsOnly => ShiftFamily::NightsOnly,
            };
            // Whole shifts: when the person's maximum is their position (or close to it), no
            // sum of shifts may lie between the two; the line then keeps the largest whole-shift
            // size under the maximum, less than one shift below today.
            let max_hours = hours_for(employee.max_pct);
            let mut min_hours = hours_for(current) - 1e-6;
            if smallest_line_hours(instance, min_hours) > max_hours + 1e-6 {
                min_hours = min_hours.min(largest_line_hours(instance, family, max_hours) - 1e-6);
            }
            LineSpec {
                holder: Holder::Employee(index),
                family,
                weekend_group: None,
                min_hours,
                max_hours: hours_for(employee.max_pct),
                // A wish for full time is met by a line within the full-time tolerance.
                wanted_hours: employee
                    .wanted_pct
                    .map(|wanted| hours_for(wanted.min(full_time_from_pct.max(current)))),
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
pub(super) fn vacancy_count(scenario: &Scenario, instance: &Instance) -> usize {
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

/// Today mode as one optimisation (see [`super::model::Goal::Today`]): everyone keeps at least
/// today's position (hard); over-staffing, where at-least coverage allows it, as little as
/// possible; wishes met as fairly as the hours allow (the largest shortfall as small as possible,
/// then the total); then the fewest vacancies. A first rota is found without an objective (HiGHS
/// finds one fastest that way); the optimisation then starts from it.
pub(super) fn solve_today(
    scenario: &Scenario,
    instance: &Instance,
    report: &mut SolveReport,
    control: &SolveControl,
    started: Instant,
    remaining: &dyn Fn() -> f64,
) {
    let vacancies = vacancy_count(scenario, instance);
    let lines = today_lines(scenario, instance, vacancies);
    control.set_phase(
        format!(
            "{} ansatte og inntil {vacancies} ledige linjer",
            scenario.staff.len()
        ),
        started,
    );
    // The first rota only has to exist; over-staffing, where allowed, is the optimisation's.
    let (status, first) = find_rota_for(
        instance,
        &lines,
        Goal::AnyRota,
        remaining(),
        control,
        started,
    );
    let Some(first) = first else {
        report.status = match status {
            RunStatus::Infeasible => SolveStatus::Infeasible,
            RunStatus::Cancelled => SolveStatus::Cancelled,
            _ => SolveStatus::Timeout,
        };
        return;
    };
    control.set_phase("ønsker og færre ledige stillinger".into(), started);
    let fewest_vacancies = fewest_vacancies(instance, &lines);
    // Every further step builds a model as large as the first: that time must be left.
    let reserve = first.build_seconds;
    let usable = || remaining() - reserve;
    let (level_proven, first) = fairest_wishes(instance, &lines, first, control, started, &usable);
    let (proven, best) = if level_proven {
        (true, first)
    } else if usable() > 0.5 {
        optimise(instance, &lines, first, control, started, remaining)
    } else {
        (false, first)
    };
    let in_use = used_vacancies(&best);
    let all_wishes_met = wishes_met(instance, &best);
    let best = &best;
    let arithmetic_optimum =
        instance.coverage_exact && all_wishes_met && in_use <= fewest_vacancies;
    report.status = if proven || arithmetic_optimum {
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
    report.targets = wish_reports(scenario, instance, &report.lines);
    let vacancies_used = in_use as f64;
    set_objective(report, vacancies_used, fewest_vacancies as f64);
}

/// Fewest vacancies the hours allow: what today's staff cannot take at their maximum, in
/// full-time lines.
fn fewest_vacancies(instance: &Instance, lines: &[LineSpec]) -> usize {
    let vacancy_hours = instance.cycle_need_hours()
        - lines
            .iter()
            .filter(|l| l.holder != Holder::Vacancy)
            .map(|l| l.max_hours)
            .sum::<f64>();
    (vacancy_hours.max(0.0) / instance.full_time_cycle_hours() - 1e-9)
        .ceil()
        .max(0.0) as usize
}

/// Whether every wish is met in a solution (in whole shifts: the smallest line reaching it).
fn wishes_met(instance: &Instance, found: &Found) -> bool {
    found.lines.iter().enumerate().all(|(l, spec)| {
        spec.wanted_hours.is_none_or(|wanted| {
            let wanted = smallest_line_hours(instance, wanted.min(spec.max_hours));
            found.line_hours(instance, l) + 1e-6 >= wanted.min(spec.max_hours)
        })
    })
}

/// The today-mode optimisation, started from `first`; whether HiGHS proved it, and the best.
fn optimise(
    instance: &Instance,
    lines: &[LineSpec],
    first: Found,
    control: &SolveControl,
    started: Instant,
    remaining: &dyn Fn() -> f64,
) -> (bool, Found) {
    // With the need met exactly there is no over-staffing to lower: met wishes and the fewest
    // vacancies are the optimum.
    if instance.coverage_exact
        && wishes_met(instance, &first)
        && used_vacancies(&first) <= fewest_vacancies(instance, lines)
    {
        return (true, first);
    }
    let built = model::build(instance, lines, Goal::Today, &[]);
    // The start: the first rota, with its wish shortfalls worked out.
    let mut initial = first.result.values.clone();
    initial.resize(built.var_count, 0.0);
    let mut largest: f64 = 0.0;
    for &(l, column) in &built.wish_shortfall {
        let wanted = lines[l].wish().unwrap_or(0.0);
        let short = (wanted - first.line_hours(instance, l)).max(0.0);
        initial[column] = short;
        largest = largest.max(short);
    }
    if let Some(column) = built.largest_shortfall {
        initial[column] = largest;
    }
    let (x, used) = (built.x.clone(), built.used.clone());
    let result = run_model(built, remaining(), None, Some(&initial), control, started);
    match result.status {
        RunStatus::Optimal | RunStatus::Feasible => {
            let proven = result.status == RunStatus::Optimal;
            (
                proven,
                Found {
                    result,
                    lines: lines.to_vec(),
                    x,
                    used,
                    build_seconds: first.build_seconds,
                },
            )
        }
        _ => (false, first),
    }
}

fn used_vacancies(found: &Found) -> usize {
    found
        .used
        .iter()
        .flatten()
        .filter(|&&c| found.result.values[c] > 0.5)
        .count()
}

/// How each wish for a larger position came out. A full-time wish counts as met by a line within
/// the full-time tolerance (whole shifts rarely sum to exactly 100 %).
fn wish_reports(
    scenario: &Scenario,
    instance: &Instance,
    lines: &[super::ProposedLine],
) -> Vec<TargetReport> {
    let full_time_from = 100.0 - instance.full_time_tolerance_pct;
    scenario
        .staff
        .iter()
        .filter_map(|employee| {
            let wanted = employee.wanted_pct?.min(employee.max_pct);
            if wanted <= employee.position_pct + 1e-6 {
                return None;
            }
            let name = employee.name.trim();
            let line = lines.iter().find(|l| l.employee.as_deref() == Some(name))?;
            let target_pct = if wanted >= full_time_from {
                full_time_from
            } else {
                wanted
            };
            let met = line.position_pct + 0.05 >= target_pct;
            Some(TargetReport {
                target: Target::Wish {
                    employee: name.to_string(),
                    wanted_pct: wanted,
                    got_pct: line.position_pct,
                },
                lines: 1,
                reached: u32::from(met),
                best_possible: u32::from(met),
            })
        })
        .collect()
}

/// Hours the employees' lines promise at least, in whole shifts.
fn promised_hours(instance: &Instance, lines: &[LineSpec]) -> f64 {
    lines
        .iter()
        .filter(|l| l.holder != Holder::Vacancy)
        .map(|l| smallest_line_hours(instance, l.min_hours))
        .sum()
}

/// The smallest largest shortfall the hours allow (water-filling): the hours left after everyone
/// keeps today's position go to the wishes, the largest first, until they run out.
fn water_level(increments: &[f64], spare_hours: f64) -> f64 {
    let total: f64 = increments.iter().sum();
    if spare_hours >= total - 1e-6 {
        return 0.0;
    }
    let given = |level: f64| -> f64 { increments.iter().map(|&i| (i - level).max(0.0)).sum() };
    let (mut low, mut high) = (0.0, increments.iter().copied().fold(0.0, f64::max));
    for _ in 0..60 {
        let middle = (low + high) / 2.0;
        if given(middle) > spare_hours {
            low = middle;
        } else {
            high = middle;
        }
    }
    high
}

/// Wishes raised to the water level (then a shift or more below it, when the rules do not allow
/// that), each a short search for a rota. A rota at the level itself is the fairest possible,
/// so proven: no rota gives the wishes more hours than the need leaves once everyone keeps
/// today's position.
fn fairest_wishes(
    instance: &Instance,
    lines: &[LineSpec],
    first: Found,
    control: &SolveControl,
    started: Instant,
    remaining: &dyn Fn() -> f64,
) -> (bool, Found) {
    let wishers: Vec<usize> = (0..lines.len())
        .filter(|&l| lines[l].wish().is_some())
        .collect();
    if wishers.is_empty() {
        return (false, first);
    }
    // Measured from today's position in whole shifts, as `promised_hours` is.
    let increment = |l: usize| {
        let today = smallest_line_hours(instance, lines[l].min_hours);
        (lines[l].wish().unwrap_or(0.0) - today).max(0.0)
    };
    let spare = instance.cycle_need_hours() - promised_hours(instance, lines);
    let increments: Vec<f64> = wishers.iter().map(|&l| increment(l)).collect();
    let level = water_level(&increments, spare.max(0.0));
    let shift = instance
        .shifts
        .iter()
        .map(|s| s.hours)
        .fold(f64::INFINITY, f64::min);
    for (step, extra) in [0.0, 1.0, 2.0, 4.0].into_iter().enumerate() {
        if remaining() <= 0.5 || control.is_cancelled() {
            break;
        }
        let mut trial = lines.to_vec();
        for &l in &wishers {
            let raise = (increment(l) - (level + extra * shift)).max(0.0);
            trial[l].min_hours = lines[l].min_hours + raise;
        }
        if promised_hours(instance, &trial) > instance.cycle_need_hours() + 1e-6 {
            continue;
        }
        // The level itself is the question worth a little more time: it would prove the rest.
        let seconds = remaining().min(if step == 0 { 4.0 } else { 3.0 });
        if let (_, Some(found)) = find_rota(instance, &trial, seconds, control, started) {
            // The trial's raised minimums were only a way to find it: keep today's as the rule.
            let found = Found {
                lines: lines.to_vec(),
                ..found
            };
            // At the level itself, every spare hour went to the wishes as evenly as the
            // arithmetic allows: the largest and the total shortfall are the least possible,
            // and no hour is left for a vacancy (with the need met exactly).
            return (step == 0 && instance.coverage_exact, found);
        }
    }
    (false, first)
}

/// The largest sum of whole shifts of `family` that stays within `at_most` hours.
fn largest_line_hours(instance: &Instance, family: ShiftFamily, at_most: f64) -> f64 {
    let minutes = super::shift_minutes(instance, |s| super::ideal::in_family(family, s.night));
    let limit = (at_most * 60.0 + 1e-6).floor().max(0.0) as usize;
    let reachable = super::whole_shift_sums(&minutes, limit);
    (0..=limit).rev().find(|&t| reachable[t]).unwrap_or(0) as f64 / 60.0
}
