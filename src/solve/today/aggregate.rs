//! Today mode's bound: the rota counted per line, shift and weekday instead of day by day.
//!
//! Every rota gives such counts, and they meet everything written here (coverage per shift and
//! weekday, qualified coverage, one shift a day, the weekend frequency, the Sunday rule, night
//! and day lines apart, each line's hours, the locks), so the least cost of the counts bounds
//! the cost of every rota from below. Today mode's cost depends only on each line's hours and
//! which vacancies are used ([`today_cost`]), so a rota that reaches the bound is optimal, and
//! the counts' hours are the target the search aims at. The model is small (lines × shifts × 7
//! columns): HiGHS solves it in well under a second where the day-by-day model takes minutes.

use super::super::model::{
    Holder, LineSpec, Locked, OVERSTAFFING_COST_PER_HOUR, RotaModel, ShiftFamily, today_weights,
};
use super::super::neighbourhood::{Cells, hours_per_line};
use super::super::run::{RunOptions, RunStatus, SolveControl, run_with, trace};
use super::partition;
use super::sums::{LineSums, SumsOf, WholeShiftSums, sums_of};
use crate::solve::Instance;
use good_lp::{Expression, ProblemVariables, Variable, constraint, variable};
use std::time::Instant;

/// A level of today mode's objective, in its order (see `model::Goal::Today`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Level {
    /// Hours over the need (at-least coverage only).
    OverStaffing,
    /// The largest wish shortfall, hours.
    LargestShortfall,
    /// The total wish shortfall, hours.
    TotalShortfall,
    /// Vacancies used.
    Vacancies,
}

/// No rota does better on `level` while the levels before it are at their bound.
#[derive(Clone, Copy, Debug)]
pub(super) struct LevelBound {
    pub level: Level,
    pub at_least: f64,
    /// The counts reach it (else it is HiGHS's bound, and the later levels are not solved).
    pub proven: bool,
}

/// The counts' bound, level by level, and the hours per line of the best counts.
#[derive(Clone, Debug)]
pub(super) struct TodayBound {
    pub levels: Vec<LevelBound>,
    pub target_hours: Vec<f64>,
    /// Whether each line of the best counts works nights (hours on night shifts).
    pub target_nights: Vec<bool>,
    /// Every level solved to its optimum.
    pub proven: bool,
}

/// What the counts say.
pub(super) enum Counts {
    /// The bound, and the hours that reach it.
    Bound(TodayBound),
    /// No counts meet the rules: neither can any rota.
    Impossible,
    /// Not solved in time.
    Unknown,
}

/// [`today_cost`] of a rota.
pub(super) fn rota_cost(instance: &Instance, lines: &[LineSpec], cells: &Cells) -> f64 {
    today_cost(instance, lines, &hours_per_line(instance, cells))
}

/// Today mode's cost of a rota whose lines have `hours` (vacancies with no hours unused): the
/// negated objective of `model::build` with `Goal::Today`.
pub(super) fn today_cost(instance: &Instance, lines: &[LineSpec], hours: &[f64]) -> f64 {
    let wishers = lines.iter().filter(|l| l.wish().is_some()).count();
    let (total_weight, vacancy_weight) = today_weights(wishers);
    let level = |level: Level| standing(instance, lines, hours, level);
    let over = if instance.coverage_exact {
        0.0
    } else {
        level(Level::OverStaffing)
    };
    OVERSTAFFING_COST_PER_HOUR * over
        + level(Level::LargestShortfall)
        + total_weight * level(Level::TotalShortfall)
        + vacancy_weight * instance.full_time_cycle_hours() * level(Level::Vacancies)
}

/// A rule the counts can leave out, to find which one makes them impossible.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Rule {
    /// Weekend frequency, whole weekends aside (AML § 10-8 (3), the unit's f).
    Weekends,
    /// Sunday off after a worked Sunday (AML § 10-10 (3)).
    Sundays,
    /// Night lines apart from day lines (HTA § 4.2.4's full time).
    NightLinesApart,
    /// The qualification needs.
    Qualifications,
}

