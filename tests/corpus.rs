//! A slice of the generated corpus (bench/corpus): units that are not the bundled examples. Each
//! must get an answer within its time limit — a rota that passes the independent checker and
//! meets every need, or a diagnosis — and every missed target must be explained. The whole
//! corpus is benchmarked by bench/corpus/run.sh; this slice keeps regressions visible in CI.

use heltid::i18n::Language;
use heltid::io::load_scenario;
use heltid::model::{Scenario, SolveMode};
use heltid::rules::{Severity, check_rota};
use heltid::solve::{SolveControl, SolveOptions, SolveReport, solve};
use std::path::Path;

/// Varied on purpose: 4–12 weeks, every 2nd/3rd/4th weekend, long and mid shifts, 15–60 staff,
/// a cycle that is not a multiple of the weekend frequency, floors from 0 to 60 %.
const SLICE: [&str; 8] = [
    "unit_001", "unit_002", "unit_003", "unit_007", "unit_011", "unit_012", "unit_013", "unit_015",
];

fn unit(name: &str) -> Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("bench/corpus/units")
        .join(format!("{name}.ron"));
    load_scenario(&path).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn solve_unit(scenario: &Scenario, mode: SolveMode) -> SolveReport {
    let options = SolveOptions {
        mode,
        time_limit_seconds: 20.0,
        // The quality phase has its own test; here it only has to keep the rota valid.
        quality_seconds: 2.0,
    };
    solve(scenario, &options, &SolveControl::default())
}

fn assert_answered(name: &str, scenario: &Scenario, report: &SolveReport) {
    assert!(
        report.status.has_proposal(),
        "{name}: {:?} {:?}",
        report.status,
        report.diagnosis
    );
    let mut solved = scenario.clone();
    report.apply_to(&mut solved);
    let breaches: Vec<_> = check_rota(&solved, &report.rota())
        .into_iter()
        .filter(|v| v.severity == Severity::Breach)
        .collect();
    assert!(breaches.is_empty(), "{name}: {breaches:#?}");
    let days = solved.rota.weeks as usize * 7;
    for (code, need) in &solved.needs {
        for day in 0..days {
            let planned = report
                .lines
                .iter()
                .filter(|l| l.cells[day] == *code)
                .count() as i64;
            let needed = need[day % 7];
            if solved.rules.coverage_exact {
                assert_eq!(planned, needed, "{name}: {code} on day {day}");
            } else {
                assert!(planned >= needed, "{name}: {code} on day {day}");
            }
        }
    }
    // Every missed target says why, in both languages.
    for target in report.targets.iter().filter(|t| !t.met()) {
        let arithmetic = report.arithmetic();
        for language in [Language::Bokmal, Language::English] {
            assert!(target.explain(&arithmetic, language).is_some(), "{name}");
        }
    }
}

macro_rules! ideal_unit_tests {
    ($($test:ident => $index:expr),* $(,)?) => {$(
        #[test]
        fn $test() {
            let name = SLICE[$index];
            let scenario = unit(name);
            let report = solve_unit(&scenario, SolveMode::Ideal);
            assert_answered(name, &scenario, &report);
            // Never fewer heads than what was proven necessary.
            let heads = report.lines.len() as u32;
            assert!(heads >= report.bounds.heads_needed.min(report.proven_lower_bound_heads));
        }
    )*};
}

ideal_unit_tests! {
    ideal_unit_001 => 0,
    ideal_unit_002 => 1,
    ideal_unit_003 => 2,
    ideal_unit_007 => 3,
    ideal_unit_011 => 4,
    ideal_unit_012 => 5,
    ideal_unit_013 => 6,
    ideal_unit_015 => 7,
}

