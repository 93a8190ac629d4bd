//! The independent checker for rotating schedules. It reads only the instance and the
//! schedule, shares no code with the model, and measures blocks directly as runs of equal
//! days around the cycle instead of through the model's window and start inequalities.

use super::{BlockKind, Finding, Instance, Schedule};

/// Every way `schedule` breaks `instance`, with the place (week row and weekday); empty when
/// the schedule is valid.
///
/// Checks: N week rows of known shifts; exact demand per weekday and shift; the length of
/// every work block, days-off block and block of each shift type; forbidden sequences. The
/// chain is cyclic: the last day of the last week is followed by Monday of the first.
pub fn check(instance: &Instance, schedule: &Schedule) -> Vec<Finding> {
    let mut problems = Vec::new();
    if schedule.len() != instance.employees {
        problems.push(Finding::WeekRows {
            rows: schedule.len(),
            employees: instance.employees,
        });
        return problems;
    }
    let chain: Vec<Option<usize>> = schedule.iter().flatten().copied().collect();
    if let Some(day) = chain
        .iter()
        .position(|cell| cell.is_some_and(|s| s >= instance.shifts.len()))
    {
        problems.push(Finding::UnknownShift { day });
        return problems;
    }
    demand(instance, schedule, &mut problems);
    blocks(instance, &chain, &mut problems);
    forbidden(instance, &chain, &mut problems);
    problems
}

fn demand(instance: &Instance, schedule: &Schedule, problems: &mut Vec<Finding>) {
    for (s, shift) in instance.shifts.iter().enumerate() {
        for (weekday, &wanted) in instance.demand[s].iter().enumerate() {
            let planned = schedule
                .iter()
                .filter(|row| row[weekday] == Some(s))
                .count();
            if planned != wanted as usize {
                problems.push(Finding::Demand {
                    shift: shift.name.clone(),
                    weekday,
                    planned,
                    demand: wanted,
                });
            }
        }
    }
}

/// Maximal runs of days where `on` holds, as (first day, length), around the cycle.
fn runs(chain: &[Option<usize>], on: impl Fn(Option<usize>) -> bool) -> Vec<(usize, usize)> {
    let n = chain.len();
    let flags: Vec<bool> = chain.iter().map(|&cell| on(cell)).collect();
    if flags.iter().all(|&f| f) {
        return if n == 0 { Vec::new() } else { vec![(0, n)] };
    }
    let mut runs = Vec::new();
    for first in 0..n {
        // A run starts where the day before (around the cycle) is not in it.
        if flags[first] && !flags[(first + n - 1) % n] {
            let mut length = 0;
            while flags[(first + length) % n] {
                length += 1;
            }
            runs.push((first, length));
        }
    }
    runs
}

/// A kind of block, its limits and which cells belong to it.
type Block = (
    BlockKind,
    super::BlockLimits,
    Box<dyn Fn(Option<usize>) -> bool>,
);

fn blocks(instance: &Instance, chain: &[Option<usize>], problems: &mut Vec<Finding>) {
    let mut kinds: Vec<Block> = vec![
        (
            BlockKind::Work,
            instance.work_block,
            Box::new(|cell: Option<usize>| cell.is_some()),
        ),
        (
            BlockKind::DaysOff,
            instance.off_block,
            Box::new(|cell: Option<usize>| cell.is_none()),
        ),
    ];
    for (s, shift) in instance.shifts.iter().enumerate() {
        kinds.push((
            BlockKind::Shift(shift.name.clone()),
            shift.block,
            Box::new(move |cell: Option<usize>| cell == Some(s)),
        ));
    }
    for (what, limits, on) in &kinds {
        for (first, length) in runs(chain, on) {
            if length < limits.min || length > limits.max {
                problems.push(Finding::Block {
                    block: what.clone(),
                    length,
                    first,
                    limits: *limits,
                });
            }
        }
    }
}

