//! Line quality: what planners avoid when they build rotas by hand (DOMAIN.md § 5b), counted per
//! line over the cycle (which repeats, so the last day is followed by the first) and weighed by
//! the scenario's [`QualityRules`] into one score. Lower is better; 0 is a line without a flaw.

use crate::model::{OFF, QualityRules, RotaLine, Scenario, ShiftKind, ShiftType};

/// The flaws of one line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LineQuality {
    /// Work days with a day off before and after (enkeltvakter).
    pub single_work_days: u32,
    /// Days off with work before and after.
    pub single_days_off: u32,
    /// Changes of shift kind (day, evening, night) from one work day to the next.
    pub kind_changes: u32,
    /// Evening → day, night → day or night → evening on consecutive days.
    pub backward_rotations: u32,
    /// Hours of the busiest week minus hours of the quietest week.
    pub week_hours_spread: f64,
    /// Hours of the busiest week.
    pub largest_week_hours: f64,
    /// Work blocks longer than the preferred number of days.
    pub long_blocks: u32,
    /// Weekends with only one of Saturday and Sunday worked.
    pub split_weekends: u32,
    /// The weighted score.
    pub score: f64,
}

/// The flaws of a whole rota.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RotaQuality {
    /// Per line, in rota order.
    pub lines: Vec<LineQuality>,
    /// Weeks in the cycle.
    pub weeks: u32,
}

/// Day (0), evening (1) or night (2): the rhythm a line follows (a long day shift is a day).
pub fn rhythm(kind: ShiftKind) -> u8 {
    match kind {
        ShiftKind::Day | ShiftKind::Long => 0,
        ShiftKind::Evening => 1,
        ShiftKind::Night => 2,
    }
}

/// The quality of one line given as shift codes per day ("-" off).
pub fn line_quality(scenario: &Scenario, cells: &[String]) -> LineQuality {
    let shift = |code: &str| -> Option<&ShiftType> {
        (code != OFF)
            .then(|| {
                scenario
                    .shifts
                    .iter()
                    .find(|s| s.code.trim() == code.trim())
            })
            .flatten()
    };
    let days = cells.len();
    let mut quality = LineQuality::default();
    if days == 0 {
        return quality;
    }
    let worked: Vec<Option<&ShiftType>> = cells.iter().map(|c| shift(c)).collect();
    let works = |d: usize| worked[d % days].is_some();
    let before = |d: usize| (d + days - 1) % days;
    for d in 0..days {
        let (previous, next) = (before(d), d + 1);
        if works(d) && !works(previous) && !works(next) && days > 2 {
            quality.single_work_days += 1;
        }
        if !works(d) && works(previous) && works(next) && days > 2 {
            quality.single_days_off += 1;
        }
        if let (Some(today), Some(tomorrow)) = (worked[d], worked[next % days]) {
            let (a, b) = (rhythm(today.kind), rhythm(tomorrow.kind));
            if a != b {
                quality.kind_changes += 1;
            }
            if b < a {
                quality.backward_rotations += 1;
            }
        }
    }
    // Work blocks, cyclic: start where a block begins after a day off.
    if let Some(start) = (0..days).find(|&d| !works(d)) {
        let mut run = 0;
        for offset in 1..=days {
            if works(start + offset) {
                run += 1;
            } else {
                if run > scenario.quality.preferred_max_block_days {
                    quality.long_blocks += 1;
                }
                run = 0;
            }
        }
    } else {
        quality.long_blocks = u32::from(days as u32 > scenario.quality.preferred_max_block_days);
    }
    let weeks = days / 7;
    let week_hours: Vec<f64> = (0..weeks)
        .map(|w| {
            (w * 7..w * 7 + 7)
                .filter_map(|d| worked[d])
                .map(ShiftType::hours)
                .sum()
        })
        .collect();
    let most = week_hours.iter().copied().fold(0.0, f64::max);
    let least = week_hours.iter().copied().fold(f64::INFINITY, f64::min);
    quality.largest_week_hours = most;
    quality.week_hours_spread = if least.is_finite() { most - least } else { 0.0 };
    quality.split_weekends = (0..weeks)
        .filter(|w| works(w * 7 + 5) != works(w * 7 + 6))
        .count() as u32;
    quality.score = score(&scenario.quality, &quality);
    quality
}

/// The weighted score of a line's flaws.
pub fn score(weights: &QualityRules, q: &LineQuality) -> f64 {
    weights.single_work_day_weight * f64::from(q.single_work_days)
        + weights.single_day_off_weight * f64::from(q.single_days_off)
        + weights.kind_change_weight * f64::from(q.kind_changes)
        + weights.backward_rotation_weight * f64::from(q.backward_rotations)
        + weights.week_spread_weight_per_hour * q.week_hours_spread
        + weights.long_block_weight * f64::from(q.long_blocks)
        + weights.split_weekend_weight * f64::from(q.split_weekends)
}

/// The quality of every line of a rota given as shift codes.
pub fn rota_quality(scenario: &Scenario, lines: &[Vec<String>]) -> RotaQuality {
    RotaQuality {
        lines: lines.iter().map(|l| line_quality(scenario, l)).collect(),
        weeks: lines
            .first()
            .map_or(scenario.rota.weeks, |l| (l.len() / 7) as u32),
    }
}

impl RotaQuality {
    /// The rota's score: the sum over its lines.
    pub fn score(&self) -> f64 {
        self.lines.iter().map(|l| l.score).sum()
    }

