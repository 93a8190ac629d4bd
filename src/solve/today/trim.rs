//! Over-staffing trimmed without HiGHS, where the need is met at least: a line above its target
//! hours gives up a shift on a day that has more than its need, or hands a shift on a day that
//! has none over to a line that is off that day and gives up one where there is, when both end
//! nearer their targets. Taking work away breaks no rest rule, so most such steps are allowed;
//! the ones that are not (a Saturday without its Sunday under whole weekends, a line under
//! today's position) are caught by the line's own check ([`line_allowed`]), and the rota-wide
//! ones (qualified needs, the 3-shift shares) here. Thousands of such steps take the time one
//! few-lines HiGHS step of the repair takes.

use super::super::Instance;
use super::super::line_rules::line_allowed;
use super::super::model::LineSpec;
use super::super::neighbourhood::{Cells, hours_per_line, staffed, three_shift_sum};
use super::super::run::SolveControl;
use super::super::swaps::{locked, qualified_covered};
use crate::model::{SATURDAY, SUNDAY};
use std::time::Instant;

/// The shifts a line can give up on `day`: that day's, or with whole weekends a Saturday
/// together with its Sunday.
fn day_sets(instance: &Instance, day: usize) -> Vec<Vec<usize>> {
    let mut sets = vec![vec![day]];
    if instance.whole_weekends && day % 7 == SATURDAY {
        sets.push(vec![day, day + 1]);
    }
    if instance.whole_weekends && day % 7 == SUNDAY {
        sets.push(vec![day - 1, day]);
    }
    sets
}

