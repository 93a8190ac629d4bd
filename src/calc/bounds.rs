//! Heads and position bounds from the needs (Burns & Carter's weekend bound, the hours bound).

use crate::model::{
    FRIDAY, FullTimeHours, Rules, SATURDAY, SUNDAY, Scenario, ShiftKind, ShiftType, time,
};

/// Tolerance for rounding hours up to whole heads.
const EPS: f64 = 1e-9;

/// What the needs allow at one weekend frequency.
#[derive(Clone, Debug, PartialEq)]
pub struct Bounds {
    /// Hours needed per week, T.
    pub weekly_need_hours: f64,
    /// Full-time weekly hours, FT.
    pub full_time_hours: f64,
    /// Full-time equivalents, T / FT.
    pub fte: f64,
    /// ⌈T / FT⌉: heads if everyone were full time.
    pub hours_bound_heads: u32,
    /// People working on one weekend, W.
    pub weekend_heads: u32,
    /// The weekend frequency f.
    pub weekend_frequency: u32,
    /// f · W: heads the weekends force (more when the cycle is not a multiple of f, see
    /// [`weekend_bound_heads`]).
    pub weekend_bound_heads: u32,
    /// Weeks in the cycle, when they are not a multiple of f: each line then works at most
    /// ⌊weeks / f⌋ weekends of it.
    pub uneven_cycle_weeks: Option<u32>,
    /// The larger of the two bounds.
    pub heads_needed: u32,
    /// FTE / heads, capped at 100 %.
    pub max_average_position_pct: f64,
    /// FTE ≥ f · W: the weekends do not force anyone into part time.
    pub all_full_time_possible: bool,
}

/// Fewest heads the weekends need: f·W when the cycle is a multiple of f. Otherwise a line can
/// work at most ⌊weeks / f⌋ weekends of the cycle (it repeats, so the gap from its last weekend
/// to its first also counts), while every one of the `weeks` weekends needs W.
pub fn weekend_bound_heads(weekend_heads: u32, weekend_frequency: u32, weeks: u32) -> u32 {
    let f = weekend_frequency;
    if f <= 1 || weeks == 0 || weeks.is_multiple_of(f) {
        return f * weekend_heads;
    }
    let per_line = (weeks / f).max(1);
    (weekend_heads * weeks).div_ceil(per_line)
}

/// The bounds from plain numbers: weekly hours T, full time FT, weekend heads W, frequency f,
/// in a cycle that is a multiple of f.
pub fn bounds_for(
    weekly_need_hours: f64,
    full_time_hours: f64,
    weekend_heads: u32,
    weekend_frequency: u32,
) -> Bounds {
    bounds_in_cycle(
        weekly_need_hours,
        full_time_hours,
        weekend_heads,
        weekend_frequency,
        weekend_frequency,
    )
}

/// The bounds in a cycle of `weeks` weeks.
pub fn bounds_in_cycle(
    weekly_need_hours: f64,
    full_time_hours: f64,
    weekend_heads: u32,
    weekend_frequency: u32,
    weeks: u32,
) -> Bounds {
    let fte = if full_time_hours > 0.0 {
        weekly_need_hours / full_time_hours
    } else {
        0.0
    };
    let hours_bound_heads = (fte - EPS).ceil().max(0.0) as u32;
    let weekend_bound_heads = weekend_bound_heads(weekend_heads, weekend_frequency, weeks);
    let uneven_cycle_weeks =
        (weekend_frequency > 1 && !weeks.is_multiple_of(weekend_frequency)).then_some(weeks);
    let heads_needed = hours_bound_heads.max(weekend_bound_heads);
    let max_average_position_pct = if heads_needed == 0 {
        0.0
    } else {
        (fte / f64::from(heads_needed) * 100.0).min(100.0)
    };
    Bounds {
        weekly_need_hours,
        full_time_hours,
        fte,
        hours_bound_heads,
        weekend_heads,
        weekend_frequency,
        weekend_bound_heads,
        uneven_cycle_weeks,
        heads_needed,
        max_average_position_pct,
        all_full_time_possible: fte + EPS >= f64::from(weekend_bound_heads),
    }
}

