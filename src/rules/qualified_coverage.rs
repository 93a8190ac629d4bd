//! Qualified coverage: enough people with a qualification (or a higher one) on a shift.

use super::coverage::working;
use super::{Ctx, RuleInfo, Severity, Violation, ViolationKind};

/// The rule.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: "qualified_coverage",
    name_nb: "Kompetanse per vakt",
    name_en: "Qualified staff per shift",
    reference: "Bemanningsplan (enhetens behov)",
};

pub(super) fn check(ctx: &Ctx, out: &mut Vec<Violation>) {
    for day in 0..ctx.days {
        for need in &ctx.scenario.qualified_needs {
            let code = need.shift.trim();
            let min = need.min.get(day % 7).copied().unwrap_or(0);
            let count = working(ctx, code, day)
                .filter(|line| line.qualification() >= need.qualification)
                .count() as i64;
            if count < min {
                out.push(Violation {
                    rule: INFO.id,
                    severity: Severity::Breach,
                    line: None,
                    days: vec![day],
                    what: ViolationKind::TooFewQualified {
                        qualification: need.qualification,
                        code: code.to_string(),
                        day,
                        count,
                        min,
                    },
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{check_rota, test_support::*};
    use crate::model::{Employee, Qualification, QualifiedNeed};

    fn scenario_with_nurse_need() -> crate::model::Scenario {
        let mut scenario = scenario(1);
        scenario.qualified_needs.push(QualifiedNeed {
            shift: "N".into(),
            qualification: Qualification::Helsefagarbeider,
            min: vec![1; 7],
        });
        scenario.staff.push(Employee {
            name: "Kari".into(),
            qualification: Qualification::Sykepleier,
            ..Employee::default()
        });
        scenario
    }

    #[test]
    fn a_higher_qualification_counts_for_a_lower_need() {
        let scenario = scenario_with_nurse_need();
        let mut rota = rota(&["N N N - - - -", "- - - N N N N"]);
        rota.lines[0].employee = Some("Kari".into());
        rota.lines[1].qualification = Some(Qualification::Helsefagarbeider);
        assert!(places(&check_rota(&scenario, &rota), "qualified_coverage").is_empty());
    }

    #[test]
    fn an_unqualified_vacancy_leaves_its_days_short() {
        let scenario = scenario_with_nurse_need();
        let mut rota = rota(&["N N N - - - -", "- - - N N N N"]);
        rota.lines[0].employee = Some("Kari".into());
        // The second line is a vacancy without a qualification: Assistent.
        let violations = check_rota(&scenario, &rota);
        assert_eq!(
            places(&violations, "qualified_coverage"),
            (3..7).map(|day| (None, vec![day])).collect::<Vec<_>>()
        );
        assert_eq!(
            violations
                .iter()
                .find(|v| v.rule == "qualified_coverage")
                .map(|v| v.message()),
            Some("0 Helsefagarbeider or higher on N Thu week 1, need 1".to_string())
        );
    }
}
