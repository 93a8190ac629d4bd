//! Why there is no rota, in words a manager understands: which shifts cannot be covered on which
//! days, and which rule, relaxed alone, would make it possible.

use super::instance::{FullTimeDemand, Instance};
use super::model::{self, Goal, Holder, LineSpec, RuleFamily, ShiftFamily};
use super::run::{RunStatus, SolveControl, run_model};
use crate::model::{Qualification, Scenario, SolveMode};
use std::time::Instant;

/// Why there is no rota (or why one was withheld), as data: what, where and the values. The
/// texts, in bokmål and English, are in `crate::i18n` (`Diagnosis::text`).
#[derive(Clone, Debug, PartialEq)]
pub enum Diagnosis {
    /// A needed shift is longer than the longest shift allowed (AML § 10-5 (1)).
    ShiftTooLong {
        /// Shift code.
        code: String,
        /// Shift name.
        name: String,
        /// Its hours.
        hours: f64,
        /// The longest allowed.
        longest: f64,
    },
    /// Full time above the rota full time while every line works Sundays every 3rd week or more.
    FullTimeTooHighForSundays {
        /// The scenario's full time.
        hours: f64,
        /// Works every f-th weekend.
        weekend_frequency: u32,
        /// AML § 10-4 (4) full time.
        rota_full_time: f64,
        /// HTA § 4.2.1 day-work full time.
        day_work_full_time: f64,
    },
    /// Every need is zero.
    NothingToPlan,
    /// Whole weekends with the need met exactly: as many work Saturday as Sunday, but the needs
    /// differ.
    WeekendDaysUnequal {
        /// People needed on Saturday (all shifts).
        saturday: u32,
        /// People needed on Sunday.
        sunday: u32,
    },
    /// Today mode, out of time: the best rota found still leaves employees below today's
    /// position, so it is withheld.
    PositionsNotYetKept {
        /// Employees below today's position.
        employees: u32,
        /// Their hours below it, in all, per week.
        hours_per_week: f64,
    },
    /// Today mode: today's positions exceed the need, so the proposal over-staffs as a buffer.
    OverStaffedAsBuffer {
        /// Today's positions in whole shifts, hours per week.
        staff_weekly_hours: f64,
        /// The need, hours per week.
        need_weekly_hours: f64,
    },
    /// A shift that stays empty on some days whatever the lines.
    ShiftUncovered {
        /// Shift code.
        code: String,
        /// Shifts left empty in the cycle.
        missing: u32,
        /// Shifts needed in the cycle.
        total: u32,
        /// (weekday 0 = Monday, week 1-based) of the first empty days.
        places: Vec<(usize, usize)>,
        /// Empty days not listed.
        more_days: usize,
    },
    /// Every shift can be covered, but not in this mode's structure.
    CoverableButNotInMode(SolveMode),
    /// The lines cannot be planned whatever the coverage.
    LinesImpossible(SolveMode),
    /// Today mode, proven: counted per person, shift and weekday, today's positions, the needs
    /// and the weekend, Sunday, night-line and qualification rules do not add up.
    TodayPositionsDoNotFit,
    /// After [`Diagnosis::TodayPositionsDoNotFit`]: without this rule the count adds up (which
    /// does not yet promise a rota).
    CountFitsWithout {
        /// The rule.
        rule: RuleFamily,
        /// The scenario's rule values, for the text.
        values: RuleValues,
    },
    /// The qualification needs cannot be met (without them there is a rota): (shift code,
    /// qualification, most people needed on a day).
    QualifiedNeedsBlock(Vec<(String, Qualification, u32)>),
    /// Locked days that break rules on their own line (today mode): the one or two rule
    /// families that, left out, would let them hold; empty when no one or two explain it.
    LockBreaksRule {
        /// Which line.
        line: super::locks::LockedLine,
        /// The rules the locked days break.
        rules: Vec<RuleFamily>,
        /// The scenario's rule values, for the text.
        values: RuleValues,
    },
    /// Without the locks there is a rota: the locked days leave the needs impossible to meet.
    LocksBlockTheNeeds {
        /// The locked lines.
        lines: Vec<super::locks::LockedLine>,
    },
    /// Locks are kept from today's staff and in the ideal structure; this mode planned without
    /// them.
    LocksNotKept(SolveMode),
    /// Today mode: an employee's position cannot be held within the rules and their own
    /// restrictions, even with nothing else to cover.
    PositionImpossible {
        /// The employee.
        employee: String,
        /// Today's position, %.
        position_pct: f64,
    },
    /// The diagnosis ran out of time.
    Unfinished {
        /// Seconds it searched.
        seconds: f64,
    },
    /// Relaxing one rule makes it possible (or leaves fewer shifts empty).
    PossibleWithout {
        /// The rule.
        rule: RuleFamily,
        /// The scenario's rule values, for the text.
        values: RuleValues,
        /// Whether it makes every shift coverable.
        fixes_all: bool,
    },
    /// No single rule explains it.
    NoSingleRule,
    /// No rota in time and none proven impossible.
    Timeout {
        /// The time limit.
        seconds: f64,
        /// Fewest heads proven necessary.
        heads_needed: u32,
        /// The cycle's weeks and weekend frequency when the cycle is not a multiple of it (such
        /// units are much harder to plan), with the nearest lengths that are.
        uneven_cycle: Option<crate::model::Warning>,
    },
    /// The independent checker found full time at odds with the law for this rota.
    FullTimeDoesNotFit {
        /// What the checker found.
        detail: crate::rules::ViolationKind,
    },
    /// The model and the independent checker disagree: the proposal was withheld.
    InternalCheck {
        /// The rule id (`rotating_chain` for the rotating mode's chain).
        rule: String,
        /// What the checker found.
        detail: CheckDetail,
    },
}

