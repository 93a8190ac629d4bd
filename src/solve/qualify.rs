//! Which qualification each open line must be advertised with, after the rota is fixed.
//!
//! Any rota can be staffed with nurses only, so in ideal mode qualified needs never decide whether
//! a rota exists; they decide who may hold the lines. Labelling is a small set cover solved on its
//! own: the fewest lines at the highest level first, then the fewest at each level below, so the
//! proposal asks for no more scarce staff than the needs require.

use super::ProposedLine;
use super::instance::Instance;
use crate::model::Qualification;
use good_lp::{
    Expression, ProblemVariables, Solution, SolverModel, Variable, constraint, variable,
};

/// Sets `qualification` on every line whose `fixed` entry is None (ideal lines and vacancies):
/// the lowest labels that still meet every qualified need given the lines with a fixed
/// qualification (named employees). A line no need depends on gets no label.
pub(crate) fn label_qualifications(
    instance: &Instance,
    lines: &mut [ProposedLine],
    fixed: &[Option<Qualification>],
) {
    let mut levels: Vec<Qualification> =
        instance.qualified_need.iter().map(|(_, q, _)| *q).collect();
    levels.sort();
    levels.dedup();
    let open: Vec<usize> = (0..lines.len())
        .filter(|&l| fixed.get(l).copied().flatten().is_none())
        .collect();
    for &l in &open {
        lines[l].qualification = None;
    }
    if levels.is_empty() || open.is_empty() {
        return;
    }
    let shift_index = |code: &str| instance.shifts.iter().position(|s| s.code == code);
    let mut vars = ProblemVariables::new();
    // at_least[i][k]: open line open[i] holds at least levels[k].
    let at_least: Vec<Vec<Variable>> = open
        .iter()
        .map(|_| {
            levels
                .iter()
                .map(|_| vars.add(variable().binary()))
                .collect()
        })
        .collect();
    // Lexicographic: one line at a higher level weighs more than all lines at the levels below.
    let weight = |k: usize| ((open.len() + 1) as f64).powi(k as i32);
    let cost: Expression = at_least
        .iter()
        .flat_map(|line| line.iter().enumerate().map(|(k, &v)| weight(k) * v))
        .sum();
    // Any cover is valid; the time limit only trades the smallest mix for speed.
    let mut problem = vars
        .minimise(cost)
        .using(good_lp::highs)
        .set_time_limit(1.0)
        .set_threads(1);
    problem.set_verbose(false);
    for line in &at_least {
        for pair in line.windows(2) {
            problem.add_constraint(constraint!(pair[1] <= pair[0]));
        }
    }
    for &(s, level, min) in &instance.qualified_need {
        let k = levels.iter().position(|&q| q == level).unwrap_or(0);
        for d in 0..instance.days {
            let works = |l: usize| shift_index(&lines[l].cells[d]) == Some(s);
            let fixed_qualified = (0..lines.len())
                .filter(|&l| fixed.get(l).copied().flatten().is_some_and(|q| q >= level))
                .filter(|&l| works(l))
                .count() as f64;
            let chosen: Expression = open
                .iter()
                .enumerate()
                .filter(|&(_, &l)| works(l))
                .map(|(i, _)| at_least[i][k])
                .sum();
            let min = f64::from(min[d % 7]);
            if min > fixed_qualified {
                problem.add_constraint(constraint!(chosen >= min - fixed_qualified));
            }
        }
    }
    match problem.solve() {
        Ok(solution) => {
            for (i, &l) in open.iter().enumerate() {
                lines[l].qualification = (0..levels.len())
                    .rev()
                    .find(|&k| solution.value(at_least[i][k]) > 0.5)
                    .map(|k| levels[k]);
            }
        }
        // Cannot happen when the rota was solved with the needs; the safe answer is the top level.
        Err(_) => {
            for &l in &open {
                lines[l].qualification = levels.last().copied();
            }
        }
    }
}
