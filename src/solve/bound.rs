//! An upper bound on the number of full-time lines, from shift counts instead of day-by-day rotas.
//!
//! The arithmetic bound treats hours as divisible. Lines are made of whole shifts, and with fixed
//! weekend groups each group alone covers its weekends: when a group has exactly as many lines as
//! a weekend needs, every line carries the same weekend shifts, and a full-time line must find the
//! rest of its hours in whole weekday shifts. A small integer model over counts (per line, shift
//! and weekday) captures that. Every rota gives such counts, so its optimum is a valid bound.

use super::instance::Instance;
use super::model::LineSpec;
use crate::model::{SATURDAY, SUNDAY};
use good_lp::{
    Expression, ProblemVariables, ResolutionError, Solution, SolutionStatus, SolverModel, Variable,
    constraint, variable,
};

/// The most lines that can reach `full_time_from` hours over the cycle, at most `known_bound`
/// (a bound already known: the model stops as soon as it finds that many), or None when the
/// lines have no fixed weekend groups (the count model would not be tighter) or the model does
/// not finish within `seconds`.
// Shift and weekday index several tables at once; ranges read clearer than zipped iterators.
#[allow(clippy::needless_range_loop)]
pub(super) fn most_full_time_by_counts(
    instance: &Instance,
    lines: &[LineSpec],
    full_time_from: f64,
    known_bound: u32,
    seconds: f64,
) -> Option<u32> {
    let f = instance.weekend_frequency;
    let groups: Vec<usize> = lines
        .iter()
        .map(|line| line.weekend_group)
        .collect::<Option<_>>()?;
    let weeks = instance.weeks as f64;
    let group_weeks = (instance.weeks / f) as f64;
    let shifts = instance.shifts.len();
    let mut vars = ProblemVariables::new();
    // count[l][s][weekday]: how many times line l works shift s on that weekday over the cycle.
    let count: Vec<Vec<Vec<Variable>>> = (0..lines.len())
        .map(|_| {
            (0..shifts)
                .map(|s| {
                    (0..7)
                        .map(|wd| {
                            let cap = if instance.weekend_work[s][wd] {
                                group_weeks
                            } else {
                                weeks
                            };
                            vars.add(variable().integer().min(0.0).max(cap))
                        })
                        .collect()
                })
                .collect()
        })
        .collect();
    let full_time: Vec<Variable> = lines
        .iter()
        .map(|_| vars.add(variable().binary()))
        .collect();
    let objective: Expression = full_time.iter().copied().sum();
    let mut problem = vars
        .maximise(objective.clone())
        .using(good_lp::highs)
        .set_time_limit(seconds.max(0.1))
        .set_threads(1);
    problem.set_verbose(false);
    problem.add_constraint(constraint!(objective <= f64::from(known_bound)));
    let hours = |l: usize| -> Expression {
        (0..shifts)
            .flat_map(|s| (0..7).map(move |wd| (s, wd)))
            .map(|(s, wd)| instance.shifts[s].hours * count[l][s][wd])
            .sum()
    };
    let on_weekday =
        |l: usize, wd: usize| -> Expression { (0..shifts).map(|s| count[l][s][wd]).sum() };
    for (l, line) in lines.iter().enumerate() {
        for wd in 0..7 {
            problem.add_constraint(constraint!(on_weekday(l, wd) <= weeks));
        }
        if instance.whole_weekends {
            problem.add_constraint(constraint!(
                on_weekday(l, SATURDAY) == on_weekday(l, SUNDAY)
            ));
        }
        // A rest day every week, and an off day in every run of M + 1 days.
        let all_days: Expression = (0..7).map(|wd| on_weekday(l, wd)).sum();
        let days = instance.days;
        let most_days =
            (days - days / (instance.max_consecutive_work_days + 1)).min(days - instance.weeks);
        problem.add_constraint(constraint!(all_days <= most_days as f64));
        problem.add_constraint(constraint!(hours(l) <= line.max_hours));
        problem.add_constraint(constraint!(hours(l) >= line.min_hours));
        problem.add_constraint(constraint!(hours(l) >= full_time_from * full_time[l]));
    }
    // Interchangeable lines of a group are ordered, as in the rota model.
    for l in 0..lines.len() {
        if let Some(next) = (l + 1..lines.len()).find(|&m| groups[m] == groups[l]) {
            problem.add_constraint(constraint!(full_time[l] >= full_time[next]));
            problem.add_constraint(constraint!(hours(l) >= hours(next)));
        }
    }
    for s in 0..shifts {
        for wd in 0..7 {
            let need = f64::from(instance.need[s][wd]);
            let mut add = |planned: Expression, need: f64| {
                problem.add_constraint(if instance.coverage_exact {
                    constraint!(planned == need)
                } else {
                    constraint!(planned >= need)
                });
            };
            if instance.weekend_work[s][wd] {
                // Each group alone covers the weekends of its weeks.
                for group in 0..f {
                    let planned: Expression = (0..lines.len())
                        .filter(|&l| groups[l] == group)
                        .map(|l| count[l][s][wd])
                        .sum();
                    add(planned, need * group_weeks);
                }
            } else {
                let planned: Expression = (0..lines.len()).map(|l| count[l][s][wd]).sum();
                add(planned, need * weeks);
            }
        }
    }
    match problem.solve() {
        // Only a proven optimum bounds the count; a solution at the time limit does not.
        Ok(solution) if matches!(solution.status(), SolutionStatus::Optimal) => {
            let found: f64 = full_time.iter().map(|&v| solution.value(v)).sum();
            Some(found.round() as u32)
        }
        // No counts at all: no rota exists, and zero full-time lines is the bound.
        Err(ResolutionError::Infeasible) => Some(0),
        Ok(_) | Err(_) => None,
    }
}
