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
use super::model::{Holder, LineSpec};
use super::neighbourhood::{Cells, Random};
use super::run::SolveControl;
use crate::model::Qualification;
use std::time::Instant;

/// Whether line `l` counts for a qualified need at `level`: its holder's qualification, or any
/// for a line whose qualification is chosen after solving (vacancies, ideal lines).
fn holds(lines: &[LineSpec], l: usize, level: Qualification) -> bool {
    match lines[l].qualification {
        Some(q) => q >= level,
        None => matches!(lines[l].holder, Holder::Vacancy | Holder::Ideal),
    }
}

/// Whether every qualified need of shift `s` on `day` stays covered when line `from` hands it
/// to line `to`.
fn qualified_still_covered(
    instance: &Instance,
    lines: &[LineSpec],
    cells: &Cells,
    (day, s): (usize, usize),
    (from, to): (usize, usize),
) -> bool {
    instance
        .qualified_need
        .iter()
        .enumerate()
        .filter(|(_, (shift, level, _))| *shift == s && !holds(lines, to, *level))
        .all(|(entry, &(_, level, _))| {
            let covered = (0..cells.len())
                .filter(|&l| l != from && cells[l][day] == Some(s) && holds(lines, l, level))
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
fn locked(spec: &LineSpec, day: usize) -> bool {
    spec.locked.iter().any(|&(d, _)| d == day)
}

/// Swaps shifts between the lines of `cells` while one lowers the score (`line_score` per
/// line) and `seconds` last. Returns the rota and how many swaps were made.
pub(super) fn polish(
    instance: &Instance,
    lines: &[LineSpec],
    mut cells: Cells,
    line_score: &dyn Fn(&[Option<usize>]) -> f64,
    seconds: f64,
    control: &SolveControl,
) -> (Cells, u32) {
    let phase = Instant::now();
    let count = cells.len();
    let days = instance.days;
    let mut score: Vec<f64> = cells.iter().map(|l| line_score(l)).collect();
    let same_hours =
        |a: usize, b: usize| (instance.shifts[a].hours - instance.shifts[b].hours).abs() < 1e-9;
    let mut random = Random(0x2545_f491_4f6c_dd1d);
    let mut swaps = 0;
    let out_of_time = || phase.elapsed().as_secs_f64() >= seconds || control.is_cancelled();
    loop {
        let mut improved = false;
        // Worst lines first: they have the most to gain.
        let mut order: Vec<usize> = (0..count).filter(|&l| score[l] > 1e-9).collect();
        order.sort_by(|&x, &y| score[y].total_cmp(&score[x]));
        for a in order {
            let first_day = random.below(days);
            let first_line = random.below(count);
            'days: for step in 0..days {
                if out_of_time() {
                    return (cells, swaps);
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
                    for change in candidate_swaps(instance, &cells, a, b, d1, &same_hours) {
                        if change.iter().any(|&(l, d, _)| locked(&lines[l], d)) {
                            continue;
                        }
                        let (mut line_a, mut line_b) = (cells[a].clone(), cells[b].clone());
                        for &(l, d, cell) in &change {
                            if l == a {
                                line_a[d] = cell;
                            } else {
                                line_b[d] = cell;
                            }
                        }
                        // Lower score first; at the same score, more even weeks (a step
                        // toward a lower spread that does not move the largest week yet).
                        let after = line_score(&line_a) + line_score(&line_b);
                        let gain = score[a] + score[b] - after;
                        let evener = unevenness(instance, &line_a) + unevenness(instance, &line_b)
                            < unevenness(instance, &cells[a]) + unevenness(instance, &cells[b])
                                - 1e-9;
                        if gain < -1e-9 || (gain <= 1e-9 && !evener) {
                            continue;
                        }
                        // Each shift that changes hands keeps its qualified need covered.
                        let handed = change.iter().filter_map(|&(l, d, cell)| {
                            let s = cell?;
                            let from = if l == a { b } else { a };
                            Some(((d, s), (from, l)))
                        });
                        let covered = handed.into_iter().all(|(at, pair)| {
                            qualified_still_covered(instance, lines, &cells, at, pair)
                        });
                        if covered
                            && line_allowed(instance, &lines[a], &line_a)
                            && line_allowed(instance, &lines[b], &line_b)
                        {
                            score[a] = line_score(&line_a);
                            score[b] = line_score(&line_b);
                            cells[a] = line_a;
                            cells[b] = line_b;
                            swaps += 1;
                            improved = true;
                            continue 'days;
                        }
                    }
                }
            }
        }
        if !improved {
            return (cells, swaps);
        }
    }
}

/// The swaps between lines `a` and `b` that start on day `d1`, each as the cells it sets:
/// exchanging two shifts of the same length that day, or `a`'s shift that day for one of the
/// same length that `b` works on a day `a` is off (or the other way round).
fn candidate_swaps(
    instance: &Instance,
    cells: &Cells,
    a: usize,
    b: usize,
    d1: usize,
    same_hours: &dyn Fn(usize, usize) -> bool,
) -> Vec<Vec<(usize, usize, Option<usize>)>> {
    let days = instance.days;
    let mut found = Vec::new();
    match (cells[a][d1], cells[b][d1]) {
        (Some(s), Some(t)) if s != t && same_hours(s, t) => {
            found.push(vec![(a, d1, Some(t)), (b, d1, Some(s))]);
        }
        // `a` works, `b` is off: b takes it, a takes back one of b's of the same length.
        (Some(s), None) => {
            for d2 in (0..days).filter(|&d| d != d1) {
                if let (None, Some(t)) = (cells[a][d2], cells[b][d2])
                    && same_hours(s, t)
                {
                    found.push(vec![
                        (a, d1, None),
                        (b, d1, Some(s)),
                        (a, d2, Some(t)),
                        (b, d2, None),
                    ]);
                }
            }
        }
        _ => {}
    }
    found
}