/// What an independent checker found in a proposal the model thought valid
/// ([`Diagnosis::InternalCheck`]).
#[derive(Clone, Debug, PartialEq)]
pub enum CheckDetail {
    /// The rule checker's violation.
    Violation(crate::rules::ViolationKind),
    /// The rotating chain's checker finding, or why the chain could not be read back.
    Chain(crate::rws::Finding),
}

/// The rule values a diagnosis names.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RuleValues {
    /// Hours of daily rest.
    pub daily_rest: f64,
    /// Hours of weekly rest.
    pub weekly_rest: f64,
    /// Most work days in a row.
    pub consecutive_days: u32,
    /// Most hours in 7 days.
    pub hours_in_7_days: f64,
    /// Works every f-th weekend.
    pub weekend_frequency: u32,
    /// Full-time weekly hours the positions are measured against.
    pub full_time_hours: f64,
    /// What that full time asks of the lines.
    pub full_time_demand: FullTimeDemand,
}

impl RuleValues {
    pub(crate) fn of(scenario: &Scenario) -> Self {
        let rules = &scenario.rules;
        Self {
            daily_rest: rules.min_daily_rest_hours,
            weekly_rest: rules.min_weekly_rest_hours,
            consecutive_days: rules.max_consecutive_work_days,
            hours_in_7_days: rules.max_hours_single_week,
            weekend_frequency: scenario.rota.weekend_frequency,
            full_time_hours: crate::calc::full_time_hours(scenario),
            full_time_demand: FullTimeDemand::of(scenario),
        }
    }
}

