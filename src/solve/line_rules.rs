//! The rules the model puts on one line, checked on a line of shift indices without HiGHS: a
//! local search ([`super::swaps`]) keeps a move only when both lines still meet them. Each
//! check mirrors one constraint family of `model::build`, with its legal reference.

use super::Instance;
use super::model::{Holder, LineSpec, Locked, ShiftFamily};
use super::neighbourhood::line_hours;
use crate::model::{FRIDAY, SATURDAY, SUNDAY, ShiftKind};
use crate::solve::instance::FullTimeDemand;

/// Whether `line` meets every rule the model (`model::build`, no family relaxed) puts on one
/// line with `spec`: its shifts, locks, daily and weekly rest, consecutive days, hours in 7
/// days, the full-time kind, weekends and the position size. Rules across lines (coverage,
/// qualified coverage, the 3-shift shares) are the caller's.
pub(super) fn line_allowed(instance: &Instance, spec: &LineSpec, line: &[Option<usize>]) -> bool {
    let used = spec.holder != Holder::Vacancy || line.iter().any(Option::is_some);
    if !used {
        return true;
    }
    shifts_allowed(instance, spec, line)
        && locks_kept(spec, line)
        && daily_rest(instance, line)
        && weekly_rest(instance, line)
        && consecutive_days(instance, line)
        && hours_in_seven_days(instance, line)
        && full_time_kind(instance, line)
        && weekend_frequency(instance, spec, line)
        && (!instance.whole_weekends || whole_weekends(instance, line))
        && (!instance.sunday_off_after_sunday_work
            || instance.weekend_frequency >= 2
            || sunday_off_after_sunday(instance, line))
        && position_size(instance, spec, line)
}

/// The line's family (night line or day line) and, with fixed weekend groups, its weekends.
fn shifts_allowed(instance: &Instance, spec: &LineSpec, line: &[Option<usize>]) -> bool {
    let night = |s: usize| instance.shifts[s].night;
    let family_holds = match spec.family {
        ShiftFamily::NightsOnly => line.iter().flatten().all(|&s| night(s)),
        ShiftFamily::NoNights => line.iter().flatten().all(|&s| !night(s)),
        ShiftFamily::NightsOrDays if instance.separate_night_lines() => {
            let nights = line.iter().flatten().filter(|&&s| night(s)).count();
            nights == 0 || nights == line.iter().flatten().count()
        }
        ShiftFamily::Any | ShiftFamily::NightsOrDays => true,
    };
    let group_holds = spec.weekend_group.is_none_or(|group| {
        line.iter().enumerate().all(|(d, cell)| {
            cell.is_none_or(|s| {
                !instance.weekend_work[s][d % 7] || (d / 7) % instance.weekend_frequency == group
            })
        })
    });
    family_holds && group_holds
}

/// Locked days stay as the planner locked them.
fn locks_kept(spec: &LineSpec, line: &[Option<usize>]) -> bool {
    spec.locked.iter().all(|&(day, lock)| match lock {
        Locked::Off => line.get(day).is_some_and(Option::is_none),
        Locked::Shift(s) => line.get(day) == Some(&Some(s)),
        Locked::Unplannable => false,
    })
}

/// AML § 10-8 (1): no shift follows one it leaves too little rest after, one or two days later.
fn daily_rest(instance: &Instance, line: &[Option<usize>]) -> bool {
    let days = instance.days;
    (0..days).all(|d| {
        line[d].is_none_or(|s| {
            line[(d + 1) % days].is_none_or(|t| !instance.forbidden_next[s].contains(&t))
                && line[(d + 2) % days]
                    .is_none_or(|t| !instance.forbidden_two_days_later[s].contains(&t))
        })
    })
}

/// AML § 10-8 (2): every week has a day off whose free period is long enough.
fn weekly_rest(instance: &Instance, line: &[Option<usize>]) -> bool {
    let days = instance.days;
    let rest_day = |d: usize| {
        line[d].is_none()
            && !matches!(
                (line[(d + days - 1) % days], line[(d + 1) % days]),
                (Some(s), Some(t)) if instance.short_single_day_rest[s].contains(&t)
            )
    };
    (0..instance.weeks).all(|week| (week * 7..week * 7 + 7).any(rest_day))
}

/// Unit policy: at most N consecutive work days, around the cycle.
fn consecutive_days(instance: &Instance, line: &[Option<usize>]) -> bool {
    let (days, limit) = (instance.days, instance.max_consecutive_work_days);
    limit >= days
        || (0..days).all(|start| {
            (start..=start + limit)
                .filter(|&d| line[d % days].is_some())
                .count()
                <= limit
        })
}