/// [`today_cost`] as HiGHS reports the today model's objective: without its constant (the
/// over-staffing's need), and maximised.
pub(super) fn as_model_objective(instance: &Instance, cost: f64) -> f64 {
    let constant = if instance.coverage_exact {
        0.0
    } else {
        OVERSTAFFING_COST_PER_HOUR * instance.cycle_need_hours()
    };
    -cost - constant
}

/// Solves the counts within about `seconds`, with `relaxed` left out: each level of today
/// mode's objective in turn, the ones before held at their optimum. The levels `known` has
/// proven (from an earlier solve of the same counts) are taken as they are.
pub(super) fn today_bound(
    instance: &Instance,
    lines: &[LineSpec],
    relaxed: &[Rule],
    known: &[LevelBound],
    seconds: f64,
    control: &SolveControl,
    started: Instant,
) -> Counts {
    let levels = levels_of(instance, lines);
    let began = Instant::now();
    let mut found: Vec<LevelBound> = known
        .iter()
        .zip(&levels)
        .take_while(|(bound, level)| bound.proven && bound.level == **level)
        .map(|(bound, _)| *bound)
        .collect();
    let mut target: Option<(Vec<f64>, Vec<bool>)> = None;
    // Without levels every rota costs the same: the counts only have to exist.
    let goals: Vec<Option<Level>> = if levels.is_empty() {
        vec![None]
    } else {
        levels.iter().copied().map(Some).collect()
    };
    for (i, &goal) in goals.iter().enumerate().skip(found.len()) {
        let left = seconds - began.elapsed().as_secs_f64();
        if left <= 0.0 || control.is_cancelled() {
            break;
        }
        let caps: Vec<(Level, f64)> = found
            .iter()
            .map(|bound| (bound.level, bound.at_least + tolerance(bound.at_least)))
            .collect();
        if goal == Some(Level::LargestShortfall) {
            let share = if i + 1 < goals.len() {
                left * 0.7
            } else {
                left
            };
            match least_largest_shortfall(instance, lines, relaxed, &caps, share, control, started)
            {
                Bisection::Impossible if i == 0 => return Counts::Impossible,
                Bisection::Found { bound, hours } => {
                    target = Some(hours);
                    found.push(bound);
                    if bound.proven {
                        continue;
                    }
                }
                _ => {}
            }
            break;
        }
        let built = build(instance, lines, relaxed, goal, &caps);
        let (hours_of, nights_of) = (built.hours, built.night_hours);
        // A later level counts only once this one is proven, so this one gets most of the
        // time; HiGHS stops as soon as it is.
        let share = if i + 1 < goals.len() {
            left * 0.7
        } else {
            left
        };
        // Counts at the partition's bound on the total shortfall are optimal there.
        let stop_at_objective = built
            .total_at_least
            .filter(|_| goal == Some(Level::TotalShortfall))
            .map(|least| -least);
        let options = RunOptions {
            first_solution: goal.is_none(),
            stop_at_objective,
            ..RunOptions::default()
        };
        let result = run_with(built.model, share, &options, control, started);
        trace(
            started,
            &format!(
                "counts: {goal:?} in {share:.1} s: {:?}, {:.3} (bound {:.3})",
                result.status, result.objective, result.bound
            ),
        );
        let proven = match result.status {
            RunStatus::Infeasible if i == 0 => return Counts::Impossible,
            RunStatus::Optimal => true,
            RunStatus::Feasible if result.bound.is_finite() => false,
            _ => break,
        };
        target = Some(solution_of(&hours_of, &nights_of, &result.values));
        if let Some(level) = goal {
            // Proven, the level is the counts' optimum; else HiGHS's bound on it.
            let value = if proven {
                result.objective
            } else {
                result.bound
            };
            found.push(LevelBound {
                level,
                at_least: -value - level_offset(instance, level),
                proven,
            });
        }
        if !proven {
            break; // A later level's bound holds only with this one at its optimum.
        }
    }
    match target {
        Some((target_hours, target_nights)) => Counts::Bound(TodayBound {
            proven: found.len() == levels.len() && found.iter().all(|b| b.proven),
            levels: found,
            target_hours,
            target_nights,
        }),
        None => Counts::Unknown,
    }
}