/// Today mode on units where HiGHS alone found no first rota in a minute (everyone keeping
/// today's position made its root search stall): the repair from a rota without the positions
/// must give one, with everyone at or above today's position.
macro_rules! today_unit_tests {
    ($($test:ident => $name:expr),* $(,)?) => {$(
        #[test]
        fn $test() {
            let scenario = unit($name);
            let report = solve_unit(&scenario, SolveMode::Today);
            assert_answered($name, &scenario, &report);
            for employee in &scenario.staff {
                let line = report
                    .lines
                    .iter()
                    .find(|l| l.employee.as_deref() == Some(employee.name.trim()))
                    .unwrap_or_else(|| panic!("{}: no line for {}", $name, employee.name));
                let kept = employee.position_pct.min(100.0 - scenario.rules.full_time_tolerance_pct);
                // Where the maximum is today's position, whole shifts may fall short of it by
                // less than one shift.
                let full_time_hours = line.hours_per_week / line.position_pct * 100.0;
                let longest = scenario.shifts.iter().map(|s| s.hours()).fold(0.0, f64::max);
                let one_shift_pct =
                    longest / (full_time_hours * f64::from(scenario.rota.weeks)) * 100.0;
                let slack = if employee.max_pct <= employee.position_pct + 1e-6 {
                    one_shift_pct
                } else {
                    0.05
                };
                assert!(
                    line.position_pct + slack >= kept,
                    "{}: {} has {:.1} % of {:.1} %",
                    $name,
                    employee.name,
                    line.position_pct,
                    employee.position_pct
                );
            }
        }
    )*};
}

today_unit_tests! {
    today_unit_015 => "unit_015",
}

/// Full time of 37.5 h is day work (HTA § 4.2.1): no line may be a 2-shift line, mix nights with
/// other shifts or work Sundays in a third of the weeks (AML § 10-4 (4)). Unit 074 (8 weeks, every
/// 4th weekend, D/A/N) has 20-head rotas of day, evening and night lines; before the rule was in
/// the model its mixed day/evening lines failed the check and the unit had no answer.
#[test]
fn a_day_work_unit_gets_day_evening_and_night_lines_in_every_mode() {
    let name = "unit_074";
    let scenario = unit(name);
    let kind = |code: &str| {
        scenario
            .shifts
            .iter()
            .find(|s| s.code.trim() == code)
            .map(|s| heltid::calc::rhythm(s.kind))
    };
    for mode in [SolveMode::Ideal, SolveMode::Rotating, SolveMode::Today] {
        let report = solve_unit(&scenario, mode);
        assert_answered(name, &scenario, &report);
        for line in &report.lines {
            let mut kinds: Vec<u8> = line.cells.iter().filter_map(|c| kind(c)).collect();
            kinds.sort_unstable();
            kinds.dedup();
            assert!(kinds.len() <= 1, "{name} {mode:?}: {:?}", line.cells);
        }
    }
}

/// The minimum position is a target for vacancies too. Unit 021 needs 36 heads (8 weeks at every
/// 3rd weekend: 2 weekends per line) and its 31 staff already cover the need, so the 5 vacancies
/// the weekends need get only what the weekends need (over-staffing as small as possible), under
/// the 60 % minimum, and the report says why.
#[test]
fn vacancies_the_weekends_need_may_stay_under_the_minimum_and_the_report_says_why() {
    let scenario = unit("unit_021");
    let report = solve_unit(&scenario, SolveMode::Today);
    assert_answered("unit_021", &scenario, &report);
    let missed = report.missed_targets(Language::Bokmal);
    assert!(
        missed
            .iter()
            .any(|m| m.starts_with("Ledige stillinger minst 60 %")
                && m.contains("Behovet krever minst 36 hoder, og enheten har 31 ansatte")),
        "{missed:#?}"
    );
    let english = report.missed_targets(Language::English);
    assert!(
        english
            .iter()
            .any(|m| m.contains("the 5 vacancies the weekends need")),
        "{english:#?}"
    );
}

