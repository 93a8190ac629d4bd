//! Today mode: every employee keeps at least today's position, wishes for more are met as far as
//! the hours allow, and the remaining hours become as few vacancies as possible.

mod aggregate;
mod partition;
mod sums;
mod trim;
mod wishes;

use super::diagnose::{Diagnosis, RuleValues};
use super::model::{self, Goal, Holder, LineSpec, Locked, RuleFamily, ShiftFamily};
use super::neighbourhood::{
    Cells, cells_from_values, cells_of, hours_per_line, line_hours, start_values,
};
use super::run::{RunStatus, SolveControl, run_model, trace};
use super::{
    QualityPhase, SolveReport, SolveStatus, Target, TargetReport, TodayLevel, find_rota_for,
    lines_from_cells, locks, qualify, quality, repair, set_objective, smallest_line_hours,
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
            let largest = largest_line_hours(instance, family, max_hours);
            if largest < min_hours {
                min_hours = largest - 1e-6;
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
                soft_hours: None,
                locked: locked_days(scenario, instance, employee.name.trim()),
            }
        })
        .collect();
    let (vacancy_floor, _) = vacancy_floor(scenario, instance);
    for _ in 0..vacancies {
        lines.push(LineSpec {
            holder: Holder::Vacancy,
            family: ShiftFamily::NightsOrDays,
            weekend_group: None,
            min_hours: vacancy_floor,
            max_hours: full_cycle,
            wanted_hours: None,
            qualification: None,
            soft_hours: None,
            locked: Vec::new(),
        });
    }
    lines
}

/// The days of `employee`'s line in the saved proposal that the planner locked, with what they
/// must stay.
fn locked_days(scenario: &Scenario, instance: &Instance, employee: &str) -> Vec<(usize, Locked)> {
    locks::locked_lines(scenario)
        .into_iter()
        .find(|(_, l)| l.employee.as_deref().map(str::trim) == Some(employee))
        .map_or(Vec::new(), |(_, line)| locks::locked_days(instance, line))
}

/// When the bounds need more heads than today's staff and the hours today's positions leave open
/// cannot give every needed vacancy the minimum position.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct VacancyShortage {
    /// Heads the bounds need.
    heads_needed: u32,
    /// Vacancies needed: for the heads, or one for hours the staff cannot take on.
    vacancies: u32,
    /// Weekly hours of the need today's positions leave open.
    spare_weekly_hours: f64,
}

/// The smallest a vacancy may be, in hours over the cycle: the unit's minimum position, or 0
/// when the vacancies needed (for the heads the bounds need, or for hours the staff cannot take
/// on up to their maximums) cannot all have it from the hours today's positions leave open.
/// The minimum is a target, not a rule: that case is reported with this arithmetic.
pub(crate) fn vacancy_floor(
    scenario: &Scenario,
    instance: &Instance,
) -> (f64, Option<VacancyShortage>) {
    let floor_weekly = instance.min_position_pct / 100.0 * instance.full_time_hours;
    let floor = floor_weekly * instance.weeks as f64;
    let heads_needed = calc::bounds(scenario).heads_needed;
    let weekly = |pct: f64| pct.min(100.0) / 100.0 * instance.full_time_hours;
    let kept_weekly: f64 = scenario.staff.iter().map(|e| weekly(e.position_pct)).sum();
    let spare_weekly_hours =
        (instance.cycle_need_hours() / instance.weeks as f64 - kept_weekly).max(0.0);
    // Hours today's staff can take on above their positions, up to their maximums.
    let staff_room: f64 = scenario
        .staff
        .iter()
        .map(|e| (weekly(e.max_pct) - weekly(e.position_pct)).max(0.0))
        .sum();
    // Vacancies the heads need, or one for the hours the staff cannot take.
    let vacancies = heads_needed
        .saturating_sub(scenario.staff.len() as u32)
        .max(u32::from(spare_weekly_hours > staff_room + 1e-6));
    if floor <= 0.0
        || vacancies == 0
        || f64::from(vacancies) * floor_weekly <= spare_weekly_hours + 1e-6
    {
        return (floor, None);
    }
    let shortage = VacancyShortage {
        heads_needed,
        vacancies,
        spare_weekly_hours,
    };
    (0.0, Some(shortage))
}

/// Why the vacancies were allowed under the minimum position.
#[derive(Clone, Copy, Debug, PartialEq)]
enum VacancyCause {
    /// The hours today's positions leave open do not give the vacancies needed the minimum.
    Hours(VacancyShortage),
    /// No rota has every vacancy at the minimum (proven by HiGHS).
    NoRotaAtTheMinimum,
}