fn forbidden(instance: &Instance, chain: &[Option<usize>], problems: &mut Vec<Finding>) {
    let n = chain.len();
    for sequence in &instance.forbidden {
        for first in 0..n {
            let found = sequence
                .iter()
                .enumerate()
                .all(|(i, &element)| chain[(first + i) % n] == element);
            if found {
                problems.push(Finding::Forbidden {
                    sequence: sequence
                        .iter()
                        .map(|&e| instance.cell_name(e).to_string())
                        .collect(),
                    first,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{BlockLimits, Shift};
    use super::*;

    /// The findings in English.
    fn texts(findings: Vec<Finding>) -> Vec<String> {
        findings.iter().map(ToString::to_string).collect()
    }

    /// Two weeks, shifts D and N, one of each on every weekday... then the tests break it.
    fn instance() -> Instance {
        let shift = |name: &str| Shift {
            name: name.into(),
            start_minute: 0,
            length_minutes: 480,
            block: BlockLimits { min: 1, max: 7 },
        };
        Instance {
            name: "tiny".into(),
            employees: 2,
            shifts: vec![shift("D"), shift("N")],
            demand: vec![[1, 1, 1, 0, 0, 0, 0], [0, 0, 0, 1, 1, 0, 0]],
            off_block: BlockLimits { min: 1, max: 14 },
            work_block: BlockLimits { min: 1, max: 14 },
            forbidden: vec![vec![Some(1), Some(0)]],
        }
    }

    const D: Option<usize> = Some(0);
    const N: Option<usize> = Some(1);
    const O: Option<usize> = None;

    fn valid() -> Schedule {
        vec![[D, D, D, N, N, O, O], [O; 7]]
    }

    #[test]
    fn a_valid_schedule_has_no_problems() {
        assert_eq!(texts(check(&instance(), &valid())), Vec::<String>::new());
    }

    #[test]
    fn demand_off_by_one() {
        let mut schedule = valid();
        schedule[1][0] = D;
        let problems = texts(check(&instance(), &schedule));
        assert!(problems.contains(&"D on Mon: 2 planned, demand 1".to_string()));
    }

    #[test]
    fn block_across_the_wrap() {
        let mut i = instance();
        i.off_block.max = 8;
        // Off from week 1 Sat to week 2 Sun: 9 days, the run is found starting at week 1 Sat.
        let problems = texts(check(&i, &valid()));
        assert_eq!(
            problems,
            vec!["days-off block of 9 day(s) from week 1 Sat: allowed 1 to 8".to_string()]
        );
        // Moving the work to week 2 wraps the off block from week 2 Sat to week 1 Sun.
        let schedule = vec![[O; 7], [D, D, D, N, N, O, O]];
        let problems = texts(check(&i, &schedule));
        assert_eq!(
            problems,
            vec!["days-off block of 9 day(s) from week 2 Sat: allowed 1 to 8".to_string()]
        );
    }

    #[test]
    fn shift_block_too_short() {
        let mut i = instance();
        i.shifts[1].block.min = 3;
        assert_eq!(
            texts(check(&i, &valid())),
            vec!["block of N of 2 day(s) from week 1 Thu: allowed 3 to 7".to_string()]
        );
    }

    #[test]
    fn forbidden_sequences_across_the_wrap() {
        let mut i = instance();
        i.forbidden = vec![vec![Some(1), None, Some(0)], vec![None, Some(0)]];
        let problems = texts(check(&i, &valid()));
        // "- D" starts at week 2 Sun and wraps to week 1 Mon.
        assert_eq!(
            problems,
            vec!["forbidden sequence \"- D\" from week 2 Sun".to_string()]
        );
        let schedule = vec![[N, O, D, D, N, O, O], [O, D, O, O, O, O, O]];
        i.demand = vec![[0, 1, 1, 1, 0, 0, 0], [1, 0, 0, 0, 1, 0, 0]];
        let problems = texts(check(&i, &schedule));
        assert!(
            problems.contains(&"forbidden sequence \"N - D\" from week 1 Mon".to_string()),
            "{problems:?}"
        );
    }

    #[test]
    fn whole_chain_is_one_block() {
        let mut i = instance();
        i.employees = 1;
        i.demand = vec![[1; 7], [0; 7]];
        i.forbidden.clear();
        let schedule = vec![[D; 7]];
        assert_eq!(texts(check(&i, &schedule)), Vec::<String>::new());
        i.work_block.max = 6;
        assert_eq!(
            texts(check(&i, &schedule)),
            vec!["work block of 7 day(s) from week 1 Mon: allowed 1 to 6".to_string()]
        );
    }

    #[test]
    fn wrong_number_of_rows_and_unknown_shift() {
        assert_eq!(check(&instance(), &vec![[O; 7]]).len(), 1);
        let schedule = vec![[Some(7), O, O, O, O, O, O], [O; 7]];
        assert_eq!(
            texts(check(&instance(), &schedule)),
            vec!["week 1 Mon: unknown shift".to_string()]
        );
    }
}
