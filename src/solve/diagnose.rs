//! Why there is no rota, in words a manager understands: which shifts cannot be covered on which
//! days, and which rule, relaxed alone, would make it possible.

use super::instance::Instance;
use super::model::{self, Goal, Holder, LineSpec, RuleFamily, ShiftFamily};
use super::run::{RunStatus, SolveControl, run_model};
use crate::model::{Scenario, SolveMode, WEEKDAYS_EN};
use std::time::Instant;

/// Problems visible without solving: shifts too long to plan, a floor that cannot be met,
/// more positions today than hours to fill.
pub fn before_solving(scenario: &Scenario, instance: &Instance, mode: SolveMode) -> Vec<String> {
    let mut problems = Vec::new();
    let rules = &scenario.rules;
    for shift in &scenario.shifts {
        let needed = scenario
            .needs
            .get(shift.code.trim())
            .is_some_and(|n| n.iter().any(|&c| c > 0));
        if needed && shift.hours() > rules.max_shift_hours + 1e-9 {
            problems.push(format!(
                "Shift {} ({}) is {:.1} h, longer than the longest shift allowed, {:.1} h (AML § 10-5 (1)): its need cannot be covered. Shorten the shift or raise rules.max_shift_hours if an agreement allows it.",
                shift.code, shift.name, shift.hours(), rules.max_shift_hours
            ));
        }
    }
    // AML § 10-4 (4): working Sundays at least every 3rd week makes full time at most 35.5 h.
    let sunday_need = scenario
        .needs
        .values()
        .any(|counts| counts.get(crate::model::SUNDAY).is_some_and(|&n| n > 0));
    if let crate::model::FullTimeHours::Hours(hours) = scenario.rota.full_time
        && hours > rules.rota_full_time_hours + 1e-9
        && sunday_need
        && scenario.rota.weekend_frequency <= 3
    {
        problems.push(format!(
            "Full time (rota.full_time) is {hours:.1} h per week, but every line works Sundays every {} weekend, at least every 3rd week: such a rota's full time is at most {:.1} h (AML § 10-4 (4)); {:.1} h is for day work (HTA § 4.2.1). Positions would be measured wrongly. Set full time to {:.1} h or to the 3-shift rule.",
            crate::rules::ordinal(scenario.rota.weekend_frequency),
            rules.rota_full_time_hours,
            rules.day_work_full_time_hours,
            rules.rota_full_time_hours
        ));
    }
    if instance.shifts.is_empty() {
        problems.push("The needs are all zero: there is nothing to plan. Enter the headcount per shift and weekday.".into());
    }
    if scenario.staff.is_empty() && instance.shifts.is_empty() {
        return problems;
    }
    let full_cycle = instance.full_time_cycle_hours();
    let need_hours = instance.cycle_need_hours();
    let staff_hours: f64 = scenario
        .staff
        .iter()
        .map(|e| e.position_pct / 100.0 * full_cycle)
        .sum();
    // Only today mode plans with today's staff; ideal and rotating modes ignore them.
    if mode == SolveMode::Today
        && instance.coverage_exact
        && staff_hours > need_hours + 1e-6
        && !scenario.staff.is_empty()
    {
        problems.push(format!(
            "Today's positions add up to {:.1} h per week, more than the {:.1} h per week the needs require: with needs met exactly, nobody can keep their position in 'today' mode. Allow over-staffing (rules.coverage_exact: false) or check the needs.",
            staff_hours / instance.weeks as f64,
            need_hours / instance.weeks as f64
        ));
    }
    problems.retain(|p| !p.is_empty());
    problems
}

fn rule_name(family: RuleFamily, scenario: &Scenario) -> String {
    let rules = &scenario.rules;
    match family {
        RuleFamily::DailyRest => format!("the daily rest of {} h (AML § 10-8 (1))", rules.min_daily_rest_hours),
        RuleFamily::WeeklyRest => format!("the weekly rest of {} h (AML § 10-8 (2))", rules.min_weekly_rest_hours),
        RuleFamily::ConsecutiveDays => format!("at most {} work days in a row (the unit's rule)", rules.max_consecutive_work_days),
        RuleFamily::HoursPerWeek => format!("at most {} h in 7 days (AML § 10-5 (2))", rules.max_hours_single_week),
        RuleFamily::WeekendFrequency => format!("working only every {}. weekend", scenario.rota.weekend_frequency),
        RuleFamily::WholeWeekends => "working whole weekends (Saturday and Sunday)".into(),
        RuleFamily::SundayWork => "the Sunday after a worked Sunday off (AML § 10-8 (4))".into(),
        RuleFamily::PositionFloor => format!(
            "no line under {} % (rules.min_position_pct) and nobody below today's position",
            rules.min_position_pct
        ),
        RuleFamily::NightSeparation => "night shifts and day shifts on separate lines (full time is a fixed number of hours, not a 3-shift rota)".into(),
    }
}

/// The lines the diagnosis works with: generous ideal lines, or today's staff plus vacancies.
fn diagnosis_lines(scenario: &Scenario, instance: &Instance, mode: SolveMode) -> Vec<LineSpec> {
    match mode {
        SolveMode::Today => super::today::today_lines(
            scenario,
            instance,
            super::today::vacancy_count(scenario, instance) + 4,
        ),
        SolveMode::Ideal | SolveMode::Rotating => {
            let full_cycle = instance.full_time_cycle_hours();
            let bounds = crate::calc::bounds(scenario);
            let heads = (bounds.heads_needed as usize + 12).max(instance.weekend_frequency * 2);
            (0..heads)
                // Lines may stay empty here: the question is coverage, not heads.
                .map(|l| LineSpec {
                    holder: Holder::Vacancy,
                    family: ShiftFamily::NightsOrDays,
                    weekend_group: super::fixed_groups(instance)
                        .then_some(l % instance.weekend_frequency),
                    min_hours: 0.0,
                    max_hours: full_cycle,
                    wanted_hours: None,
                    qualification: None,
                })
                .collect()
        }
    }
}