/// Unit 020 needs a registered nurse on every shift, and its five nurses cannot carry that while
/// everyone keeps today's position (a rota exists without the need). The diagnosis names the
/// qualification needs, not "the lines" in general.
#[test]
fn qualification_needs_that_block_the_lines_are_named() {
    let scenario = unit("unit_020");
    let report = solve_unit(&scenario, SolveMode::Today);
    assert_eq!(report.status, heltid::solve::SolveStatus::Infeasible);
    let text: Vec<String> = report
        .diagnosis
        .iter()
        .map(|d| d.text(Language::Bokmal))
        .collect();
    assert!(
        text.iter()
            .any(|t| t.starts_with("Kompetansekravene (minst 1 sykepleier på D, A og N)")),
        "{text:#?}"
    );
}

/// Today mode proves its rota optimal when it reaches the bound of the counts (the rota counted
/// per person, shift and weekday, each level of the objective in turn): on unit 011 (37 staff,
/// wishes the hours cannot all meet, vacancies) the counts' hours per line are reached by a
/// rota, where the day-by-day search alone proved it only after 19 s.
#[test]
fn today_mode_proves_its_rota_optimal_against_the_counted_bound() {
    let scenario = unit("unit_011");
    let report = solve_unit(&scenario, SolveMode::Today);
    assert_answered("unit_011", &scenario, &report);
    assert_eq!(
        report.status,
        heltid::solve::SolveStatus::Optimal,
        "{:?}",
        report.diagnosis
    );
}

/// Where today's positions exceed the need it is met at least (the rest is buffer), and with
/// nights apart a night line's hours are whole nights: which lines work nights decides the
/// over-staffing. Unit 001 (36 staff on 107 % of the need) reaches
/// the counts' least over-staffing only with the counts' night lines; from a rota with other
/// night lines the repair stayed 15–23 h above it. Planned afresh on the counts' sides, the
/// rota reaches it and is proven.
#[test]
fn today_mode_reaches_the_least_overstaffing_with_the_counts_night_lines() {
    let scenario = unit("unit_001");
    let report = solve_unit(&scenario, SolveMode::Today);
    assert_answered("unit_001", &scenario, &report);
    assert_eq!(
        report.status,
        heltid::solve::SolveStatus::Optimal,
        "{:?}",
        report.targets
    );
}

/// Where a today-mode rota is not proven, the report states the first level of the objective
/// with the counts' bound under it; the bound is never above what the rota has.
#[test]
fn today_mode_states_the_counted_bound_under_its_rota() {
    let scenario = unit("unit_017");
    let report = solve_unit(&scenario, SolveMode::Today);
    assert_answered("unit_017", &scenario, &report);
    let mut stated = false;
    for target in &report.targets {
        if let heltid::solve::Target::TodayBound { got, at_least, .. } = target.target {
            assert!(got >= at_least - 1e-6, "{target:?}");
            stated = true;
        }
    }
    // A proven rota is at the bound; any other states it.
    assert!(
        stated || report.status == heltid::solve::SolveStatus::Optimal,
        "{:?}",
        report.targets
    );
}

/// Unit 004 (8 weeks, every 3rd weekend, 30 staff with many weekend-heavy small positions): no
/// rota lets everyone keep today's position. Counting shifts per person, shift and weekday
/// proves it at once (the day-by-day search ran out of time, even at 60 s), and the weekend
/// rule is named as the one that, left out, lets the count add up.
#[test]
fn today_mode_proves_a_unit_impossible_by_counting_and_names_the_weekend_rule() {
    let scenario = unit("unit_004");
    let report = solve_unit(&scenario, SolveMode::Today);
    assert_eq!(report.status, heltid::solve::SolveStatus::Infeasible);
    assert!(
        report.solve_seconds < 10.0,
        "took {} s",
        report.solve_seconds
    );
    let text = report
        .diagnosis
        .iter()
        .map(|d| d.text(Language::Bokmal))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains("beholde minst dagens stilling"), "{text}");
    assert!(text.contains("«Helgefrekvens»"), "{text}");
    assert!(text.contains("går tellingen opp"), "{text}");
}
