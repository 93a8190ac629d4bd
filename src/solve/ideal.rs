//! Ideal mode: the best structure for the unit's needs, ignoring who works there today.
//!
//! The law and the unit's rules are hard; the position targets are objectives. Level by level:
//! 1. fewest heads: from the bounds up, one more until HiGHS finds lines (below it is proven
//!    impossible);
//! 2. fewest lines under the minimum position (`min_position_pct`);
//! 3. most full-time lines.
//!
//! Levels 2 and 3 are found by asking for rotas where k chosen lines must reach the target's
//! hours, k from the arithmetic bound down (HiGHS finds a rota in about a second when one exists,
//! while proving that none exists can take minutes). A level is proven when it reaches its bound.

use super::diagnose::RuleValues;
use super::model::{LineSpec, Locked, ShiftFamily};
use super::run::{RunStatus, SolveControl};
use super::{
    Found, QualityPhase, SolveReport, SolveStatus, Target, TargetReport, bound, extract_lines,
    find_rota, fixed_groups, floor_line_hours, full_time_line_hours, locks, qualify, quality,
    set_objective, sort_lines,
};
use crate::model::{RotaLine, SATURDAY, SUNDAY, Scenario};
use crate::solve::Instance;
use std::time::Instant;

/// The families lines are split into when night and other shifts must not mix, smallest first:
/// the family solved last gets all the time the others left.
fn line_families(instance: &Instance) -> Vec<ShiftFamily> {
    if !instance.separate_night_lines() {
        return vec![ShiftFamily::Any];
    }
    let has = |night: bool| instance.shifts.iter().any(|s| s.night == night);
    let mut families: Vec<ShiftFamily> = [
        (ShiftFamily::NoNights, has(false)),
        (ShiftFamily::NightsOnly, has(true)),
    ]
    .into_iter()
    .filter_map(|(family, present)| present.then_some(family))
    .collect();
    families.sort_by(|&a, &b| {
        family_need(instance, a)
            .0
            .total_cmp(&family_need(instance, b).0)
    });
    families
}

pub(super) fn in_family(family: ShiftFamily, night: bool) -> bool {
    match family {
        ShiftFamily::NightsOnly => night,
        ShiftFamily::NoNights => !night,
        ShiftFamily::Any | ShiftFamily::NightsOrDays => true,
    }
}