fn need(scenario: &Scenario, code: &str, weekday: usize) -> u32 {
    scenario
        .needs
        .get(code)
        .and_then(|counts| counts.get(weekday))
        .map(|&n| n.max(0) as u32)
        .unwrap_or(0)
}

/// Hours needed per week: Σ over shifts and weekdays of headcount × paid hours.
pub fn weekly_need_hours(scenario: &Scenario) -> f64 {
    scenario
        .shifts
        .iter()
        .map(|shift| {
            (0..7)
                .map(|day| f64::from(need(scenario, &shift.code, day)))
                .sum::<f64>()
                * shift.hours()
        })
        .sum()
}

/// People working on one weekend: the most heads on Saturday, Sunday or (if it counts) Friday night.
pub fn weekend_heads(scenario: &Scenario) -> u32 {
    let day_heads = |day: usize| -> u32 {
        scenario
            .shifts
            .iter()
            .map(|s| need(scenario, &s.code, day))
            .sum()
    };
    day_heads(SATURDAY)
        .max(day_heads(SUNDAY))
        .max(friday_night_heads(scenario))
}

/// Heads on Friday night shifts when the unit counts them as weekend work, else 0.
fn friday_night_heads(scenario: &Scenario) -> u32 {
    if !scenario.rota.friday_night_is_weekend {
        return 0;
    }
    scenario
        .shifts
        .iter()
        .filter(|s| s.kind == ShiftKind::Night)
        .map(|s| need(scenario, &s.code, FRIDAY))
        .sum()
}

