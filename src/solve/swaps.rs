//! Swaps of shifts between two lines, without HiGHS: the quality phase's fast polish.
//!
//! A swap keeps the coverage and every line's hours: line A gives a shift on one day to line B,
//! which is off that day, and takes back a shift of the same length on a day A is off and B
//! works; or the two exchange shifts of the same length on one day. So heads, positions and
//! full-time lines stay as proven, and one swap moves hours between weeks for both lines at
//! once, which the few-lines, few-weeks HiGHS steps of [`super::quality`] seldom do. A swap is
//! kept when it lowers the two lines' quality score and both lines still meet every rule
//! ([`line_allowed`]) and each shift's qualified need stays covered.

use super::Instance;
use super::line_rules::line_allowed;
use super::model::LineSpec;
use super::neighbourhood::{Cells, Random};
use super::run::SolveControl;
use super::segment_swaps::segment_swaps;
use crate::model::{SATURDAY, SUNDAY};
use std::time::Instant;

/// Whether every qualified need of shift `s` on `day` is covered in `cells`.
pub(super) fn qualified_covered(
    instance: &Instance,
    lines: &[LineSpec],
    cells: &Cells,
    day: usize,
    s: usize,
) -> bool {
    instance
        .qualified_need
        .iter()
        .enumerate()
        .filter(|(_, (shift, _, _))| *shift == s)
        .all(|(entry, &(_, level, _))| {
            let covered = (0..cells.len())
                .filter(|&l| cells[l][day] == Some(s) && lines[l].holds(level))
                .count() as u32;
            covered >= instance.qualified_need_on(entry, day)
        })
}

/// How uneven a line's weeks are: the sum of squared differences from its mean week.
fn unevenness(instance: &Instance, line: &[Option<usize>]) -> f64 {
    let weeks: Vec<f64> = line
        .chunks(7)
        .map(|week| {
            week.iter()
                .flatten()
                .map(|&s| instance.shifts[s].hours)
                .sum()
        })
        .collect();
    let mean = weeks.iter().sum::<f64>() / weeks.len().max(1) as f64;
    weeks.iter().map(|w| (w - mean).powi(2)).sum()
}

/// Whether a locked day of `spec` is `day`.
pub(super) fn locked(spec: &LineSpec, day: usize) -> bool {
    spec.locked.iter().any(|&(d, _)| d == day)
}

/// One swap: the cells it sets, as (line, day, cell).
pub(super) type Change = Vec<(usize, usize, Option<usize>)>;

/// The rota being polished and each line's score and unevenness.
struct Polished<'a> {
    instance: &'a Instance,
    lines: &'a [LineSpec],
    cells: Cells,
    line_score: &'a dyn Fn(&[Option<usize>]) -> f64,
    score: Vec<f64>,
    uneven: Vec<f64>,
}

impl Polished<'_> {
    /// Makes `change` between lines `a` and `b` when it lowers their score (or, at the same
    /// score, evens their weeks) and both lines keep every rule and each qualified need stays
    /// covered; otherwise leaves the rota as it was.
    fn try_change(&mut self, a: usize, b: usize, change: &[(usize, usize, Option<usize>)]) -> bool {
        let (instance, lines) = (self.instance, self.lines);
        if change.iter().any(|&(l, d, _)| locked(&lines[l], d)) {
            return false;
        }
        let cells = &mut self.cells;
        // Tried in place, and put back unless kept.
        let old: Vec<Option<usize>> = change.iter().map(|&(l, d, _)| cells[l][d]).collect();
        for &(l, d, cell) in change {
            cells[l][d] = cell;
        }
        // Lower score first; at the same score, more even weeks (a step toward a lower spread
        // that does not move the largest week yet).
        let (after_a, after_b) = ((self.line_score)(&cells[a]), (self.line_score)(&cells[b]));
        let gain = self.score[a] + self.score[b] - after_a - after_b;
        let better = gain > 1e-9
            || (gain >= -1e-9
                && unevenness(instance, &cells[a]) + unevenness(instance, &cells[b])
                    < self.uneven[a] + self.uneven[b] - 1e-9);
        // Each shift that changes hands keeps its qualified need covered.
        let kept = better
            && change.iter().all(|&(_, d, cell)| {
                cell.is_none_or(|s| qualified_covered(instance, lines, cells, d, s))
            })
            && line_allowed(instance, &lines[a], &cells[a])
            && line_allowed(instance, &lines[b], &cells[b]);
        if kept {
            self.score[a] = after_a;
            self.score[b] = after_b;
            self.uneven[a] = unevenness(instance, &cells[a]);
            self.uneven[b] = unevenness(instance, &cells[b]);
        } else {
            for (&(l, d, _), cell) in change.iter().zip(old) {
                cells[l][d] = cell;
            }
        }
        kept
    }
}

