//! Coverage: every shift on every day has the headcount the staffing plan asks for.

use super::{Ctx, RuleInfo, Severity, Violation, ViolationKind};

/// The rule.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: "coverage",
    name_nb: "Bemanning per vakt",
    name_en: "Staffing per shift",
    reference: "Bemanningsplan (enhetens behov)",
};

/// Headcount needed on shift `code` on `weekday`.
pub(super) fn need(ctx: &Ctx, code: &str, weekday: usize) -> i64 {
    ctx.scenario
        .needs
        .iter()
        .find(|(key, _)| key.trim() == code)
        .and_then(|(_, counts)| counts.get(weekday))
        .copied()
        .unwrap_or(0)
        .max(0)
}

/// Lines working shift `code` on `day`.
pub(super) fn working<'c, 'a>(
    ctx: &'c Ctx<'a>,
    code: &'c str,
    day: usize,
) -> impl Iterator<Item = &'c super::Line<'a>> + 'c {
    ctx.lines
        .iter()
        .filter(move |line| line.cells[day].is_some_and(|shift| shift.code.trim() == code))
}

pub(super) fn check(ctx: &Ctx, out: &mut Vec<Violation>) {
    for day in 0..ctx.days {
        for shift in &ctx.scenario.shifts {
            let code = shift.code.trim();
            let need = need(ctx, code, day % 7);
            let count = working(ctx, code, day).count() as i64;
            let code = code.to_string();
            let what = if count < need {
                ViolationKind::Understaffed {
                    code,
                    day,
                    count,
                    need,
                }
            } else if count > need && ctx.rules.coverage_exact {
                ViolationKind::Overstaffed {
                    code,
                    day,
                    count,
                    need,
                }
            } else {
                continue;
            };
            out.push(Violation {
                rule: INFO.id,
                severity: Severity::Breach,
                line: None,
                days: vec![day],
                what,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{check_rota, test_support::*};

    fn needs_one_d_each_day() -> crate::model::Scenario {
        let mut scenario = scenario(1);
        scenario.needs.insert("D".into(), vec![1; 7]);
        scenario
    }

    #[test]
    fn exact_coverage_holds() {
        let scenario = needs_one_d_each_day();
        let rota = rota(&["D D D - - - -", "- - - D D D D"]);
        assert!(places(&check_rota(&scenario, &rota), "coverage").is_empty());
    }

    #[test]
    fn a_missing_and_a_surplus_shift_are_found_on_their_day() {
        let mut scenario = needs_one_d_each_day();
        let rota = rota(&["D D D - - - -", "- D - D D D -"]);
        let violations = check_rota(&scenario, &rota);
        assert_eq!(
            places(&violations, "coverage"),
            vec![(None, vec![1]), (None, vec![6])]
        );
        let messages: Vec<String> = violations
            .iter()
            .filter(|v| v.rule == "coverage")
            .map(|v| v.message())
            .collect();
        assert_eq!(
            messages,
            [
                "2 on D Tue week 1, need exactly 1",
                "0 on D Sun week 1, need 1"
            ]
        );
        // Over-staffing is allowed when needs are minimums.
        scenario.rules.coverage_exact = false;
        assert_eq!(
            places(&check_rota(&scenario, &rota), "coverage"),
            vec![(None, vec![6])]
        );
    }
}
