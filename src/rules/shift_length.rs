//! Shift length: no shift longer than the agreed maximum (12.5 hours by default).

use super::{Ctx, EPS, RuleInfo, Severity, Violation, ViolationKind};

/// The rule.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: "shift_length",
    name_nb: "Vaktlengde",
    name_en: "Shift length",
    reference: "AML § 10-5 (1)",
};

pub(super) fn check(ctx: &Ctx, out: &mut Vec<Violation>) {
    let max = ctx.rules.max_shift_hours;
    for line in &ctx.lines {
        for worked in line.worked() {
            let length = worked.shift.hours();
            if length > max + EPS {
                out.push(Violation {
                    rule: INFO.id,
                    severity: Severity::Breach,
                    line: Some(line.index),
                    days: vec![worked.day],
                    what: ViolationKind::ShiftTooLong {
                        code: worked.shift.code.trim().to_string(),
                        day: worked.day,
                        hours: length,
                        max_hours: max,
                    },
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{check_rota, test_support::*};

    #[test]
    fn a_long_shift_within_the_maximum_holds() {
        let scenario = scenario(1);
        // L is 13 h; the night (10 h) and the day shifts are short.
        let mut relaxed = scenario.clone();
        relaxed.rules.max_shift_hours = 13.0;
        let rota = rota(&["L - - D - - N"]);
        assert!(places(&check_rota(&relaxed, &rota), "shift_length").is_empty());
    }

    #[test]
    fn each_too_long_shift_is_found_on_its_day() {
        let scenario = scenario(1);
        let rota = rota(&["L - - D - - L", "- L - - - - -"]);
        let violations = check_rota(&scenario, &rota);
        assert_eq!(
            places(&violations, "shift_length"),
            vec![(Some(0), vec![0]), (Some(0), vec![6]), (Some(1), vec![1])]
        );
        assert_eq!(
            of(&violations, "shift_length")[0].message(),
            "L on Mon week 1 is 13 h of work; at most 12.5 h"
        );
    }
}