/// Swaps shifts between the lines of `cells` while one lowers the score (`line_score` per
/// line) and `seconds` last: one-day swaps until none is left, then segment swaps
/// ([`segment_swaps`]), which open new one-day swaps. Returns the rota and how many swaps were
/// made.
pub(super) fn polish(
    instance: &Instance,
    lines: &[LineSpec],
    cells: Cells,
    line_score: &dyn Fn(&[Option<usize>]) -> f64,
    seconds: f64,
    control: &SolveControl,
) -> (Cells, u32) {
    let phase = Instant::now();
    let count = cells.len();
    let days = instance.days;
    let mut rota = Polished {
        instance,
        lines,
        score: cells.iter().map(|l| line_score(l)).collect(),
        uneven: cells.iter().map(|l| unevenness(instance, l)).collect(),
        cells,
        line_score,
    };
    let same_hours =
        |a: usize, b: usize| (instance.shifts[a].hours - instance.shifts[b].hours).abs() < 1e-9;
    let mut random = Random(0x2545_f491_4f6c_dd1d);
    let mut swaps = 0;
    let out_of_time = || phase.elapsed().as_secs_f64() >= seconds || control.is_cancelled();
    loop {
        let mut improved = false;
        // Worst lines first: they have the most to gain.
        let worst_first = |score: &[f64]| {
            let mut order: Vec<usize> = (0..count).filter(|&l| score[l] > 1e-9).collect();
            order.sort_by(|&x, &y| score[y].total_cmp(&score[x]));
            order
        };
        for a in worst_first(&rota.score) {
            let first_day = random.below(days);
            let first_line = random.below(count);
            'days: for step in 0..days {
                if out_of_time() {
                    return (rota.cells, swaps);
                }
                let d1 = (first_day + step) % days;
                if locked(&lines[a], d1) {
                    continue;
                }
                for other in 0..count {
                    let b = (first_line + other) % count;
                    if b == a || locked(&lines[b], d1) {
                        continue;
                    }
                    for change in candidate_swaps(instance, &rota.cells, a, b, d1, &same_hours) {
                        if rota.try_change(a, b, &change) {
                            swaps += 1;
                            improved = true;
                            continue 'days;
                        }
                    }
                }
            }
        }
        if !improved {
            for a in worst_first(&rota.score) {
                let first_line = random.below(count);
                for other in 0..count {
                    let b = (first_line + other) % count;
                    if out_of_time() {
                        return (rota.cells, swaps);
                    }
                    if b == a {
                        continue;
                    }
                    let changes = segment_swaps(instance, lines, &rota.cells, a, b, &mut random);
                    for change in changes {
                        if rota.try_change(a, b, &change) {
                            swaps += 1;
                            improved = true;
                            break;
                        }
                    }
                }
            }
        }
        if !improved {
            return (rota.cells, swaps);
        }
    }
}