    /// Single work days plus single days off per line per 6 weeks, the planners' yardstick.
    pub fn singles_per_line_per_6_weeks(&self) -> f64 {
        if self.lines.is_empty() || self.weeks == 0 {
            return 0.0;
        }
        let singles: u32 = self
            .lines
            .iter()
            .map(|l| l.single_work_days + l.single_days_off)
            .sum();
        f64::from(singles) / self.lines.len() as f64 * 6.0 / f64::from(self.weeks)
    }

    /// The average spread of weekly hours per line.
    pub fn average_week_spread(&self) -> f64 {
        if self.lines.is_empty() {
            return 0.0;
        }
        self.lines.iter().map(|l| l.week_hours_spread).sum::<f64>() / self.lines.len() as f64
    }
}

/// A person's proposed line against the line they work today (the file's today's rota), the
/// counts per 6 weeks so that cycles of different lengths compare.
#[derive(Clone, Debug, PartialEq)]
pub struct AgainstToday {
    /// The line today.
    pub today: LineQuality,
    /// The proposed line.
    pub proposed: LineQuality,
    /// Weeks of today's cycle and of the proposal's.
    pub weeks: (u32, u32),
    /// Hours per week today and in the proposal.
    pub hours_per_week: (f64, f64),
}

impl AgainstToday {
    /// `value` of today's line and of the proposed one, per 6 weeks.
    pub fn per_6_weeks(&self, value: impl Fn(&LineQuality) -> f64) -> (f64, f64) {
        let per = |q: &LineQuality, weeks: u32| value(q) * 6.0 / f64::from(weeks.max(1));
        (
            per(&self.today, self.weeks.0),
            per(&self.proposed, self.weeks.1),
        )
    }

    /// Whether the proposed line scores worse than today's (per 6 weeks).
    pub fn worse(&self) -> bool {
        let (today, proposed) = self.per_6_weeks(|q| q.score);
        proposed > today + 1e-9
    }
}

/// A named proposed line against its holder's line in the file's today's rota; None when it
/// has no holder or the holder no line today.
pub fn against_today(scenario: &Scenario, proposed: &RotaLine) -> Option<AgainstToday> {
    let employee = proposed.employee.as_deref()?.trim();
    let today = scenario
        .today
        .as_ref()?
        .lines
        .iter()
        .find(|l| l.employee.as_deref().map(str::trim) == Some(employee))?;
    let weeks = |line: &RotaLine| (line.cells().len() / 7) as u32;
    let hours_per_week =
        |line: &RotaLine| super::line_hours(scenario, line) / f64::from(weeks(line).max(1));
    let quality = |line: &RotaLine| {
        let cells: Vec<String> = line.cells().into_iter().map(str::to_string).collect();
        line_quality(scenario, &cells)
    };
    Some(AgainstToday {
        today: quality(today),
        proposed: quality(proposed),
        weeks: (weeks(today), weeks(proposed)),
        hours_per_week: (hours_per_week(today), hours_per_week(proposed)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::parse_scenario;

    fn scenario() -> Scenario {
        parse_scenario(
            r#"(
            rota: (weeks: 1, weekend_frequency: 1),
            shifts: [
                (code: "D", start: "07:30", end: "15:00", kind: Day),
                (code: "A", start: "14:30", end: "22:00", kind: Evening),
                (code: "N", start: "21:45", end: "07:45", kind: Night),
            ],
            needs: {"D": [1, 1, 1, 1, 1, 1, 1]},
        )"#,
        )
        .expect("valid")
    }

    fn cells(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn a_single_shift_and_a_single_day_off_are_found_where_they_are() {
        // Mon works alone (Sunday and Tuesday off); Tuesday is off between Mon and Wed.
        let q = line_quality(&scenario(), &cells("D - D D - - -"));
        assert_eq!(q.single_work_days, 1);
        assert_eq!(q.single_days_off, 1);
        // Two single shifts and three single days off.
        let q = line_quality(&scenario(), &cells("D - D - D D -"));
        assert_eq!(q.single_work_days, 2);
        assert_eq!(q.single_days_off, 3);
    }

    #[test]
    fn the_cycle_wraps_around() {
        // Sunday works, Monday works: no single day at the seam.
        let q = line_quality(&scenario(), &cells("D D - - - - D"));
        assert_eq!(q.single_work_days, 0);
        assert_eq!(q.single_days_off, 0);
    }

    #[test]
    fn kind_changes_and_backward_rotation_are_counted() {
        // D → A (forward change), A → D (backward), N → A (backward).
        let q = line_quality(&scenario(), &cells("D A D - N A -"));
        assert_eq!(q.kind_changes, 3);
        assert_eq!(q.backward_rotations, 2);
    }

    #[test]
    fn week_spread_long_blocks_and_split_weekends() {
        let mut two_weeks = scenario();
        two_weeks.rota.weeks = 2;
        // Week 1: six day shifts in a row (45 h) and a split weekend; week 2: one shift (7.5 h).
        let q = line_quality(&two_weeks, &cells("D D D D D D -  - - D - - - -"));
        assert_eq!(q.largest_week_hours, 45.0);
        assert_eq!(q.week_hours_spread, 37.5);
        assert_eq!(q.long_blocks, 1);
        assert_eq!(q.split_weekends, 1);
        assert_eq!(q.single_work_days, 1);
        let expected = 3.0 * 1.0 + 0.6 * 37.5 + 1.0 + 2.0;
        assert!((q.score - expected).abs() < 1e-9, "{}", q.score);
    }
}
