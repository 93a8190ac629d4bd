//! Hours per 7 days: at most 54 hours in any 7 days, and at most 48 hours per 7 days on
//! average over any 8 weeks (both sliding over the cyclic rota).

use super::{Ctx, EPS, RuleInfo, Severity, Violation, ViolationKind};

/// The rule.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: "hours_per_week",
    name_nb: "Arbeidstid per uke",
    name_en: "Hours per week",
    reference: "AML § 10-5 (2)",
};

/// Start days of the windows of `length` days whose hours exceed `limit`: the worst first,
/// then the next worst that does not overlap one already taken, and so on (in day order).
fn worst_windows(sums: &[f64], limit: f64, length: usize) -> Vec<usize> {
    let days = sums.len();
    let mut over: Vec<usize> = (0..days)
        .filter(|&start| sums[start] > limit + EPS)
        .collect();
    over.sort_by(|&a, &b| sums[b].total_cmp(&sums[a]).then(a.cmp(&b)));
    let overlaps =
        |a: usize, b: usize| (a + days - b) % days < length || (b + days - a) % days < length;
    let mut taken: Vec<usize> = Vec::new();
    for start in over {
        if !taken.iter().any(|&other| overlaps(start, other)) {
            taken.push(start);
        }
    }
    taken.sort_unstable();
    taken
}

/// The distinct days of a window of `length` days from `start`, in window order.
fn window_days(start: usize, length: usize, days: usize) -> Vec<usize> {
    (0..length.min(days)).map(|i| (start + i) % days).collect()
}

pub(super) fn check(ctx: &Ctx, out: &mut Vec<Violation>) {
    let rules = ctx.rules;
    let days = ctx.days;
    if days == 0 {
        return;
    }
    for line in ctx.lines.iter().filter(|line| line.works()) {
        let day_hours: Vec<f64> = line
            .cells
            .iter()
            .map(|cell| cell.map_or(0.0, |shift| shift.hours()))
            .collect();
        let window_sum = |start: usize, length: usize| {
            (0..length)
                .map(|i| day_hours[(start + i) % days])
                .sum::<f64>()
        };

        let single: Vec<f64> = (0..days).map(|start| window_sum(start, 7)).collect();
        for start in worst_windows(&single, rules.max_hours_single_week, 7) {
            out.push(Violation {
                rule: INFO.id,
                severity: Severity::Breach,
                line: Some(line.index),
                days: window_days(start, 7, days),
                what: ViolationKind::TooManyHoursIn7Days {
                    from: start,
                    to: (start + 6) % days,
                    hours: single[start],
                    max_hours: rules.max_hours_single_week,
                },
            });
        }

        let weeks = rules.averaging_weeks.max(1) as usize;
        let average: Vec<f64> = (0..days)
            .map(|start| window_sum(start, weeks * 7) / weeks as f64)
            .collect();
        for start in worst_windows(&average, rules.max_average_hours_per_week, weeks * 7) {
            out.push(Violation {
                rule: INFO.id,
                severity: Severity::Breach,
                line: Some(line.index),
                days: window_days(start, weeks * 7, days),
                what: ViolationKind::TooManyAverageHours {
                    weeks,
                    from: start,
                    hours: average[start],
                    max_hours: rules.max_average_hours_per_week,
                },
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{check_rota, test_support::*};

    #[test]
    fn six_long_shifts_in_a_week_hold_when_the_average_is_low() {
        let mut scenario = scenario(2);
        scenario.rules.max_shift_hours = 13.0;
        scenario.rules.max_consecutive_work_days = 7;
        // 4 × 13 h = 52 h in week 1, nothing in week 2: 26 h per week on average.
        let rota = rota(&["L L - L L - - | - - - - - - -"]);
        assert!(places(&check_rota(&scenario, &rota), "hours_per_week").is_empty());
    }

    #[test]
    fn too_many_hours_in_one_week_are_reported_once_at_the_worst_window() {
        let mut scenario = scenario(2);
        scenario.rules.averaging_weeks = 2;
        // 5 × 13 h = 65 h from Wed week 1 to Sun week 1; the average over 2 weeks is 32.5 h.
        let rota = rota(&["- - L L L L L | - - - - - - -"]);
        let violations = check_rota(&scenario, &rota);
        assert_eq!(
            places(&violations, "hours_per_week"),
            vec![(Some(0), (0..7).collect())]
        );
        assert_eq!(
            of(&violations, "hours_per_week")[0].message(),
            "65 h in the 7 days Mon week 1 – Sun week 1; at most 54 h in any 7 days"
        );
    }

    #[test]
    fn a_too_high_average_over_the_averaging_period_is_a_breach() {
        let mut scenario = scenario(1);
        scenario.rules.max_shift_hours = 13.0;
        scenario.rules.max_consecutive_work_days = 7;
        // 4 × 13 h = 52 h every week of a 1-week cycle: each 8-week average is 52 h.
        let rota = rota(&["L - L - L - L"]);
        let violations = check_rota(&scenario, &rota);
        assert_eq!(
            places(&violations, "hours_per_week"),
            vec![(Some(0), (0..7).collect())]
        );
        assert_eq!(
            of(&violations, "hours_per_week")[0].message(),
            "52 h per week on average over the 8 weeks from Mon week 1; at most 48 h"
        );
    }
}