/// How the vacancies came out against the minimum position, when it could not hold for all.
fn vacancy_report(
    scenario: &Scenario,
    instance: &Instance,
    cause: Option<VacancyCause>,
    lines: &[super::ProposedLine],
) -> Option<TargetReport> {
    let cause = cause?;
    let pct = instance.min_position_pct;
    let pct_weekly_hours = pct / 100.0 * instance.full_time_hours;
    let vacancies: Vec<&super::ProposedLine> =
        lines.iter().filter(|l| l.employee.is_none()).collect();
    let reached = vacancies
        .iter()
        .filter(|l| l.position_pct + 0.05 >= pct)
        .count() as u32;
    let (target, room) = match cause {
        VacancyCause::Hours(shortage) => (
            Target::VacancyMinimum {
                pct,
                pct_weekly_hours,
                heads_needed: shortage.heads_needed,
                staff: scenario.staff.len() as u32,
                vacancies: shortage.vacancies,
                spare_weekly_hours: shortage.spare_weekly_hours,
            },
            (shortage.spare_weekly_hours / pct_weekly_hours + 1e-9).floor() as u32,
        ),
        // Proven: not every vacancy can reach it, so at least one stays under.
        VacancyCause::NoRotaAtTheMinimum => (
            Target::VacancyMinimumNoRota { pct },
            (vacancies.len() as u32).saturating_sub(1),
        ),
    };
    Some(TargetReport {
        target,
        lines: vacancies.len() as u32,
        reached,
        best_possible: room.min(vacancies.len() as u32).max(reached),
    })
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
/// then the total); then the fewest vacancies.
///
/// First the rota is counted per line, shift and weekday ([`aggregate`]): counts that cannot
/// keep everyone's position prove that no rota can, with the rule that blocks them; else their
/// least cost bounds every rota's, and a rota that reaches it is proven optimal.
///
/// HiGHS often finds no first rota for the whole model within the limit, so the search goes in
/// steps, each from the rota before: a short try at the whole model (it also proves a unit
/// infeasible quickly); else a rota without the positions, repaired until everyone keeps
/// theirs ([`repair`]); the counts' hours per line tried as a target; the wishes raised as far
/// as the hours allow ([`wishes`]); with at-least coverage, every line brought down to its
/// smallest whole-shift size; then the optimisation, started from that rota and stopped at the
/// counts' bound. Whichever step reaches the bound (or an arithmetic optimum) proves the
/// result.
pub(super) fn solve_today(
    scenario: &Scenario,
    quality_seconds: f64,
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
    let mut vacancy_cause = vacancy_floor(scenario, instance).1.map(VacancyCause::Hours);
    // Counted per line, shift and weekday: when the counts cannot keep everyone's position,
    // no rota can (and it is proven at once, where the day-by-day search could only run out).
    let floored = |l: &LineSpec| l.holder == Holder::Vacancy && l.min_hours > 0.0;
    let seconds = (remaining() * 0.3).min(6.0);
    let mut counts = aggregate::today_bound(instance, &lines, &[], &[], seconds, control, started);
    if matches!(counts, aggregate::Counts::Impossible) && lines.iter().any(floored) {
        for line in lines.iter_mut().filter(|l| floored(l)) {
            line.min_hours = 0.0;
        }
        vacancy_cause = Some(VacancyCause::NoRotaAtTheMinimum);
        counts = aggregate::today_bound(instance, &lines, &[], &[], seconds, control, started);
    }
    if matches!(counts, aggregate::Counts::Impossible) {
        trace(started, "counts: impossible");
        report.status = SolveStatus::Infeasible;
        report.diagnosis = explain_impossible_counts(scenario, instance, &lines, control, started);
        return;
    }
    // The counts' hours per line, each line on the side of nights or days the counts chose:
    // HiGHS often finds that rota at once, and it reaches the bound.
    // With at-least coverage, only counts with their over-staffing proven give hours worth the
    // try: HiGHS seldom finds their rota, and the time is the first rota's.
    let worth_trying = |bound: &aggregate::TodayBound| {
        instance.coverage_exact || bound.levels.first().is_some_and(|first| first.proven)
    };
    // With at-least coverage and nights apart, HiGHS finds no rota at the counts' hours in
    // seconds (unit_001: none in 60 s), but one on the counts' sides of nights and days at 80 %
    // of the positions at once, which the repair brings to the counts' hours.
    let counted_first = match &counts {
        aggregate::Counts::Bound(bound)
            if worth_trying(bound)
                && !instance.coverage_exact
                && instance.separate_night_lines() =>
        {
            let targets = overstaffing_targets(instance, &lines, Some(bound));
            fresh_on_counted_sides(
                instance, &lines, &targets, bound, None, control, started, remaining,
            )
            .and_then(|fresh| {
                if everyone_keeps_their_floor(instance, &lines, &fresh.cells) {
                    return Some(fresh.cells);
                }
                // Near the counts' hours but a line under today's position: repaired to the
                // positions alone, it is a first rota still (unit_026: 0.2 h short).
                let positions = with_soft_hours(
                    &lines,
                    lines.iter().map(|l| (l.min_hours, l.max_hours)),
                    Floors::Soft,
                );
                let seconds = (remaining() * 0.2).min(3.0);
                let repaired = repair::reach_hours(
                    instance,
                    &positions,
                    fresh.cells,
                    seconds,
                    control,
                    started,
                );
                everyone_keeps_their_floor(instance, &lines, &repaired.cells)
                    .then_some(repaired.cells)
            })
        }
        aggregate::Counts::Bound(bound) if worth_trying(bound) => {
            counted_rota(instance, &lines, bound, control, started, remaining)
        }
        _ => None,
    };
    let mut tried_counted =
        matches!(&counts, aggregate::Counts::Bound(bound) if worth_trying(bound));
    let mut first = match counted_first {
        Some(cells) => Some(cells),
        None => first_rota(
            scenario, instance, &lines, report, control, started, remaining,
        ),
    };
    // The minimum position is a target for vacancies too: when no rota has every vacancy at it
    // (qualification needs can ask for a vacancy the hours leave no room for), they go under it.
    if first.is_none()
        && report.status == SolveStatus::Infeasible
        && lines.iter().any(floored)
        && remaining() > 1.0
    {
        control.set_phase("ledige linjer under minstestillingen".into(), started);
        for line in lines.iter_mut().filter(|l| floored(l)) {
            line.min_hours = 0.0;
        }
        report.diagnosis.clear();
        first = first_rota(
            scenario, instance, &lines, report, control, started, remaining,
        );
        vacancy_cause = Some(VacancyCause::NoRotaAtTheMinimum);
        counts = aggregate::Counts::Unknown;
        tried_counted = false;
    }
    let Some(mut cells) = first else {
        diagnose_locks(
            scenario, instance, &lines, report, control, started, remaining,
        );
        return;
    };
    control.set_phase("ønsker og færre ledige stillinger".into(), started);
    let fewest_vacancies = fewest_vacancies(instance, &lines);
    // The rota counted per line, shift and weekday: the least cost any rota can have, and hours
    // per line that reach it, tried first.
    if !matches!(counts, aggregate::Counts::Bound(_)) {
        let seconds = (remaining() * 0.1).min(3.0);
        counts = aggregate::today_bound(instance, &lines, &[], &[], seconds, control, started);
    }
    let mut bound = match counts {
        aggregate::Counts::Bound(bound) => Some(bound),
        _ => None,
    };
    // The levels proven at the rota, after those the counts proved (see aggregate::prove_rota).
    let prove_at_rota = |known: &[aggregate::LevelBound], cells: &Cells, seconds: f64| {
        let hours = hours_per_line(instance, cells);
        aggregate::prove_rota(instance, &lines, known, &hours, seconds, control, started)
    };
    // A rota at the counts' best that the counts have not proven: only the proof is missing.
    // Each level left is asked whether any counts do better than the rota there.
    if let Some(unproven) = bound.as_mut().filter(|bound| !bound.proven)
        && aggregate::rota_cost(instance, &lines, &cells)
            <= aggregate::today_cost(instance, &lines, &unproven.target_hours) + 1e-6
    {
        let seconds = (remaining() * 0.6).min(12.0);
        let levels = prove_at_rota(&unproven.levels, &cells, seconds);
        unproven.proven = levels.len() == aggregate::levels_of(instance, &lines).len();
        if levels.len() > unproven.levels.iter().take_while(|b| b.proven).count() {
            unproven.levels = levels;
        }
    }
    let bound = bound;
    let at_bound = |cells: &Cells| {
        bound.as_ref().is_some_and(|bound| {
            bound.reached_by(instance, &lines, &hours_per_line(instance, cells))
        })
    };
    let mut proven = at_bound(&cells);
    if let Some(bound) = bound.as_ref().filter(|_| !proven) {
        let target_cost = aggregate::today_cost(instance, &lines, &bound.target_hours);
        let rota_cost = aggregate::rota_cost(instance, &lines, &cells);
        trace(
            started,
            &format!(
                "counts: {:?} (proven {}), target cost {target_cost:.3}, the rota {rota_cost:.3}",
                bound.levels, bound.proven
            ),
        );
        if target_cost < rota_cost - 1e-6 {
            let window: Vec<(f64, f64)> = bound
                .target_hours
                .iter()
                .map(|&hours| (hours - 1e-6, hours + 1e-6))
                .collect();
            // Counts found after the first rota have not been tried day by day yet.
            let counted = (!tried_counted).then(|| counted_families(instance, &lines, bound));
            let window = wishes::Window {
                hours: &window,
                highs_lines: counted.as_deref(),
            };
            match wishes::reach_window(
                instance, &lines, &cells, window, control, started, remaining,
            ) {
                wishes::Reached::Within(reached) | wishes::Reached::Better(reached) => {
                    cells = reached;
                    proven = at_bound(&cells);
                }
                wishes::Reached::No => {}
            }
        }
    }
    // The counts' bound on the largest wish shortfall, where it is their first level (a later
    // level's bound holds only at the optimum of the ones before).
    let counted_largest = bound
        .as_ref()
        .and_then(|bound| bound.levels.first())
        .filter(|first| first.level == aggregate::Level::LargestShortfall)
        .map(|first| first.at_least);
    // With at-least coverage, hours above today's positions are over-staffing, which comes
    // before the wishes: raising them first would only make the search climb back down.
    if !proven
        && instance.coverage_exact
        && let Some((level_proven, raised)) = wishes::fairest_wishes(
            instance,
            &lines,
            &cells,
            counted_largest,
            control,
            started,
            remaining,
        )
    {
        cells = raised;
        proven = level_proven || at_bound(&cells);
    }
    // A rota better than the counts' best found: only the proof may be missing.
    if !proven
        && instance.coverage_exact
        && remaining() > 1.0
        && let Some(bound) = bound.as_ref()
    {
        let seconds = (remaining() * 0.3).min(5.0);
        let levels = prove_at_rota(&bound.levels, &cells, seconds);
        proven = levels.len() == aggregate::levels_of(instance, &lines).len();
    }
    if !instance.coverage_exact && !proven {
        let (tight, tightened) = least_overstaffing(
            instance,
            &lines,
            cells,
            bound.as_ref(),
            control,
            started,
            remaining,
        );
        cells = tightened;
        proven = tight || at_bound(&cells);
    }
    if !proven && remaining() > 0.5 {
        // The counts' optimum, as the model's objective: a rota there is as good as it gets.
        let stop_at = bound.as_ref().filter(|bound| bound.proven).map(|bound| {
            let cost = aggregate::today_cost(instance, &lines, &bound.target_hours);
            aggregate::as_model_objective(instance, cost)
        });
        (proven, cells) = optimise(
            instance, &lines, cells, stop_at, control, started, remaining,
        );
    }
    // The quality phase: every line keeps its hours, so positions and wishes stay as they are.
    let mut quality_phase = None;
    if quality_seconds > 0.0 {
        let phase_started = Instant::now();
        control.set_phase("linjekvalitet".into(), started);
        let before = cells.clone();
        let improved = quality::improve(instance, &lines, cells, quality_seconds, control, started);
        cells = improved.cells;
        quality_phase = Some((before, improved.score_after <= 1e-9, phase_started));
    }
    let in_use = used_vacancies(&lines, &cells);
    let arithmetic_optimum = instance.coverage_exact
        && wishes_met(instance, &lines, &cells)
        && in_use <= fewest_vacancies;
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
    // An empty vacancy is no position.
    let kept: Vec<usize> = (0..lines.len())
        .filter(|&l| lines[l].holder != Holder::Vacancy || cells[l].iter().any(Option::is_some))
        .collect();
    let kept_cells: Cells = kept.iter().map(|&l| cells[l].clone()).collect();
    if let Some((before, proven, phase_started)) = quality_phase {
        let before: Cells = kept.iter().map(|&l| before[l].clone()).collect();
        report.quality_phase = Some(QualityPhase {
            cells_before: lines_from_cells(instance, &before)
                .into_iter()
                .map(|l| l.cells)
                .collect(),
            proven,
            seconds: phase_started.elapsed().as_secs_f64(),
        });
    }
    let mut proposed = lines_from_cells(instance, &kept_cells);
    let mut fixed = Vec::with_capacity(proposed.len());
    for (line, &l) in proposed.iter_mut().zip(&kept) {
        fixed.push(lines[l].qualification);
        if let Holder::Employee(index) = lines[l].holder {
            line.employee = Some(names[index].clone());
        }
    }
    // Vacancies are advertised with the lowest qualification the needs allow.
    qualify::label_qualifications(instance, &mut proposed, &fixed);
    report.proven_lower_bound_heads = report.bounds.heads_needed;
    report.lines = proposed;
    report.targets = wish_reports(scenario, instance, &report.lines);
    report.targets.extend(vacancy_report(
        scenario,
        instance,
        vacancy_cause,
        &report.lines,
    ));
    if let Some(bound) = &bound {
        report.targets.extend(bound_report(
            instance,
            &lines,
            bound,
            &hours_per_line(instance, &cells),
        ));
    }
    set_objective(report, in_use as f64, fewest_vacancies as f64);
}

/// The first level of the objective where the rota is above the counts' bound, with both.
fn bound_report(
    instance: &Instance,
    lines: &[LineSpec],
    bound: &aggregate::TodayBound,
    hours: &[f64],
) -> Option<TargetReport> {
    use aggregate::Level;
    let (first, got) = bound.first_level_missed(instance, lines, hours)?;
    let pct_of_full_time = |hours: f64| hours / instance.full_time_cycle_hours() * 100.0;
    let (level, scale): (TodayLevel, &dyn Fn(f64) -> f64) = match first.level {
        Level::OverStaffing => (TodayLevel::OverStaffing, &|h| h / instance.weeks as f64),
        Level::LargestShortfall => (TodayLevel::LargestWishShortfall, &pct_of_full_time),
        Level::TotalShortfall => (TodayLevel::TotalWishShortfall, &pct_of_full_time),
        Level::Vacancies => (TodayLevel::Vacancies, &|count| count),
    };
    Some(TargetReport {
        target: Target::TodayBound {
            level,
            got: scale(got),
            at_least: scale(first.at_least.max(0.0)),
        },
        lines: 1,
        reached: 0,
        best_possible: 1,
    })
}

/// Why the counts cannot keep everyone's position: that they cannot, then each rule that, left
/// out, would let them.
fn explain_impossible_counts(
    scenario: &Scenario,
    instance: &Instance,
    lines: &[LineSpec],
    control: &SolveControl,
    started: Instant,
) -> Vec<Diagnosis> {
    use aggregate::Rule;
    let mut diagnosis = vec![Diagnosis::TodayPositionsDoNotFit];
    let values = RuleValues::of(scenario);
    let applies = |rule: Rule| match rule {
        Rule::Weekends => instance.weekend_frequency >= 2,
        Rule::Sundays => instance.sunday_off_after_sunday_work,
        Rule::NightLinesApart => instance.separate_night_lines(),
        Rule::Qualifications => !instance.qualified_need.is_empty(),
    };
    let rules = [
        Rule::Weekends,
        Rule::Sundays,
        Rule::NightLinesApart,
        Rule::Qualifications,
    ];
    for rule in rules.into_iter().filter(|&rule| applies(rule)) {
        if aggregate::counts_exist(instance, lines, &[rule], 1.0, control, started) != Some(true) {
            continue;
        }
        let family = match rule {
            Rule::Weekends => RuleFamily::WeekendFrequency,
            Rule::Sundays => RuleFamily::SundayWork,
            Rule::NightLinesApart => RuleFamily::FullTimeKind,
            Rule::Qualifications => {
                diagnosis.push(super::diagnose::qualified_needs(instance));
                continue;
            }
        };
        diagnosis.push(Diagnosis::CountFitsWithout {
            rule: family,
            values,
        });
    }
    diagnosis
}

/// A rota where everyone keeps today's position, or None with the report's status set.
fn first_rota(
    scenario: &Scenario,
    instance: &Instance,
    lines: &[LineSpec],
    report: &mut SolveReport,
    control: &SolveControl,
    started: Instant,
    remaining: &dyn Fn() -> f64,
) -> Option<Cells> {
    let fail = |report: &mut SolveReport, status: RunStatus| {
        report.status = match status {
            RunStatus::Infeasible => SolveStatus::Infeasible,
            RunStatus::Cancelled => SolveStatus::Cancelled,
            _ => SolveStatus::Timeout,
        };
        None
    };
    // Where the need is met at least, HiGHS's first rota fills lines with shifts no day needs,
    // which the steps after must take away again one by one: first it is asked for one with
    // every line within a shift of its least size.
    let near = (!instance.coverage_exact).then(|| near_least_size(instance, lines));
    if let Some(near) = &near {
        let seconds = (remaining() * 0.2).min(3.0);
        let (_, found) = find_rota_for(instance, near, Goal::AnyRota, seconds, control, started);
        trace(
            started,
            &format!("near the least size: {}", found.is_some()),
        );
        if let Some(found) = found {
            return Some(cells_of(instance, &found));
        }
    }
    // The whole model, briefly: small units start at once, and an impossible one is proven so.
    let probe = (remaining() * 0.25)
        .min(4.0)
        .max((remaining() * 0.5).min(2.0));
    let (status, found) = find_rota_for(instance, lines, Goal::AnyRota, probe, control, started);
    if let Some(found) = found {
        return Some(cells_of(instance, &found));
    }
    if matches!(status, RunStatus::Infeasible | RunStatus::Cancelled) {
        return fail(report, status);
    }
    // Without the positions HiGHS finds a rota in a second or two; repair then gives everyone
    // theirs back.
    let free = |lines: &[LineSpec]| -> Vec<LineSpec> {
        lines
            .iter()
            .map(|l| LineSpec {
                min_hours: 0.0,
                ..l.clone()
            })
            .collect()
    };
    let mut found = None;
    if let Some(near) = &near {
        let seconds = (remaining() * 0.3).min(4.0);
        (_, found) = find_rota_for(
            instance,
            &free(near),
            Goal::AnyRota,
            seconds,
            control,
            started,
        );
        trace(
            started,
            &format!("free, near the least size: {}", found.is_some()),
        );
    }
    let mut status = RunStatus::Feasible;
    if found.is_none() {
        (status, found) = find_rota_for(
            instance,
            &free(lines),
            Goal::AnyRota,
            remaining(),
            control,
            started,
        );
    }
    let Some(found) = found else {
        return fail(report, status);
    };
    control.set_phase("alle beholder dagens stilling".into(), started);
    let targets = with_soft_hours(
        lines,
        lines.iter().map(|l| (l.min_hours, l.max_hours)),
        Floors::Soft,
    );
    // A little is kept back to tell a position no line can hold from one not reached in time.
    let reserve = (remaining() * 0.1).min(2.0);
    let repaired = repair::reach_hours(
        instance,
        &targets,
        cells_of(instance, &found),
        remaining() - reserve,
        control,
        started,
    );
    if repaired.hours_outside > 1e-6 {
        let short_lines: Vec<usize> = (0..lines.len())
            .filter(|&l| matches!(lines[l].holder, Holder::Employee(_)))
            .filter(|&l| line_hours(instance, &repaired.cells[l]) < lines[l].min_hours - 1e-6)
            .collect();
        // Said by name when a position cannot be held within the rules at all.
        for &l in &short_lines {
            let Holder::Employee(index) = lines[l].holder else {
                continue;
            };
            if locks::line_alone_impossible(instance, &lines[l], &[], control, started, remaining) {
                let employee = &scenario.staff[index];
                report.diagnosis.push(Diagnosis::PositionImpossible {
                    employee: employee.name.trim().to_string(),
                    position_pct: employee.position_pct,
                });
                return fail(report, RunStatus::Infeasible);
            }
        }
        let short: Vec<f64> = short_lines
            .iter()
            .map(|&l| lines[l].min_hours - line_hours(instance, &repaired.cells[l]))
            .collect();
        if !short.is_empty() {
            report.diagnosis.push(Diagnosis::PositionsNotYetKept {
                employees: short.len() as u32,
                hours_per_week: short.iter().sum::<f64>() / instance.weeks as f64,
            });
        }
        return fail(report, RunStatus::TimeLimit);
    }
    Some(repaired.cells)
}

/// Why there is no rota when lines are locked ([`locks::diagnose`]), the lines by their holders.
fn diagnose_locks(
    scenario: &Scenario,
    instance: &Instance,
    lines: &[LineSpec],
    report: &mut SolveReport,
    control: &SolveControl,
    started: Instant,
    remaining: &dyn Fn() -> f64,
) {
    let label = |l: usize| match lines[l].holder {
        Holder::Employee(index) => {
            locks::LockedLine::Employee(scenario.staff[index].name.trim().to_string())
        }
        _ => locks::LockedLine::Number(l as u32 + 1),
    };
    locks::diagnose(
        instance,
        lines,
        &label,
        RuleValues::of(scenario),
        report,
        control,
        started,
        remaining,
    );
}

/// A rota whose lines have at most the counts' hours, each on the side of nights or days the
/// counts put it: with the need met exactly, that is the counts' hours and their bound; with
/// the need met at least, no more over-staffing than the counts have. When HiGHS finds one
/// within a few seconds.
fn counted_rota(
    instance: &Instance,
    lines: &[LineSpec],
    bound: &aggregate::TodayBound,
    control: &SolveControl,
    started: Instant,
    remaining: &dyn Fn() -> f64,
) -> Option<Cells> {
    let capped: Vec<LineSpec> = counted_families(instance, lines, bound)
        .into_iter()
        .zip(&bound.target_hours)
        .map(|(line, &hours)| LineSpec {
            max_hours: hours + 1e-6,
            ..line
        })
        .collect();
    let seconds = (remaining() * 0.1).min(2.0);
    let (status, found) =
        find_rota_for(instance, &capped, Goal::AnyRota, seconds, control, started);
    trace(
        started,
        &format!("the counts' hours, day by day: {status:?}"),
    );
    found.map(|found| cells_of(instance, &found))
}

/// The lines with each night-or-day line on the side the counts put it.
fn counted_families(
    instance: &Instance,
    lines: &[LineSpec],
    bound: &aggregate::TodayBound,
) -> Vec<LineSpec> {
    lines
        .iter()
        .enumerate()
        .map(|(l, line)| {
            let family = match line.family {
                ShiftFamily::NightsOrDays if instance.separate_night_lines() => {
                    if bound.target_nights[l] {
                        ShiftFamily::NightsOnly
                    } else {
                        ShiftFamily::NoNights
                    }
                }
                family => family,
            };
            LineSpec {
                family,
                ..line.clone()
            }
        })
        .collect()
}

/// Whether the repair's lines keep today's position as a hard floor.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Floors {
    /// From a rota without the positions: the floor is a target to reach.
    Soft,
    /// From a rota that keeps them: every step keeps them too.
    Hard,
}