/// What the bisection on the largest shortfall found.
enum Bisection {
    /// The least largest shortfall (proven), or the values it lies between, and the hours per
    /// line of counts at the upper one, with whether each works nights.
    Found {
        bound: LevelBound,
        hours: (Vec<f64>, Vec<bool>),
    },
    /// No counts at all, whatever the shortfall.
    Impossible,
    Unknown,
}

/// The least largest wish shortfall of the counts, by bisection over the values it can take
/// (a wish less a sum of whole shifts): each step asks only whether counts exist with every
/// wish's floor rounded up to whole shifts, which HiGHS decides far sooner than it closes the
/// min-max's weak LP bound. Two neighbouring values, the lower impossible and the upper
/// possible, prove the optimum.
fn least_largest_shortfall(
    instance: &Instance,
    lines: &[LineSpec],
    relaxed: &[Rule],
    caps: &[(Level, f64)],
    seconds: f64,
    control: &SolveControl,
    started: Instant,
) -> Bisection {
    let began = Instant::now();
    let values = shortfall_values(instance, lines);
    // Below the partition's least, the hours alone do not add up in whole shifts.
    let separate = nights_apart(instance, relaxed);
    let capped: Vec<f64> = values.iter().map(|&v| v + tolerance(v)).collect();
    let floor = partition::least_largest_shortfall(instance, lines, separate, &capped);
    trace(
        started,
        &format!(
            "partition: largest shortfall at least {:?} h",
            floor.map(|i| values[i])
        ),
    );
    // values[low..] may be possible; values[high] is, with these hours.
    let (mut low, mut high) = (floor.unwrap_or(0), values.len() - 1);
    let mut hours = None;
    let mut probe = high;
    // A probe that runs out of its share is tried once more with all the time left: one hard
    // value should not end the bisection while most of the time remains.
    let (mut retried, mut retrying) = (false, false);
    loop {
        let left = seconds - began.elapsed().as_secs_f64();
        if left <= 0.0 || control.is_cancelled() {
            break;
        }
        let steps = if retrying {
            1.0
        } else {
            ((high - low + 1) as f64).log2().ceil() + 1.0
        };
        let mut with_cap = caps.to_vec();
        with_cap.push((
            Level::LargestShortfall,
            values[probe] + tolerance(values[probe]),
        ));
        let built = build(instance, lines, relaxed, None, &with_cap);
        let options = RunOptions {
            first_solution: true,
            ..RunOptions::default()
        };
        let result = run_with(built.model, left / steps, &options, control, started);
        retrying = false;
        trace(
            started,
            &format!(
                "counts: largest shortfall {:.2} h: {:?}",
                values[probe], result.status
            ),
        );
        match result.status {
            RunStatus::Optimal | RunStatus::Feasible => {
                high = probe;
                hours = Some(solution_of(
                    &built.hours,
                    &built.night_hours,
                    &result.values,
                ));
            }
            RunStatus::Infeasible if hours.is_none() => return Bisection::Impossible,
            RunStatus::Infeasible => low = probe + 1,
            RunStatus::TimeLimit if !retried => {
                (retried, retrying) = (true, true);
                continue;
            }
            _ => break,
        }
        if low >= high {
            break;
        }
        probe = (low + high) / 2;
    }
    let Some(hours) = hours else {
        return Bisection::Unknown;
    };
    Bisection::Found {
        bound: LevelBound {
            level: Level::LargestShortfall,
            at_least: values[low.min(high)],
            proven: low >= high,
        },
        hours,
    }
}

/// The values the largest wish shortfall can take, in order: none, or a wish less a sum of
/// whole shifts between the line's floor and the wish.
fn shortfall_values(instance: &Instance, lines: &[LineSpec]) -> Vec<f64> {
    let sums = LineSums::new(instance);
    let mut values = vec![0.0];
    for line in lines {
        let Some(wish) = line.wish() else { continue };
        let of: &[&WholeShiftSums] = match sums_of(instance, line, None) {
            SumsOf::Nights => &[&sums.nights],
            SumsOf::Days => &[&sums.days],
            SumsOf::NightsOrDays => &[&sums.nights, &sums.days],
            SumsOf::All => &[&sums.all],
        };
        for sums in of {
            values.extend(sums.between(line.min_hours, wish).iter().map(|s| wish - s));
        }
        // Under the floor's whole-shift sum no line can be: its shortfall is at most this.
        values.push((wish - line.min_hours).max(0.0));
    }
    values.sort_by(f64::total_cmp);
    values.dedup_by(|a, b| (*a - *b).abs() <= 1e-6);
    values
}

