//! Today mode: every employee keeps at least today's position, wishes for more are met as far as
//! the hours allow, and the remaining hours become as few vacancies as possible.

use super::model::{Holder, LineSpec, ShiftFamily};
use super::run::{RunStatus, SolveControl};
use super::{
    Found, SolveReport, SolveStatus, Target, TargetReport, extract_lines, find_rota, qualify,
    set_objective, smallest_line_hours,
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

/// Today mode, step by step, each step a short search for a rota:
/// 1. everyone keeps at least today's position (any rota at all);
/// 2. wishes, largest first: each person's wish fully, else half of it, when a rota allows it;
/// 3. fewer vacancies, one at a time, down to what the hours require.
pub(super) fn solve_today(
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
    report.targets = wish_reports(scenario, instance, &report.lines);
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
