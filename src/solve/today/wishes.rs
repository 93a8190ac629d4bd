//! Today mode's wishes: raised as far as the hours allow, fairly. The least largest shortfall
//! any rota can have follows from whole-shift arithmetic ([`wish_optimum`]); a rota that reaches
//! it is proven optimal. Each step is a window of hours per line, tried by HiGHS on the whole
//! model and then by the repair from the rota so far.

use super::super::model::{Holder, LineSpec};
use super::super::neighbourhood::{Cells, cells_of};
use super::super::run::{SolveControl, trace};
use super::super::{Instance, find_rota, repair};
use super::aggregate::rota_cost;
use super::sums::{LineSums, SumsOf, sums_of};
use std::time::Instant;

/// The least largest wish shortfall with the need met exactly, when the wishes ask for more
/// hours than the need leaves, and the hours each line then lies within: every line at least
/// the smallest whole-shift sum of its floor (`of` says which shifts), the lines adding up to
/// the need. With `of` by family alone it bounds every rota; reached, it is optimal: the largest
/// shortfall is at its bound and every other line at the smallest size of today's position with
/// no vacancy, so the total shortfall is at its bound too.
fn wish_optimum(
    instance: &Instance,
    lines: &[LineSpec],
    sums: &LineSums,
    of: &[SumsOf],
) -> Option<(f64, Vec<(f64, f64)>)> {
    let need = instance.cycle_need_hours();
    let floors = |largest: f64| -> Vec<f64> {
        lines
            .iter()
            .zip(of)
            .map(|(l, &of)| match l.wish() {
                Some(wish) => sums.at_least(of, l.min_hours.max(wish - largest)),
                None if l.holder == Holder::Vacancy => 0.0,
                None => sums.at_least(of, l.min_hours),
            })
            .collect()
    };
    let fits = |largest: f64| floors(largest).iter().sum::<f64>() <= need + 1e-6;
    let most = lines.iter().filter_map(LineSpec::wish).fold(0.0, f64::max);
    if fits(0.0) || !fits(most) {
        return None; // Every wish fits (then vacancies take the rest), or no wish can be met.
    }
    let (mut low, mut high) = (0.0, most);
    for _ in 0..50 {
        let middle = (low + high) / 2.0;
        if fits(middle) {
            high = middle;
        } else {
            low = middle;
        }
    }
    let within = lines
        .iter()
        .zip(floors(high))
        .map(|(l, floor)| match l.wish() {
            Some(wish) => (floor, wish.max(floor)),
            None => (floor, floor),
        })
        .collect();
    Some((high, within))
}

/// Wishes raised as far as the hours allow, each step a repair of the rota before: first the
/// arithmetic optimum ([`wish_optimum`], proven when reached), then the water level of the
/// hours and a shift or more below it. None when there are no wishes or no step reached.
pub(super) fn fairest_wishes(
    instance: &Instance,
    lines: &[LineSpec],
    cells: &Cells,
    counted_largest: Option<f64>,
    control: &SolveControl,
    started: Instant,
    remaining: &dyn Fn() -> f64,
) -> Option<(bool, Cells)> {
    let wishers: Vec<usize> = (0..lines.len())
        .filter(|&l| lines[l].wish().is_some())
        .collect();
    if wishers.is_empty() {
        return None;
    }
    // Each step is a window of hours per line; the first, when there is one, is the optimum.
    let sums = LineSums::new(instance);
    let by_rota: Vec<SumsOf> = (0..lines.len())
        .map(|l| sums_of(instance, &lines[l], Some(&cells[l])))
        .collect();
    let mut steps: Vec<(bool, Vec<(f64, f64)>)> = Vec::new();
    // The counts can prove the largest shortfall higher than the arithmetic does: no window
    // under their bound can be reached.
    let counted_largest = counted_largest.unwrap_or(0.0);
    let mut largest = counted_largest;
    if instance.coverage_exact
        && let Some((least, within)) = wish_optimum(instance, lines, &sums, &by_rota)
        && least + 1e-6 >= counted_largest
    {
        let by_family: Vec<SumsOf> = lines.iter().map(|l| sums_of(instance, l, None)).collect();
        // The rota's own night and day lines give the target; it proves the optimum when it
        // matches the bound over every choice of them.
        let proves = wish_optimum(instance, lines, &sums, &by_family)
            .is_some_and(|(bound, _)| least <= bound + 1e-6);
        trace(
            started,
            &format!("wish optimum: largest shortfall {least:.2} h, proves {proves}"),
        );
        steps.push((proves, within));
        largest = least;
    }
    // Then looser: the largest shortfall a shift or more above, the others free within their
    // limits.
    let shift = instance
        .shifts
        .iter()
        .map(|s| s.hours)
        .fold(f64::INFINITY, f64::min);
    for extra in [0.0, 1.0, 2.0, 4.0] {
        let allowed = largest + extra * shift;
        let window: Vec<(f64, f64)> = lines
            .iter()
            .zip(&by_rota)
            .map(|(l, &of)| match l.wish() {
                Some(wish) => (
                    sums.at_least(of, l.min_hours.max(wish - allowed))
                        .min(l.max_hours),
                    l.max_hours,
                ),
                None => (l.min_hours, l.max_hours),
            })
            .collect();
        // A vacancy may stay empty: it promises nothing.
        let promised: f64 = lines
            .iter()
            .zip(&window)
            .filter(|(l, _)| l.holder != Holder::Vacancy)
            .map(|(_, w)| w.0)
            .sum();
        if !instance.coverage_exact || promised <= instance.cycle_need_hours() + 1e-6 {
            steps.push((false, window));
        }
    }
    // A step that does not reach its window may still leave a better rota: the next starts there.
    let cost = |cells: &Cells| rota_cost(instance, lines, cells);
    let mut best: Option<Cells> = None;
    for (optimum, window) in steps {
        if remaining() <= 0.5 || control.is_cancelled() {
            break;
        }
        let from = best.as_ref().unwrap_or(cells);
        let window = Window {
            hours: &window,
            highs_lines: Some(lines),
        };
        match reach_window(instance, lines, from, window, control, started, remaining) {
            // A looser window's rota can cost more than a tighter step's near miss.
            Reached::Within(reached)
                if optimum || best.as_ref().is_none_or(|b| cost(&reached) <= cost(b)) =>
            {
                return Some((optimum, reached));
            }
            Reached::Within(_) => break,
            Reached::Better(better) => best = Some(better),
            Reached::No => {}
        }
    }
    best.map(|better| (false, better))
}

