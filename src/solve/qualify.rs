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
        .set_time_limit(0.3)
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
    let cost = |labels: &[Option<Qualification>]| -> f64 {
        labels
            .iter()
            .flatten()
            .map(|q| {
                let k = levels.iter().position(|level| level == q).unwrap_or(0);
                (0..=k).map(weight).sum::<f64>()
            })
            .sum()
    };
    let greedy = greedy_labels(instance, lines, fixed, &open, &levels);
    let chosen = match problem.solve() {
        Ok(solution) => {
            let labels: Vec<Option<Qualification>> = (0..open.len())
                .map(|i| {
                    (0..levels.len())
                        .rev()
                        .find(|&k| solution.value(at_least[i][k]) > 0.5)
                        .map(|k| levels[k])
                })
                .collect();
            // At the time limit HiGHS may hold a poor cover; greedy is often better then.
            if cost(&labels) <= cost(&greedy) {
                labels
            } else {
                greedy
            }
        }
        Err(_) => greedy,
    };
    for (&l, label) in open.iter().zip(chosen) {
        lines[l].qualification = label;
    }
}

/// Labels by hand: highest level first, each time the open line that covers the most of what
/// is still missing at that level. Any line left over when nothing is missing gets no label.
fn greedy_labels(
    instance: &Instance,
    lines: &[ProposedLine],
    fixed: &[Option<Qualification>],
    open: &[usize],
    levels: &[Qualification],
) -> Vec<Option<Qualification>> {
    let mut labels: Vec<Option<Qualification>> = vec![None; open.len()];
    let code_on = |l: usize, d: usize| lines[l].cells[d].as_str();
    for &level in levels.iter().rev() {
        // missing[(need, day)]: qualified people still lacking for needs at exactly this level.
        let needs: Vec<&(usize, Qualification, [u32; 7])> = instance
            .qualified_need
            .iter()
            .filter(|(_, q, _)| *q == level)
            .collect();
        let holds = |l: usize, labels: &[Option<Qualification>]| -> bool {
            let label = match open.iter().position(|&o| o == l) {
                Some(i) => labels[i],
                None => fixed.get(l).copied().flatten(),
            };
            label.is_some_and(|q| q >= level)
        };
        let mut missing: Vec<Vec<i64>> = needs
            .iter()
            .map(|&&(s, _, min)| {
                (0..instance.days)
                    .map(|d| {
                        let have = (0..lines.len())
                            .filter(|&l| code_on(l, d) == instance.shifts[s].code)
                            .filter(|&l| holds(l, &labels))
                            .count() as i64;
                        i64::from(min[d % 7]) - have
                    })
                    .collect()
            })
            .collect();
        loop {
            let gain = |l: usize| -> i64 {
                needs
                    .iter()
                    .enumerate()
                    .map(|(n, &&(s, _, _))| {
                        (0..instance.days)
                            .filter(|&d| {
                                missing[n][d] > 0 && code_on(l, d) == instance.shifts[s].code
                            })
                            .count() as i64
                    })
                    .sum()
            };
            let best = (0..open.len())
                .filter(|&i| labels[i].is_none())
                .map(|i| (gain(open[i]), i))
                .filter(|&(g, _)| g > 0)
                .max_by_key(|&(g, i)| (g, std::cmp::Reverse(i)));
            let Some((_, i)) = best else { break };
            labels[i] = Some(level);
            for (n, &&(s, _, _)) in needs.iter().enumerate() {
                for (d, still) in missing[n].iter_mut().enumerate() {
                    if code_on(open[i], d) == instance.shifts[s].code {
                        *still -= 1;
                    }
                }
            }
        }
    }
    labels
}
