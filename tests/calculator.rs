//! The worked examples E1–E6 of DOMAIN.md § 4, as the calculator must reproduce them.

use heltid::calc::{self, bounds_for, hta_424_full_time_hours, position_pct, position_stats};
use heltid::model::{FullTimeHours, Rules, Scenario, ShiftKind, ShiftType};

fn close(actual: f64, expected: f64, tolerance: f64) {
    assert!(
        (actual - expected).abs() <= tolerance,
        "expected {expected} ± {tolerance}, got {actual}"
    );
}

fn shift(code: &str, start: &str, end: &str, break_minutes: u32, kind: ShiftKind) -> ShiftType {
    ShiftType {
        code: code.into(),
        name: code.into(),
        start: start.into(),
        end: end.into(),
        break_minutes,
        paid_hours: None,
        kind,
    }
}

/// E2: weekday D 5, A 4; weekend D 4, A 4; all shifts 7.5 h; FT 35.5. E3 adds a 12 h long shift.
fn e2_scenario(weekend_frequency: u32) -> Scenario {
    let mut scenario = Scenario::default();
    scenario.rota.weekend_frequency = weekend_frequency;
    scenario.rota.weeks = 12;
    scenario.rota.full_time = FullTimeHours::Hours(35.5);
    scenario.shifts = vec![
        shift("D", "07:30", "15:00", 0, ShiftKind::Day),
        shift("A", "14:30", "22:00", 0, ShiftKind::Evening),
        shift("L", "08:00", "20:30", 30, ShiftKind::Long),
    ];
    scenario.needs.insert("D".into(), vec![5, 5, 5, 5, 5, 4, 4]);
    scenario.needs.insert("A".into(), vec![4, 4, 4, 4, 4, 4, 4]);
    scenario
}

#[test]
fn e1_weekend_need_of_ten_at_every_third_weekend_needs_thirty_heads() {
    let bounds = bounds_for(30.0 * 35.5, 35.5, 10, 3);
    assert_eq!(bounds.weekend_bound_heads, 30);
    assert_eq!(bounds.heads_needed, 30);
    close(bounds.max_average_position_pct, 100.0, 1e-9);
    assert!(bounds.all_full_time_possible);
    // One head fewer per weekend group is not enough: 29 full-time heads cannot cover 10 per weekend.
    assert!(!bounds_for(29.0 * 35.5, 35.5, 10, 3).all_full_time_possible);
}

#[test]
fn e2_heads_and_highest_average_for_every_second_third_and_fourth_weekend() {
    let scenario = e2_scenario(3);
    close(calc::weekly_need_hours(&scenario), 457.5, 1e-9);
    assert_eq!(calc::weekend_heads(&scenario), 8);
    let bounds = calc::bounds(&scenario);
    close(bounds.fte, 12.887, 0.0005);
    assert_eq!(bounds.hours_bound_heads, 13);
    for (f, heads, average) in [(2, 16, 80.5), (3, 24, 53.7), (4, 32, 40.3)] {
        let bounds = calc::bounds(&e2_scenario(f));
        assert_eq!(bounds.weekend_bound_heads, heads, "f = {f}");
        close(bounds.max_average_position_pct, average, 0.05);
        assert!(!bounds.all_full_time_possible);
    }
}

#[test]
fn e3_long_weekend_shifts_lower_the_weekend_bound() {
    let rows = calc::what_if(&e2_scenario(3));
    let long = |f: u32| {
        rows.iter()
            .find(|r| r.long_weekend_shifts && r.bounds.weekend_frequency == f)
            .expect("row")
    };
    for (f, heads, average) in [(3, 15, 85.9), (4, 20, 64.4)] {
        let row = long(f);
        close(row.bounds.weekly_need_hours, 457.5, 1e-9);
        assert_eq!(row.bounds.weekend_heads, 5);
        assert_eq!(row.bounds.weekend_bound_heads, heads, "f = {f}");
        close(row.bounds.max_average_position_pct, average, 0.05);
    }
    // Without long shifts the same frequencies give the E2 numbers.
    let plain = rows
        .iter()
        .find(|r| !r.long_weekend_shifts && r.bounds.weekend_frequency == 3)
        .expect("row");
    assert_eq!(plain.bounds.weekend_bound_heads, 24);
}