/// What one diagnosis run said.
enum Slots {
    /// The proven least uncovered (shift, day) slots, with the counts.
    Proven(Vec<(usize, usize, f64)>),
    /// The lines cannot be planned at all, whatever the coverage (e.g. positions to keep).
    LinesImpossible,
    /// No proven answer within the time.
    Unknown,
}

fn uncovered_slots(
    instance: &Instance,
    lines: &[LineSpec],
    relaxed: &[RuleFamily],
    control: &SolveControl,
    seconds: f64,
) -> Slots {
    let building = Instant::now();
    let built = model::build(instance, lines, Goal::LeastUncovered, relaxed);
    let slots = built.uncovered.clone();
    let seconds = seconds - building.elapsed().as_secs_f64();
    let result = run_model(built, seconds, Some(0.0), None, control, Instant::now());
    match result.status {
        // Only a proven least number of empty shifts says which shifts cannot be covered.
        RunStatus::Optimal => Slots::Proven(
            slots
                .into_iter()
                .filter(|(_, column)| result.values[*column] > 0.5)
                .map(|((s, d), column)| (s, d, result.values[column].round()))
                .collect(),
        ),
        RunStatus::Infeasible => Slots::LinesImpossible,
        _ => Slots::Unknown,
    }
}

fn describe_slots(instance: &Instance, slots: &[(usize, usize, f64)]) -> Vec<String> {
    let mut messages = Vec::new();
    for (s, shift) in instance.shifts.iter().enumerate() {
        let days: Vec<&(usize, usize, f64)> = slots.iter().filter(|(t, _, _)| *t == s).collect();
        if days.is_empty() {
            continue;
        }
        let missing: f64 = days.iter().map(|(_, _, n)| n).sum();
        let total: f64 = (0..instance.days)
            .map(|d| f64::from(instance.need_on(s, d)))
            .sum();
        let places: Vec<String> = days
            .iter()
            .take(6)
            .map(|(_, d, _)| format!("{} week {}", WEEKDAYS_EN[d % 7], d / 7 + 1))
            .collect();
        let more = if days.len() > 6 {
            format!(" and {} more days", days.len() - 6)
        } else {
            String::new()
        };
        messages.push(format!(
            "Shift {} cannot be covered: {} of {} shifts in the cycle stay empty ({}{}).",
            shift.code,
            missing,
            total,
            places.join(", "),
            more
        ));
    }
    messages
}

/// Diagnoses an infeasible scenario within about `seconds`.
pub fn after_infeasible(
    scenario: &Scenario,
    instance: &Instance,
    mode: SolveMode,
    control: &SolveControl,
    seconds: f64,
) -> Vec<String> {
    let started = Instant::now();
    let lines = diagnosis_lines(scenario, instance, mode);
    // Each run gets an even share of what is left, so time a quick run saves goes to the next.
    let runs = RuleFamily::ALL.len() as f64 + 1.0;
    let share = |done: f64| (seconds - started.elapsed().as_secs_f64()).max(0.0) / (runs - done);
    let slots = match uncovered_slots(instance, &lines, &[], control, share(0.0)) {
        Slots::Proven(slots) => slots,
        Slots::LinesImpossible => {
            return vec![match mode {
                SolveMode::Today => "The lines themselves cannot be planned: not every employee can keep at least today's position within the rules and their restrictions (nights, maximum), whatever the coverage. Check positions above what the needs and rules allow.".into(),
                _ => "The lines themselves cannot be planned within the rules, whatever the coverage. Check the rules for values that leave no possible line (rest, days in a row, hours in 7 days).".into(),
            }];
        }
        Slots::Unknown => {
            return vec![format!(
                "No rota satisfies the needs and the rules, and with the {:.0} s left the diagnosis could not find which shifts stay empty. Try a longer time limit.",
                seconds.max(0.0)
            )];
        }
    };
    let mut messages = describe_slots(instance, &slots);
    if slots.is_empty() {
        messages.push(match mode {
            SolveMode::Rotating => "Every shift can be covered with separate lines, but not by one chain that everyone follows a week apart within the bounds on heads. Try ideal mode.".into(),
            SolveMode::Ideal => "Every shift can be covered, but not with lines in fixed weekend groups within the head counts tried. Try a longer time limit.".into(),
            SolveMode::Today => "Every shift can be covered, but not while every employee keeps at least today's position within their restrictions (nights, maximum). Check positions above the need, or allow over-staffing.".into(),
        });
    }
    let mut blockers = Vec::new();
    for (done, family) in RuleFamily::ALL.into_iter().enumerate() {
        if control.is_cancelled() {
            break;
        }
        let seconds = share(done as f64 + 1.0);
        if let Slots::Proven(relaxed) =
            uncovered_slots(instance, &lines, &[family], control, seconds)
            && relaxed.iter().map(|(_, _, n)| n).sum::<f64>()
                < slots.iter().map(|(_, _, n)| n).sum::<f64>()
        {
            let fixes_all = relaxed.is_empty();
            blockers.push(format!(
                "{} {}.",
                if fixes_all {
                    "It becomes possible without"
                } else {
                    "Fewer shifts stay empty without"
                },
                rule_name(family, scenario)
            ));
        }
    }
    if blockers.is_empty() && !slots.is_empty() {
        blockers.push("No single rule explains it: the needs themselves cannot be met by lines within the rules together (e.g. more people needed on a day than can work it). Check the needs.".into());
    }
    messages.extend(blockers);
    messages
}
