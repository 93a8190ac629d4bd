//! The plain rotating MIP: binary x[day, shift] on one cyclic chain of 7·N days, a day off
//! where no shift is taken. One function per constraint family.
//!
//! Every day index is taken modulo 7·N, so each family holds across the wrap from the last
//! day to the first. Block lengths are modelled per indicator (one shift type, any work, a
//! day off): at most M in a row as "every M+1 consecutive days have one day without it", at
//! least m as "where a block starts (on at d, off at d−1), it is on at d+1, …, d+m−1".
//!
//! It is general (it also covers chains without any day off or without any work) but it grows
//! with N and HiGHS finds some instances hard in it; [`super::solve`] uses it only where the
//! flow model ([`super::model`]) does not apply, and tests use it as a cross-check.

use super::{BlockLimits, Finding, Instance, Schedule, WEEK};
use crate::solve::model::RotaModel;
use good_lp::{Constraint, Expression, ProblemVariables, Variable, constraint, variable};

struct Builder<'a> {
    instance: &'a Instance,
    days: usize,
    x: Vec<Vec<Variable>>,
    constraints: Vec<Constraint>,
}

impl Builder<'_> {
    /// The day `offset` days after `day`, around the cycle (offset may be negative).
    fn day(&self, day: usize, offset: isize) -> usize {
        (day as isize + offset).rem_euclid(self.days as isize) as usize
    }

    /// 1 when `day` has shift `s`.
    fn shift(&self, day: usize, s: usize) -> Expression {
        self.x[day][s].into()
    }

    /// 1 when `day` is a work day.
    fn worked(&self, day: usize) -> Expression {
        self.x[day].iter().copied().sum()
    }

    /// 1 when `day` is a day off.
    fn off(&self, day: usize) -> Expression {
        1 - self.worked(day)
    }
}

/// The built model and where x[day, shift] is among its columns.
pub struct DayModel {
    /// The model, ready for [`super::run::run`].
    pub model: RotaModel,
    /// `cells[day][shift]`: the column index of x[day, shift].
    pub cells: Vec<Vec<usize>>,
    /// x[day][shift], for callers that add rules of their own (a unit's rotating mode).
    pub x: Vec<Vec<Variable>>,
}

/// Most coefficients [`super::solve`] lets the day model have (a few hundred MB to build);
/// the benchmark's largest instance needs about 200,000.
pub const MAX_TERMS: u64 = 5_000_000;

/// About how many coefficients [`build`] writes for `instance`: what building it costs in time
/// and memory. Blocks near the chain's length make it grow as the square of the chain.
pub fn terms(instance: &Instance) -> u64 {
    let days = instance.days() as u64;
    let shifts = instance.shifts.len() as u64;
    // Per block family: windows of max+1 days when max is shorter than the chain, and three
    // indicators per day and follow-on day for the shortest length.
    let blocks = |limits: BlockLimits, width: u64| {
        let max = limits.max as u64;
        let windows = if max < days { days * (max + 1) } else { 0 };
        let follow = (limits.min as u64)
            .saturating_sub(1)
            .min(days.saturating_sub(1));
        width * (windows + days * follow * 3)
    };
    let per_shift: u64 = instance
        .shifts
        .iter()
        .map(|shift| blocks(shift.block, 1))
        .sum();
    let forbidden: u64 = instance
        .forbidden
        .iter()
        .map(|sequence| days * sequence.len() as u64 * shifts)
        .sum();
    2 * days * shifts
        + per_shift
        + blocks(instance.work_block, shifts)
        + blocks(instance.off_block, shifts)
        + forbidden
}

/// Builds the plain model for `instance`.
pub fn build(instance: &Instance) -> DayModel {
    let days = instance.days();
    let mut vars = ProblemVariables::new();
    let mut x = Vec::with_capacity(days);
    let mut cells = Vec::with_capacity(days);
    let mut count = 0;
    for _ in 0..days {
        let mut row = Vec::with_capacity(instance.shifts.len());
        let mut columns = Vec::with_capacity(instance.shifts.len());
        for _ in &instance.shifts {
            row.push(vars.add(variable().binary()));
            columns.push(count);
            count += 1;
        }
        x.push(row);
        cells.push(columns);
    }
    let mut b = Builder {
        instance,
        days,
        x,
        constraints: Vec::new(),
    };
    one_shift_per_day(&mut b);
    exact_demand(&mut b);
    shift_blocks(&mut b);
    work_blocks(&mut b);
    days_off_blocks(&mut b);
    forbidden_sequences(&mut b);
    rotation_symmetry(&mut b);
    let x = b.x;
    DayModel {
        model: RotaModel::feasibility(vars, count, b.constraints),
        cells,
        x,
    }
}

/// At most one shift a day; a day without one is a day off.
fn one_shift_per_day(b: &mut Builder) {
    for day in 0..b.days {
        let worked = b.worked(day);
        b.constraints.push(constraint!(worked <= 1));
    }
}

/// Exactly the demand: on each weekday, the N weeks of the chain hold the shift as often as
/// the demand says (each employee works one week row on that weekday).
fn exact_demand(b: &mut Builder) {
    let weeks = b.instance.employees;
    for (s, row) in b.instance.demand.iter().enumerate() {
        for (weekday, &demand) in row.iter().enumerate() {
            let planned: Expression = (0..weeks).map(|w| b.shift(w * WEEK + weekday, s)).sum();
            b.constraints.push(constraint!(planned == demand));
        }
    }
}

