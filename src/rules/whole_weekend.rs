//! Whole weekends: a line that works a weekend works both Saturday and Sunday (a unit rule;
//! breaking it needs a local agreement).

use super::{Ctx, RuleInfo, Severity, Violation, ViolationKind};
use crate::model::{SATURDAY, SUNDAY};

/// The rule.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: "whole_weekend",
    name_nb: "Hele helger",
    name_en: "Whole weekends",
    reference: "Enhetens regel: hele helger",
};

pub(super) fn check(ctx: &Ctx, out: &mut Vec<Violation>) {
    if !ctx.rules.whole_weekends {
        return;
    }
    for line in &ctx.lines {
        for week in 0..ctx.weeks {
            let (saturday, sunday) = (week * 7 + SATURDAY, week * 7 + SUNDAY);
            let worked_saturday =
                match (line.cells[saturday].is_some(), line.cells[sunday].is_some()) {
                    (true, false) => true,
                    (false, true) => false,
                    _ => continue,
                };
            out.push(Violation {
                rule: INFO.id,
                severity: Severity::Agreement,
                line: Some(line.index),
                days: vec![saturday, sunday],
                what: ViolationKind::HalfWeekend {
                    week,
                    saturday: worked_saturday,
                },
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Severity, check_rota, test_support::*};

    #[test]
    fn whole_weekends_hold() {
        let scenario = scenario(2);
        let rota = rota(&[
            "- - - - - D D | - - - - - - -",
            "- - - - - - - | - - - - - A A",
        ]);
        assert!(places(&check_rota(&scenario, &rota), "whole_weekend").is_empty());
    }

    #[test]
    fn half_weekends_need_an_agreement_unless_the_unit_allows_them() {
        let mut scenario = scenario(2);
        let rota = rota(&[
            "- - - - - D - | - - - - - - -",
            "- - - - - - - | - - - - - - A",
        ]);
        let violations = check_rota(&scenario, &rota);
        assert_eq!(
            places(&violations, "whole_weekend"),
            vec![(Some(0), vec![5, 6]), (Some(1), vec![12, 13])]
        );
        assert!(
            of(&violations, "whole_weekend")
                .iter()
                .all(|v| v.severity == Severity::Agreement)
        );
        scenario.rules.whole_weekends = false;
        assert!(places(&check_rota(&scenario, &rota), "whole_weekend").is_empty());
    }
}
