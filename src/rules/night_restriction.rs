//! Night restriction: a person who works no nights gets no night shift, and a person who works
//! only nights gets nothing else.

use super::{Ctx, RuleInfo, Severity, Violation, ViolationKind};
use crate::model::{NightWork, ShiftKind};

/// The rule.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: "night_restriction",
    name_nb: "Nattarbeid etter avtale",
    name_en: "Night work as agreed",
    reference: "Arbeidsavtale",
};

pub(super) fn check(ctx: &Ctx, out: &mut Vec<Violation>) {
    for line in &ctx.lines {
        let Some(employee) = line.employee else {
            continue;
        };
        let offending_is_night = match employee.nights {
            NightWork::Any => continue,
            NightWork::NoNights => true,
            NightWork::NightsOnly => false,
        };
        let days: Vec<usize> = line
            .worked()
            .iter()
            .filter(|w| (w.shift.kind == ShiftKind::Night) == offending_is_night)
            .map(|w| w.day)
            .collect();
        if days.is_empty() {
            continue;
        }
        out.push(Violation {
            rule: INFO.id,
            severity: Severity::Breach,
            line: Some(line.index),
            what: ViolationKind::NightsAgainstAgreement {
                employee: employee.name.trim().to_string(),
                no_nights: offending_is_night,
                days: days.clone(),
            },
            days,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::{check_rota, test_support::*};
    use crate::model::{Employee, NightWork};

    fn scenario_with_restrictions() -> crate::model::Scenario {
        let mut scenario = scenario(1);
        scenario.staff = vec![
            Employee {
                name: "Elin".into(),
                nights: NightWork::NoNights,
                ..Employee::default()
            },
            Employee {
                name: "Rune".into(),
                nights: NightWork::NightsOnly,
                ..Employee::default()
            },
        ];
        scenario
    }

    fn named(lines: &[&str]) -> crate::model::Rota {
        let mut rota = rota(lines);
        rota.lines[0].employee = Some("Elin".into());
        rota.lines[1].employee = Some("Rune".into());
        rota
    }

    #[test]
    fn restrictions_respected_hold() {
        let scenario = scenario_with_restrictions();
        let rota = named(&["D A - - - - -", "N N - - - - -", "N D - - - - -"]);
        assert!(places(&check_rota(&scenario, &rota), "night_restriction").is_empty());
    }

    #[test]
    fn a_night_for_a_day_person_and_a_day_for_a_night_person_are_found() {
        let scenario = scenario_with_restrictions();
        let rota = named(&["D - N - - - -", "N N - - D - A"]);
        let violations = check_rota(&scenario, &rota);
        assert_eq!(
            places(&violations, "night_restriction"),
            vec![(Some(0), vec![2]), (Some(1), vec![4, 6])]
        );
        assert_eq!(
            of(&violations, "night_restriction")[1].message(),
            "Rune works only nights but has other shifts: Fri week 1, Sun week 1"
        );
    }
}
