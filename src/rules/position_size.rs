//! Position size: a line is no larger than its person's maximum (100 % for a vacancy).

use super::{Ctx, RuleInfo, Severity, Violation, ViolationKind};
use crate::calc;

/// The rule.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: "position_size",
    name_nb: "Stillingsstørrelse",
    name_en: "Position size",
    reference: "Arbeidsavtale / HTA § 2.3",
};

/// Tolerance in percentage points.
const TOLERANCE_PCT: f64 = 0.01;

pub(super) fn check(ctx: &Ctx, out: &mut Vec<Violation>) {
    let full_time = calc::full_time_hours(ctx.scenario);
    if full_time <= 0.0 || ctx.weeks == 0 {
        return;
    }
    for line in ctx.lines.iter().filter(|line| line.works()) {
        let total: f64 = line.worked().iter().map(|w| w.shift.hours()).sum();
        let weekly = total / ctx.weeks as f64;
        let pct = weekly / full_time * 100.0;
        let max = line.employee.map_or(100.0, |employee| employee.max_pct);
        if pct > max + TOLERANCE_PCT {
            out.push(Violation {
                rule: INFO.id,
                severity: Severity::Breach,
                line: Some(line.index),
                days: Vec::new(),
                what: ViolationKind::PositionTooLarge {
                    pct,
                    weekly_hours: weekly,
                    full_time_hours: full_time,
                    max_pct: max,
                    employee: line
                        .employee
                        .map(|employee| employee.name.trim().to_string()),
                },
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{check_rota, test_support::*};
    use crate::model::Employee;

    fn scenario_with_anne() -> crate::model::Scenario {
        let mut scenario = scenario(1);
        scenario.staff.push(Employee {
            name: "Anne".into(),
            position_pct: 50.0,
            max_pct: 60.0,
            ..Employee::default()
        });
        scenario
    }

    #[test]
    fn a_line_within_the_maximum_holds() {
        let scenario = scenario_with_anne();
        // 2 × 7.5 h = 15 h at 35.5 h: 42.25 %; the vacancy 4 × 7.5 h = 30 h: 84.51 %.
        let mut rota = rota(&["D D - - - - -", "D D D D - - -"]);
        rota.lines[0].employee = Some("Anne".into());
        assert!(places(&check_rota(&scenario, &rota), "position_size").is_empty());
    }

    #[test]
    fn a_line_above_the_person_s_maximum_or_above_full_time_is_a_breach() {
        let scenario = scenario_with_anne();
        // 3 × 7.5 = 22.5 h: 63.38 % > 60 %. The vacancy: 5 × 7.5 = 37.5 h: 105.63 %.
        let mut rota = rota(&["D D D - - - -", "D D D D D - -"]);
        rota.lines[0].employee = Some("Anne".into());
        let violations = check_rota(&scenario, &rota);
        assert_eq!(
            places(&violations, "position_size"),
            vec![(Some(0), vec![]), (Some(1), vec![])]
        );
        let found = of(&violations, "position_size");
        assert_eq!(
            found[0].message(),
            "position 63.38 % (22.5 h per week at 35.5 h full time); at most 60 % (Anne's maximum)"
        );
        assert!(
            found[1].message().starts_with("position 105.63 %"),
            "{}",
            found[1].message()
        );
    }
}
