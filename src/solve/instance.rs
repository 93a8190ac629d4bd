//! The scenario turned into plain numbers the model builder needs: shifts in minutes,
//! needs per cycle day, and the pairs of shifts the rest rules forbid.

use crate::calc;
use crate::model::{
    FRIDAY, FullTimeHours, Qualification, SATURDAY, SUNDAY, Scenario, ShiftKind, time,
};

/// One shift type as the model sees it.
#[derive(Clone, Debug)]
pub struct ShiftInfo {
    /// The code written in rota lines.
    pub code: String,
    /// Start, minutes after the start day's midnight.
    pub start: i64,
    /// End, minutes after the start day's midnight (past 1440 when crossing midnight).
    pub end: i64,
    /// Work hours.
    pub hours: f64,
    /// Night shift (kind Night).
    pub night: bool,
    /// The shift's kind (day and long shifts against evening shifts for the full-time rule).
    pub kind: ShiftKind,
    /// Hours inside the night window (HTA § 4.2.4).
    pub night_hours: f64,
    /// Hours on a calendar Sunday when the shift starts on weekday `wd` (HTA § 4.2.4 and the
    /// Sunday weeks of AML § 10-4 (4)).
    pub sunday_hours: [f64; 7],
}

/// What the full-time rule (AML § 10-4 (4), HTA § 4.2.1–4.2.4) asks of the lines, so that the
/// kind of rota they make allows the full time the positions are measured against.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FullTimeDemand {
    /// Every kind of rota allows it (the 3-shift hours or less).
    Nothing,
    /// Nights on lines of their own: a line mixing them makes a 3-shift rota.
    NightsApart,
    /// Day work (above the rota hours): nights apart, no line with both day (or long) and
    /// evening shifts, and Sundays in fewer than a third of the weeks.
    DayWork,
    /// The 3-shift hours derived from the need: the rota's own night and Sunday hours may not
    /// make them lower, Σ (3·night + 2·Sunday − 12·k·hours) ≤ 0 with k = day-work hours / full
    /// time − 1 (the derivation 37.5 / (1 + n/4 + s/6) rearranged).
    ThreeShiftShares { k: f64 },
}

impl FullTimeDemand {
    /// What the scenario's full time asks of its lines.
    pub fn of(scenario: &Scenario) -> Self {
        let rules = &scenario.rules;
        // Within the checker's tolerance, as it judges the rota.
        let measured =
            calc::full_time_hours(scenario) - crate::rules::full_time_hours::TOLERANCE_HOURS;
        match scenario.rota.full_time {
            _ if measured > rules.rota_full_time_hours => Self::DayWork,
            FullTimeHours::Hours(hours) if hours > rules.three_shift_full_time_hours + 1e-9 => {
                Self::NightsApart
            }
            FullTimeHours::ThreeShift if measured > rules.three_shift_full_time_hours => {
                Self::ThreeShiftShares {
                    k: rules.day_work_full_time_hours / measured - 1.0,
                }
            }
            _ => Self::Nothing,
        }
    }

    /// Whether nights and other shifts must be on separate lines.
    pub fn nights_apart(self) -> bool {
        matches!(self, Self::NightsApart | Self::DayWork)
    }
}

/// Everything the MIP needs, derived once from a valid scenario.
#[derive(Clone, Debug)]
pub struct Instance {
    /// Weeks in the cycle.
    pub weeks: usize,
    /// Days in the cycle, 7 · weeks.
    pub days: usize,
    /// Works every f-th weekend.
    pub weekend_frequency: usize,
    /// The shifts with any need (others are never planned).
    pub shifts: Vec<ShiftInfo>,
    /// Need per shift and weekday.
    pub need: Vec<[u32; 7]>,
    /// Minimum per (shift, qualification) and weekday.
    pub qualified_need: Vec<(usize, Qualification, [u32; 7])>,
    /// Full-time weekly hours.
    pub full_time_hours: f64,
    /// What the full-time rule asks of the lines.
    pub full_time_demand: FullTimeDemand,
    /// The part of Σ (3·night + 2·Sunday − 12·k·hours) that lines outside the model already
    /// hold (a few lines re-planned while the others stay, see `neighbourhood::residual`).
    pub three_shift_offset: f64,
    /// `forbidden_next[s]`: shifts that may not follow `s` on the next day (daily rest).
    pub forbidden_next: Vec<Vec<usize>>,
    /// `forbidden_after_one_off[s]`: shifts that may not follow `s` two days later (daily rest).
    pub forbidden_two_days_later: Vec<Vec<usize>>,
    /// `short_single_day_rest[s]`: shifts `s'` such that `s`, one day off, `s'` gives a weekly rest
    /// shorter than the minimum.
    pub short_single_day_rest: Vec<Vec<usize>>,
    /// Whether shift `s` starting on weekday `wd` is Sunday work (Sat 18:00 – Sun 22:00).
    pub sunday_work: Vec<[bool; 7]>,
    /// Whether shift `s` starting on weekday `wd` is weekend work.
    pub weekend_work: Vec<[bool; 7]>,
    /// Rules copied from the scenario.
    pub max_consecutive_work_days: usize,
    /// Most hours in any 7 days.
    pub max_hours_single_week: f64,
    /// A weekend worked is worked on both Saturday and Sunday.
    pub whole_weekends: bool,
    /// Sunday after a worked Sunday is off.
    pub sunday_off_after_sunday_work: bool,
    /// Smallest line in % (ideal mode and vacancies).
    pub min_position_pct: f64,
    /// A line within this many points of 100 % is full time.
    pub full_time_tolerance_pct: f64,
    /// Needs met exactly.
    pub coverage_exact: bool,
    /// Need per cycle day and shift, when it is not the same every week (what a few re-planned
    /// lines must cover while the others stay as they are). Only the model's coverage reads it.
    pub need_by_day: Option<Vec<Vec<u32>>>,
    /// The same for `qualified_need`: `[entry][cycle day]`.
    pub qualified_need_by_day: Option<Vec<Vec<u32>>>,
    /// The weights of the quality score (the quality phase).
    pub quality: crate::model::QualityRules,
    /// Day (0), evening (1) or night (2) rhythm per shift, for kind changes.
    pub rhythm: Vec<u8>,
}

