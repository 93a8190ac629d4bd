//! Pure, instant arithmetic: bounds on heads and position sizes, and position statistics.
//!
//! See DOMAIN.md § 4: the weekend bound, not the hours, binds in almost every nursing home.

mod bounds;
mod quality;
mod stats;

pub use bounds::{
    Bounds, WhatIf, bounds, bounds_for, bounds_in_cycle, full_time_hours, hta_424_full_time_hours,
    night_hours, sunday_hours, weekend_bound_heads, weekend_heads, weekly_need_hours, what_if,
};
pub use quality::{
    AgainstToday, LineQuality, RotaQuality, against_today, line_quality, rhythm, rota_quality,
};
pub use stats::{
    HISTOGRAM_BINS, PositionStats, histogram_label, line_hours, position_pct, position_stats,
};