/// The lines with `windows` as the hours to reach (the repair's lines).
pub(super) fn with_soft_hours(
    lines: &[LineSpec],
    windows: impl IntoIterator<Item = (f64, f64)>,
    floors: Floors,
) -> Vec<LineSpec> {
    lines
        .iter()
        .zip(windows)
        .map(|(l, window)| LineSpec {
            min_hours: match floors {
                Floors::Soft => 0.0,
                Floors::Hard => l.min_hours,
            },
            soft_hours: Some(window),
            ..l.clone()
        })
        .collect()
}

/// The lines with every employee's maximum within a shift of the least whole-shift size that
/// keeps today's position.
fn near_least_size(instance: &Instance, lines: &[LineSpec]) -> Vec<LineSpec> {
    let longest = instance.shifts.iter().map(|s| s.hours).fold(0.0, f64::max);
    lines
        .iter()
        .map(|l| LineSpec {
            max_hours: match l.holder {
                Holder::Employee(_) => l
                    .max_hours
                    .min(smallest_line_hours(instance, l.min_hours) + longest),
                _ => l.max_hours,
            },
            ..l.clone()
        })
        .collect()
}

/// The least over-staffing's lines: each employee between today's position (hard) and the
/// least whole-shift size, or the counts' hours where there are counts: the vacancies the
/// weekends need keep the hours they need there; an employee may keep a wish the hours leave
/// room for.
fn overstaffing_targets(
    instance: &Instance,
    lines: &[LineSpec],
    bound: Option<&aggregate::TodayBound>,
) -> Vec<LineSpec> {
    let counted = |l: usize| bound.map_or(0.0, |bound| bound.target_hours[l]);
    with_soft_hours(
        lines,
        lines.iter().enumerate().map(|(index, l)| match l.holder {
            Holder::Vacancy => (0.0, counted(index)),
            _ => (
                l.min_hours,
                smallest_line_hours(instance, l.min_hours)
                    .max(l.min_hours)
                    .max(counted(index)),
            ),
        }),
        Floors::Hard,
    )
}