fn weekday_counts(values: Option<&Vec<i64>>) -> [u32; 7] {
    let mut counts = [0; 7];
    if let Some(values) = values {
        for (count, &value) in counts.iter_mut().zip(values) {
            *count = value.max(0) as u32;
        }
    }
    counts
}

impl Instance {
    /// Builds the instance from a scenario that passed validation.
    ///
    /// What the full time asks of the lines is [`FullTimeDemand::of`] the scenario.
    pub fn new(scenario: &Scenario) -> Self {
        let rules = &scenario.rules;
        let mut shifts = Vec::new();
        let mut need = Vec::new();
        let mut rhythm = Vec::new();
        for shift in &scenario.shifts {
            let counts = weekday_counts(scenario.needs.get(shift.code.trim()));
            if counts.iter().all(|&c| c == 0) {
                continue;
            }
            rhythm.push(calc::rhythm(shift.kind));
            shifts.push(ShiftInfo {
                code: shift.code.trim().to_string(),
                start: i64::from(shift.start_minute().unwrap_or(0)),
                end: i64::from(shift.end_minute().unwrap_or(0)),
                hours: shift.hours(),
                night: shift.kind == ShiftKind::Night,
                kind: shift.kind,
                night_hours: calc::night_hours(shift, rules),
                sunday_hours: std::array::from_fn(|wd| calc::sunday_hours(shift, wd)),
            });
            need.push(counts);
        }
        let qualified_need = scenario
            .qualified_needs
            .iter()
            .filter_map(|q| {
                let index = shifts.iter().position(|s| s.code == q.shift.trim())?;
                let counts = weekday_counts(Some(&q.min));
                counts
                    .iter()
                    .any(|&c| c > 0)
                    .then_some((index, q.qualification, counts))
            })
            .collect();
        let day = i64::from(time::DAY_MINUTES);
        let pairs_shorter_than = |days_apart: i64, minutes: f64| -> Vec<Vec<usize>> {
            shifts
                .iter()
                .map(|first| {
                    shifts
                        .iter()
                        .enumerate()
                        .filter(|(_, next)| {
                            ((days_apart * day + next.start - first.end) as f64) < minutes
                        })
                        .map(|(index, _)| index)
                        .collect()
                })
                .collect()
        };
        let daily_rest = rules.min_daily_rest_hours * 60.0;
        let weekly_rest = rules.min_weekly_rest_hours * 60.0;
        let sunday_window = |weekday: usize, s: &ShiftInfo| -> bool {
            // Saturday 18:00 to Sunday 22:00, relative to the shift's start day.
            let saturday = (SATURDAY as i64 - weekday as i64) * day;
            let (from, to) = (saturday + 18 * 60, saturday + day + 22 * 60);
            // The window of the week before or after can also be reached by a night shift.
            [-7 * day, 0, 7 * day]
                .iter()
                .any(|&shift_by| s.start < to + shift_by && s.end > from + shift_by)
        };
        let sunday_work = shifts
            .iter()
            .map(|s| std::array::from_fn(|wd| sunday_window(wd, s)))
            .collect();
        let weekend_work = shifts
            .iter()
            .map(|s| {
                std::array::from_fn(|wd| {
                    wd == SATURDAY
                        || wd == SUNDAY
                        || (wd == FRIDAY && s.night && scenario.rota.friday_night_is_weekend)
                })
            })
            .collect();
        let full_time_hours = calc::full_time_hours(scenario);
        let full_time_demand = FullTimeDemand::of(scenario);
        Self {
            weeks: scenario.rota.weeks as usize,
            days: scenario.rota.weeks as usize * 7,
            weekend_frequency: scenario.rota.weekend_frequency.max(1) as usize,
            forbidden_next: pairs_shorter_than(1, daily_rest),
            forbidden_two_days_later: pairs_shorter_than(2, daily_rest),
            short_single_day_rest: pairs_shorter_than(2, weekly_rest),
            shifts,
            need,
            qualified_need,
            full_time_hours,
            full_time_demand,
            three_shift_offset: 0.0,
            sunday_work,
            weekend_work,
            max_consecutive_work_days: rules.max_consecutive_work_days as usize,
            max_hours_single_week: rules.max_hours_single_week,
            whole_weekends: rules.whole_weekends,
            sunday_off_after_sunday_work: rules.sunday_off_after_sunday_work,
            min_position_pct: rules.min_position_pct,
            full_time_tolerance_pct: rules.full_time_tolerance_pct,
            coverage_exact: rules.coverage_exact,
            need_by_day: None,
            qualified_need_by_day: None,
            quality: scenario.quality.clone(),
            rhythm,
        }
    }