/// AML § 10-5 (2): at most the single-week maximum in every 7 consecutive days.
fn hours_in_seven_days(instance: &Instance, line: &[Option<usize>]) -> bool {
    let days = instance.days;
    (0..days).all(|start| {
        let hours: f64 = (start..start + 7)
            .filter_map(|d| line[d % days])
            .map(|s| instance.shifts[s].hours)
            .sum();
        hours <= instance.max_hours_single_week + 1e-6
    })
}

/// AML § 10-4 (4), HTA § 4.2.2: day work has no line with both day and evening shifts, and
/// Sundays in fewer than a third of the weeks.
fn full_time_kind(instance: &Instance, line: &[Option<usize>]) -> bool {
    if instance.full_time_demand != FullTimeDemand::DayWork {
        return true;
    }
    let kind = |wanted: &dyn Fn(ShiftKind) -> bool| {
        line.iter()
            .flatten()
            .any(|&s| wanted(instance.shifts[s].kind))
    };
    let mixed = kind(&|k| k == ShiftKind::Evening)
        && kind(&|k| matches!(k, ShiftKind::Day | ShiftKind::Long));
    let sunday_weeks = (0..instance.weeks)
        .filter(|week| {
            (week * 7..week * 7 + 7)
                .any(|d| line[d].is_some_and(|s| instance.shifts[s].sunday_hours[d % 7] > 0.0))
        })
        .count();
    !mixed && sunday_weeks <= (instance.weeks - 1) / 3
}

/// Whether the line works weekend `week` (Saturday, Sunday or a counted Friday night).
fn works_weekend(instance: &Instance, line: &[Option<usize>], week: usize) -> bool {
    [FRIDAY, SATURDAY, SUNDAY]
        .iter()
        .any(|&weekday| line[week * 7 + weekday].is_some_and(|s| instance.weekend_work[s][weekday]))
}

/// Every f-th weekend at most: one group of weekends, or (the cycle not a multiple of f) at
/// most one worked weekend in every f in a row. Fixed groups are [`shifts_allowed`]'s.
fn weekend_frequency(instance: &Instance, spec: &LineSpec, line: &[Option<usize>]) -> bool {
    let (f, weeks) = (instance.weekend_frequency, instance.weeks);
    if f <= 1 || spec.weekend_group.is_some() {
        return true;
    }
    let worked: Vec<bool> = (0..weeks)
        .map(|week| works_weekend(instance, line, week))
        .collect();
    if weeks.is_multiple_of(f) {
        let mut groups = (0..weeks).filter(|&w| worked[w]).map(|w| w % f);
        let first = groups.next();
        groups.all(|group| Some(group) == first)
    } else {
        (0..weeks).all(|start| (start..start + f).filter(|w| worked[w % weeks]).count() <= 1)
    }
}

/// A weekend is worked on both Saturday and Sunday or on neither.
fn whole_weekends(instance: &Instance, line: &[Option<usize>]) -> bool {
    (0..instance.weeks)
        .all(|week| line[week * 7 + SATURDAY].is_some() == line[week * 7 + SUNDAY].is_some())
}

/// AML § 10-8 (4): no Sunday work two weeks in a row, around the cycle.
fn sunday_off_after_sunday(instance: &Instance, line: &[Option<usize>]) -> bool {
    let weeks = instance.weeks;
    let sunday = |week: usize| {
        [SATURDAY, SUNDAY].iter().any(|&weekday| {
            line[week * 7 + weekday].is_some_and(|s| instance.sunday_work[s][weekday])
        })
    };
    (0..weeks).all(|week| !(sunday(week) && sunday((week + 1) % weeks)))
}