fn overlap_minutes(a: (u32, u32), b: (u32, u32)) -> u32 {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// Clock hours of a shift inside the night window (default 21:00–06:00, AML § 10-11).
pub fn night_hours(shift: &ShiftType, rules: &Rules) -> f64 {
    let (Some(start), Some(end)) = (shift.start_minute(), shift.end_minute()) else {
        return 0.0;
    };
    let (Some(night_start), Some(night_end)) = (
        time::parse_hhmm(&rules.night_start),
        time::parse_hhmm(&rules.night_end),
    ) else {
        return 0.0;
    };
    let night_length = if night_end <= night_start {
        night_end + time::DAY_MINUTES - night_start
    } else {
        night_end - night_start
    };
    // Nights starting the day before, the shift's day and the day after.
    let shifted = start + time::DAY_MINUTES;
    let shift_span = (shifted, end + time::DAY_MINUTES);
    let minutes: u32 = (0..3)
        .map(|day| {
            let window_start = day * time::DAY_MINUTES + night_start;
            overlap_minutes(shift_span, (window_start, window_start + night_length))
        })
        .sum();
    f64::from(minutes) / 60.0
}

/// Clock hours of a shift starting on `weekday` that fall on a Sunday.
pub fn sunday_hours(shift: &ShiftType, weekday: usize) -> f64 {
    let (Some(start), Some(end)) = (shift.start_minute(), shift.end_minute()) else {
        return 0.0;
    };
    let sunday_offset = ((SUNDAY + 7 - weekday) % 7) as u32;
    let sunday = (
        sunday_offset * time::DAY_MINUTES,
        (sunday_offset + 1) * time::DAY_MINUTES,
    );
    f64::from(overlap_minutes((start, end), sunday)) / 60.0
}

/// Full time per HTA § 4.2.4: day-work hours / (1 + n/4 + s/6), clamped to the 3-shift and rota hours.
pub fn hta_424_full_time_hours(rules: &Rules, night_share: f64, sunday_share: f64) -> f64 {
    let derived = rules.day_work_full_time_hours / (1.0 + night_share / 4.0 + sunday_share / 6.0);
    derived.clamp(
        rules.three_shift_full_time_hours,
        rules.rota_full_time_hours,
    )
}

/// The full-time weekly hours the scenario measures positions against.
pub fn full_time_hours(scenario: &Scenario) -> f64 {
    match scenario.rota.full_time {
        FullTimeHours::Hours(hours) => hours,
        FullTimeHours::ThreeShift => {
            let (mut total, mut night, mut sunday) = (0.0, 0.0, 0.0);
            for shift in &scenario.shifts {
                for day in 0..7 {
                    let count = f64::from(need(scenario, &shift.code, day));
                    total += count * shift.duration_hours();
                    night += count * night_hours(shift, &scenario.rules);
                    sunday += count * sunday_hours(shift, day);
                }
            }
            if total <= 0.0 {
                return scenario.rules.rota_full_time_hours;
            }
            hta_424_full_time_hours(&scenario.rules, night / total, sunday / total)
        }
    }
}

/// The scenario's bounds at its own weekend frequency, in its own cycle.
pub fn bounds(scenario: &Scenario) -> Bounds {
    bounds_in_cycle(
        weekly_need_hours(scenario),
        full_time_hours(scenario),
        weekend_heads(scenario),
        scenario.rota.weekend_frequency,
        scenario.rota.weeks,
    )
}

/// One row of the what-if table.
#[derive(Clone, Debug, PartialEq)]
pub struct WhatIf {
    /// Whether day and evening needs on weekends are covered by long shifts.
    pub long_weekend_shifts: bool,
    /// The bounds in that case.
    pub bounds: Bounds,
}

/// Weekly hours and weekend heads when weekend day/evening hours are covered by `long` shifts.
fn with_long_weekend_shifts(scenario: &Scenario, long: &ShiftType) -> (f64, u32) {
    let mut hours = weekly_need_hours(scenario);
    let mut weekend_heads_long = 0;
    for day in [SATURDAY, SUNDAY] {
        let (mut day_hours, mut night_heads) = (0.0, 0);
        for shift in &scenario.shifts {
            let count = need(scenario, &shift.code, day);
            if shift.kind == ShiftKind::Night {
                night_heads += count;
            } else {
                day_hours += f64::from(count) * shift.hours();
            }
        }
        let long_count = (day_hours / long.hours() - EPS).ceil().max(0.0) as u32;
        hours += f64::from(long_count) * long.hours() - day_hours;
        weekend_heads_long = weekend_heads_long.max(long_count + night_heads);
    }
    (hours, weekend_heads_long.max(friday_night_heads(scenario)))
}

/// The bounds for every 2nd, 3rd and 4th weekend (and the scenario's own), with and without
/// long weekend shifts when the scenario defines a long shift type.
pub fn what_if(scenario: &Scenario) -> Vec<WhatIf> {
    let mut frequencies = vec![2, 3, 4, scenario.rota.weekend_frequency];
    frequencies.sort_unstable();
    frequencies.dedup();
    let full_time = full_time_hours(scenario);
    let hours = weekly_need_hours(scenario);
    let heads = weekend_heads(scenario);
    let long = scenario
        .shifts
        .iter()
        .filter(|s| s.kind == ShiftKind::Long && s.hours() > 0.0)
        .max_by(|a, b| a.hours().total_cmp(&b.hours()));
    // The unit's own frequency in its own cycle; another in a cycle that fits it.
    let own = scenario.rota.weekend_frequency;
    let weeks_for = |f: u32| if f == own { scenario.rota.weeks } else { f };
    let mut rows = Vec::new();
    for &f in frequencies.iter().filter(|&&f| f >= 1) {
        rows.push(WhatIf {
            long_weekend_shifts: false,
            bounds: bounds_in_cycle(hours, full_time, heads, f, weeks_for(f)),
        });
        if let Some(long) = long {
            let (long_hours, long_heads) = with_long_weekend_shifts(scenario, long);
            rows.push(WhatIf {
                long_weekend_shifts: true,
                bounds: bounds_in_cycle(long_hours, full_time, long_heads, f, weeks_for(f)),
            });
        }
    }
    rows
}
