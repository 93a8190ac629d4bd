//! Large-neighbourhood search, shared by the quality phase and the repair of today mode: a few
//! lines are re-planned by HiGHS while the others stay as they are, covering what those leave of
//! the need. Each step is small enough to solve in a fraction of a second.

use super::model::{LineSpec, RotaModel};
use super::{Found, Instance};

/// A rota as shift indices: `cells[line][day]`, None for a day off.
pub(super) type Cells = Vec<Vec<Option<usize>>>;

/// The rota of a solution as shift indices.
pub(super) fn cells_of(instance: &Instance, found: &Found) -> Cells {
    cells_from_values(&found.x, &found.result.values, instance.days)
}

/// Hours of a line of shift indices.
pub(super) fn line_hours(instance: &Instance, line: &[Option<usize>]) -> f64 {
    line.iter()
        .flatten()
        .map(|&s| instance.shifts[s].hours)
        .sum()
}

/// Hours of every line.
pub(super) fn hours_per_line(instance: &Instance, cells: &Cells) -> Vec<f64> {
    cells
        .iter()
        .map(|line| line_hours(instance, line))
        .collect()
}

/// How many work each shift on each cycle day: `[day][shift]`.
pub(super) fn staffed(instance: &Instance, cells: &Cells) -> Vec<Vec<u32>> {
    let mut staffed = vec![vec![0; instance.shifts.len()]; instance.days];
    for line in cells {
        for (day, cell) in line.iter().enumerate() {
            if let Some(s) = *cell {
                staffed[day][s] += 1;
            }
        }
    }
    staffed
}

/// What `lines` add to the 3-shift sum (see [`Instance::three_shift_weight`]).
pub(super) fn three_shift_sum<'a>(
    instance: &Instance,
    lines: impl IntoIterator<Item = &'a Vec<Option<usize>>>,
) -> f64 {
    lines
        .into_iter()
        .flat_map(|line| line.iter().enumerate())
        .filter_map(|(d, cell)| cell.map(|s| instance.three_shift_weight(s, d % 7)))
        .sum()
}

/// A small deterministic generator: the same rota gives the same search.
pub(super) struct Random(pub u64);

impl Random {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// The instance the lines `chosen` face when every other line keeps its cells: the need, and
/// each qualified need, less what the others cover. A vacancy outside `chosen` counts for any
/// qualification (it is advertised with the one the needs ask, see `qualify`).
pub(super) fn residual(
    instance: &Instance,
    cells: &Cells,
    lines: &[LineSpec],
    chosen: &[usize],
) -> Instance {
    let others: Vec<usize> = (0..cells.len()).filter(|l| !chosen.contains(l)).collect();
    let working = |d: usize, s: usize| others.iter().filter(move |&&l| cells[l][d] == Some(s));
    let need_by_day = (0..instance.days)
        .map(|d| {
            (0..instance.shifts.len())
                .map(|s| {
                    instance
                        .need_on(s, d)
                        .saturating_sub(working(d, s).count() as u32)
                })
                .collect()
        })
        .collect();
    let qualified_need_by_day = (0..instance.qualified_need.len())
        .map(|entry| {
            let (s, level, _) = instance.qualified_need[entry];
            (0..instance.days)
                .map(|d| {
                    let covered = working(d, s).filter(|&&l| lines[l].holds(level)).count() as u32;
                    instance.qualified_need_on(entry, d).saturating_sub(covered)
                })
                .collect()
        })
        .collect();
    let mut part = instance.clone();
    part.three_shift_offset += three_shift_sum(instance, others.iter().map(|&l| &cells[l]));
    part.need_by_day = Some(need_by_day);
    part.qualified_need_by_day = Some(qualified_need_by_day);
    part
}

/// A start for `built` from a rota of its lines: every shift cell and every vacancy's use set,
/// the rest left for HiGHS to complete (it fixes the given values and solves for the others).
pub(super) fn start_values(built: &RotaModel, cells: &[&[Option<usize>]]) -> Vec<f64> {
    let mut start = vec![f64::INFINITY; built.var_count];
    for (k, line) in cells.iter().enumerate() {
        for (d, cell) in line.iter().enumerate() {
            for (s, column) in built.x[k][d].iter().enumerate() {
                if let Some((_, column)) = column {
                    start[*column] = f64::from(u8::from(*cell == Some(s)));
                }
            }
        }
        if let Some(column) = built.used[k] {
            start[column] = f64::from(u8::from(line.iter().any(Option::is_some)));
        }
    }
    start
}

/// The rota of a solution of `built` (`x` from the model), as shift indices.
pub(super) fn cells_from_values(
    x: &super::model::ShiftCells,
    values: &[f64],
    days: usize,
) -> Cells {
    x.iter()
        .map(|line| {
            (0..days)
                .map(|d| {
                    line[d].iter().position(|cell| {
                        cell.is_some_and(|(_, c)| values.get(c).is_some_and(|&v| v > 0.5))
                    })
                })
                .collect()
        })
        .collect()
}
