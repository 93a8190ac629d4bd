//! The rotating MIP: binary x[day, shift] on one cyclic chain of 7·N days, a day off where no
//! shift is taken, objective 0 (a decision problem). One function per constraint family.
//!
//! Every day index is taken modulo 7·N, so each family holds across the wrap from the last
//! day to the first. Block lengths are modelled per indicator (one shift type, any work, a
//! day off): at most M in a row as "every M+1 consecutive days have one day without it", at
//! least m as "where a block starts (on at d, off at d−1), it is on at d+1, …, d+m−1".

use super::{BlockLimits, Instance, Schedule, WEEK};
use crate::solve::model::RotaModel;
use good_lp::{Constraint, Expression, ProblemVariables, Variable, constraint, variable};

/// The built model and where to find x[day, shift] among its columns.
pub struct RwsModel {
    /// The model, ready for [`crate::solve::run::run_model`].
    pub model: RotaModel,
    /// `cells[day][shift]`: the column index of x[day, shift].
    pub cells: Vec<Vec<usize>>,
}

struct Builder<'a> {
    instance: &'a Instance,
    days: usize,
    vars: ProblemVariables,
    x: Vec<Vec<Variable>>,
    constraints: Vec<Constraint>,
    count: usize,
}

impl Builder<'_> {
    fn add(&mut self, v: good_lp::VariableDefinition) -> Variable {
        self.count += 1;
        self.vars.add(v)
    }

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

/// Builds the model for `instance`.
pub fn build(instance: &Instance) -> RwsModel {
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
        vars,
        x,
        constraints: Vec::new(),
        count,
    };
    one_shift_per_day(&mut b);
    exact_demand(&mut b);
    shift_blocks(&mut b);
    work_blocks(&mut b);
    days_off_blocks(&mut b);
    forbidden_sequences(&mut b);
    rotation_symmetry(&mut b);
    RwsModel {
        model: RotaModel {
            vars: b.vars,
            var_count: b.count,
            constraints: b.constraints,
            objective: Expression::from(0.0),
            x: Vec::new(),
            used: Vec::new(),
            uncovered: Vec::new(),
            qualification_level: Vec::new(),
        },
        cells,
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
    let variant = std::env::var("RWS_VARIANT").unwrap_or_default();
    // Longest: every window of max+1 days has a day where `on` is 0.
    if limits.max < days {
        for first in 0..days {
            let window: Expression = (0..=limits.max)
                .map(|i| on(b, b.day(first, i as isize)))
                .sum();
            b.constraints.push(constraint!(window <= limits.max as f64));
        }
    }
    let follow = (limits.min - 1).min(days - 1);
    if variant.contains('a') {
        // start[d] = 1 where a block starts (on at d, off at d-1); end[d] where one ends.
        let mut starts = Vec::with_capacity(days);
        let mut ends = Vec::with_capacity(days);
        for day in 0..days {
            let st = b.add(variable().min(0).max(1));
            let en = b.add(variable().min(0).max(1));
            let here = on(b, day);
            let before = on(b, b.day(day, -1));
            let after = on(b, b.day(day, 1));
            b.constraints
                .push(constraint!(st >= here.clone() - before.clone()));
            b.constraints.push(constraint!(st <= here.clone()));
            b.constraints.push(constraint!(st <= 1 - before));
            b.constraints
                .push(constraint!(en >= here.clone() - after.clone()));
            b.constraints.push(constraint!(en <= here));
            b.constraints.push(constraint!(en <= 1 - after));
            starts.push(st);
            ends.push(en);
        }
        for day in 0..days {
            let here = on(b, day);
            let recent: Expression = (0..=follow)
                .map(|k| starts[b.day(day, -(k as isize))])
                .sum();
            b.constraints.push(constraint!(recent <= here.clone()));
            let soon: Expression = (0..=follow).map(|k| ends[b.day(day, k as isize)]).sum();
            b.constraints.push(constraint!(soon <= here.clone()));
            if limits.max < days && variant.contains('m') {
                let recent: Expression = (0..limits.max)
                    .map(|k| starts[b.day(day, -(k as isize))])
                    .sum();
                b.constraints.push(constraint!(here <= recent));
            }
        }
        if variant.contains('c') {
            let total: Expression = (0..days).map(|day| on(b, day)).sum();
            let blocks: Expression = starts.iter().copied().sum();
            // total <= max * blocks unless on everywhere; total >= min * blocks.
            b.constraints.push(constraint!(
                limits.min as f64 * blocks.clone() <= total.clone()
            ));
            if limits.max < days {
                b.constraints
                    .push(constraint!(total <= limits.max as f64 * blocks));
            }
        }
    } else {
        // Shortest: a block starting at `day` (on at day, off at day-1) goes on for min-1 more days.
        // Beyond 7·N - 1 days the block would meet its own start: no block can start at all.
        for day in 0..days {
            for k in 1..=follow {
                let start = on(b, day) - on(b, b.day(day, -1));
                let later = on(b, b.day(day, k as isize));
                b.constraints.push(constraint!(start <= later));
            }
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

/// Turning the chain by whole weeks gives another solution, so the first week can be fixed to
/// hold one assignment every solution has somewhere: the rarest (weekday, shift or day off)
/// that occurs at all.
fn rotation_symmetry(b: &mut Builder) {
    let weeks = b.instance.employees as i64;
    let mut rarest: Option<(i64, usize, Option<usize>)> = None;
    for weekday in 0..WEEK {
        let mut taken = 0;
        for (s, row) in b.instance.demand.iter().enumerate() {
            let count = i64::from(row[weekday]);
            taken += count;
            if count > 0 && rarest.is_none_or(|(c, _, _)| count < c) {
                rarest = Some((count, weekday, Some(s)));
            }
        }
        let off = weeks - taken;
        if off > 0 && rarest.is_none_or(|(c, _, _)| off < c) {
            rarest = Some((off, weekday, None));
        }
    }
    // An overfull weekday makes the demand constraints infeasible on their own.
    let Some((_, weekday, cell)) = rarest else {
        return;
    };
    let fixed = match cell {
        Some(s) => b.shift(weekday, s),
        None => b.off(weekday),
    };
    b.constraints.push(constraint!(fixed == 1));
}

/// Reads the schedule from the column values: per day the shift whose x is 1, or a day off.
///
/// Errors when a day has more than one shift (the model forbids it; the checker would not see
/// it in the schedule, so it is caught here).
pub fn extract(
    instance: &Instance,
    cells: &[Vec<usize>],
    values: &[f64],
) -> Result<Schedule, String> {
    let mut schedule = vec![[None; WEEK]; instance.employees];
    for (day, columns) in cells.iter().enumerate() {
        let mut taken = columns
            .iter()
            .enumerate()
            .filter(|&(_, &column)| values.get(column).is_some_and(|&v| v > 0.5))
            .map(|(s, _)| s);
        let cell = taken.next();
        if taken.next().is_some() {
            return Err(format!(
                "the solver put two shifts on day {} of the chain",
                day + 1
            ));
        }
        if let Some(row) = schedule.get_mut(day / WEEK) {
            row[day % WEEK] = cell;
        }
    }
    Ok(schedule)
}