/// Each line's hours in a solution of the counts, and whether it works nights.
fn solution_of(
    hours_of: &[LineHours],
    nights_of: &[LineHours],
    values: &[f64],
) -> (Vec<f64>, Vec<bool>) {
    let hours = |of: &[LineHours]| -> Vec<f64> {
        of.iter()
            .map(|line| line.iter().map(|&(c, h)| values[c] * h).sum())
            .collect()
    };
    let nights = hours(nights_of).into_iter().map(|h| h > 1e-6).collect();
    (hours(hours_of), nights)
}

/// What a level's expression in the model exceeds the level by (the need, for over-staffing).
fn level_offset(instance: &Instance, level: Level) -> f64 {
    match level {
        Level::OverStaffing => instance.cycle_need_hours(),
        _ => 0.0,
    }
}

/// A rota's levels proven at the bound one by one, after the ones `known` has proven: for each,
/// no counts do better than the rota there (with the levels before held where the rota has
/// them). A feasibility question, which HiGHS often settles where closing the level's weak LP
/// bound takes far longer. The bound at the rota, as far as it got.
pub(super) fn prove_rota(
    instance: &Instance,
    lines: &[LineSpec],
    known: &[LevelBound],
    hours: &[f64],
    seconds: f64,
    control: &SolveControl,
    started: Instant,
) -> Vec<LevelBound> {
    let began = Instant::now();
    let levels = levels_of(instance, lines);
    let mut proven: Vec<LevelBound> = known
        .iter()
        .zip(&levels)
        // A level is proven at the rota only where the rota stands at its bound.
        .take_while(|(bound, level)| {
            bound.proven
                && bound.level == **level
                && standing(instance, lines, hours, bound.level)
                    <= bound.at_least + tolerance(bound.at_least)
        })
        .map(|(bound, _)| *bound)
        .collect();
    for &level in levels.iter().skip(proven.len()) {
        let left = seconds - began.elapsed().as_secs_f64();
        if left <= 0.0 || control.is_cancelled() {
            break;
        }
        let value = standing(instance, lines, hours, level);
        let mut caps: Vec<(Level, f64)> = proven
            .iter()
            .map(|bound| (bound.level, bound.at_least + tolerance(bound.at_least)))
            .collect();
        // Anything below the rota's value, by more than the tolerance the levels compare with.
        let below = value - 2.0 * tolerance(value);
        // No partition of the hours in whole shifts keeps every wish's shortfall below it.
        let separate = nights_apart(instance, &[]);
        if level == Level::LargestShortfall
            && partition::fits_largest(instance, lines, separate, below) == Some(false)
        {
            trace(
                started,
                &format!("partition: no largest shortfall under the rota's {value:.3}"),
            );
            proven.push(LevelBound {
                level,
                at_least: value,
                proven: true,
            });
            continue;
        }
        caps.push((level, below));
        let built = build(instance, lines, &[], None, &caps);
        let options = RunOptions {
            first_solution: true,
            ..RunOptions::default()
        };
        let status = run_with(built.model, left, &options, control, started).status;
        trace(
            started,
            &format!("counts: {level:?} under the rota's {value:.3}: {status:?}"),
        );
        if status != RunStatus::Infeasible {
            break;
        }
        proven.push(LevelBound {
            level,
            at_least: value,
            proven: true,
        });
    }
    proven
}

/// Whether counts exist with `relaxed` left out (None: not found out in `seconds`).
pub(super) fn counts_exist(
    instance: &Instance,
    lines: &[LineSpec],
    relaxed: &[Rule],
    seconds: f64,
    control: &SolveControl,
    started: Instant,
) -> Option<bool> {
    let built = build(instance, lines, relaxed, None, &[]);
    let options = RunOptions {
        first_solution: true,
        ..RunOptions::default()
    };
    match run_with(built.model, seconds, &options, control, started).status {
        RunStatus::Optimal | RunStatus::Feasible => Some(true),
        RunStatus::Infeasible => Some(false),
        _ => None,
    }
}

