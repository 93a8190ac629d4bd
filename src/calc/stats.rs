//! Position-size statistics: the whole distribution, not only the mean (DOMAIN.md § 1, E6).

use crate::model::{RotaLine, Scenario};

/// Number of histogram bins: 0–10 %, …, 90–100 %, and full time (100 %).
pub const HISTOGRAM_BINS: usize = 11;

/// Position % for average weekly hours at a full-time week.
pub fn position_pct(hours_per_week: f64, full_time_hours: f64) -> f64 {
    if full_time_hours <= 0.0 {
        0.0
    } else {
        hours_per_week / full_time_hours * 100.0
    }
}

/// Hours of a line over the whole cycle.
pub fn line_hours(scenario: &Scenario, line: &RotaLine) -> f64 {
    line.cells()
        .iter()
        .filter_map(|code| scenario.shifts.iter().find(|s| s.code.trim() == *code))
        .map(|s| s.hours())
        .sum()
}

/// Summary of a set of position sizes.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PositionStats {
    /// Number of people (or lines).
    pub heads: usize,
    /// Sum of positions / 100.
    pub fte: f64,
    /// Mean position %.
    pub average_pct: f64,
    /// Median position %.
    pub median_pct: f64,
    /// Share of heads at full time, %.
    pub full_time_share_pct: f64,
    /// Share of heads under 50 %, %.
    pub under_50_share_pct: f64,
    /// Heads per bin: [0,10), [10,20), …, [90,100), full time.
    pub histogram: [usize; HISTOGRAM_BINS],
}

/// The label of histogram bin `bin`, e.g. "40–50 %".
pub fn histogram_label(bin: usize) -> String {
    if bin + 1 >= HISTOGRAM_BINS {
        "100 %".into()
    } else {
        format!("{}–{} %", bin * 10, bin * 10 + 10)
    }
}

/// Statistics of `positions` (in %); a position at or above `full_time_from_pct` counts as full time.
pub fn position_stats(positions: &[f64], full_time_from_pct: f64) -> PositionStats {
    let heads = positions.len();
    if heads == 0 {
        return PositionStats::default();
    }
    let mut sorted = positions.to_vec();
    sorted.sort_by(f64::total_cmp);
    let median_pct = if heads % 2 == 1 {
        sorted[heads / 2]
    } else {
        (sorted[heads / 2 - 1] + sorted[heads / 2]) / 2.0
    };
    let share = |count: usize| count as f64 / heads as f64 * 100.0;
    let full_time = positions
        .iter()
        .filter(|&&p| p >= full_time_from_pct)
        .count();
    let mut histogram = [0; HISTOGRAM_BINS];
    for &p in positions {
        let bin = if p >= full_time_from_pct {
            HISTOGRAM_BINS - 1
        } else {
            ((p / 10.0).floor().max(0.0) as usize).min(HISTOGRAM_BINS - 2)
        };
        histogram[bin] += 1;
    }
    PositionStats {
        heads,
        fte: positions.iter().sum::<f64>() / 100.0,
        average_pct: positions.iter().sum::<f64>() / heads as f64,
        median_pct,
        full_time_share_pct: share(full_time),
        under_50_share_pct: share(positions.iter().filter(|&&p| p < 50.0).count()),
        histogram,
    }
}
