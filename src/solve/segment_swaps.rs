//! Segment swaps: two lines exchange everything they work on a run of days, or on two runs whose
//! hours balance, so that each keeps its hours and the coverage stays (the same shifts are
//! worked every day, by the other line).
//!
//! The one-day swaps of [`super::swaps`] move shifts of one length; a segment swap can give a
//! small line two day shifts of a weekend for the three nights a large line works elsewhere,
//! and even its hours out with a run of days in a quiet week. That is the move that lowers the
//! spread of weekly hours where a line's busiest week is a weekend of long shifts (Fjellro),
//! which the one-day swaps and the few-weeks HiGHS steps do not make.

use super::Instance;
use super::model::LineSpec;
use super::neighbourhood::{Cells, Random};
use super::swaps::{Change, locked};
use std::collections::HashMap;

/// The longest run of days one segment covers.
const LONGEST_SEGMENT: usize = 7;

/// The most two-run exchanges tried between one pair of lines in one pass.
const PAIRED_PER_LINE_PAIR: usize = 500;

/// A run of days where lines `a` and `b` differ, and the hours `a` gains by taking `b`'s cells.
struct Segment {
    days: Vec<usize>,
    /// In hundredths of an hour, so that runs that balance match exactly.
    gain_centi_hours: i64,
}

/// The runs of days from which `a` and `b` could exchange their cells: at most
/// [`LONGEST_SEGMENT`] days, different at both ends, no locked day of either line in them.
fn segments(
    instance: &Instance,
    lines: &[LineSpec],
    cells: &Cells,
    a: usize,
    b: usize,
) -> Vec<Segment> {
    let days = instance.days;
    let hours = |l: usize, d: usize| cells[l][d].map_or(0.0, |s| instance.shifts[s].hours);
    let differs = |d: usize| cells[a][d] != cells[b][d];
    let free = |d: usize| !locked(&lines[a], d) && !locked(&lines[b], d);
    let mut found = Vec::new();
    for start in (0..days).filter(|&d| differs(d)) {
        let mut gain = 0.0;
        for length in 1..=LONGEST_SEGMENT.min(days / 2) {
            let last = (start + length - 1) % days;
            if !free(last) {
                break;
            }
            gain += hours(b, last) - hours(a, last);
            if differs(last) {
                found.push(Segment {
                    days: (start..start + length).map(|d| d % days).collect(),
                    gain_centi_hours: (gain * 100.0).round() as i64,
                });
            }
        }
    }
    found
}

/// The exchanges of cells between `a` and `b` that keep both lines' hours: one run whose hours
/// are the same on both lines, or two disjoint runs whose gains cancel. Shuffled by `random`
/// so that a pass capped at [`PAIRED_PER_LINE_PAIR`] does not always try the same ones.
pub(super) fn segment_swaps(
    instance: &Instance,
    lines: &[LineSpec],
    cells: &Cells,
    a: usize,
    b: usize,
    random: &mut Random,
) -> Vec<Change> {
    let runs = segments(instance, lines, cells, a, b);
    let exchange = |days: &[usize]| -> Vec<(usize, usize, Option<usize>)> {
        days.iter()
            .flat_map(|&d| [(a, d, cells[b][d]), (b, d, cells[a][d])])
            .collect()
    };
    let mut found: Vec<Change> = runs
        .iter()
        .filter(|run| run.gain_centi_hours == 0)
        .map(|run| exchange(&run.days))
        .collect();
    let mut by_gain: HashMap<i64, Vec<usize>> = HashMap::new();
    for (i, run) in runs.iter().enumerate() {
        if run.gain_centi_hours > 0 {
            by_gain.entry(run.gain_centi_hours).or_default().push(i);
        }
    }
    let mut paired = Vec::new();
    for losing in runs.iter().filter(|run| run.gain_centi_hours < 0) {
        for &i in by_gain.get(&-losing.gain_centi_hours).into_iter().flatten() {
            let gaining = &runs[i];
            if gaining.days.iter().all(|d| !losing.days.contains(d)) {
                paired.push((losing, gaining));
            }
        }
    }
    // A partial shuffle: the first PAIRED_PER_LINE_PAIR drawn at random.
    let keep = paired.len().min(PAIRED_PER_LINE_PAIR);
    for i in 0..keep {
        let j = i + random.below(paired.len() - i);
        paired.swap(i, j);
    }
    found.extend(paired[..keep].iter().map(|(losing, gaining)| {
        let mut change = exchange(&losing.days);
        change.extend(exchange(&gaining.days));
        change
    }));
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::model::ShiftFamily;

    fn fjellro() -> Instance {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/fjellro.ron");
        Instance::new(&crate::io::load_scenario(&path).unwrap())
    }

    #[test]
    fn a_weekend_of_nights_goes_for_two_day_shifts_and_a_run_of_days_elsewhere() {
        let instance = fjellro();
        let code = |c: &str| instance.shifts.iter().position(|s| s.code == c).unwrap();
        let (day, night) = (code("D"), code("N"));
        let lines = vec![
            LineSpec::ideal(ShiftFamily::Any, instance.full_time_cycle_hours()),
            LineSpec::ideal(ShiftFamily::Any, instance.full_time_cycle_hours()),
        ];
        let mut cells: Cells = vec![vec![None; instance.days]; 2];
        // Line 0: nights Friday to Sunday of week 0 (30 h). Line 1: days that Saturday and
        // Sunday (15 h) and two day shifts in week 1 (15 h).
        for cell in &mut cells[0][4..7] {
            *cell = Some(night);
        }
        for d in [5, 6, 8, 9] {
            cells[1][d] = Some(day);
        }
        let changes = segment_swaps(&instance, &lines, &cells, 0, 1, &mut Random(7));
        let wanted = changes.iter().find(|change| {
            let mut moved = cells.clone();
            for &(l, d, cell) in change.iter() {
                moved[l][d] = cell;
            }
            moved[0][5] == Some(day) && moved[0][8] == Some(day) && moved[1][4] == Some(night)
        });
        let change = wanted.expect("the weekend and a run in week 1 exchanged");
        let mut moved = cells.clone();
        for &(l, d, cell) in change {
            moved[l][d] = cell;
        }
        let hours = |line: &[Option<usize>]| -> f64 {
            line.iter()
                .flatten()
                .map(|&s| instance.shifts[s].hours)
                .sum()
        };
        assert_eq!(hours(&moved[0]), hours(&cells[0]));
        assert_eq!(hours(&moved[1]), hours(&cells[1]));
        for d in 0..instance.days {
            let mut before = [cells[0][d], cells[1][d]];
            let mut after = [moved[0][d], moved[1][d]];
            before.sort();
            after.sort();
            assert_eq!(before, after, "day {d} keeps its shifts");
        }
    }
}