/// With at-least coverage: every employee's line at the smallest whole-shift size that keeps
/// today's position, and no vacancy. Reached, the over-staffing is the least possible (proven).
fn least_overstaffing(
    instance: &Instance,
    lines: &[LineSpec],
    cells: Cells,
    bound: Option<&aggregate::TodayBound>,
    control: &SolveControl,
    started: Instant,
    remaining: &dyn Fn() -> f64,
) -> (bool, Cells) {
    let targets = overstaffing_targets(instance, lines, bound);
    // Afresh on the counts' sides where the rota's sides are not theirs; kept when nearer to
    // the counts' hours, and the trim and the repair go on from there.
    let hours_outside = |cells: &Cells| -> f64 {
        targets
            .iter()
            .zip(cells)
            .map(|(spec, line)| repair::outside(instance, spec, line))
            .sum()
    };
    let original = cells.clone();
    let mut cells = cells;
    // Only where the counts' over-staffing is proven: other counts' hours are no target worth
    // the time (unit_039: 4 s for a rota further from the positions).
    let first_level_proven =
        |bound: &&aggregate::TodayBound| bound.levels.first().is_some_and(|first| first.proven);
    if let Some(fresh) = bound.filter(first_level_proven).and_then(|bound| {
        fresh_on_counted_sides(
            instance,
            lines,
            &targets,
            bound,
            Some(&cells),
            control,
            started,
            remaining,
        )
    }) {
        let kept = everyone_keeps_their_floor(instance, lines, &fresh.cells);
        if kept && fresh.hours_outside <= 1e-6 {
            return (false, fresh.cells);
        }
        if kept && fresh.hours_outside < hours_outside(&cells) {
            cells = fresh.cells;
        }
    }
    // Shifts on days above their need go first, without HiGHS; the repair moves the rest.
    let high: Vec<f64> = targets
        .iter()
        .map(|l| l.soft_hours.map_or(l.max_hours, |(_, high)| high))
        .collect();
    let seconds = (remaining() * 0.2).min(4.0);
    let (trimmed, taken) =
        trim::trim_overstaffing(instance, lines, cells.clone(), &high, seconds, control);
    trace(started, &format!("trim: {taken:.1} h taken away"));
    // Most of what is left: the last HiGHS run seldom improves on the repair's rota in time.
    let seconds = (remaining() * 0.8).min(20.0);
    let repaired = repair::reach_hours(instance, &targets, trimmed, seconds, control, started);
    trace(
        started,
        &format!(
            "least over-staffing: {:.1} h outside",
            repaired.hours_outside
        ),
    );
    // Only hours at the floor count: a line that stays above is no worse than before. Every
    // line at its smallest size and no vacancy is the least over-staffing there is; the counts'
    // windows are wider, so there the caller compares with the bound instead.
    if everyone_keeps_their_floor(instance, lines, &repaired.cells) {
        let smallest = bound.is_none() && repaired.hours_outside <= 1e-6;
        (smallest, repaired.cells)
    } else {
        (false, original)
    }
}