/// Hours over the cycle and heads per weekend of one family's shifts.
pub(super) fn family_need(instance: &Instance, family: ShiftFamily) -> (f64, u32) {
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

/// The family a locked line of the saved proposal belongs to: night lines hold its nights.
fn line_family(instance: &Instance, families: &[ShiftFamily], line: &RotaLine) -> ShiftFamily {
    if families.len() == 1 {
        return families[0];
    }
    let is_night = |code: &str| instance.shifts.iter().any(|s| s.night && s.code == code);
    let cells = line.cells();
    // By its locked shifts; a line with only days off locked by the rest of its days.
    let locked: Vec<&str> = (0..cells.len())
        .filter(|&d| line.is_locked(d) && cells[d] != crate::model::OFF)
        .map(|d| cells[d])
        .collect();
    let night = if locked.is_empty() {
        cells.iter().any(|&code| is_night(code))
    } else {
        locked.iter().any(|&code| is_night(code))
    };
    let family = if night {
        ShiftFamily::NightsOnly
    } else {
        ShiftFamily::NoNights
    };
    if families.contains(&family) {
        family
    } else {
        families[0]
    }
}

/// `heads` lines of `family`, the first with the planner's `locked` days. With fixed weekend
/// groups a locked line keeps the group of its locked weekend, and the others fill the groups
/// evenly (line mod f when nothing is locked).
fn ideal_lines(
    instance: &Instance,
    family: ShiftFamily,
    heads: u32,
    locked: &[Vec<(usize, Locked)>],
) -> Vec<LineSpec> {
    let f = instance.weekend_frequency.max(1);
    let locked_group = |days: &[(usize, Locked)]| {
        days.iter().find_map(|&(day, lock)| match lock {
            Locked::Shift(s) if instance.weekend_work[s][day % 7] => Some((day / 7) % f),
            _ => None,
        })
    };
    let mut groups: Vec<Option<usize>> = (0..heads as usize)
        .map(|l| locked.get(l).and_then(|days| locked_group(days)))
        .collect();
    let mut per_group = vec![0u32; f];
    for &group in groups.iter().flatten() {
        per_group[group] += 1;
    }
    for group in groups.iter_mut().filter(|g| g.is_none()) {
        let least = (0..f).min_by_key(|&g| (per_group[g], g)).unwrap_or(0);
        per_group[least] += 1;
        *group = Some(least);
    }
    let fixed = fixed_groups(instance);
    groups
        .into_iter()
        .enumerate()
        .map(|(l, group)| LineSpec {
            weekend_group: group.filter(|_| fixed),
            locked: locked.get(l).cloned().unwrap_or_default(),
            ..LineSpec::ideal(family, instance.full_time_cycle_hours())
        })
        .collect()
}

/// The head bounds of the families not solved (for a proven lower bound when a run stops).
fn unsolved_bounds(instance: &Instance, families: &[ShiftFamily]) -> u32 {
    families
        .iter()
        .map(|&family| {
            let own = instance.only_shifts(|shift| in_family(family, shift.night));
            let (hours, weekend_heads) = family_need(&own, family);
            fewest_heads(&own, hours, weekend_heads)
        })
        .sum()
}

/// Fewest heads by the bounds: the hours (whole full-time lines) and the weekends.
fn fewest_heads(instance: &Instance, hours: f64, weekend_heads: u32) -> u32 {
    let hours_bound = (hours / instance.full_time_cycle_hours() - 1e-9)
        .ceil()
        .max(1.0) as u32;
    hours_bound.max(weekend_bound(instance, weekend_heads))
}

/// Fewest heads the weekends need in the instance's cycle.
pub(super) fn weekend_bound(instance: &Instance, weekend_heads: u32) -> u32 {
    crate::calc::weekend_bound_heads(
        weekend_heads,
        instance.weekend_frequency as u32,
        instance.weeks as u32,
    )
}

/// Fewest hours every line must carry. At exactly f·W heads in fixed weekend groups, a group has
/// as many lines as a weekend needs, so each line works every weekend day whose need is W (and,
/// with whole weekends, the other day too).
fn least_line_hours(instance: &Instance, heads: u32, weekend_heads: u32) -> f64 {
    let f = instance.weekend_frequency as u32;
    if !fixed_groups(instance) || heads != f * weekend_heads || weekend_heads == 0 {
        return 0.0;
    }
    let day_need = |weekday: usize| -> u32 { instance.need.iter().map(|n| n[weekday]).sum() };
    let shortest = |weekday: usize| -> f64 {
        (0..instance.shifts.len())
            .filter(|&s| instance.need[s][weekday] > 0)
            .map(|s| instance.shifts[s].hours)
            .fold(f64::INFINITY, f64::min)
    };
    let mut forced = [SATURDAY, SUNDAY].map(|wd| day_need(wd) == weekend_heads);
    if instance.whole_weekends && forced.iter().any(|&x| x) {
        forced = [SATURDAY, SUNDAY].map(|wd| day_need(wd) > 0);
    }
    let per_weekend: f64 = [SATURDAY, SUNDAY]
        .iter()
        .zip(forced)
        .filter(|&(_, f)| f)
        .map(|(&wd, _)| shortest(wd))
        .filter(|h| h.is_finite())
        .sum();
    per_weekend * (instance.weeks / instance.weekend_frequency) as f64
}

/// The most lines, among `heads` sharing `hours`, that can reach `reach` hours when `also` more
/// lines reach `also_hours` and every other line carries at least `least`.
fn most_lines_reaching(
    heads: u32,
    hours: f64,
    reach: f64,
    also: u32,
    also_hours: f64,
    least: f64,
) -> u32 {
    let room = heads.saturating_sub(also);
    (0..=room)
        .rev()
        .find(|&k| {
            let rest = heads - k - also;
            f64::from(k) * reach + f64::from(also) * also_hours + f64::from(rest) * least
                <= hours + 1e-6
        })
        .unwrap_or(0)
}

/// Seconds the count model may take for a bound; it usually answers in a tenth of that, but a
/// loaded machine must not turn a proof into "not proven".
const COUNT_BOUND_SECONDS: f64 = 2.0;

/// How far above the bounds the search for heads goes.
const MORE_HEADS_AT_MOST: u32 = 40;

/// What one head count gave: the lines and how far each target was reached.
struct Levels {
    found: Found,
    floor_lines: u32,
    floor_bound: u32,
    full_time_lines: u32,
    full_time_bound: u32,
}

pub(super) fn solve_ideal(
    scenario: &Scenario,
    quality_seconds: f64,
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
    let total_hours: f64 = families.iter().map(|&f| family_need(instance, f).0).sum();
    let mut hours_left = total_hours;
    let mut floor_report = TargetReport::new(Target::MinimumPosition(instance.min_position_pct));
    let mut full_time_report = TargetReport::new(Target::FullTime);
    let instance_all = instance;
    let locked = locks::locked_lines(scenario);
    let mut solved = Vec::new();
    for (done, &family) in families.iter().enumerate() {
        let families_left = families[done + 1..].to_vec();
        // Night lines and day lines share no shift: each family is its own, smaller problem.
        // Qualified needs are met by labelling the lines afterwards (see `qualify`).
        let mut family_instance = instance.only_shifts(|shift| in_family(family, shift.night));
        family_instance.qualified_need.clear();
        let instance = &family_instance;
        let (hours, weekend_heads) = family_need(instance, family);
        // A share of the time by size; what a family leaves goes to the next.
        let share = if hours_left > 0.0 {
            hours / hours_left
        } else {
            1.0
        };
        hours_left -= hours;
        let deadline = started.elapsed().as_secs_f64() + remaining() * share;
        let family_remaining = || deadline - started.elapsed().as_secs_f64();
        let remaining: &dyn Fn() -> f64 = &family_remaining;
        // The planner's locked lines of this family come first, with their locked days.
        let (numbers, locked_days): (Vec<u32>, Vec<Vec<(usize, Locked)>>) = locked
            .iter()
            .filter(|(_, line)| line_family(instance_all, &families, line) == family)
            .map(|&(number, line)| (number, locks::locked_days(instance, line)))
            .unzip();
        let label = |l: usize| locks::LockedLine::Number(numbers[l]);
        if !locked_days.is_empty() {
            let lines = ideal_lines(instance, family, locked_days.len() as u32, &locked_days);
            if let Some(breaking) = locks::lock_breaking_a_rule(
                instance,
                &lines,
                &label,
                RuleValues::of(scenario),
                control,
                started,
                remaining,
            ) {
                report.status = SolveStatus::Infeasible;
                report.diagnosis = vec![breaking];
                report.lines.clear();
                return;
            }
        }
        // Every locked line is a head of its own.
        let lower = fewest_heads(instance, hours, weekend_heads).max(locked_days.len() as u32);
        let mut found = None;
        let mut status = SolveStatus::Infeasible;
        // Every head count below `proven_below` is proven impossible.
        let mut proven_below = lower;
        let mut heads = lower;
        while heads <= lower + MORE_HEADS_AT_MOST {
            control.set_phase(
                format!("{} linjer ({})", heads, family_label(family)),
                started,
            );
            let lines = ideal_lines(instance, family, heads, &locked_days);
            let least = least_line_hours(instance, heads, weekend_heads);
            // A head count HiGHS can neither fill nor rule out must not take all the time: it
            // gets half of what is left, and then more heads are tried.
            let first_rota_seconds = remaining() * 0.5;
            let outcome = best_lines(
                instance,
                &lines,
                hours,
                least,
                first_rota_seconds,
                control,
                started,
                remaining,
            );
            match outcome {
                (RunStatus::Infeasible, _) => {
                    if proven_below == heads {
                        proven_below = heads + 1;
                    }
                    heads += 1;
                    continue;
                }
                (run_status, Some(levels)) => {
                    status = if run_status == RunStatus::Optimal {
                        SolveStatus::Optimal
                    } else {
                        SolveStatus::Feasible
                    };
                    found = Some((heads, levels));
                    break;
                }
                (RunStatus::Cancelled, None) => {
                    status = SolveStatus::Cancelled;
                    break;
                }
                (_, None) if remaining() > 0.5 => {
                    // Undecided: a few more heads are usually quick to fill, and lines with
                    // some room (90 % on average) quicker still.
                    status = SolveStatus::Timeout;
                    let roomy = (hours / (0.9 * full_cycle)).ceil() as u32;
                    heads = (heads + (heads / 10).max(1)).max(roomy);
                }
                (_, None) => {
                    status = SolveStatus::Timeout;
                    break;
                }
            }
        }
        let Some((heads, levels)) = found else {
            if status == SolveStatus::Infeasible && !locked_days.is_empty() {
                let lines = ideal_lines(instance, family, heads.max(lower), &locked_days);
                report.diagnosis.extend(locks::locks_blocking_the_needs(
                    instance, &lines, &label, control, started, remaining,
                ));
            }
            // What is proven stays proven: the bounds of this family and of those not solved.
            report.proven_lower_bound_heads +=
                proven_below + unsolved_bounds(instance_all, &families_left);
            report.status = status;
            report.lines.clear();
            return;
        };
        // Fewer heads were ruled out with lines in fixed groups (line mod f). That loses nothing
        // at exactly f·W heads (every line must then work every f-th weekend), but above it the
        // group sizes were a choice, so only the bound itself is proven.
        let groups_prove = !fixed_groups(instance) || heads - 1 == f * weekend_heads;
        let heads_proven = heads == lower || (proven_below == heads && groups_prove);
        if heads_proven {
            report.proven_lower_bound_heads += heads;
        } else {
            report.proven_lower_bound_heads += if groups_prove { proven_below } else { lower };
            overall = SolveStatus::Feasible;
        }
        let found_rota = &levels.found;
        let mut family_lines = extract_lines(
            instance,
            &found_rota.result,
            &found_rota.x,
            &found_rota.lines,
            &[],
        );
        // An empty line is no position.
        family_lines.retain(|line| line.hours_per_week > 0.0);
        let lines_here = family_lines.len() as u32;
        floor_report.add(
            lines_here,
            levels.floor_lines,
            levels.floor_bound.min(lines_here),
        );
        full_time_report.add(lines_here, levels.full_time_lines, levels.full_time_bound);
        objective += f64::from(levels.full_time_lines);
        bound += f64::from(levels.full_time_bound.max(levels.full_time_lines));
        if status == SolveStatus::Feasible {
            overall = SolveStatus::Feasible;
        }
        solved.push((family_instance.clone(), levels.found, hours));
        report.lines.extend(family_lines);
    }
    report.status = overall;
    // The quality phase, after the structure and with its own budget, shared by size.
    if quality_seconds > 0.0 {
        let phase_started = Instant::now();
        let mut quality_proven = true;
        let mut improved_lines = Vec::new();
        for (family_instance, found, hours) in solved {
            let seconds = quality_seconds * hours / total_hours.max(1e-9);
            let cells = super::neighbourhood::cells_of(&family_instance, &found);
            let improved = quality::improve(
                &family_instance,
                &found.lines,
                cells,
                seconds,
                control,
                started,
            );
            quality_proven &= improved.score_after <= 1e-9;
            let mut lines = super::lines_from_cells(&family_instance, &improved.cells);
            lines.retain(|line| line.hours_per_week > 0.0);
            improved_lines.extend(lines);
        }
        let before = std::mem::replace(&mut report.lines, improved_lines);
        report.quality_phase = Some(QualityPhase {
            cells_before: before.into_iter().map(|l| l.cells).collect(),
            proven: quality_proven,
            seconds: phase_started.elapsed().as_secs_f64(),
        });
    }
    set_objective(report, objective, bound);
    if instance.min_position_pct > 0.0 {
        report.targets.push(floor_report);
    }
    report.targets.push(full_time_report);
    let open = vec![None; report.lines.len()];
    qualify::label_qualifications(instance, &mut report.lines, &open);
    sort_lines(instance, report);
}

/// Lines in a solution that reach `threshold` hours over the cycle.
fn count_reaching(instance: &Instance, found: &Found, threshold: f64) -> u32 {
    (0..found.x.len())
        .filter(|&line| found.line_hours(instance, line) >= threshold - 1e-6)
        .count() as u32
}

/// For a fixed head count: a rota (or the proof that there is none), then the most lines at the
/// minimum position, then the most full-time lines among them.
///
/// Often both bounds are reachable, and one run with that many lines designated answers the
/// head count and both targets at once.
#[allow(clippy::too_many_arguments)]
fn best_lines(
    instance: &Instance,
    lines: &[LineSpec],
    hours: f64,
    least: f64,
    first_rota_seconds: f64,
    control: &SolveControl,
    started: Instant,
    remaining: &dyn Fn() -> f64,
) -> (RunStatus, Option<Levels>) {
    let began = Instant::now();
    let heads = lines.len() as u32;
    let full_time_hours = full_time_line_hours(instance);
    // A floor above full time means full time: the floor never asks for more.
    let floor_hours = floor_line_hours(instance).min(full_time_hours);
    let mut floor_bound = if floor_hours > 0.0 {
        most_lines_reaching(heads, hours, floor_hours, 0, 0.0, least)
    } else {
        heads
    };
    if floor_hours > 0.0 && floor_bound > 0 {
        // Whole shifts and weekend groups can make the arithmetic bound unreachable here too.
        let seconds = remaining().min(COUNT_BOUND_SECONDS);
        if let Some(by_counts) = bound::most_full_time_by_counts(
            instance,
            lines,
            floor_hours - 1e-6,
            floor_bound,
            seconds,
        ) {
            floor_bound = floor_bound.min(by_counts);
        }
    }
    // Two ways to pick the k lines: packed into as few weekend groups as possible, or spread
    // round-robin over them. Which one HiGHS finds quickly varies from unit to unit.
    // Locked lines come last: their hours are mostly the planner's.
    let mut packed: Vec<usize> = (0..lines.len()).collect();
    packed.sort_by_key(|&l| (!lines[l].locked.is_empty(), lines[l].weekend_group, l));
    let mut round_robin: Vec<usize> = (0..lines.len()).collect();
    round_robin.sort_by_key(|&l| !lines[l].locked.is_empty());
    let spreads = [packed, round_robin];
    // The first `full_time` lines of the spread reach full time, the next ones the floor.
    let designate = |spread: &[usize], full_time: u32, at_floor: u32| -> Vec<LineSpec> {
        let mut designated = lines.to_vec();
        for (rank, &l) in spread.iter().enumerate() {
            let rank = rank as u32;
            if rank < full_time {
                designated[l].min_hours = full_time_hours;
            } else if rank < at_floor.max(full_time) {
                designated[l].min_hours = floor_hours;
            }
        }
        designated
    };
    let full_time_bound_with = |at_floor: u32| -> u32 {
        let arithmetic = most_lines_reaching(
            at_floor.min(heads),
            hours - f64::from(heads - at_floor.min(heads)) * least,
            full_time_hours,
            0,
            0.0,
            floor_hours,
        );
        if arithmetic == 0 {
            return 0;
        }
        // Whole shifts and weekend groups can make the arithmetic bound unreachable.
        let floors = designate(&spreads[0], 0, at_floor);
        let seconds = remaining().min(COUNT_BOUND_SECONDS);
        bound::most_full_time_by_counts(
            instance,
            &floors,
            full_time_hours - 1e-6,
            arithmetic,
            seconds,
        )
        .map_or(arithmetic, |by_counts| arithmetic.min(by_counts))
    };
    // The one run that can answer everything, but not at the cost of the first rota's time.
    let attempt_seconds = || remaining().min(4.0).min(first_rota_seconds * 0.4);
    let first_full_time = full_time_bound_with(floor_bound);
    let mut tried_first = false;
    if first_full_time > 0 || floor_bound > 0 {
        tried_first = true;
        let designated = designate(&spreads[0], first_full_time, floor_bound);
        if let (_, Some(found)) =
            find_rota(instance, &designated, attempt_seconds(), control, started)
        {
            let reached = count_reaching(instance, &found, full_time_hours).max(first_full_time);
            return (
                RunStatus::Optimal,
                Some(Levels {
                    found,
                    floor_lines: floor_bound,
                    floor_bound,
                    full_time_lines: reached,
                    full_time_bound: first_full_time.max(reached),
                }),
            );
        }
    }
    // Any rota for this head count, or the proof that there is none.
    let finding = Instant::now();
    let seconds = (first_rota_seconds - began.elapsed().as_secs_f64()).min(remaining());
    let (status, first) = find_rota(instance, lines, seconds, control, started);
    let Some(first) = first else {
        return (status, None);
    };
    // A designated rota, when there is one, takes about as long as this one did; much longer
    // mostly means there is none, so each attempt gets a few times that.
    let first_seconds = finding.elapsed().as_secs_f64();
    let search = Search {
        instance,
        spreads: &spreads,
        control,
        started,
        remaining,
        attempt_seconds: (2.0 * first_seconds + 1.0).clamp(1.5, 4.0),
    };
    let found_floor = count_reaching(instance, &first, floor_hours);
    let (floor_lines, best) = search.raise(
        first,
        found_floor,
        floor_bound,
        (tried_first && first_full_time == 0).then_some(floor_bound),
        &|spread, k| designate(spread, 0, k),
        &|found| count_reaching(instance, found, floor_hours),
    );
    let full_time_bound = if floor_lines == floor_bound {
        first_full_time
    } else {
        full_time_bound_with(floor_lines)
    };
    let found_full_time = count_reaching(instance, &best, full_time_hours).min(floor_lines);
    let (full_time_lines, best) = search.raise(
        best,
        found_full_time,
        full_time_bound,
        None,
        &|spread, k| designate(spread, k, floor_lines),
        &|found| count_reaching(instance, found, full_time_hours),
    );
    let proven = floor_lines >= floor_bound && full_time_lines >= full_time_bound;
    (
        if proven {
            RunStatus::Optimal
        } else {
            RunStatus::Feasible
        },
        Some(Levels {
            found: best,
            floor_lines,
            floor_bound,
            full_time_lines,
            full_time_bound: full_time_bound.max(full_time_lines),
        }),
    )
}

/// The search for more lines reaching a target, by designating k lines.
struct Search<'a> {
    instance: &'a Instance,
    spreads: &'a [Vec<usize>],
    control: &'a SolveControl,
    started: Instant,
    remaining: &'a dyn Fn() -> f64,
    /// Seconds for one designated attempt.
    attempt_seconds: f64,
}

