//! The quality phase: with the structure fixed (the same lines, each with exactly its hours and
//! its weekend group, so heads, positions, full-time lines and the minimum position stay as
//! proven), lines are re-planned for the lowest quality score within a time budget of its own.
//!
//! One MIP over the whole rota barely moves within seconds, so the phase is a large-neighbourhood
//! search: a few lines at a time (the worst line and two others) are re-planned by HiGHS with
//! `Goal::Quality`, covering what the other lines leave of the need, and kept when the score
//! falls. Each step is small enough for HiGHS to solve in a fraction of a second.

use super::model::{self, Goal, LineSpec, Penalty};
use super::run::{RunStatus, SolveControl, run_model};
use super::{Found, Instance};
use std::time::Instant;

/// A rota as shift indices: `cells[line][day]`, None for a day off.
pub(super) type Cells = Vec<Vec<Option<usize>>>;

/// The rota after the phase and its score (the MIP's terms).
pub(super) struct Improved {
    pub cells: Cells,
    pub score_after: f64,
}

/// The rota of a solution as shift indices.
pub(super) fn cells_of(instance: &Instance, found: &Found) -> Cells {
    found
        .x
        .iter()
        .map(|line| {
            (0..instance.days)
                .map(|d| {
                    line[d].iter().position(|cell| {
                        cell.is_some_and(|(_, c)| {
                            found.result.values.get(c).is_some_and(|&v| v > 0.5)
                        })
                    })
                })
                .collect()
        })
        .collect()
}

/// A line's score with the MIP's terms (single work days and days off, rhythm changes, backward
/// rotation, the spread of weekly hours), cyclic.
fn line_score(instance: &Instance, line: &[Option<usize>]) -> f64 {
    let w = &instance.quality;
    let days = line.len();
    let works = |d: usize| line[d % days].is_some();
    let mut score = 0.0;
    for d in 0..days {
        let (previous, next) = (works(d + days - 1), works(d + 1));
        if works(d) && !previous && !next {
            score += w.single_work_day_weight;
        }
        if !works(d) && previous && next {
            score += w.single_day_off_weight;
        }
        if let (Some(a), Some(b)) = (line[d], line[(d + 1) % days]) {
            let (a, b) = (instance.rhythm[a], instance.rhythm[b]);
            if a != b {
                score += w.kind_change_weight;
            }
            if b < a {
                score += w.backward_rotation_weight;
            }
        }
    }
    if instance.weeks > 1 {
        let week: Vec<f64> = (0..instance.weeks)
            .map(|k| {
                line[k * 7..k * 7 + 7]
                    .iter()
                    .flatten()
                    .map(|&s| instance.shifts[s].hours)
                    .sum()
            })
            .collect();
        let most = week.iter().copied().fold(0.0, f64::max);
        let least = week.iter().copied().fold(f64::INFINITY, f64::min);
        score += w.week_spread_weight_per_hour * (most - least);
    }
    score
}

/// A small deterministic generator: the same rota gives the same phase.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// Re-plans the rota in `found` for quality within `seconds`.
pub(super) fn improve(
    instance: &Instance,
    found: &Found,
    seconds: f64,
    control: &SolveControl,
    started: Instant,
) -> Improved {
    let phase = Instant::now();
    let mut cells = cells_of(instance, found);
    let lines = &found.lines;
    let scores =
        |cells: &Cells| -> Vec<f64> { cells.iter().map(|l| line_score(instance, l)).collect() };
    let mut score = scores(&cells);
    let hours: Vec<f64> = cells
        .iter()
        .map(|l| l.iter().flatten().map(|&s| instance.shifts[s].hours).sum())
        .collect();
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    let mut tried_worst = vec![0u32; cells.len()];
    let count = cells.len();
    let group_size = 3.min(count);
    while count >= 2
        && phase.elapsed().as_secs_f64() + 0.1 < seconds
        && !control.is_cancelled()
        && score.iter().sum::<f64>() > 1e-9
    {
        // The worst line that was tried least, with one from its weekend group and one at random.
        let worst = (0..count)
            .max_by(|&a, &b| {
                (score[a] / f64::from(1 + tried_worst[a]))
                    .total_cmp(&(score[b] / f64::from(1 + tried_worst[b])))
            })
            .unwrap_or(0);
        tried_worst[worst] += 1;
        let mut chosen = vec![worst];
        let same_group: Vec<usize> = (0..count)
            .filter(|&l| l != worst && lines[l].weekend_group == lines[worst].weekend_group)
            .collect();
        if !same_group.is_empty() {
            chosen.push(same_group[random.below(same_group.len())]);
        }
        while chosen.len() < group_size {
            let other = random.below(count);
            if !chosen.contains(&other) {
                chosen.push(other);
            }
        }
        // Interchangeable lines are ordered by hours in the model (symmetry breaking).
        chosen.sort_by(|&a, &b| hours[b].total_cmp(&hours[a]));
        let step_seconds = (seconds - phase.elapsed().as_secs_f64()).min(1.0);
        if let Some(replanned) = replan(
            instance,
            &cells,
            lines,
            &hours,
            &chosen,
            step_seconds,
            control,
            started,
        ) {
            let before: f64 = chosen.iter().map(|&l| score[l]).sum();
            let after: f64 = replanned.iter().map(|l| line_score(instance, l)).sum();
            if after < before - 1e-9 {
                for (&l, line) in chosen.iter().zip(replanned) {
                    cells[l] = line;
                    score[l] = line_score(instance, &cells[l]);
                }
            }
        }
    }
    Improved {
        score_after: score.iter().sum(),
        cells,
    }
}