/// The share of today's position each line keeps for certain in [`fresh_on_counted_sides`]'s
/// first rota: with all of it HiGHS takes 17 s on unit_001, with 80 % half a second.
const FRESH_FLOOR_SHARE: f64 = 0.8;

/// Where nights and days are kept apart, a night line's hours are whole nights, so which lines
/// work nights decides how far each lies above today's position. When the rota's night lines
/// are not the counts', the few-lines repair cannot move a line across (its nights go with it):
/// unit_001 stays 15–23 h above the counts' over-staffing. So a rota is planned afresh with each
/// line on the side the counts put it and 80 % of its position, and repaired to the counts'
/// hours (a line under today's position lies outside them too). Returned with the hours it
/// lies outside: none, and the rota is at the counts' optimum.
#[allow(clippy::too_many_arguments)]
fn fresh_on_counted_sides(
    instance: &Instance,
    lines: &[LineSpec],
    targets: &[LineSpec],
    bound: &aggregate::TodayBound,
    cells: Option<&Cells>,
    control: &SolveControl,
    started: Instant,
    remaining: &dyn Fn() -> f64,
) -> Option<repair::Repaired> {
    if !instance.separate_night_lines() {
        return None;
    }
    let sides = counted_families(instance, targets, bound);
    let works_nights = |line: &[Option<usize>], night: bool| {
        line.iter()
            .flatten()
            .any(|&s| instance.shifts[s].night == night)
    };
    let on_the_wrong_side = |cells: &Cells, l: usize| match sides[l].family {
        ShiftFamily::NightsOnly => works_nights(&cells[l], false),
        ShiftFamily::NoNights => works_nights(&cells[l], true),
        _ => false,
    };
    if cells.is_some_and(|cells| !(0..lines.len()).any(|l| on_the_wrong_side(cells, l))) {
        return None;
    }
    let first: Vec<LineSpec> = near_least_size(instance, &sides)
        .into_iter()
        .map(|l| LineSpec {
            min_hours: l.min_hours * FRESH_FLOOR_SHARE,
            ..l
        })
        .collect();
    let seconds = (remaining() * 0.25).min(4.0);
    let (status, found) = find_rota_for(instance, &first, Goal::AnyRota, seconds, control, started);
    trace(started, &format!("afresh on the counts' sides: {status:?}"));
    let windows = targets
        .iter()
        .map(|l| l.soft_hours.unwrap_or((l.min_hours, l.max_hours)));
    let soft = with_soft_hours(&sides, windows, Floors::Soft);
    let seconds = remaining() * 0.5;
    let repaired = repair::reach_hours(
        instance,
        &soft,
        cells_of(instance, &found?),
        seconds,
        control,
        started,
    );
    trace(
        started,
        &format!(
            "afresh on the counts' sides: {:.1} h outside",
            repaired.hours_outside
        ),
    );
    Some(repaired)
}