/// What a rounded floor is lowered by: shift hours are whole minutes, summed in floating point.
const WHOLE_SHIFT_SLACK: f64 = 1e-4;

/// Slack for comparing a level with its bound (HiGHS's tolerances).
fn tolerance(value: f64) -> f64 {
    1e-6 * (1.0 + value.abs())
}

/// The levels of today mode's objective that this unit has, in their order.
pub(super) fn levels_of(instance: &Instance, lines: &[LineSpec]) -> Vec<Level> {
    let mut levels = Vec::new();
    if !instance.coverage_exact {
        levels.push(Level::OverStaffing);
    }
    if lines.iter().any(|l| l.wish().is_some()) {
        levels.extend([Level::LargestShortfall, Level::TotalShortfall]);
    }
    if lines.iter().any(|l| l.holder == Holder::Vacancy) {
        levels.push(Level::Vacancies);
    }
    levels
}

/// Where a rota stands on each level: hours over the need, the largest and the total wish
/// shortfall in hours, vacancies used.
pub(super) fn standing(
    instance: &Instance,
    lines: &[LineSpec],
    hours: &[f64],
    level: Level,
) -> f64 {
    let shortfalls = || {
        lines
            .iter()
            .zip(hours)
            .filter_map(|(l, &h)| Some((l.wish()? - h).max(0.0)))
    };
    match level {
        Level::OverStaffing => (hours.iter().sum::<f64>() - instance.cycle_need_hours()).max(0.0),
        Level::LargestShortfall => shortfalls().fold(0.0, f64::max),
        Level::TotalShortfall => shortfalls().sum(),
        Level::Vacancies => lines
            .iter()
            .zip(hours)
            .filter(|(l, h)| l.holder == Holder::Vacancy && **h > 1e-9)
            .count() as f64,
    }
}

impl TodayBound {
    /// The first level, where a rota is above its bound: what the report states (a later level's
    /// bound holds only among rotas at the bound of the levels before).
    pub(super) fn first_level_missed(
        &self,
        instance: &Instance,
        lines: &[LineSpec],
        hours: &[f64],
    ) -> Option<(LevelBound, f64)> {
        let first = *self.levels.first()?;
        let got = standing(instance, lines, hours, first.level);
        (got > first.at_least + tolerance(first.at_least) + 1e-3).then_some((first, got))
    }

    /// Whether a rota whose lines have `hours` is proven optimal: every level solved to its
    /// optimum, and the rota at each.
    pub(super) fn reached_by(
        &self,
        instance: &Instance,
        lines: &[LineSpec],
        hours: &[f64],
    ) -> bool {
        self.proven
            && self.levels.iter().all(|bound| {
                standing(instance, lines, hours, bound.level)
                    <= bound.at_least + tolerance(bound.at_least)
            })
    }
}

/// A wish's shortfall over whole shifts, from below: no line's hours lie strictly between the
/// largest sum under the wish (`below`) and the smallest at or above it (`above`), so the
/// shortfall lies on or over the chord between them, where the LP would take the straight
/// `wish − hours` down to 0 and with it a fraction of a shift.
struct ShortfallCut {
    wish: f64,
    below: f64,
    /// None: no sum from the wish up to the line's maximum, so the line stays at `below` or under.
    above: Option<f64>,
}

fn shortfall_cut(sums: &LineSums, of: SumsOf, line: &LineSpec, wish: f64) -> Option<ShortfallCut> {
    let below = sums.at_most(of, wish - 1e-6);
    let above = Some(sums.at_least(of, wish)).filter(|&above| above <= line.max_hours + 1e-6);
    // A wish that is a sum itself leaves the plain `wish − hours` as tight as it gets.
    if above.is_some_and(|above| above <= wish + 1e-6) || below >= wish {
        return None;
    }
    Some(ShortfallCut { wish, below, above })
}