impl Search<'_> {
    /// Raises the number of lines reaching a target from `found` (in `best`) towards `upper`:
    /// k from the bound down, then from what was found up. A k not found within the time is no
    /// proof about k, only a reason to look lower. `tried`: a k already tried on the first spread.
    fn raise(
        &self,
        mut best: Found,
        mut found: u32,
        upper: u32,
        tried: Option<u32>,
        designate: &dyn Fn(&[usize], u32) -> Vec<LineSpec>,
        count: &dyn Fn(&Found) -> u32,
    ) -> (u32, Found) {
        let mut upper = upper.max(found);
        let mut k = upper;
        while found < upper && (self.remaining)() > 0.2 && !self.control.is_cancelled() {
            let mut reached = false;
            for (index, spread) in self.spreads.iter().enumerate() {
                if index == 0 && tried == Some(k) {
                    continue;
                }
                let designated = designate(spread, k);
                let seconds = (self.remaining)().min(self.attempt_seconds);
                if let (_, Some(attempt)) = find_rota(
                    self.instance,
                    &designated,
                    seconds,
                    self.control,
                    self.started,
                ) {
                    found = count(&attempt).max(k);
                    best = attempt;
                    reached = true;
                    break;
                }
            }
            if !reached {
                upper = k - 1;
            }
            k = (found + 1).min(upper);
        }
        (found, best)
    }
}

fn family_label(family: ShiftFamily) -> &'static str {
    match family {
        ShiftFamily::NightsOnly => "nattlinjer",
        ShiftFamily::NoNights => "dag- og kveldslinjer",
        ShiftFamily::Any | ShiftFamily::NightsOrDays => "alle vakter",
    }
}
