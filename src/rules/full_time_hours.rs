//! Full-time hours: the weekly hours positions are measured against are not more than the
//! rota's kind allows: 37.5 h for day work, 35.5 h for a rota with Sunday work at least every
//! 3rd week or two shifts, and for a 3-shift rota the HTA § 4.2.4 hours (33.6–35.5 h).

use super::{Ctx, FullTimeBasis, Line, RuleInfo, Severity, Violation, ViolationKind};
use crate::calc;
use crate::model::ShiftKind;

/// The rule.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: "full_time_hours",
    name_nb: "Heltid i turnus",
    name_en: "Full-time hours",
    reference: "AML § 10-4 (4), HTA § 4.2.1–4.2.4",
};

/// Tolerance in hours (the solver's model keeps to the same, see `solve::FullTimeDemand`).
pub(crate) const TOLERANCE_HOURS: f64 = 0.01;

/// Weeks in which the line works on a Sunday (any clock hour of it).
fn sunday_weeks(ctx: &Ctx, line: &Line) -> usize {
    (0..ctx.weeks)
        .filter(|&week| {
            (week * 7..week * 7 + 7).any(|day| {
                line.cells[day].is_some_and(|shift| calc::sunday_hours(shift, day % 7) > 0.0)
            })
        })
        .count()
}

/// The full-time hours the rota's kind allows, and why.
fn legal_full_time(ctx: &Ctx) -> (f64, FullTimeBasis) {
    let rules = ctx.rules;
    let kinds = |line: &Line, wanted: &[ShiftKind]| {
        line.worked().iter().any(|w| wanted.contains(&w.shift.kind))
    };
    let three_shift = ctx.lines.iter().find(|line| {
        kinds(line, &[ShiftKind::Night])
            && kinds(line, &[ShiftKind::Day, ShiftKind::Evening, ShiftKind::Long])
    });
    if let Some(line) = three_shift {
        let (mut total, mut night, mut sunday) = (0.0, 0.0, 0.0);
        for worked in ctx.lines.iter().flat_map(Line::worked) {
            total += worked.shift.duration_hours();
            night += calc::night_hours(worked.shift, rules);
            sunday += calc::sunday_hours(worked.shift, worked.day % 7);
        }
        let (night_share, sunday_share) = if total > 0.0 {
            (night / total, sunday / total)
        } else {
            (0.0, 0.0)
        };
        let legal = calc::hta_424_full_time_hours(rules, night_share, sunday_share);
        let why = FullTimeBasis::ThreeShift {
            line: line.reference(),
            night_pct: night_share * 100.0,
            sunday_pct: sunday_share * 100.0,
        };
        return (legal, why);
    }
    let sundays = ctx.lines.iter().find_map(|line| {
        let count = sunday_weeks(ctx, line);
        (count > 0 && count * 3 >= ctx.weeks).then_some((line, count))
    });
    if let Some((line, count)) = sundays {
        let why = FullTimeBasis::SundayWork {
            line: line.reference(),
            sundays: count,
            weeks: ctx.weeks,
        };
        return (rules.rota_full_time_hours, why);
    }
    let two_shift = ctx.lines.iter().find(|line| {
        kinds(line, &[ShiftKind::Day, ShiftKind::Long]) && kinds(line, &[ShiftKind::Evening])
    });
    if let Some(line) = two_shift {
        let why = FullTimeBasis::TwoShift {
            line: line.reference(),
        };
        return (rules.rota_full_time_hours, why);
    }
    (rules.day_work_full_time_hours, FullTimeBasis::DayWork)
}

pub(super) fn check(ctx: &Ctx, out: &mut Vec<Violation>) {
    let used = calc::full_time_hours(ctx.scenario);
    let (legal, why) = legal_full_time(ctx);
    if used > legal + TOLERANCE_HOURS {
        out.push(Violation {
            rule: INFO.id,
            severity: Severity::Breach,
            line: None,
            days: Vec::new(),
            what: ViolationKind::FullTimeTooHigh {
                used_hours: used,
                legal_hours: legal,
                basis: why,
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::{check_rota, test_support::*};
    use crate::model::FullTimeHours;

    #[test]
    fn separate_day_and_night_lines_at_35_5_hours_hold() {
        let scenario = scenario(3);
        // Sundays every 3rd week on the day line; the night line has no other shifts.
        let rota = rota(&[
            "D D A - - D D | A A - - - - - | D D - - - - -",
            "N N - - - N N | - - - - - - - | - - - - - - -",
        ]);
        assert!(places(&check_rota(&scenario, &rota), "full_time_hours").is_empty());
    }

    #[test]
    fn day_work_at_rota_hours_and_a_3_shift_rota_at_35_5_hours_are_breaches() {
        let mut scenario = scenario(2);
        // Day work, no Sundays: 37.5 h applies, so 35.5 h is fine...
        let day_work = rota(&["D D D D D - - | D D D D D - -"]);
        assert!(places(&check_rota(&scenario, &day_work), "full_time_hours").is_empty());
        // ...but measuring against 38 h is not.
        scenario.rota.full_time = FullTimeHours::Hours(38.0);
        let violations = check_rota(&scenario, &day_work);
        assert_eq!(places(&violations, "full_time_hours"), vec![(None, vec![])]);
        assert_eq!(
            of(&violations, "full_time_hours")[0].message(),
            "positions are measured against 38 h per week, more than the 37.5 h full time of day work: HTA § 4.2.1"
        );

        // A line with nights and days makes a 3-shift rota: 11 N (8.25 night hours each) and 4 D.
        scenario.rota.full_time = FullTimeHours::Hours(35.5);
        let mixed = rota(&[
            "N N - - D D - | N N N - - - - ",
            "- - - N N N N | - - - N N D D",
        ]);
        let violations = check_rota(&scenario, &mixed);
        assert_eq!(places(&violations, "full_time_hours"), vec![(None, vec![])]);
        let message = &of(&violations, "full_time_hours")[0].message();
        assert!(
            message.contains("more than the 33.6 h full time of a 3-shift rota (line 1 (vacancy)"),
            "{message}"
        );
    }
}