/// The swaps between lines `a` and `b` that start on day `d1`, each as the cells it sets:
/// exchanging two shifts of the same length that day; or `a`'s shift that day for one of the
/// same length that `b` works on a day `a` is off. With whole weekends a Saturday goes with its
/// Sunday: `a`'s weekend for one of `b`'s in another week, shift lengths matching day by day.
fn candidate_swaps(
    instance: &Instance,
    cells: &Cells,
    a: usize,
    b: usize,
    d1: usize,
    same_hours: &dyn Fn(usize, usize) -> bool,
) -> Vec<Change> {
    let days = instance.days;
    let mut found = Vec::new();
    if let (Some(s), Some(t)) = (cells[a][d1], cells[b][d1])
        && s != t
        && same_hours(s, t)
    {
        found.push(vec![(a, d1, Some(t)), (b, d1, Some(s))]);
    }
    let weekend = instance.whole_weekends && matches!(d1 % 7, SATURDAY | SUNDAY);
    // The days that move together: the weekend from its Saturday, else the day.
    let unit = |first: usize| -> Vec<usize> {
        if weekend {
            vec![first, first + 1]
        } else {
            vec![first]
        }
    };
    if weekend && d1 % 7 == SUNDAY {
        return found;
    }
    let gives = unit(d1);
    if !gives
        .iter()
        .all(|&d| cells[a][d].is_some() && cells[b][d].is_none())
    {
        return found;
    }
    let takes_from: Vec<usize> = if weekend {
        (0..instance.weeks)
            .map(|week| week * 7 + SATURDAY)
            .filter(|&d| d != d1)
            .collect()
    } else {
        let weekend_day = |d: usize| matches!(d % 7, SATURDAY | SUNDAY);
        (0..days)
            .filter(|&d| d != d1 && !(instance.whole_weekends && weekend_day(d)))
            .collect()
    };
    for d2 in takes_from {
        let takes = unit(d2);
        let matches = gives.iter().zip(&takes).all(|(&g, &t)| {
            cells[a][t].is_none()
                && cells[b][t].is_some_and(|back| cells[a][g].is_some_and(|s| same_hours(s, back)))
        });
        if matches {
            let mut change = Vec::with_capacity(4 * gives.len());
            for (&g, &t) in gives.iter().zip(&takes) {
                change.extend([
                    (a, g, None),
                    (b, g, cells[a][g]),
                    (a, t, cells[b][t]),
                    (b, t, None),
                ]);
            }
            found.push(change);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::model::ShiftFamily;

    fn solsiden() -> Instance {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/solsiden.ron");
        Instance::new(&crate::io::load_scenario(&path).unwrap())
    }

    fn ideal_line(instance: &Instance) -> LineSpec {
        LineSpec::ideal(ShiftFamily::Any, instance.full_time_cycle_hours())
    }

    /// The shifts worked on each day, whoever works them.
    fn worked_per_day(cells: &Cells) -> Vec<Vec<usize>> {
        (0..cells[0].len())
            .map(|d| {
                let mut day: Vec<usize> = cells.iter().filter_map(|l| l[d]).collect();
                day.sort_unstable();
                day
            })
            .collect()
    }

    #[test]
    fn two_lines_of_single_shifts_become_blocks_with_the_same_hours_and_coverage() {
        let instance = solsiden();
        let day = instance.shifts.iter().position(|s| s.code == "D").unwrap();
        let lines = vec![ideal_line(&instance), ideal_line(&instance)];
        // Monday and Wednesday against Tuesday and Thursday: four single shifts and two single
        // days off.
        let mut cells: Cells = vec![vec![None; instance.days]; 2];
        cells[0][0] = Some(day);
        cells[0][2] = Some(day);
        cells[1][1] = Some(day);
        cells[1][3] = Some(day);
        let score = |line: &[Option<usize>]| {
            let days = line.len();
            (0..days)
                .filter(|&d| {
                    let works = |d: usize| line[d % days].is_some();
                    works(d) != works(d + days - 1) && works(d) != works(d + 1)
                })
                .count() as f64
        };
        let before: f64 = cells.iter().map(|l| score(l)).sum();
        let (after, swaps) = polish(
            &instance,
            &lines,
            cells.clone(),
            &score,
            5.0,
            &SolveControl::default(),
        );
        assert!(swaps >= 1);
        assert!(after.iter().map(|l| score(l)).sum::<f64>() < before);
        assert_eq!(worked_per_day(&after), worked_per_day(&cells));
        for (line, was) in after.iter().zip(&cells) {
            assert_eq!(line.iter().flatten().count(), was.iter().flatten().count());
            assert!(line_allowed(&instance, &lines[0], line));
        }
    }

    #[test]
    fn with_whole_weekends_a_weekend_moves_with_both_its_days() {
        let instance = solsiden();
        assert!(instance.whole_weekends);
        let day = instance.shifts.iter().position(|s| s.code == "D").unwrap();
        let f = instance.weekend_frequency;
        let mut cells: Cells = vec![vec![None; instance.days]; 2];
        // Line 0 works the first weekend, line 1 the weekend f weeks later.
        for d in [SATURDAY, SUNDAY] {
            cells[0][d] = Some(day);
            cells[1][7 * f + d] = Some(day);
        }
        let same = |_: usize, _: usize| true;
        let swaps = candidate_swaps(&instance, &cells, 0, 1, SATURDAY, &same);
        let weekend_swap = swaps.iter().find(|change| change.len() == 8).expect("one");
        let mut moved = cells.clone();
        for &(l, d, cell) in weekend_swap {
            moved[l][d] = cell;
        }
        assert_eq!(moved[0][7 * f + SATURDAY], Some(day));
        assert_eq!(moved[0][7 * f + SUNDAY], Some(day));
        assert_eq!(moved[1][SATURDAY], Some(day));
        assert_eq!(moved[1][SUNDAY], Some(day));
        // A Sunday alone is never offered.
        assert!(candidate_swaps(&instance, &cells, 0, 1, SUNDAY, &same).is_empty());
    }
}