/// Within the line's minimum and maximum hours.
fn position_size(instance: &Instance, spec: &LineSpec, line: &[Option<usize>]) -> bool {
    let hours = line_hours(instance, line);
    hours <= spec.max_hours + 1e-6 && (spec.min_hours <= 0.0 || hours >= spec.min_hours - 1e-6)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io;
    use crate::solve::model::{Goal, build};
    use crate::solve::neighbourhood::cells_from_values;
    use crate::solve::run::{SolveControl, run_model};
    use std::time::Instant;

    fn example() -> (crate::model::Scenario, Instance) {
        example_named("solsiden.ron")
    }

    fn example_named(name: &str) -> (crate::model::Scenario, Instance) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(name);
        let scenario = io::load_scenario(&path).unwrap();
        let instance = Instance::new(&scenario);
        (scenario, instance)
    }

    fn spec(instance: &Instance) -> LineSpec {
        LineSpec::ideal(ShiftFamily::Any, instance.full_time_cycle_hours())
    }

    fn code(instance: &Instance, code: &str) -> usize {
        instance.shifts.iter().position(|s| s.code == code).unwrap()
    }

    #[test]
    fn an_evening_then_a_day_shift_breaks_the_daily_rest() {
        let (_, instance) = example();
        let spec = spec(&instance);
        let mut line = vec![None; instance.days];
        line[0] = Some(code(&instance, "A"));
        assert!(line_allowed(&instance, &spec, &line));
        line[1] = Some(code(&instance, "D"));
        assert!(!line_allowed(&instance, &spec, &line));
        line[1] = Some(code(&instance, "A"));
        assert!(line_allowed(&instance, &spec, &line));
    }

    #[test]
    fn a_week_without_a_day_off_breaks_the_weekly_rest_and_a_saturday_alone_a_weekend() {
        let (_, instance) = example();
        let spec = spec(&instance);
        let day = code(&instance, "D");
        let mut line = vec![None; instance.days];
        for cell in line.iter_mut().take(7) {
            *cell = Some(day);
        }
        assert!(!line_allowed(&instance, &spec, &line));
        let mut line = vec![None; instance.days];
        line[SATURDAY] = Some(day);
        assert_eq!(
            line_allowed(&instance, &spec, &line),
            !instance.whole_weekends
        );
        line[SUNDAY] = Some(day);
        assert!(line_allowed(&instance, &spec, &line));
        // Every f-th weekend: the next weekend is too soon.
        line[7 + SATURDAY] = Some(day);
        line[7 + SUNDAY] = Some(day);
        assert!(!line_allowed(&instance, &spec, &line));
    }

    #[test]
    fn every_line_highs_finds_is_allowed() {
        let (_, instance) = example();
        let lines: Vec<LineSpec> = (0..34)
            .map(|_| LineSpec {
                holder: Holder::Vacancy,
                family: ShiftFamily::NightsOrDays,
                ..spec(&instance)
            })
            .collect();
        let built = build(&instance, &lines, Goal::AnyRota, &[]);
        let x = built.x.clone();
        let control = SolveControl::default();
        let result = run_model(built, 20.0, None, None, &control, Instant::now());
        let cells = cells_from_values(&x, &result.values, instance.days);
        assert!(cells.iter().any(|line| line.iter().any(Option::is_some)));
        for (spec, line) in lines.iter().zip(&cells) {
            assert!(line_allowed(&instance, spec, line));
        }
    }

    /// The safety of every local move: a line these checks allow passes the independent
    /// checker's rules for one line. Lines of a solved rota are changed one or two cells at a
    /// time at random; every change they allow is checked.
    #[test]
    fn a_line_allowed_here_passes_the_checker() {
        use crate::model::{Rota, RotaLine, SolveMode};
        use crate::solve::neighbourhood::Random;
        // Rules of the rota as a whole, not of one line.
        let rota_wide = [
            "coverage",
            "qualified_coverage",
            "position_size",
            "full_time_hours",
        ];
        for name in ["solsiden.ron", "solsiden_langvakt.ron", "fjellro.ron"] {
            let (scenario, instance) = example_named(name);
            let options = crate::solve::SolveOptions {
                mode: SolveMode::Ideal,
                time_limit_seconds: 20.0,
                quality_seconds: 0.0,
            };
            let report = crate::solve::solve(&scenario, &options, &SolveControl::default());
            assert!(report.status.has_proposal(), "{name}");
            let code = |c: &str| instance.shifts.iter().position(|s| s.code == c);
            let spec = LineSpec {
                family: ShiftFamily::NightsOrDays,
                ..spec(&instance)
            };
            let mut random = Random(0x1234_5678_9abc_def1);
            let mut checked = 0;
            for line in report.lines.iter().take(8) {
                let base: Vec<Option<usize>> = line.cells.iter().map(|c| code(c)).collect();
                assert!(
                    line_allowed(&instance, &spec, &base),
                    "{name}: {:?}",
                    line.cells
                );
                for _ in 0..400 {
                    let mut changed = base.clone();
                    for _ in 0..1 + random.below(2) {
                        let day = random.below(instance.days);
                        let pick = random.below(instance.shifts.len() + 1);
                        changed[day] = (pick < instance.shifts.len()).then_some(pick);
                    }
                    if changed == base || !line_allowed(&instance, &spec, &changed) {
                        continue;
                    }
                    checked += 1;
                    let cells: Vec<&str> = changed
                        .iter()
                        .map(|c| c.map_or(crate::model::OFF, |s| instance.shifts[s].code.as_str()))
                        .collect();
                    let rota = Rota {
                        lines: vec![RotaLine::from_cells(None, &cells)],
                    };
                    let breaches: Vec<_> = crate::rules::check_rota(&scenario, &rota)
                        .into_iter()
                        .filter(|v| v.is_breach() && !rota_wide.contains(&v.rule))
                        .collect();
                    assert!(breaches.is_empty(), "{name}: {cells:?} {breaches:?}");
                }
            }
            assert!(
                checked > 100,
                "{name}: only {checked} changed lines allowed"
            );
        }
    }
}