impl ShortfallCut {
    fn constraint(&self, short: Variable, hours: Expression) -> good_lp::Constraint {
        let gap = self.wish - self.below - WHOLE_SHIFT_SLACK;
        match self.above {
            // short ≥ gap · (above − hours) / (above − below)
            Some(above) => {
                let width = above - self.below;
                constraint!(width * short + gap * hours >= gap * above)
            }
            None => constraint!(short >= gap),
        }
    }
}

/// A line's hours as (column, hours per unit).
type LineHours = Vec<(usize, f64)>;

struct Built {
    model: RotaModel,
    hours: Vec<LineHours>,
    /// The part of `hours` on night shifts.
    night_hours: Vec<LineHours>,
    /// The partition's bound on the total shortfall, where the model has it as a cut.
    total_at_least: Option<f64>,
}

struct Columns {
    vars: ProblemVariables,
    count: usize,
}

impl Columns {
    fn add(&mut self, definition: good_lp::VariableDefinition) -> (Variable, usize) {
        let column = self.count;
        self.count += 1;
        (self.vars.add(definition), column)
    }
}

/// Which weekdays are counted together: the weekend's days (and a Friday whose night counts)
/// each on their own, the other days as one. Fewer columns make the bound quick to prove; the
/// weekend rules only need the weekend days apart.
fn weekday_classes(instance: &Instance) -> Vec<Vec<usize>> {
    let weekend_day = |wd: usize| {
        (0..instance.shifts.len())
            .any(|s| instance.weekend_work[s][wd] || instance.sunday_work[s][wd])
    };
    let mut classes: Vec<Vec<usize>> = Vec::new();
    let ordinary: Vec<usize> = (0..7).filter(|&wd| !weekend_day(wd)).collect();
    if !ordinary.is_empty() {
        classes.push(ordinary);
    }
    classes.extend((0..7).filter(|&wd| weekend_day(wd)).map(|wd| vec![wd]));
    classes
}

/// Whether night lines and day lines are kept apart, unless `relaxed` leaves that rule out.
fn nights_apart(instance: &Instance, relaxed: &[Rule]) -> bool {
    instance.separate_night_lines() && !relaxed.contains(&Rule::NightLinesApart)
}

