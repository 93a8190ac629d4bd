//! The rotating MIP on HiGHS, as blocks: a binary for "work block with shift pattern p starts
//! on day d" and one for "days-off block of length l starts on day d", on one cyclic chain of
//! 7·N days; objective 0 (a decision problem). One function per constraint family.
//!
//! A work pattern is a sequence of shifts whose own rules hold inside it: its length is an
//! allowed work block, each run of one shift type is an allowed block of that type (a run
//! cannot cross a day off), and it holds no forbidden sequence made of shifts only. The chain
//! is then a cyclic tiling of days by work blocks and days-off blocks that alternate, which
//! the LP relaxation describes far more tightly than per-day binaries with block-length
//! inequalities ([`super::day_model`], used for chains without any day off or any work, and
//! as a cross-check in tests). Every day index is taken modulo 7·N, so each family holds
//! across the wrap from the last day to the first.

use super::{Instance, Schedule, WEEK};
use crate::solve::model::RotaModel;
use good_lp::{Constraint, Expression, ProblemVariables, Variable, constraint, variable};

/// A column that, when 1, puts `cells` on the chain from `first_day` on (around the cycle).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placement {
    /// Its column index in the model.
    pub column: usize,
    /// The first day it covers.
    pub first_day: usize,
    /// Shift indices on consecutive days.
    pub cells: Vec<Option<usize>>,
}

/// A built model and how to read a schedule from its column values.
pub struct RwsModel {
    /// The model, ready for [`crate::solve::run::run_model`].
    pub model: RotaModel,
    /// The columns that put shifts on the chain; days no placement covers are days off.
    pub placements: Vec<Placement>,
}

/// Builds the model for `instance`: the block model, or the plain day model when the demand
/// leaves no day off or no work at all (or overfills a weekday), where blocks do not alternate.
pub fn build(instance: &Instance) -> RwsModel {
    let work: u64 = instance
        .demand
        .iter()
        .flatten()
        .map(|&d| u64::from(d))
        .sum();
    if work == 0 || work >= instance.days() as u64 {
        return super::day_model::build(instance);
    }
    build_blocks(instance)
}

/// All work patterns: shift sequences that can form one whole work block.
pub fn work_patterns(instance: &Instance) -> Vec<Vec<usize>> {
    // A work block leaves at least one day off in the chain.
    let longest = instance.work_block.max.min(instance.days() - 1);
    let internal: Vec<&Vec<Option<usize>>> = instance
        .forbidden
        .iter()
        .filter(|sequence| sequence.iter().all(Option::is_some))
        .collect();
    let mut patterns = Vec::new();
    let mut pattern = Vec::with_capacity(longest);
    extend(instance, &internal, longest, &mut pattern, 0, &mut patterns);
    patterns
}

/// Depth-first: `pattern` ends with a run of `run` days of its last shift.
fn extend(
    instance: &Instance,
    internal: &[&Vec<Option<usize>>],
    longest: usize,
    pattern: &mut Vec<usize>,
    run: usize,
    out: &mut Vec<Vec<usize>>,
) {
    let last = pattern.last().copied();
    let run_complete = last.is_none_or(|s| run >= instance.shifts[s].block.min);
    if pattern.len() >= instance.work_block.min && run_complete {
        out.push(pattern.clone());
    }
    if pattern.len() == longest {
        return;
    }
    for s in 0..instance.shifts.len() {
        let next_run = if Some(s) == last {
            run + 1
        } else if run_complete {
            1
        } else {
            continue;
        };
        if next_run > instance.shifts[s].block.max {
            continue;
        }
        pattern.push(s);
        let forbidden = internal.iter().any(|sequence| {
            sequence.len() <= pattern.len()
                && pattern[pattern.len() - sequence.len()..]
                    .iter()
                    .zip(sequence.iter())
                    .all(|(&cell, &element)| element == Some(cell))
        });
        if !forbidden {
            extend(instance, internal, longest, pattern, next_run, out);
        }
        pattern.pop();
    }
}

struct Builder<'a> {
    instance: &'a Instance,
    days: usize,
    constraints: Vec<Constraint>,
    /// Work blocks: (variable, first day, pattern index).
    work: Vec<(Variable, usize, usize)>,
    patterns: Vec<Vec<usize>>,
    /// Days-off blocks: (variable, first day, length).
    off: Vec<(Variable, usize, usize)>,
    /// Per day and shift, the work-block variables that put the shift there.
    shift_on: Vec<Vec<Vec<Variable>>>,
    /// Per day, the days-off-block variables that cover it.
    off_on: Vec<Vec<Variable>>,
}

impl Builder<'_> {
    /// The day `offset` days after `day`, around the cycle.
    fn day(&self, day: usize, offset: usize) -> usize {
        (day + offset) % self.days
    }

    /// 1 when `day` has shift `s`.
    fn shift(&self, day: usize, s: usize) -> Expression {
        self.shift_on[day][s].iter().copied().sum()
    }

    /// 1 when `day` is a day off.
    fn off(&self, day: usize) -> Expression {
        self.off_on[day].iter().copied().sum()
    }
}

