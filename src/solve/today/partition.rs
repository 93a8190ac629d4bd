//! A bound on the total wish shortfall from whole shifts alone. With the need met exactly, the
//! night lines share the cycle's night hours and the day lines its day hours, each line a sum of
//! whole shifts of its side. Which lines take the nights, and at which sizes, is a partition the
//! counts' LP relaxation splits into fractions (Solsiden: 238.03 h against the true 243.03 h);
//! dynamic programming over (night hours, day hours) settles it exactly, in milliseconds.
//!
//! It leaves out everything but the hours (coverage per weekday, the weekend rules, the locks),
//! so it bounds every rota from below; the counts take it as a cut.

use super::super::Instance;
use super::super::model::{Holder, LineSpec, ShiftFamily};

/// More (night hours, day hours) states than this and the bound is not worked out.
const MOST_STATES: usize = 400_000;

/// Shift lengths of one side, in steps of their greatest common divisor.
struct Side {
    /// Minutes per step.
    step: usize,
    /// The cycle's need of this side, in steps.
    need: usize,
    /// Which totals, in steps, whole shifts of this side can make.
    reachable: Vec<bool>,
}

impl Side {
    fn new(instance: &Instance, keep: impl Fn(bool) -> bool) -> Option<Self> {
        let minutes = super::super::shift_minutes(instance, |s| keep(s.night));
        let step = minutes.iter().copied().fold(0, gcd);
        let need_minutes: usize = instance
            .shifts
            .iter()
            .enumerate()
            .filter(|(_, s)| keep(s.night))
            .map(|(s, shift)| {
                let per_week: u32 = instance.need[s].iter().sum();
                per_week as usize * instance.weeks * (shift.hours * 60.0).round() as usize
            })
            .sum();
        if step == 0 {
            return (need_minutes == 0).then_some(Self {
                step: 1,
                need: 0,
                reachable: vec![true],
            });
        }
        if !need_minutes.is_multiple_of(step) {
            return None;
        }
        let steps: Vec<usize> = minutes.iter().map(|m| m / step).collect();
        let need = need_minutes / step;
        let reachable = super::super::whole_shift_sums(&steps, need);
        Some(Self {
            step,
            need,
            reachable,
        })
    }

    /// The sizes, in steps, a line of this side can have between `low` and `high` hours.
    fn sizes(&self, low: f64, high: f64) -> impl Iterator<Item = usize> + '_ {
        let low = ((low * 60.0 - 1e-3) / self.step as f64).ceil().max(0.0) as usize;
        let high = ((high * 60.0 + 1e-3) / self.step as f64).floor().max(0.0) as usize;
        (low..=high.min(self.need)).filter(|&n| self.reachable[n])
    }

    fn hours(&self, steps: usize) -> f64 {
        (steps * self.step) as f64 / 60.0
    }
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// The least total wish shortfall, in hours, of any rota where the need is met exactly and every
/// wish's shortfall is at most `largest_cap`; None when it is not worked out (the need met at
/// least, night and day lines not kept apart, or too many states).
pub(super) fn least_total_shortfall(
    instance: &Instance,
    lines: &[LineSpec],
    separate: bool,
    largest_cap: Option<f64>,
) -> Option<f64> {
    // A line that may mix nights and days has no one side.
    if !instance.coverage_exact || !separate || lines.iter().any(|l| l.family == ShiftFamily::Any) {
        return None;
    }
    let nights = Side::new(instance, |night| night)?;
    let days = Side::new(instance, |night| !night)?;
    let width = days.need + 1;
    let states = (nights.need + 1) * width;
    if states > MOST_STATES {
        return None;
    }
    let mut least = vec![f64::INFINITY; states];
    least[0] = 0.0;
    for line in lines {
        let wish = line.wish();
        let floor = match (wish, largest_cap) {
            (Some(wish), Some(cap)) => line.min_hours.max(wish - cap),
            _ => line.min_hours,
        };
        let shortfall = |hours: f64| wish.map_or(0.0, |wish| (wish - hours).max(0.0));
        // (night steps, day steps, shortfall) for each size the line can have.
        let mut sizes: Vec<(usize, usize, f64)> = Vec::new();
        if line.holder == Holder::Vacancy {
            sizes.push((0, 0, 0.0)); // An empty vacancy is no line.
        }
        if line.family != ShiftFamily::NoNights {
            sizes.extend(
                nights
                    .sizes(floor, line.max_hours)
                    .map(|n| (n, 0, shortfall(nights.hours(n)))),
            );
        }
        if line.family != ShiftFamily::NightsOnly {
            sizes.extend(
                days.sizes(floor, line.max_hours)
                    .filter(|&d| d > 0 || line.family == ShiftFamily::NoNights)
                    .map(|d| (0, d, shortfall(days.hours(d)))),
            );
        }
        sizes.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        let mut next = vec![f64::INFINITY; states];
        for (state, &before) in least.iter().enumerate() {
            if before.is_infinite() {
                continue;
            }
            let (n, d) = (state / width, state % width);
            for &(dn, dd, cost) in &sizes {
                if n + dn > nights.need || d + dd > days.need {
                    continue;
                }
                let to = (n + dn) * width + d + dd;
                next[to] = next[to].min(before + cost);
            }
        }
        least = next;
    }
    let total = least[states - 1];
    total.is_finite().then_some(total)
}