/// Problems visible without solving: shifts too long to plan, full time at odds with the law,
/// nothing to plan.
pub fn before_solving(scenario: &Scenario, instance: &Instance) -> Vec<Diagnosis> {
    let mut problems = Vec::new();
    let rules = &scenario.rules;
    for shift in &scenario.shifts {
        let needed = scenario
            .needs
            .get(shift.code.trim())
            .is_some_and(|n| n.iter().any(|&c| c > 0));
        if needed && shift.hours() > rules.max_shift_hours + 1e-9 {
            problems.push(Diagnosis::ShiftTooLong {
                code: shift.code.trim().to_string(),
                name: shift.name.clone(),
                hours: shift.hours(),
                longest: rules.max_shift_hours,
            });
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
        problems.push(Diagnosis::FullTimeTooHighForSundays {
            hours,
            weekend_frequency: scenario.rota.weekend_frequency,
            rota_full_time: rules.rota_full_time_hours,
            day_work_full_time: rules.day_work_full_time_hours,
        });
    }
    if instance.shifts.is_empty() {
        problems.push(Diagnosis::NothingToPlan);
    }
    // Whoever works Saturday works Sunday (one shift a day each): with the need met exactly the
    // two days need as many people.
    let people = |weekday: usize| instance.need.iter().map(|n| n[weekday]).sum::<u32>();
    let (saturday, sunday) = (people(crate::model::SATURDAY), people(crate::model::SUNDAY));
    if instance.whole_weekends && instance.coverage_exact && saturday != sunday {
        problems.push(Diagnosis::WeekendDaysUnequal { saturday, sunday });
    }
    problems
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
                    soft_hours: None,
                    locked: Vec::new(),
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

fn describe_slots(instance: &Instance, slots: &[(usize, usize, f64)]) -> Vec<Diagnosis> {
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
        messages.push(Diagnosis::ShiftUncovered {
            code: shift.code.clone(),
            missing: missing.round() as u32,
            total: total.round() as u32,
            places: days
                .iter()
                .take(6)
                .map(|(_, d, _)| (d % 7, d / 7 + 1))
                .collect(),
            more_days: days.len().saturating_sub(6),
        });
    }
    messages
}

/// When the lines cannot be planned at all, the qualification needs may be why (they have no
/// slack in the diagnosis): the same run without them says so.
fn qualified_needs_block(
    instance: &Instance,
    lines: &[LineSpec],
    control: &SolveControl,
    seconds: f64,
) -> Option<Diagnosis> {
    if instance.qualified_need.is_empty() {
        return None;
    }
    let mut without = instance.clone();
    without.qualified_need.clear();
    without.qualified_need_by_day = None;
    // Coverage has slack here, so any solution at all shows the lines can be planned.
    let built = model::build(&without, lines, Goal::LeastUncovered, &[]);
    let options = super::run::RunOptions {
        first_solution: true,
        ..Default::default()
    };
    let result = super::run::run_with(built, seconds, &options, control, Instant::now());
    match result.status {
        RunStatus::Infeasible | RunStatus::TimeLimit | RunStatus::Cancelled | RunStatus::Error => {
            None
        }
        RunStatus::Optimal | RunStatus::Feasible => Some(qualified_needs(instance)),
    }
}

/// The qualification needs, each with its most people on a day ([`Diagnosis::QualifiedNeedsBlock`]).
pub(super) fn qualified_needs(instance: &Instance) -> Diagnosis {
    Diagnosis::QualifiedNeedsBlock(
        instance
            .qualified_need
            .iter()
            .map(|&(s, q, min)| {
                let most = min.iter().copied().max().unwrap_or(0);
                (instance.shifts[s].code.clone(), q, most)
            })
            .collect(),
    )
}

/// Diagnoses an infeasible scenario within about `seconds`.
pub fn after_infeasible(
    scenario: &Scenario,
    instance: &Instance,
    mode: SolveMode,
    control: &SolveControl,
    seconds: f64,
) -> Vec<Diagnosis> {
    let started = Instant::now();
    let lines = diagnosis_lines(scenario, instance, mode);
    // The first run (which shifts stay empty) decides whether there is anything to say: it gets
    // most of the time, since without it there is no answer at all. The relaxed runs share what
    // is left evenly, so time a quick run saves goes to the next.
    let runs = RuleFamily::ALL.len() as f64 + 1.0;
    let left = || (seconds - started.elapsed().as_secs_f64()).max(0.0);
    let share = |done: f64| left() / (runs - done);
    let slots = match uncovered_slots(instance, &lines, &[], control, left() * 0.8) {
        Slots::Proven(slots) => slots,
        Slots::LinesImpossible => {
            return vec![
                qualified_needs_block(instance, &lines, control, left() * 0.8)
                    .unwrap_or(Diagnosis::LinesImpossible(mode)),
            ];
        }
        Slots::Unknown => {
            return vec![Diagnosis::Unfinished {
                seconds: started.elapsed().as_secs_f64(),
            }];
        }
    };
    let mut messages = describe_slots(instance, &slots);
    if slots.is_empty() {
        messages.push(Diagnosis::CoverableButNotInMode(mode));
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
            blockers.push(Diagnosis::PossibleWithout {
                rule: family,
                values: RuleValues::of(scenario),
                fixes_all: relaxed.is_empty(),
            });
        }
    }
    if blockers.is_empty() && !slots.is_empty() {
        blockers.push(Diagnosis::NoSingleRule);
    }
    messages.extend(blockers);
    messages
}