/// Whether every employee's line is at or above its floor (today's position) and every used
/// vacancy at its minimum: what the repair, whose lines have no hard floor, must leave.
pub(super) fn everyone_keeps_their_floor(
    instance: &Instance,
    lines: &[LineSpec],
    cells: &Cells,
) -> bool {
    lines
        .iter()
        .zip(hours_per_line(instance, cells))
        .all(|(l, hours)| {
            l.holder == Holder::Vacancy && hours == 0.0 || hours + 1e-6 >= l.min_hours
        })
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

/// Whether every wish is met in a rota (in whole shifts: the smallest line reaching it).
fn wishes_met(instance: &Instance, lines: &[LineSpec], cells: &Cells) -> bool {
    lines.iter().zip(cells).all(|(spec, line)| {
        spec.wanted_hours.is_none_or(|wanted| {
            let wanted = smallest_line_hours(instance, wanted.min(spec.max_hours));
            line_hours(instance, line) + 1e-6 >= wanted.min(spec.max_hours)
        })
    })
}

/// The today-mode optimisation, started from `cells`; whether HiGHS proved it, and the best.
fn optimise(
    instance: &Instance,
    lines: &[LineSpec],
    cells: Cells,
    stop_at_objective: Option<f64>,
    control: &SolveControl,
    started: Instant,
    remaining: &dyn Fn() -> f64,
) -> (bool, Cells) {
    // With the need met exactly there is no over-staffing to lower: met wishes and the fewest
    // vacancies are the optimum.
    if instance.coverage_exact
        && wishes_met(instance, lines, &cells)
        && used_vacancies(lines, &cells) <= fewest_vacancies(instance, lines)
    {
        return (true, cells);
    }
    if remaining() <= control.build_estimate() {
        return (false, cells);
    }
    trace(started, &format!("optimise: HiGHS {:.1} s", remaining()));
    let built = model::build(instance, lines, Goal::Today, &[]);
    // The start: the rota as it is; HiGHS works out its shortfalls.
    let rows: Vec<&[Option<usize>]> = cells.iter().map(Vec::as_slice).collect();
    let start = start_values(&built, &rows);
    let x = built.x.clone();
    let result = run_model(
        built,
        remaining(),
        stop_at_objective,
        Some(&start),
        control,
        started,
    );
    match result.status {
        RunStatus::Optimal | RunStatus::Feasible => {
            let found = cells_from_values(&x, &result.values, instance.days);
            // HiGHS may drop a start it cannot complete and return something worse in time
            // (over-staffing included: it comes before the wishes).
            let (after, before) = (
                aggregate::rota_cost(instance, lines, &found),
                aggregate::rota_cost(instance, lines, &cells),
            );
            trace(
                started,
                &format!("optimise: cost {before:.3} -> {after:.3}"),
            );
            if result.status == RunStatus::Optimal || after <= before + 1e-6 {
                (result.status == RunStatus::Optimal, found)
            } else {
                (false, cells)
            }
        }
        _ => (false, cells),
    }
}

fn used_vacancies(lines: &[LineSpec], cells: &Cells) -> usize {
    lines
        .iter()
        .zip(cells)
        .filter(|(spec, line)| spec.holder == Holder::Vacancy && line.iter().any(Option::is_some))
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

/// The largest sum of whole shifts of `family` that stays within `at_most` hours. A line that
/// may take nights or days but not both takes the better of the two.
fn largest_line_hours(instance: &Instance, family: ShiftFamily, at_most: f64) -> f64 {
    if family == ShiftFamily::NightsOrDays && instance.separate_night_lines() {
        return largest_line_hours(instance, ShiftFamily::NightsOnly, at_most)
            .max(largest_line_hours(instance, ShiftFamily::NoNights, at_most));
    }
    let minutes = super::shift_minutes(instance, |s| super::ideal::in_family(family, s.night));
    let limit = (at_most * 60.0 + 1e-6).floor().max(0.0) as usize;
    let reachable = super::whole_shift_sums(&minutes, limit);
    (0..=limit).rev().find(|&t| reachable[t]).unwrap_or(0) as f64 / 60.0
}