/// What a try at a window of hours gave.
pub(super) enum Reached {
    /// A rota with every line within the window.
    Within(Cells),
    /// A rota outside the window that keeps every line's limits and costs less than the start.
    Better(Cells),
    No,
}

/// Hours per line to reach, and the lines HiGHS is tried with (the lines, or a narrower choice
/// of their shifts; None: HiGHS is not tried).
pub(super) struct Window<'a> {
    pub hours: &'a [(f64, f64)],
    pub highs_lines: Option<&'a [LineSpec]>,
}

/// A rota whose lines lie within the window: HiGHS on the whole model first (on small units it
/// finds one at once), then the repair from `cells`.
pub(super) fn reach_window(
    instance: &Instance,
    lines: &[LineSpec],
    cells: &Cells,
    window: Window<'_>,
    control: &SolveControl,
    started: Instant,
    remaining: &dyn Fn() -> f64,
) -> Reached {
    let Window {
        hours: window,
        highs_lines,
    } = window;
    if let Some(highs_lines) = highs_lines {
        let hard: Vec<LineSpec> = highs_lines
            .iter()
            .zip(window)
            .map(|(l, &(low, high))| LineSpec {
                min_hours: low,
                max_hours: high,
                ..l.clone()
            })
            .collect();
        let seconds = (remaining() * 0.1).min(2.0);
        trace(started, &format!("window: HiGHS {seconds:.1} s"));
        if let (_, Some(found)) = find_rota(instance, &hard, seconds, control, started) {
            return Reached::Within(cells_of(instance, &found));
        }
    }
    // The rota so far keeps everyone's position, and so does every step from it.
    let soft = super::with_soft_hours(lines, window.iter().copied(), super::Floors::Hard);
    let seconds = (remaining() * 0.2).min(4.0);
    let repaired = repair::reach_hours(instance, &soft, cells.clone(), seconds, control, started);
    trace(
        started,
        &format!("repair: {:.1} h outside", repaired.hours_outside),
    );
    if repaired.hours_outside <= 1e-6 {
        return Reached::Within(repaired.cells);
    }
    // What the repair left counts only when everyone keeps today's position (its maximum the
    // repair keeps hard).
    let cost = |cells: &Cells| rota_cost(instance, lines, cells);
    let keeps = super::everyone_keeps_their_floor(instance, lines, &repaired.cells);
    let (after, before) = (cost(&repaired.cells), cost(cells));
    if keeps && after < before - 1e-6 {
        trace(started, "repair: a better rota outside the window");
        Reached::Better(repaired.cells)
    } else {
        trace(
            started,
            &format!("repair: not kept (floors kept {keeps}, cost {after:.3} against {before:.3})"),
        );
        Reached::No
    }
}
