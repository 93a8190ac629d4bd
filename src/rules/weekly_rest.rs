//! Weekly rest: a continuous free period of at least 35 hours in every calendar week of the
//! cycle (28 with a local agreement), around a day on which no shift starts.

use super::{Ctx, DAY, EPS, Line, RuleInfo, Severity, Violation, ViolationKind};

/// The rule.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: "weekly_rest",
    name_nb: "Ukentlig arbeidsfri",
    name_en: "Weekly rest",
    reference: "AML § 10-8 (2)",
};

/// Minutes of the free period around off day `day`: from the end of the latest shift starting
/// before it to the start of the earliest shift starting after it (cyclic).
fn free_period(ctx: &Ctx, line: &Line, day: usize) -> Option<i64> {
    let days = ctx.days;
    let day_start = day as i64 * DAY;
    let back = (1..=days).find(|back| line.cells[(day + days - back) % days].is_some())?;
    let forward = (1..=days).find(|forward| line.cells[(day + forward) % days].is_some())?;
    let previous = line.cells[(day + days - back) % days]?;
    let next = line.cells[(day + forward) % days]?;
    let previous_end =
        day_start - back as i64 * DAY + i64::from(previous.end_minute().unwrap_or(0));
    let next_start = day_start + forward as i64 * DAY + i64::from(next.start_minute().unwrap_or(0));
    Some(next_start - previous_end)
}

pub(super) fn check(ctx: &Ctx, out: &mut Vec<Violation>) {
    let rules = ctx.rules;
    for line in ctx.lines.iter().filter(|line| line.works()) {
        for week in 0..ctx.weeks {
            let week_days: Vec<usize> = (week * 7..week * 7 + 7).collect();
            let off_days: Vec<usize> = week_days
                .iter()
                .copied()
                .filter(|&d| line.cells[d].is_none())
                .collect();
            let best = off_days
                .iter()
                .filter_map(|&day| free_period(ctx, line, day))
                .max()
                .map_or(0.0, |minutes| minutes as f64 / 60.0);
            if best + EPS >= rules.min_weekly_rest_hours {
                continue;
            }
            let severity = if best + EPS >= rules.min_weekly_rest_agreed_hours {
                Severity::Agreement
            } else {
                Severity::Breach
            };
            out.push(Violation {
                rule: INFO.id,
                severity,
                line: Some(line.index),
                days: week_days,
                what: ViolationKind::ShortWeeklyRest {
                    week,
                    longest_hours: best,
                    no_day_off: off_days.is_empty(),
                    min_hours: rules.min_weekly_rest_hours,
                    agreed_hours: rules.min_weekly_rest_agreed_hours,
                },
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Severity, check_rota, test_support::*};

    #[test]
    fn a_day_off_between_day_shifts_gives_enough_rest_and_empty_lines_are_skipped() {
        let scenario = scenario(2);
        // D ends 15:00, D starts 07:30 two days later: 40.5 h. A, off, A is 40.5 h too.
        let rota = rota(&[
            "D D D - D D D | A A A - A A A",
            "- - - - - - - | - - - - - - -",
            // A night ending 07:45 on the off day, then a night: 38 h.
            "N N - N N - - | N - N N - N N",
        ]);
        assert!(places(&check_rota(&scenario, &rota), "weekly_rest").is_empty());
    }

    #[test]
    fn evening_off_day_then_day_needs_an_agreement() {
        let scenario = scenario(2);
        // Week 2: A on Wed ends 22:00, D on Fri starts 07:30: 33.5 h.
        let rota = rota(&["D D D - - D D | D D A - D D D"]);
        let violations = check_rota(&scenario, &rota);
        assert_eq!(
            places(&violations, "weekly_rest"),
            vec![(Some(0), (7..14).collect())]
        );
        let found = of(&violations, "weekly_rest");
        assert_eq!(found[0].severity, Severity::Agreement);
        assert_eq!(
            found[0].message(),
            "longest continuous rest in week 2 is 33.5 h; at least 35 h (28 h with a local agreement)"
        );
    }

    #[test]
    fn a_night_then_an_early_day_is_a_breach_and_so_is_a_week_without_a_day_off() {
        let scenario = scenario(2);
        // Week 1: N on Wed ends Thu 07:45, D on Fri 07:30: 23.75 h. Week 2: no day off.
        // The free period of Sun week 1 runs into week 2 but belongs to week 1's day off.
        let no_day_off = rota(&["D D N - D - - | D D D D D D D"]);
        let violations = check_rota(&scenario, &no_day_off);
        let found = of(&violations, "weekly_rest");
        assert_eq!(
            places(&violations, "weekly_rest"),
            vec![(Some(0), (7..14).collect())]
        );
        assert!(
            found[0].message().contains("week 2 is 0 h (no day off)"),
            "{}",
            found[0].message()
        );
        assert_eq!(found[0].severity, Severity::Breach);

        let night_then_day = rota(&["D D N - D D D | D D D - D D D"]);
        let violations = check_rota(&scenario, &night_then_day);
        assert_eq!(
            places(&violations, "weekly_rest"),
            vec![(Some(0), (0..7).collect())]
        );
        assert!(
            of(&violations, "weekly_rest")[0]
                .message()
                .contains("week 1 is 23.75 h")
        );
    }
}