#[test]
fn e4_hours_to_position_at_35_5() {
    close(position_pct(25.0, 35.5), 70.42, 0.005);
    close(position_pct(10.0, 35.5), 28.17, 0.005);
    close(position_pct(22.5, 35.5), 63.38, 0.005);
}

#[test]
fn e5_hta_4_2_4_three_shift_full_time() {
    let rules = Rules::default();
    close(hta_424_full_time_hours(&rules, 0.24, 0.12), 34.72, 0.005);
    // 37.5 / 1.17 = 32.05 h is below the 3-shift floor and is clamped to 33.6 h.
    close(37.5 / (1.0 + 0.6 / 4.0 + 0.12 / 6.0), 32.05, 0.005);
    close(hta_424_full_time_hours(&rules, 0.60, 0.12), 33.6, 1e-9);
}

#[test]
fn e5_three_shift_full_time_is_derived_from_the_needs() {
    let mut scenario = e2_scenario(3);
    scenario
        .shifts
        .push(shift("N", "21:45", "07:45", 0, ShiftKind::Night));
    scenario.needs.insert("N".into(), vec![2; 7]);
    scenario.rota.full_time = FullTimeHours::ThreeShift;
    // Clock hours: D and A 7.5 h, N 10 h; night hours (21–06): A 1 h, N 8.25 h; Sunday hours:
    // Sunday D, A, N until midnight (2.25 h), Saturday N after midnight (7.75 h).
    let total = (5.0 * 5.0 + 8.0) * 7.5 + 4.0 * 7.0 * 7.5 + 14.0 * 10.0;
    let night = 28.0 * 1.0 + 14.0 * 8.25;
    let sunday = 8.0 * 7.5 + 2.0 * 2.25 + 2.0 * 7.75;
    let expected: f64 = 37.5 / (1.0 + night / total / 4.0 + sunday / total / 6.0);
    close(
        calc::full_time_hours(&scenario),
        expected.clamp(33.6, 35.5),
        1e-9,
    );
}

#[test]
fn e6_same_mean_different_distribution() {
    let before = position_stats(
        &[80.0, 80.0, 80.0, 80.0, 80.0, 40.0, 40.0, 40.0, 40.0, 40.0],
        100.0,
    );
    let after = position_stats(
        &[
            100.0, 100.0, 100.0, 100.0, 100.0, 20.0, 20.0, 20.0, 20.0, 20.0,
        ],
        100.0,
    );
    close(before.average_pct, 60.0, 1e-9);
    close(after.average_pct, 60.0, 1e-9);
    close(before.full_time_share_pct, 0.0, 1e-9);
    close(after.full_time_share_pct, 50.0, 1e-9);
    close(before.under_50_share_pct, 50.0, 1e-9);
    close(after.under_50_share_pct, 50.0, 1e-9);
    assert_eq!(before.histogram[8], 5);
    assert_eq!(before.histogram[4], 5);
    assert_eq!(after.histogram[10], 5);
    assert_eq!(after.histogram[2], 5);
    assert_ne!(before.histogram, after.histogram);
    close(before.median_pct, 60.0, 1e-9);
}

/// A cycle that is not a multiple of f: each line repeats its cycle, so in 8 weeks at every 3rd
/// weekend it works at most 2 weekends, and 10 per weekend over 8 weekends takes 40 heads, not 30.
#[test]
fn an_uneven_cycle_raises_the_weekend_bound_and_says_why() {
    let bounds = heltid::calc::bounds_in_cycle(30.0 * 35.5, 35.5, 10, 3, 8);
    assert_eq!(bounds.weekend_bound_heads, 40);
    assert_eq!(bounds.heads_needed, 40);
    assert_eq!(bounds.uneven_cycle_weeks, Some(8));
    close(bounds.max_average_position_pct, 75.0, 1e-9);
    assert_eq!(
        heltid::i18n::Language::Bokmal.weekend_bound_reason(&bounds),
        "10 per helg × 8 helger ÷ høyst 2 helger per linje: hver 3. helg går ikke opp i 8 uker"
    );
    // In a cycle that fits, f · W as before.
    let fitting = heltid::calc::bounds_in_cycle(30.0 * 35.5, 35.5, 10, 3, 9);
    assert_eq!(fitting.weekend_bound_heads, 30);
    assert_eq!(fitting.uneven_cycle_weeks, None);
    assert_eq!(
        heltid::i18n::Language::English.weekend_bound_reason(&fitting),
        "10 per weekend × every 3rd weekend"
    );
}
