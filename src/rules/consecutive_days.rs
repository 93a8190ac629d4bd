//! Consecutive work days: no run of more work days in a row than the unit allows (cyclic).

use super::{Ctx, RuleInfo, Severity, Violation, ViolationKind};

/// The rule.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: "consecutive_days",
    name_nb: "Arbeidsdager på rad",
    name_en: "Consecutive work days",
    reference: "Enhetens regel (AML § 10-8)",
};

/// Runs of days with a shift starting, as lists of days in order; a run may wrap from the
/// last day of the cycle to the first, and a line working every day is one run of all days.
fn runs(worked: &[bool]) -> Vec<Vec<usize>> {
    let days = worked.len();
    let Some(first_off) = worked.iter().position(|&w| !w) else {
        return if days == 0 {
            Vec::new()
        } else {
            vec![(0..days).collect()]
        };
    };
    let mut runs = Vec::new();
    let mut current = Vec::new();
    // Start after a day off so that no run is cut by the end of the cycle.
    for i in 1..=days {
        let day = (first_off + i) % days;
        if worked[day] {
            current.push(day);
        } else if !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
    }
    runs.sort_by_key(|run| run[0]);
    runs
}

pub(super) fn check(ctx: &Ctx, out: &mut Vec<Violation>) {
    let max = ctx.rules.max_consecutive_work_days as usize;
    for line in &ctx.lines {
        let worked: Vec<bool> = line.cells.iter().map(Option::is_some).collect();
        for run in runs(&worked).into_iter().filter(|run| run.len() > max) {
            let (Some(&first), Some(&last)) = (run.first(), run.last()) else {
                continue;
            };
            out.push(Violation {
                rule: INFO.id,
                severity: Severity::Breach,
                line: Some(line.index),
                what: ViolationKind::TooManyDaysInARow {
                    count: run.len(),
                    first,
                    last,
                    max,
                },
                days: run,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{check_rota, test_support::*};

    #[test]
    fn six_days_in_a_row_hold() {
        let scenario = scenario(2);
        let rota = rota(&["D D D - D D D | D D D - - D D"]);
        assert!(places(&check_rota(&scenario, &rota), "consecutive_days").is_empty());
    }

    #[test]
    fn a_long_run_across_the_end_of_the_cycle_is_one_violation() {
        let scenario = scenario(2);
        // Thu week 2 … Wed week 1 of the next cycle: 4 + 3 = 7 days; the second line works every day.
        let rota = rota(&[
            "D D D - - - - | - - - D D D D",
            "D D D D D D D | D D D D D D D",
        ]);
        let violations = check_rota(&scenario, &rota);
        assert_eq!(
            places(&violations, "consecutive_days"),
            vec![
                (Some(0), vec![10, 11, 12, 13, 0, 1, 2]),
                (Some(1), (0..14).collect())
            ]
        );
        assert_eq!(
            of(&violations, "consecutive_days")[0].message(),
            "7 work days in a row, Thu week 2 – Wed week 1; at most 6"
        );
    }
}
