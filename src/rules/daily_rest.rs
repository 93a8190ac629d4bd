//! Daily rest: at least 11 hours off between two shifts (8 with a local agreement).

use super::{Ctx, EPS, RuleInfo, Severity, Violation, ViolationKind};

/// The rule.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: "daily_rest",
    name_nb: "Daglig hviletid",
    name_en: "Daily rest",
    reference: "AML § 10-8 (1)",
};

pub(super) fn check(ctx: &Ctx, out: &mut Vec<Violation>) {
    let rules = ctx.rules;
    for line in &ctx.lines {
        let worked = line.worked();
        for (i, first) in worked.iter().enumerate() {
            // The next shift in time; after the last one comes the first of the next cycle.
            let next_index = (i + 1) % worked.len();
            let second = &worked[next_index];
            let wrap = if next_index <= i {
                ctx.cycle_minutes()
            } else {
                0
            };
            let gap = (second.start + wrap - first.end) as f64 / 60.0;
            if gap + EPS >= rules.min_daily_rest_hours {
                continue;
            }
            let severity = if gap + EPS >= rules.min_daily_rest_agreed_hours {
                Severity::Agreement
            } else {
                Severity::Breach
            };
            out.push(Violation {
                rule: INFO.id,
                severity,
                line: Some(line.index),
                days: vec![first.day, second.day],
                what: ViolationKind::ShortDailyRest {
                    first: (first.shift.code.trim().to_string(), first.day),
                    second: (second.shift.code.trim().to_string(), second.day),
                    rest_hours: gap,
                    min_hours: rules.min_daily_rest_hours,
                    agreed_hours: rules.min_daily_rest_agreed_hours,
                },
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Severity, check_rota, test_support::*};

    #[test]
    fn evening_then_evening_and_night_then_night_rest_enough() {
        let scenario = scenario(1);
        let rota = rota(&["D A A - N N -", "N N - - - D D"]);
        assert!(places(&check_rota(&scenario, &rota), "daily_rest").is_empty());
    }

    #[test]
    fn a_quick_return_needs_an_agreement_and_a_night_into_a_day_is_a_breach() {
        let scenario = scenario(2);
        // A on Tue week 2 (day 8), D on Wed week 2 (day 9): 9.5 h.
        let rota = rota(&[
            &line(2, &[(8, "A"), (9, "D")]),
            &line(2, &[(2, "N"), (3, "D")]),
        ]);
        let violations = check_rota(&scenario, &rota);
        assert_eq!(
            places(&violations, "daily_rest"),
            vec![(Some(0), vec![8, 9]), (Some(1), vec![2, 3])]
        );
        let found = of(&violations, "daily_rest");
        let first = found[0];
        assert_eq!(first.severity, Severity::Agreement);
        assert_eq!(
            first.message(),
            "9.5 h rest between A on Tue week 2 and D on Wed week 2; at least 11 h (8 h with a local agreement)"
        );
        // N ends 07:45, D starts 07:30: they overlap.
        assert_eq!(found[1].severity, Severity::Breach);
        assert!(
            found[1]
                .message()
                .starts_with("the shifts overlap by 0.25 h"),
            "{}",
            found[1].message()
        );
    }

    #[test]
    fn the_rest_across_the_end_of_the_cycle_counts() {
        let scenario = scenario(1);
        // A on Sunday, then D on Monday of the next cycle.
        let violations = check_rota(&scenario, &rota(&["D - - - - - A"]));
        assert_eq!(
            places(&violations, "daily_rest"),
            vec![(Some(0), vec![6, 0])]
        );
        assert!(
            of(&violations, "daily_rest")[0]
                .message()
                .contains("between A on Sun week 1 and D on Mon week 1")
        );
    }
}
