//! The sums of whole shifts a line's hours can be: a line of 7.5 h shifts has 30 h or 37.5 h,
//! never 33 h. Today mode rounds floors up to them, which the counts and the wish arithmetic
//! both need.

use super::super::Instance;
use super::super::model::LineSpec;
use super::super::model::ShiftFamily;

/// The sums of whole shifts a line can have, up to a limit: the smallest at or above any hours.
pub(super) struct WholeShiftSums {
    next_at_or_above: Vec<Option<usize>>,
    last_at_or_below: Vec<Option<usize>>,
}

impl WholeShiftSums {
    fn new(instance: &Instance, up_to_hours: f64, keep: impl Fn(bool) -> bool) -> Self {
        let minutes = super::super::shift_minutes(instance, |s| keep(s.night));
        let longest = minutes.iter().copied().max().unwrap_or(0);
        let limit = (up_to_hours * 60.0).ceil() as usize + longest;
        let reachable = super::super::whole_shift_sums(&minutes, limit);
        let mut next_at_or_above = vec![None; limit + 2];
        for t in (0..=limit).rev() {
            next_at_or_above[t] = if reachable[t] {
                Some(t)
            } else {
                next_at_or_above[t + 1]
            };
        }
        let mut last_at_or_below = vec![None; limit + 1];
        for t in 0..=limit {
            last_at_or_below[t] = if reachable[t] {
                Some(t)
            } else {
                t.checked_sub(1).and_then(|before| last_at_or_below[before])
            };
        }
        Self {
            next_at_or_above,
            last_at_or_below,
        }
    }

    /// The largest sum of whole shifts at or below `hours` (0 is one: no shift at all).
    pub(super) fn at_most(&self, hours: f64) -> f64 {
        let minute =
            ((hours * 60.0 + 1e-6).floor().max(0.0) as usize).min(self.last_at_or_below.len() - 1);
        self.last_at_or_below[minute].map_or(0.0, |t| t as f64 / 60.0)
    }

    /// The smallest sum of whole shifts at or above `hours` (infinite when none is).
    pub(super) fn at_least(&self, hours: f64) -> f64 {
        let minute = (hours * 60.0 - 1e-6).ceil().max(0.0) as usize;
        self.next_at_or_above
            .get(minute)
            .copied()
            .flatten()
            .map_or(f64::INFINITY, |t| t as f64 / 60.0)
    }

    /// The sums of whole shifts from `low` hours up to, not including, `high`.
    pub(super) fn between(&self, low: f64, high: f64) -> Vec<f64> {
        let mut sums = Vec::new();
        let mut minute = (low * 60.0 - 1e-6).ceil().max(0.0) as usize;
        while let Some(Some(t)) = self.next_at_or_above.get(minute) {
            let hours = *t as f64 / 60.0;
            if hours >= high - 1e-9 {
                break;
            }
            sums.push(hours);
            minute = t + 1;
        }
        sums
    }
}

/// Which shifts a line's hours are sums of.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum SumsOf {
    Nights,
    Days,
    /// Either, whichever is smaller (a bound over both).
    NightsOrDays,
    All,
}

/// The sums of whole shifts per kind of line.
pub(super) struct LineSums {
    pub nights: WholeShiftSums,
    pub days: WholeShiftSums,
    pub all: WholeShiftSums,
}

impl LineSums {
    pub(super) fn new(instance: &Instance) -> Self {
        let up_to = instance.full_time_cycle_hours();
        Self {
            nights: WholeShiftSums::new(instance, up_to, |night| night),
            days: WholeShiftSums::new(instance, up_to, |night| !night),
            all: WholeShiftSums::new(instance, up_to, |_| true),
        }
    }

    pub(super) fn at_least(&self, of: SumsOf, hours: f64) -> f64 {
        match of {
            SumsOf::Nights => self.nights.at_least(hours),
            SumsOf::Days => self.days.at_least(hours),
            SumsOf::NightsOrDays => self.nights.at_least(hours).min(self.days.at_least(hours)),
            SumsOf::All => self.all.at_least(hours),
        }
    }

    pub(super) fn at_most(&self, of: SumsOf, hours: f64) -> f64 {
        match of {
            SumsOf::Nights => self.nights.at_most(hours),
            SumsOf::Days => self.days.at_most(hours),
            SumsOf::NightsOrDays => self.nights.at_most(hours).max(self.days.at_most(hours)),
            SumsOf::All => self.all.at_most(hours),
        }
    }
}

/// What a line's hours can be sums of: by its family, and by the rota (`cells`) where a line
/// that may take either nights or days has taken one of them.
pub(super) fn sums_of(
    instance: &Instance,
    spec: &LineSpec,
    line: Option<&[Option<usize>]>,
) -> SumsOf {
    let separate = instance.separate_night_lines();
    match spec.family {
        ShiftFamily::NightsOnly => SumsOf::Nights,
        ShiftFamily::NoNights => SumsOf::Days,
        ShiftFamily::NightsOrDays if separate => {
            let night = |s: &usize| instance.shifts[*s].night;
            match line.and_then(|line| line.iter().flatten().next()) {
                Some(s) if night(s) => SumsOf::Nights,
                Some(_) => SumsOf::Days,
                None => SumsOf::NightsOrDays,
            }
        }
        _ => SumsOf::All,
    }
}
