//! Weekend frequency: a line works at most every f-th weekend (every 3rd by default).

use super::{Ctx, Line, RuleInfo, Severity, Violation, ViolationKind};
use crate::model::{FRIDAY, SATURDAY, SUNDAY, ShiftKind};

/// The rule.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: "weekend_frequency",
    name_nb: "Helgefrekvens",
    name_en: "Weekend frequency",
    reference: "Turnusavtale: helgefrekvens (HTA kap. 1 § 4)",
};

/// Whether the line works the weekend of `week`: a shift starting Saturday or Sunday, or a
/// night shift starting Friday when the unit counts it as weekend work.
pub(super) fn works_weekend(ctx: &Ctx, line: &Line, week: usize) -> bool {
    let day = |weekday: usize| line.cells[week * 7 + weekday];
    day(SATURDAY).is_some()
        || day(SUNDAY).is_some()
        || (ctx.scenario.rota.friday_night_is_weekend
            && day(FRIDAY).is_some_and(|s| s.kind == ShiftKind::Night))
}

pub(super) fn check(ctx: &Ctx, out: &mut Vec<Violation>) {
    let frequency = ctx.scenario.rota.weekend_frequency as usize;
    let weeks = ctx.weeks;
    for line in &ctx.lines {
        let worked: Vec<usize> = (0..weeks)
            .filter(|&week| works_weekend(ctx, line, week))
            .collect();
        for (i, &week) in worked.iter().enumerate() {
            let next = worked[(i + 1) % worked.len()];
            // Distance to the next worked weekend; the same weekend again after a full cycle.
            let distance = match (next + weeks - week) % weeks {
                0 => weeks,
                d => d,
            };
            if distance >= frequency {
                continue;
            }
            let mut days = vec![week * 7 + SATURDAY, week * 7 + SUNDAY];
            for day in [next * 7 + SATURDAY, next * 7 + SUNDAY] {
                if !days.contains(&day) {
                    days.push(day);
                }
            }
            out.push(Violation {
                rule: INFO.id,
                severity: Severity::Breach,
                line: Some(line.index),
                days,
                what: ViolationKind::WeekendsTooClose {
                    week,
                    next,
                    cycle_weeks: weeks,
                    frequency: frequency as u32,
                },
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{check_rota, test_support::*};

    #[test]
    fn every_third_weekend_holds() {
        let scenario = scenario(6);
        let rota = rota(&[
            &line(6, &[(5, "D"), (6, "D"), (26, "A"), (27, "A")]),
            &line(6, &[(40, "N")]),
        ]);
        assert!(places(&check_rota(&scenario, &rota), "weekend_frequency").is_empty());
    }

    #[test]
    fn two_weekends_in_a_row_and_across_the_wrap_are_found() {
        let scenario = scenario(6);
        // Weekends of week 1 and 2; and of week 6 and (next cycle's) week 1.
        let rota = rota(&[
            &line(6, &[(5, "D"), (6, "D"), (12, "D"), (13, "D")]),
            &line(6, &[(6, "D"), (40, "D"), (41, "D")]),
        ]);
        let violations = check_rota(&scenario, &rota);
        assert_eq!(
            places(&violations, "weekend_frequency"),
            vec![(Some(0), vec![5, 6, 12, 13]), (Some(1), vec![40, 41, 5, 6])]
        );
        assert_eq!(
            of(&violations, "weekend_frequency")[0].message(),
            "works the weekends of week 1 and week 2; at most every 3rd weekend"
        );
    }

    #[test]
    fn a_friday_night_counts_only_when_the_unit_says_so() {
        let mut scenario = scenario(6);
        let rota = rota(&[&line(6, &[(4, "N"), (12, "D"), (13, "D")])]);
        assert!(places(&check_rota(&scenario, &rota), "weekend_frequency").is_empty());
        scenario.rota.friday_night_is_weekend = true;
        assert_eq!(
            places(&check_rota(&scenario, &rota), "weekend_frequency"),
            vec![(Some(0), vec![5, 6, 12, 13])]
        );
    }
}