/// The best lines `chosen` can be, each keeping its hours, covering what the other lines leave.
#[allow(clippy::too_many_arguments)]
fn replan(
    instance: &Instance,
    cells: &Cells,
    lines: &[LineSpec],
    hours: &[f64],
    chosen: &[usize],
    seconds: f64,
    control: &SolveControl,
    started: Instant,
) -> Option<Vec<Vec<Option<usize>>>> {
    let shifts = instance.shifts.len();
    let left: Vec<Vec<u32>> = (0..instance.days)
        .map(|d| {
            (0..shifts)
                .map(|s| {
                    let others = (0..cells.len())
                        .filter(|l| !chosen.contains(l) && cells[*l][d] == Some(s))
                        .count() as u32;
                    instance.need_on(s, d).saturating_sub(others)
                })
                .collect()
        })
        .collect();
    let mut part = instance.clone();
    part.need_by_day = Some(left);
    let specs: Vec<LineSpec> = chosen
        .iter()
        .map(|&l| LineSpec {
            min_hours: hours[l] - 1e-6,
            max_hours: hours[l] + 1e-6,
            ..lines[l].clone()
        })
        .collect();
    let built = model::build(&part, &specs, Goal::Quality, &[]);
    // The start: the chosen lines as they are.
    let mut start = vec![0.0; built.var_count];
    let current: Vec<&Vec<Option<usize>>> = chosen.iter().map(|&l| &cells[l]).collect();
    for (k, line) in current.iter().enumerate() {
        for (d, cell) in line.iter().enumerate() {
            if let Some(s) = cell
                && let Some((_, column)) = built.x[k][d][*s]
            {
                start[column] = 1.0;
            }
        }
    }
    let days = instance.days;
    let works = |k: usize, d: usize| f64::from(u8::from(current[k][d % days].is_some()));
    let week_hours = |k: usize, week: usize| -> f64 {
        current[k][week * 7..week * 7 + 7]
            .iter()
            .flatten()
            .map(|&s| instance.shifts[s].hours)
            .sum()
    };
    for &(column, penalty) in &built.penalties {
        start[column] = match penalty {
            Penalty::SingleWorkDay { line, day } => {
                (works(line, day) - works(line, day + days - 1) - works(line, day + 1)).max(0.0)
            }
            Penalty::SingleDayOff { line, day } => {
                (works(line, day + days - 1) + works(line, day + 1) - works(line, day) - 1.0)
                    .max(0.0)
            }
            Penalty::KindChange {
                line,
                day,
                backward,
            } => {
                let rhythm = |d: usize| current[line][d % days].map(|s| instance.rhythm[s]);
                match (rhythm(day), rhythm(day + 1)) {
                    (Some(a), Some(b)) if (backward && b < a) || (!backward && b != a) => 1.0,
                    _ => 0.0,
                }
            }
            Penalty::BusiestWeek { line } => (0..instance.weeks)
                .map(|w| week_hours(line, w))
                .fold(0.0, f64::max),
            Penalty::QuietestWeek { line } => (0..instance.weeks)
                .map(|w| week_hours(line, w))
                .fold(f64::INFINITY, f64::min),
        };
    }
    let x = built.x.clone();
    let result = run_model(built, seconds, None, Some(&start), control, started);
    if !matches!(result.status, RunStatus::Optimal | RunStatus::Feasible) {
        return None;
    }
    Some(
        (0..chosen.len())
            .map(|k| {
                (0..days)
                    .map(|d| {
                        x[k][d].iter().position(|cell| {
                            cell.is_some_and(|(_, c)| {
                                result.values.get(c).is_some_and(|&v| v > 0.5)
                            })
                        })
                    })
                    .collect()
            })
            .collect(),
    )
}
