//! Repair: moving shifts between lines until every line's hours lie within its `soft_hours`.
//!
//! A today-mode model where everyone must keep today's position is hard for HiGHS to start:
//! on many units its root search finds no rota within the limit, while the same model without
//! the positions gives one in a second or two. So today mode starts from that rota and repairs
//! it: a few lines at a time (the one furthest from its hours, one that can give or take shifts,
//! one at random) are re-planned with `Goal::ReachHours`, covering what the other lines leave.
//! The rules stay hard in every step; only the hours are steered.

use super::Instance;
use super::model::{self, Goal, Holder, LineSpec};
use super::neighbourhood::{
    Cells, Random, cells_from_values, line_hours, residual, staffed, start_values,
};
use super::run::{RunStatus, SolveControl, run_model, trace};
use std::time::Instant;

/// The repaired rota and the hours it still lies outside the lines' soft limits (0 when reached).
pub(super) struct Repaired {
    pub cells: Cells,
    pub hours_outside: f64,
}

/// Hours line `l` lies outside its soft limits; an empty vacancy is no position and lies nowhere.
pub(super) fn outside(instance: &Instance, spec: &LineSpec, line: &[Option<usize>]) -> f64 {
    let Some((low, high)) = spec.soft_hours else {
        return 0.0;
    };
    if spec.holder == Holder::Vacancy && line.iter().all(Option::is_none) {
        return 0.0;
    }
    let hours = line_hours(instance, line);
    (low - hours).max(0.0) + (hours - high).max(0.0)
}

/// Re-plans `cells` until every line lies within its `soft_hours` or `seconds` run out.
pub(super) fn reach_hours(
    instance: &Instance,
    lines: &[LineSpec],
    mut cells: Cells,
    seconds: f64,
    control: &SolveControl,
    started: Instant,
) -> Repaired {
    let phase = Instant::now();
    let count = cells.len();
    let mut off: Vec<f64> = (0..count)
        .map(|l| outside(instance, &lines[l], &cells[l]))
        .collect();
    trace(
        started,
        &format!("repair: from {:.1} h outside", off.iter().sum::<f64>()),
    );
    let mut tried = vec![0u32; count];
    let mut random = Random(0x2545_f491_4f6c_dd1d);
    let mut failures = 0u32;
    while count >= 1
        && off.iter().sum::<f64>() > 1e-6
        && phase.elapsed().as_secs_f64() + 0.1 < seconds
        && !control.is_cancelled()
    {
        let worst = (0..count)
            .filter(|&l| off[l] > 1e-6)
            .max_by(|&a, &b| {
                (off[a] / f64::from(1 + tried[a])).total_cmp(&(off[b] / f64::from(1 + tried[b])))
            })
            .unwrap_or(0);
        tried[worst] += 1;
        let hours = |l: usize| line_hours(instance, &cells[l]);
        let short = lines[worst]
            .soft_hours
            .is_some_and(|(low, _)| hours(worst) < low);
        // A partner that can give shifts (to a short line) or take them (from one over). Where
        // the need is met at least, a line with a shift on a day above its need can take one
        // from a line over its hours and give up the one that day: together they work less.
        let surplus = (!instance.coverage_exact).then(|| surplus_holders(instance, &cells));
        let partners: Vec<usize> = (0..count)
            .filter(|&l| l != worst)
            .filter(|&l| {
                let (low, high) = lines[l].soft_hours.unwrap_or((0.0, lines[l].max_hours));
                if short {
                    hours(l) > low + 1e-6
                } else {
                    hours(l) < high.min(lines[l].max_hours) - 1e-6
                        || surplus.as_ref().is_some_and(|holders| holders[l])
                }
            })
            .collect();
        let mut chosen = vec![worst];
        // Where the need is met at least, a line can take more shifts on its own: alone, its
        // model is smallest. Lines to trade with come after.
        let alone = !instance.coverage_exact && tried[worst] == 1;
        if !alone && !partners.is_empty() {
            chosen.push(partners[random.below(partners.len())]);
        }
        // Stuck neighbourhoods grow: more lines give more ways to move shifts.
        let size = if alone {
            1
        } else {
            (3 + (failures / 4) as usize).min(6).min(count)
        };
        while chosen.len() < size {
            let other = random.below(count);
            if !chosen.contains(&other) {
                chosen.push(other);
            }
        }
        // Interchangeable vacancies are used in order in the model (symmetry breaking).
        chosen.sort_by_key(|&l| {
            (
                lines[l].holder == Holder::Vacancy,
                cells[l].iter().all(Option::is_none),
            )
        });
        let before: f64 = chosen.iter().map(|&l| off[l]).sum();
        let step_seconds = (seconds - phase.elapsed().as_secs_f64()).min(1.0);
        let replanned = replan(
            instance,
            &cells,
            lines,
            &chosen,
            step_seconds,
            control,
            started,
        );
        let mut improved = false;
        if let Some(replanned) = replanned {
            let after: f64 = chosen
                .iter()
                .zip(&replanned)
                .map(|(&l, line)| outside(instance, &lines[l], line))
                .sum();
            if after <= before + 1e-9 {
                improved = after < before - 1e-9;
                for (&l, line) in chosen.iter().zip(replanned) {
                    cells[l] = line;
                    off[l] = outside(instance, &lines[l], &cells[l]);
                }
            }
        }
        failures = if improved { 0 } else { failures + 1 };
    }
    Repaired {
        hours_outside: off.iter().sum(),
        cells,
    }
}

/// Which lines work a shift on a day staffed above its need.
fn surplus_holders(instance: &Instance, cells: &Cells) -> Vec<bool> {
    let staffed = staffed(instance, cells);
    cells
        .iter()
        .map(|line| {
            line.iter()
                .enumerate()
                .any(|(day, cell)| cell.is_some_and(|s| staffed[day][s] > instance.need_on(s, day)))
        })
        .collect()
}

/// The lines `chosen` re-planned for the fewest hours outside their soft limits, covering what
/// the other lines leave.
fn replan(
    instance: &Instance,
    cells: &Cells,
    lines: &[LineSpec],
    chosen: &[usize],
    seconds: f64,
    control: &SolveControl,
    started: Instant,
) -> Option<Cells> {
    let part = residual(instance, cells, lines, chosen);
    let specs: Vec<LineSpec> = chosen.iter().map(|&l| lines[l].clone()).collect();
    let built = model::build(&part, &specs, Goal::ReachHours, &[]);
    let current: Vec<&[Option<usize>]> = chosen.iter().map(|&l| cells[l].as_slice()).collect();
    let start = start_values(&built, &current);
    let x = built.x.clone();
    // Within the limits is as good as it gets: stop there.
    let result = run_model(built, seconds, Some(0.0), Some(&start), control, started);
    matches!(result.status, RunStatus::Optimal | RunStatus::Feasible)
        .then(|| cells_from_values(&x, &result.values, instance.days))
}