fn build(
    instance: &Instance,
    lines: &[LineSpec],
    relaxed: &[Rule],
    goal: Option<Level>,
    caps: &[(Level, f64)],
) -> Built {
    let kept = |rule: Rule| !relaxed.contains(&rule);
    let weeks = instance.weeks as f64;
    let classes = weekday_classes(instance);
    let shifts = &instance.shifts;
    let mut columns = Columns {
        vars: ProblemVariables::new(),
        count: 0,
    };
    let mut constraints = Vec::new();
    let separate = nights_apart(instance, relaxed);
    // count[l][s][c]: how often line l works shift s on the weekdays of class c over the cycle.
    let mut count: Vec<Vec<Vec<Option<Variable>>>> = Vec::with_capacity(lines.len());
    let mut hours: Vec<LineHours> = Vec::with_capacity(lines.len());
    let mut night_hours: Vec<LineHours> = Vec::with_capacity(lines.len());
    let mut hours_expressions: Vec<Expression> = Vec::with_capacity(lines.len());
    for line in lines {
        let mut line_counts = Vec::with_capacity(shifts.len());
        let mut line_hours = LineHours::new();
        let mut line_night_hours = LineHours::new();
        let mut line_expression = Expression::from(0.0);
        for (s, shift) in shifts.iter().enumerate() {
            let allowed = match line.family {
                ShiftFamily::NightsOnly => shift.night,
                ShiftFamily::NoNights => !shift.night,
                ShiftFamily::Any | ShiftFamily::NightsOrDays => true,
            };
            let mut by_weekday = vec![None; classes.len()];
            for (class, slot) in classes.iter().zip(by_weekday.iter_mut()) {
                let needed =
                    class.iter().any(|&wd| instance.need[s][wd] > 0) || !instance.coverage_exact;
                if allowed && needed {
                    let most = weeks * class.len() as f64;
                    let (v, column) = columns.add(variable().integer().min(0.0).max(most));
                    line_hours.push((column, shift.hours));
                    if shift.night {
                        line_night_hours.push((column, shift.hours));
                    }
                    line_expression += shift.hours * v;
                    *slot = Some(v);
                }
            }
            line_counts.push(by_weekday);
        }
        count.push(line_counts);
        hours.push(line_hours);
        night_hours.push(line_night_hours);
        hours_expressions.push(line_expression);
    }
    let sum = |cells: &mut dyn Iterator<Item = Option<Variable>>| -> Expression {
        cells.flatten().map(Expression::from).sum()
    };
    // The night/day choice of a line that may take either, where they are kept apart.
    let mut nights: Vec<Option<Variable>> = vec![None; lines.len()];
    for (l, line) in lines.iter().enumerate() {
        let line_counts = &count[l];
        // One shift a day, and the days a lock keeps.
        for (c, class) in classes.iter().enumerate() {
            let in_class = |day: usize| class.contains(&(day % 7));
            let days_off = line
                .locked
                .iter()
                .filter(|(day, lock)| in_class(*day) && *lock == Locked::Off)
                .count() as f64;
            let worked = sum(&mut line_counts.iter().map(|counts| counts[c]));
            constraints.push(constraint!(worked <= weeks * class.len() as f64 - days_off));
            for (s, by_class) in line_counts.iter().enumerate() {
                let locked = line
                    .locked
                    .iter()
                    .filter(|(day, lock)| in_class(*day) && *lock == Locked::Shift(s))
                    .count() as f64;
                if locked > 0.0 {
                    let cell = by_class[c].map_or(Expression::from(0.0), Expression::from);
                    constraints.push(constraint!(cell >= locked));
                }
            }
            // Weekends: at most one in every f, so at most ⌊weeks / f⌋ of each weekend day.
            let &[wd] = class.as_slice() else {
                continue;
            };
            let weekends = (instance.weeks / instance.weekend_frequency.max(1)) as f64;
            let weekend = sum(&mut (0..shifts.len())
                .filter(|&s| instance.weekend_work[s][wd])
                .map(|s| line_counts[s][c]));
            if kept(Rule::Weekends) {
                constraints.push(constraint!(weekend <= weekends));
            }
            if instance.sunday_off_after_sunday_work && kept(Rule::Sundays) {
                let sundays = sum(&mut (0..shifts.len())
                    .filter(|&s| instance.sunday_work[s][wd])
                    .map(|s| line_counts[s][c]));
                constraints.push(constraint!(sundays <= (instance.weeks / 2) as f64));
            }
        }
        // Night lines and day lines apart.
        if separate && line.family == ShiftFamily::NightsOrDays {
            let (night, _) = columns.add(variable().binary());
            nights[l] = Some(night);
            for (s, shift) in shifts.iter().enumerate() {
                for (cell, class) in line_counts[s].iter().zip(&classes) {
                    let Some(cell) = *cell else { continue };
                    let most = weeks * class.len() as f64;
                    constraints.push(if shift.night {
                        constraint!(cell <= most * night)
                    } else {
                        constraint!(cell + most * night <= most)
                    });
                }
            }
        }
    }
    // Coverage per shift and weekday, and qualified coverage.
    let in_class = |need: &[u32; 7], class: &[usize]| -> f64 {
        class.iter().map(|&wd| f64::from(need[wd])).sum::<f64>() * weeks
    };
    for (s, need) in instance.need.iter().enumerate() {
        for (c, class) in classes.iter().enumerate() {
            let planned = sum(&mut count.iter().map(|counts| counts[s][c]));
            let need = in_class(need, class);
            constraints.push(if instance.coverage_exact {
                constraint!(planned == need)
            } else {
                constraint!(planned >= need)
            });
        }
    }
    let qualified_need = if kept(Rule::Qualifications) {
        instance.qualified_need.as_slice()
    } else {
        &[]
    };
    for (s, level, need) in qualified_need {
        for (c, class) in classes.iter().enumerate() {
            let qualified = sum(&mut lines
                .iter()
                .zip(&count)
                .filter(|(l, _)| l.qualification.is_none_or(|q| q >= *level))
                .map(|(_, counts)| counts[*s][c]));
            constraints.push(constraint!(qualified >= in_class(need, class)));
        }
    }
    // Hours per line; a vacancy is used or empty. Each level of the objective is an expression.
    // A cap on the largest shortfall is a floor under each wish.
    let largest_cap = caps
        .iter()
        .find(|(level, _)| *level == Level::LargestShortfall)
        .map(|&(_, cap)| cap);
    let sums = LineSums::new(instance);
    let mut total = Expression::from(0.0);
    let mut vacancies = Expression::from(0.0);
    let (largest, _) = columns.add(variable().min(0.0));
    for (l, line) in lines.iter().enumerate() {
        let line_hours = hours_expressions[l].clone();
        let floor = match (line.wish(), largest_cap) {
            (Some(wish), Some(cap)) => line.min_hours.max(wish - cap),
            _ => line.min_hours,
        };
        // Hours are whole shifts: the floor rounded up to the sums the line's shifts can make,
        // per choice of nights or days. It cuts off the fractions the LP would otherwise use.
        let rounded = |sums: &WholeShiftSums| {
            (sums.at_least(floor) - WHOLE_SHIFT_SLACK).min(line.max_hours + 1.0)
        };
        if line.holder == Holder::Vacancy {
            let (used, _) = columns.add(variable().binary());
            let least = rounded(&sums.all).max(line.min_hours);
            constraints.push(constraint!(line_hours.clone() <= line.max_hours * used));
            constraints.push(constraint!(line_hours.clone() >= least * used));
            vacancies += used;
        } else {
            constraints.push(constraint!(line_hours.clone() <= line.max_hours));
            constraints.push(match (nights[l], sums_of(instance, line, None)) {
                (Some(night), _) => {
                    let (on_nights, on_days) = (rounded(&sums.nights), rounded(&sums.days));
                    constraint!(line_hours.clone() >= on_days + (on_nights - on_days) * night)
                }
                (None, SumsOf::Nights) => constraint!(line_hours.clone() >= rounded(&sums.nights)),
                (None, SumsOf::Days) => constraint!(line_hours.clone() >= rounded(&sums.days)),
                (None, _) => constraint!(line_hours.clone() >= rounded(&sums.all)),
            });
        }
        if let Some(wanted) = line.wish() {
            let (short, _) = columns.add(variable().min(0.0).max(wanted));
            constraints.push(constraint!(line_hours.clone() + short >= wanted));
            constraints.push(constraint!(largest >= short));
            if let Some(cut) = shortfall_cut(&sums, sums_of(instance, line, None), line, wanted) {
                constraints.push(cut.constraint(short, line_hours.clone()));
            }
            total += short;
        }
    }
    // The partition of the night and day hours among the lines, which the LP splits into
    // fractions, as a bound on the total shortfall: where that level is asked for.
    let total_asked = goal == Some(Level::TotalShortfall)
        || caps
            .iter()
            .any(|(level, _)| *level == Level::TotalShortfall);
    let total_at_least = total_asked
        .then(|| partition::least_total_shortfall(instance, lines, separate, largest_cap))
        .flatten();
    if let Some(least) = total_at_least {
        constraints.push(constraint!(total.clone() >= least - tolerance(least)));
    }
    let all: Expression = hours_expressions.iter().cloned().sum();
    // HiGHS leaves out an objective's constant: each level's expression has none, and the
    // over-staffing (hours over the need) is read as the hours less the need.
    let expression = |level: Level| -> Expression {
        match level {
            Level::OverStaffing => all.clone(),
            Level::LargestShortfall => Expression::from(largest),
            Level::TotalShortfall => total.clone(),
            Level::Vacancies => vacancies.clone(),
        }
    };
    for &(level, cap) in caps {
        let value = expression(level);
        let cap = cap + level_offset(instance, level);
        constraints.push(constraint!(value <= cap));
    }
    let mut model = RotaModel::feasibility(columns.vars, columns.count, constraints);
    if let Some(goal) = goal {
        model.objective = -expression(goal);
    }
    Built {
        model,
        hours,
        night_hours,
        total_at_least,
    }
}