    /// The same instance with only the shifts `keep` accepts (a line family's own problem).
    pub fn only_shifts(&self, keep: impl Fn(&ShiftInfo) -> bool) -> Instance {
        let kept: Vec<usize> = (0..self.shifts.len())
            .filter(|&s| keep(&self.shifts[s]))
            .collect();
        let new_index = |old: usize| kept.iter().position(|&k| k == old);
        let remap = |pairs: &Vec<Vec<usize>>| -> Vec<Vec<usize>> {
            kept.iter()
                .map(|&s| pairs[s].iter().filter_map(|&t| new_index(t)).collect())
                .collect()
        };
        Instance {
            shifts: kept.iter().map(|&s| self.shifts[s].clone()).collect(),
            need: kept.iter().map(|&s| self.need[s]).collect(),
            rhythm: kept.iter().map(|&s| self.rhythm[s]).collect(),
            qualified_need: self
                .qualified_need
                .iter()
                .filter_map(|&(s, q, min)| Some((new_index(s)?, q, min)))
                .collect(),
            forbidden_next: remap(&self.forbidden_next),
            forbidden_two_days_later: remap(&self.forbidden_two_days_later),
            short_single_day_rest: remap(&self.short_single_day_rest),
            sunday_work: kept.iter().map(|&s| self.sunday_work[s]).collect(),
            weekend_work: kept.iter().map(|&s| self.weekend_work[s]).collect(),
            need_by_day: None,
            qualified_need_by_day: None,
            ..self.clone()
        }
    }

    /// What shift `s` on weekday `wd` adds to Σ (3·night + 2·Sunday − 12·k·hours), the sum the
    /// 3-shift full time keeps at or below 0; 0 when the full time asks no such thing.
    pub fn three_shift_weight(&self, s: usize, wd: usize) -> f64 {
        let FullTimeDemand::ThreeShiftShares { k } = self.full_time_demand else {
            return 0.0;
        };
        let shift = &self.shifts[s];
        3.0 * shift.night_hours + 2.0 * shift.sunday_hours[wd] - 12.0 * k * shift.hours
    }

    /// Whether night and other shifts must be on separate lines: a line mixing them would be a
    /// 3-shift line, whose full time per HTA § 4.2.4 is lower than the scenario's.
    pub fn separate_night_lines(&self) -> bool {
        self.full_time_demand.nights_apart()
    }

    /// Hours of a full-time line over the whole cycle.
    pub fn full_time_cycle_hours(&self) -> f64 {
        self.full_time_hours * self.weeks as f64
    }

    /// Need of shift `s` on cycle day `d`.
    pub fn need_on(&self, s: usize, d: usize) -> u32 {
        match &self.need_by_day {
            Some(by_day) => by_day[d % self.days][s],
            None => self.need[s][d % 7],
        }
    }

    /// Minimum of `qualified_need[entry]` on cycle day `d`.
    pub fn qualified_need_on(&self, entry: usize, d: usize) -> u32 {
        match &self.qualified_need_by_day {
            Some(by_day) => by_day[entry][d % self.days],
            None => self.qualified_need[entry].2[d % 7],
        }
    }

    /// Total hours needed over the cycle.
    pub fn cycle_need_hours(&self) -> f64 {
        (0..self.shifts.len())
            .map(|s| self.need[s].iter().map(|&n| f64::from(n)).sum::<f64>() * self.shifts[s].hours)
            .sum::<f64>()
            * self.weeks as f64
    }
}
