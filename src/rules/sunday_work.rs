//! Sunday work: after a worked Sunday the next Sunday is off (by written agreement it may be
//! worked), and on average every other Sunday is off. Sunday work is any work between
//! Saturday 18:00 and Sunday 22:00.

use super::{Ctx, DAY, Line, RuleInfo, Severity, Violation, ViolationKind};
use crate::model::{SATURDAY, SUNDAY};

/// The rule.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: "sunday_work",
    name_nb: "Søndagsarbeid",
    name_en: "Sunday work",
    reference: "AML § 10-8 (4)",
};

/// Whether the line works between Saturday 18:00 and Sunday 22:00 of `week`.
fn works_sunday(ctx: &Ctx, line: &Line, week: usize) -> bool {
    let from = (week * 7 + SATURDAY) as i64 * DAY + 18 * 60;
    let to = (week * 7 + SUNDAY) as i64 * DAY + 22 * 60;
    let cycle = ctx.cycle_minutes();
    line.worked().iter().any(|shift| {
        [-cycle, 0, cycle]
            .iter()
            .any(|offset| shift.start + offset < to && shift.end + offset > from)
    })
}

pub(super) fn check(ctx: &Ctx, out: &mut Vec<Violation>) {
    if !ctx.rules.sunday_off_after_sunday_work {
        return;
    }
    let weeks = ctx.weeks;
    let sunday = |week: usize| week * 7 + SUNDAY;
    for line in &ctx.lines {
        let worked: Vec<bool> = (0..weeks)
            .map(|week| works_sunday(ctx, line, week))
            .collect();
        for week in 0..weeks {
            let next = (week + 1) % weeks;
            if !(worked[week] && worked[next]) {
                continue;
            }
            let mut days = vec![sunday(week)];
            if next != week {
                days.push(sunday(next));
            }
            out.push(Violation {
                rule: INFO.id,
                severity: Severity::Agreement,
                line: Some(line.index),
                days,
                what: ViolationKind::ConsecutiveSundays { week, next },
            });
        }
        let count = worked.iter().filter(|&&w| w).count();
        if count * 2 > weeks {
            out.push(Violation {
                rule: INFO.id,
                severity: Severity::Breach,
                line: Some(line.index),
                days: (0..weeks)
                    .filter(|&week| worked[week])
                    .map(sunday)
                    .collect(),
                what: ViolationKind::TooManySundays { count, weeks },
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Severity, check_rota, test_support::*};

    #[test]
    fn a_saturday_day_shift_is_not_sunday_work_and_every_other_sunday_holds() {
        let scenario = scenario(4);
        // Sat D (07:30–15:00) every week, Sundays of weeks 1 and 3, a Friday night (ends 07:45).
        let rota = rota(&[&line(
            4,
            &[
                (5, "D"),
                (6, "D"),
                (12, "D"),
                (19, "A"),
                (20, "A"),
                (25, "N"),
                (26, "D"),
            ],
        )]);
        assert!(places(&check_rota(&scenario, &rota), "sunday_work").is_empty());
    }

    #[test]
    fn consecutive_sundays_need_an_agreement_and_most_sundays_are_a_breach() {
        let scenario = scenario(4);
        // A Saturday evening (ends 22:00) counts as Sunday work; so does a Saturday night.
        let rota = rota(&[
            &line(4, &[(5, "A"), (12, "N")]),
            &line(4, &[(6, "D"), (13, "D"), (20, "D")]),
        ]);
        let violations = check_rota(&scenario, &rota);
        assert_eq!(
            places(&violations, "sunday_work"),
            vec![
                (Some(0), vec![6, 13]),
                (Some(1), vec![6, 13]),
                (Some(1), vec![13, 20]),
                (Some(1), vec![6, 13, 20]),
            ]
        );
        let found = of(&violations, "sunday_work");
        assert_eq!(found[0].severity, Severity::Agreement);
        assert_eq!(found[3].severity, Severity::Breach);
        assert_eq!(
            found[3].message(),
            "works 3 of 4 Sundays; on average every other Sunday must be off"
        );
    }
}