/// Blocks of each shift type: between its shortest and longest block in a row.
fn shift_blocks(b: &mut Builder) {
    for (s, shift) in b.instance.shifts.iter().enumerate() {
        block_lengths(b, shift.block, |b, day| b.shift(day, s));
    }
}

/// Work blocks (any shifts in a row): between the shortest and longest work block.
fn work_blocks(b: &mut Builder) {
    let limits = b.instance.work_block;
    block_lengths(b, limits, |b, day| b.worked(day));
}

/// Days-off blocks: between the shortest and longest days-off block.
fn days_off_blocks(b: &mut Builder) {
    let limits = b.instance.off_block;
    block_lengths(b, limits, |b, day| b.off(day));
}

/// Blocks of days where `on(day)` is 1 are between `limits.min` and `limits.max` long,
/// cyclically. A chain where `on` holds every day is one block of all 7·N days.
fn block_lengths(b: &mut Builder, limits: BlockLimits, on: impl Fn(&Builder, usize) -> Expression) {
    let days = b.days;
    // Longest: every window of max+1 days has a day where `on` is 0.
    if limits.max < days {
        for first in 0..days {
            let window: Expression = (0..=limits.max)
                .map(|i| on(b, b.day(first, i as isize)))
                .sum();
            b.constraints.push(constraint!(window <= limits.max as f64));
        }
    }
    // Shortest: a block starting at `day` (on at day, off at day-1) goes on for min-1 more days.
    // Beyond 7·N - 1 days the block would meet its own start: no block can start at all.
    let follow = (limits.min - 1).min(days - 1);
    for day in 0..days {
        for k in 1..=follow {
            let start = on(b, day) - on(b, b.day(day, -1));
            let later = on(b, b.day(day, k as isize));
            b.constraints.push(constraint!(start <= later));
        }
    }
    if limits.min > days {
        // Not even the whole chain is long enough.
        let all: Expression = (0..days).map(|day| on(b, day)).sum();
        b.constraints.push(constraint!(all <= (days - 1) as f64));
    }
}

/// Forbidden sequences of consecutive days ("N D", or "N - D": N, a day off, then D): at least
/// one element of each sequence fails wherever it would start, across the wrap too.
fn forbidden_sequences(b: &mut Builder) {
    for sequence in &b.instance.forbidden {
        for first in 0..b.days {
            let matched: Expression = sequence
                .iter()
                .enumerate()
                .map(|(i, element)| {
                    let day = b.day(first, i as isize);
                    match *element {
                        Some(s) => b.shift(day, s),
                        None => b.off(day),
                    }
                })
                .sum();
            let most = sequence.len() as f64 - 1.0;
            b.constraints.push(constraint!(matched <= most));
        }
    }
}

/// Turning the chain by whole weeks gives another solution: fix the first week to hold the
/// rarest assignment (see [`rarest_assignment`]).
fn rotation_symmetry(b: &mut Builder) {
    let Some((weekday, cell)) = rarest_assignment(b.instance) else {
        return;
    };
    let fixed = match cell {
        Some(s) => b.shift(weekday, s),
        None => b.off(weekday),
    };
    b.constraints.push(constraint!(fixed == 1));
}

/// The (weekday, shift or day off) that the demand puts in the fewest weeks, at least one:
/// every solution has it in some week, and turning the chain by whole weeks brings that week
/// first. None when a weekday is overfull (then the demand alone is infeasible).
fn rarest_assignment(instance: &Instance) -> Option<(usize, Option<usize>)> {
    let weeks = instance.employees as i64;
    let mut rarest: Option<(i64, usize, Option<usize>)> = None;
    for weekday in 0..WEEK {
        let mut taken = 0;
        for (s, row) in instance.demand.iter().enumerate() {
            let count = i64::from(row[weekday]);
            taken += count;
            if count > 0 && rarest.is_none_or(|(c, _, _)| count < c) {
                rarest = Some((count, weekday, Some(s)));
            }
        }
        let off = weeks - taken;
        if off < 0 {
            return None;
        }
        if off > 0 && rarest.is_none_or(|(c, _, _)| off < c) {
            rarest = Some((off, weekday, None));
        }
    }
    rarest.map(|(_, weekday, cell)| (weekday, cell))
}

/// Reads the schedule from the column values: per day the shift whose x is 1, or a day off.
///
/// Errors when a day has more than one shift (the model forbids it; the schedule could not
/// show it, so it is caught here).
pub fn extract(
    instance: &Instance,
    cells: &[Vec<usize>],
    values: &[f64],
) -> Result<Schedule, Finding> {
    let mut schedule = vec![[None; WEEK]; instance.employees];
    for (day, columns) in cells.iter().enumerate() {
        let mut taken = columns
            .iter()
            .enumerate()
            .filter(|&(_, &column)| values.get(column).is_some_and(|&v| v > 0.5))
            .map(|(s, _)| s);
        let cell = taken.next();
        if taken.next().is_some() {
            return Err(Finding::TwoShifts { day });
        }
        if let Some(row) = schedule.get_mut(day / WEEK) {
            row[day % WEEK] = cell;
        }
    }
    Ok(schedule)
}