/// Takes shifts away from lines above `high` (their target hours) while the need stays met,
/// every line keeps its rules and `seconds` last. Returns the rota and the hours taken away.
pub(super) fn trim_overstaffing(
    instance: &Instance,
    lines: &[LineSpec],
    mut cells: Cells,
    high: &[f64],
    seconds: f64,
    control: &SolveControl,
) -> (Cells, f64) {
    let phase = Instant::now();
    let out_of_time = || phase.elapsed().as_secs_f64() >= seconds || control.is_cancelled();
    let mut staffed = staffed(instance, &cells);
    let mut hours = hours_per_line(instance, &cells);
    let length = |s: usize| instance.shifts[s].hours;
    let surplus =
        |staffed: &[Vec<u32>], day: usize, s: usize| staffed[day][s] > instance.need_on(s, day);
    let excess = |l: usize, hours: f64| (hours - high[l]).max(0.0);
    // HTA § 4.2.4: with 3-shift full time, the rota's night and Sunday shares stay within what
    // the full time was derived for; a day shift taken away raises them.
    let weight = |s: usize, day: usize| instance.three_shift_weight(s, day % 7);
    let mut shares = instance.three_shift_offset + three_shift_sum(instance, &cells);
    let shares_kept = |shares: f64, change: f64| change <= 1e-9 || shares + change <= 1e-9;
    let mut taken = 0.0;
    loop {
        let mut improved = false;
        let mut over: Vec<usize> = (0..cells.len())
            .filter(|&l| hours[l] > high[l] + 1e-6)
            .collect();
        over.sort_by(|&a, &b| (hours[b] - high[b]).total_cmp(&(hours[a] - high[a])));
        for a in over {
            for day in 0..instance.days {
                if out_of_time() {
                    return (cells, taken);
                }
                if hours[a] <= high[a] + 1e-6 {
                    break;
                }
                if cells[a][day].is_none() || locked(&lines[a], day) {
                    continue;
                }
                // Given up where the day has more than its need.
                for set in day_sets(instance, day) {
                    let shifts: Vec<Option<usize>> = set.iter().map(|&d| cells[a][d]).collect();
                    let all_surplus = set.iter().zip(&shifts).all(|(&d, cell)| {
                        cell.is_some_and(|s| surplus(&staffed, d, s)) && !locked(&lines[a], d)
                    });
                    let change: f64 = -set
                        .iter()
                        .zip(&shifts)
                        .filter_map(|(&d, cell)| cell.map(|s| weight(s, d)))
                        .sum::<f64>();
                    if !all_surplus || !shares_kept(shares, change) {
                        continue;
                    }
                    for &d in &set {
                        cells[a][d] = None;
                    }
                    let kept = line_allowed(instance, &lines[a], &cells[a])
                        && set.iter().zip(&shifts).all(|(&d, cell)| {
                            cell.is_none_or(|s| qualified_covered(instance, lines, &cells, d, s))
                        });
                    if kept {
                        for (&d, cell) in set.iter().zip(&shifts) {
                            let s = cell.expect("a worked day");
                            staffed[d][s] -= 1;
                            hours[a] -= length(s);
                            taken += length(s);
                        }
                        shares += change;
                        improved = true;
                        break;
                    }
                    for (&d, cell) in set.iter().zip(&shifts) {
                        cells[a][d] = *cell;
                    }
                }
                let Some(s) = cells[a][day] else { continue };
                if surplus(&staffed, day, s) {
                    continue;
                }
                // Handed over to a line off that day, which gives up a shift where there is
                // more than the need: kept when the two lines are nearer their targets.
                'relay: for b in 0..cells.len() {
                    if b == a || cells[b][day].is_some() || locked(&lines[b], day) {
                        continue;
                    }
                    for other in 0..instance.days {
                        let Some(t) = cells[b][other] else { continue };
                        let before = excess(a, hours[a]) + excess(b, hours[b]);
                        let after = excess(a, hours[a] - length(s))
                            + excess(b, hours[b] + length(s) - length(t));
                        if other == day
                            || locked(&lines[b], other)
                            || after >= before - 1e-9
                            || !surplus(&staffed, other, t)
                            || !shares_kept(shares, -weight(t, other))
                        {
                            continue;
                        }
                        cells[a][day] = None;
                        cells[b][day] = Some(s);
                        cells[b][other] = None;
                        let kept = line_allowed(instance, &lines[a], &cells[a])
                            && line_allowed(instance, &lines[b], &cells[b])
                            && qualified_covered(instance, lines, &cells, day, s)
                            && qualified_covered(instance, lines, &cells, other, t);
                        if kept {
                            staffed[other][t] -= 1;
                            shares -= weight(t, other);
                            hours[a] -= length(s);
                            hours[b] += length(s) - length(t);
                            taken += length(t);
                            improved = true;
                            break 'relay;
                        }
                        cells[a][day] = Some(s);
                        cells[b][day] = None;
                        cells[b][other] = Some(t);
                    }
                }
            }
        }
        if !improved {
            return (cells, taken);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io;
    use crate::solve::model::{Goal, Holder, ShiftFamily, build};
    use crate::solve::neighbourhood::cells_from_values;
    use crate::solve::run::run_model;

    #[test]
    fn shifts_over_the_need_are_taken_away_within_the_rules() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/solsiden.ron");
        let scenario = io::load_scenario(&path).unwrap();
        let mut instance = Instance::new(&scenario);
        let lines: Vec<LineSpec> = (0..34)
            .map(|_| LineSpec {
                holder: Holder::Vacancy,
                family: ShiftFamily::NightsOrDays,
                ..LineSpec::ideal(ShiftFamily::Any, instance.full_time_cycle_hours())
            })
            .collect();
        let built = build(&instance, &lines, Goal::AnyRota, &[]);
        let x = built.x.clone();
        let control = SolveControl::default();
        let result = run_model(built, 20.0, None, None, &control, Instant::now());
        let mut cells = cells_from_values(&x, &result.values, instance.days);
        let high = hours_per_line(&instance, &cells);
        // One extra shift on each of a few lines, each on a day of its own: over the need.
        instance.coverage_exact = false;
        let mut extra_days = Vec::new();
        for l in 0..cells.len() {
            let free = (0..instance.days).find(|&day| {
                cells[l][day].is_none() && !extra_days.contains(&day) && {
                    let mut line = cells[l].clone();
                    line[day] = Some(0);
                    line_allowed(&instance, &lines[l], &line)
                }
            });
            if let Some(day) = free {
                cells[l][day] = Some(0);
                extra_days.push(day);
            }
            if extra_days.len() == 6 {
                break;
            }
        }
        assert_eq!(extra_days.len(), 6, "room for six extra shifts");
        let over = |cells: &Cells| -> u32 {
            let staffed = staffed(&instance, cells);
            (0..instance.days)
                .map(|d| {
                    (0..instance.shifts.len())
                        .map(|s| staffed[d][s].saturating_sub(instance.need_on(s, d)))
                        .sum::<u32>()
                })
                .sum()
        };
        assert_eq!(over(&cells), 6);
        let before: f64 = hours_per_line(&instance, &cells).iter().sum();
        let (trimmed, taken) = trim_overstaffing(&instance, &lines, cells, &high, 10.0, &control);
        let after: f64 = hours_per_line(&instance, &trimmed).iter().sum();
        assert!(taken > 0.0 && (before - after - taken).abs() < 1e-6);
        assert!(
            over(&trimmed) < 6,
            "{} shifts over the need left",
            over(&trimmed)
        );
        for (d, by_shift) in staffed(&instance, &trimmed).iter().enumerate() {
            for (s, &n) in by_shift.iter().enumerate() {
                assert!(n >= instance.need_on(s, d), "day {d} shift {s}");
            }
        }
        for (spec, line) in lines.iter().zip(&trimmed) {
            assert!(line_allowed(&instance, spec, line));
        }
    }
}