/// Builds the block model (the chain must hold at least one day off and one work day).
pub fn build_blocks(instance: &Instance) -> RwsModel {
    let days = instance.days();
    let shifts = instance.shifts.len();
    let patterns = work_patterns(instance);
    let mut vars = ProblemVariables::new();
    let mut b = Builder {
        instance,
        days,
        constraints: Vec::new(),
        work: Vec::new(),
        patterns,
        off: Vec::new(),
        shift_on: vec![vec![Vec::new(); shifts]; days],
        off_on: vec![Vec::new(); days],
    };
    let mut placements = Vec::new();
    for first in 0..days {
        for (p, pattern) in b.patterns.iter().enumerate() {
            let v = vars.add(variable().binary());
            placements.push(Placement {
                column: b.work.len(),
                first_day: first,
                cells: pattern.iter().map(|&s| Some(s)).collect(),
            });
            for (i, &s) in pattern.iter().enumerate() {
                b.shift_on[(first + i) % days][s].push(v);
            }
            b.work.push((v, first, p));
        }
    }
    let longest_off = instance.off_block.max.min(days - 1);
    for first in 0..days {
        for length in instance.off_block.min..=longest_off {
            let v = vars.add(variable().binary());
            for i in 0..length {
                b.off_on[(first + i) % days].push(v);
            }
            b.off.push((v, first, length));
        }
    }
    let var_count = b.work.len() + b.off.len();
    every_day_once(&mut b);
    work_and_days_off_alternate(&mut b);
    exact_demand(&mut b);
    forbidden_sequences(&mut b);
    rotation_symmetry(&mut b);
    RwsModel {
        model: RotaModel {
            vars,
            var_count,
            constraints: b.constraints,
            objective: Expression::from(0.0),
            x: Vec::new(),
            used: Vec::new(),
            uncovered: Vec::new(),
            qualification_level: Vec::new(),
        },
        placements,
    }
}

/// Every day lies in exactly one block: one work block or one days-off block.
fn every_day_once(b: &mut Builder) {
    for day in 0..b.days {
        let worked: Expression = (0..b.instance.shifts.len()).map(|s| b.shift(day, s)).sum();
        let covered = worked + b.off(day);
        b.constraints.push(constraint!(covered == 1));
    }
}

/// A work block ending on a day is followed by a days-off block starting the next day, and
/// only then does a days-off block start: work and days off alternate.
fn work_and_days_off_alternate(b: &mut Builder) {
    let mut work_ends = vec![Expression::from(0.0); b.days];
    for &(v, first, p) in &b.work {
        let last = b.day(first, b.patterns[p].len() - 1);
        work_ends[last] += v;
    }
    let mut off_starts = vec![Expression::from(0.0); b.days];
    for &(v, first, _) in &b.off {
        off_starts[first] += v;
    }
    for (day, ends) in work_ends.into_iter().enumerate() {
        let starts = off_starts[b.day(day, 1)].clone();
        b.constraints.push(constraint!(ends == starts));
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

/// Forbidden sequences with a day off in them ("N - D": N, a day off, then D; "- D"): at least
/// one element fails wherever the sequence would start, across the wrap too. Sequences of
/// shifts only are already left out of the work patterns.
fn forbidden_sequences(b: &mut Builder) {
    for sequence in &b.instance.forbidden {
        if sequence.iter().all(Option::is_some) {
            continue;
        }
        for first in 0..b.days {
            let matched: Expression = sequence
                .iter()
                .enumerate()
                .map(|(i, element)| {
                    let day = b.day(first, i);
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
pub fn rarest_assignment(instance: &Instance) -> Option<(usize, Option<usize>)> {
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

/// Reads the schedule from the column values: the placements at 1 put their shifts on the
/// chain, every other day is off.
///
/// Errors when two placements cover the same day (the model forbids it; the schedule could
/// not show it, so it is caught here).
pub fn extract(
    instance: &Instance,
    placements: &[Placement],
    values: &[f64],
) -> Result<Schedule, String> {
    let days = instance.days();
    let mut chain: Vec<Option<usize>> = vec![None; days];
    let mut covered = vec![false; days];
    for placement in placements {
        if !values.get(placement.column).is_some_and(|&v| v > 0.5) {
            continue;
        }
        for (i, &cell) in placement.cells.iter().enumerate() {
            let day = (placement.first_day + i) % days;
            if covered[day] {
                return Err(format!(
                    "the solver put two shifts on day {} of the chain",
                    day + 1
                ));
            }
            covered[day] = true;
            chain[day] = cell;
        }
    }
    Ok(chain
        .chunks(WEEK)
        .map(|week| {
            let mut row = [None; WEEK];
            row.copy_from_slice(week);
            row
        })
        .collect())
}
