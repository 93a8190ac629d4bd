//! Scenario files: every kind of problem is named with its place; valid files round-trip.

use heltid::io::{FileError, load_scenario, parse_scenario, save_scenario, scenario_to_string};
use heltid::model::{RotaLine, Scenario};
use std::path::Path;

const VALID: &str = r#"(
    rota: (weeks: 1, weekend_frequency: 1),
    shifts: [
        (code: "D", start: "07:30", end: "15:00", kind: Day),
        (code: "A", start: "14:30", end: "22:00", kind: Evening),
        (code: "N", start: "21:45", end: "07:45", kind: Night),
    ],
    needs: {"D": [1, 1, 1, 1, 1, 1, 1], "N": [1, 1, 1, 1, 1, 1, 1]},
    staff: [(name: "Kari", position_pct: 50.0)],
)"#;

fn problems(text: &str) -> Vec<String> {
    match parse_scenario(text) {
        Ok(_) => Vec::new(),
        Err(error) => error.messages(),
    }
}

fn assert_problem(text: &str, expected: &str) {
    let found = problems(text);
    assert!(
        found.iter().any(|p| p == expected),
        "expected {expected:?} among {found:#?}"
    );
}

#[test]
fn a_valid_minimal_file_loads_with_defaults() {
    let scenario = parse_scenario(VALID).expect("valid");
    assert_eq!(scenario.format_version, 1);
    assert_eq!(scenario.rules.min_daily_rest_hours, 11.0);
    assert_eq!(scenario.staff[0].max_pct, 100.0);
    assert_eq!(scenario.shifts[2].hours(), 10.0);
}

#[test]
fn a_time_that_is_not_a_time_of_day_is_named_with_its_shift() {
    let text = VALID.replace(r#"end: "07:45""#, r#"end: "25:00""#);
    assert_problem(
        &text,
        r#"shifts[2].end: "25:00" is not a time of day (HH:MM)"#,
    );
    let text = VALID.replace(r#"start: "07:30""#, r#"start: "7.30""#);
    assert_problem(
        &text,
        r#"shifts[0].start: "7.30" is not a time of day (HH:MM, 00:00–23:59)"#,
    );
}

#[test]
fn a_negative_need_is_named_with_shift_and_weekday() {
    let text = VALID.replace(
        r#""N": [1, 1, 1, 1, 1, 1, 1]"#,
        r#""N": [1, 1, 1, 1, 1, 1, -1]"#,
    );
    assert_problem(&text, "needs.N[6]: -1 is negative");
}

#[test]
fn a_need_for_an_undefined_shift_and_a_short_week_are_named() {
    let text = VALID.replace(r#""D": [1, 1, 1, 1, 1, 1, 1]"#, r#""X": [1, 1, 1, 1, 1]"#);
    let found = problems(&text);
    assert!(
        found.contains(
            &r#"needs: shift "X" is not defined; define it under shifts or remove it"#.to_string()
        ),
        "{found:#?}"
    );
    assert!(
        found.contains(&"needs.X: has 5 numbers; give 7, Monday to Sunday".to_string()),
        "{found:#?}"
    );
}

#[test]
fn a_newer_format_version_is_refused_with_both_versions() {
    let text = VALID.replacen('(', "(format_version: 7,", 1);
    assert_problem(
        &text,
        "format_version: 7 is newer than this program understands (1); update Heltidskalkulator",
    );
}

#[test]
fn syntax_errors_and_unknown_fields_name_line_and_column() {
    let found = problems("(\n  rota: (weeks: 6,, ),\n)");
    assert_eq!(found.len(), 1);
    assert!(
        found[0].starts_with("rota (line 2, column 19): expected a field name, found ,"),
        "{found:?}"
    );
    let found = problems("(\n  rota: (weekend_frequncy: 2),\n)");
    assert!(
        found[0].starts_with("rota (line 2, column")
            && found[0].contains(
                "\"weekend_frequncy\" is not a field here; the fields are weeks, weekend_frequency,"
            ),
        "{found:?}"
    );
    let found = problems("(staff: [(name: \"Kari\", qualification: Lege)])");
    assert!(
        found[0].contains("Lege") && found[0].contains("Sykepleier"),
        "{found:?}"
    );
}

#[test]
fn shift_definitions_are_checked() {
    let text = VALID.replace(r#"code: "A""#, r#"code: "D""#);
    assert_problem(
        &text,
        r#"shifts[1].code: "D" is used by an earlier shift; codes must be unique"#,
    );
    let text = VALID.replace(r#"code: "A""#, r#"code: """#);
    assert_problem(
        &text,
        r#"shifts[1].code: is empty; give the shift a short code such as "D""#,
    );
    let text = VALID.replace(r#"code: "A""#, r#"code: "-""#);
    assert!(
        problems(&text)
            .iter()
            .any(|p| p.starts_with("shifts[1].code: \"-\" cannot be a code"))
    );
    let text = VALID.replace(r#"kind: Day"#, r#"kind: Day, break_minutes: 450"#);
    assert_problem(
        &text,
        "shifts[0].break_minutes: 450 minutes is as long as the shift (450 minutes); it must be shorter",
    );
}

#[test]
fn rota_settings_are_checked() {
    let text = VALID.replace(
        "weeks: 1, weekend_frequency: 1",
        "weeks: 0, weekend_frequency: 1",
    );
    assert_problem(
        &text,
        "rota.weeks: 0 weeks is not a cycle length; use 1–52 weeks",
    );
    let text = VALID.replace(
        "weeks: 1, weekend_frequency: 1",
        "weeks: 6, weekend_frequency: 7",
    );
    assert_problem(
        &text,
        "rota.weekend_frequency: every 7. weekend is not possible in a 6-week cycle; use 1–6",
    );
    let text = VALID.replace(
        "weekend_frequency: 1)",
        "weekend_frequency: 1, full_time: Hours(0.0))",
    );
    assert_problem(
        &text,
        "rota.full_time: 0 is outside the valid range 1–48 hours per week",
    );
}

#[test]
fn staff_problems_are_named_per_person() {
    let text = VALID.replace(
        r#"staff: [(name: "Kari", position_pct: 50.0)]"#,
        r#"staff: [(name: "Kari", position_pct: 50.0), (name: "Kari", position_pct: 90.0, max_pct: 80.0), (name: "Ola", position_pct: 40.0, wanted_pct: 30.0)]"#,
    );
    let found = problems(&text);
    for expected in [
        r#"staff[1].name: "Kari" is used by an earlier employee; names must be unique"#,
        "staff[1].position_pct: 90 % is above the person's maximum 80 %",
        "staff[2].wanted_pct: 30 % must lie between today's 40 % and the maximum 100 %",
    ] {
        assert!(
            found.contains(&expected.to_string()),
            "missing {expected:?} in {found:#?}"
        );
    }
}

#[test]
fn qualification_needs_are_checked_against_the_needs() {
    let text = VALID.replace(
        "staff:",
        r#"qualified_needs: [(shift: "D", qualification: Sykepleier, min: [2, 1, 1, 1, 1, 1, 1]), (shift: "Q", qualification: Sykepleier, min: [0, 0, 0, 0, 0, 0, 0])], staff:"#,
    );
    let found = problems(&text);
    assert!(found.contains(&"qualified_needs[0].min[0]: 2 Sykepleier is more than the 1 people needed on D that day".to_string()), "{found:#?}");
    assert!(
        found.contains(&r#"qualified_needs[1].shift: shift "Q" is not defined"#.to_string()),
        "{found:#?}"
    );
}

#[test]
fn rules_out_of_range_are_named() {
    let text = VALID.replace("staff:", "rules: (min_daily_rest_hours: -3.0, max_consecutive_work_days: 0, night_start: \"9pm\"), staff:");
    let found = problems(&text);
    for expected in [
        "rules.min_daily_rest_hours: -3 is outside the valid range 0–24",
        "rules.max_consecutive_work_days: 0 is not a useful limit; use 1–14 days",
        r#"rules.night_start: "9pm" is not a time of day (HH:MM)"#,
    ] {
        assert!(
            found.contains(&expected.to_string()),
            "missing {expected:?} in {found:#?}"
        );
    }
}

#[test]
fn today_rota_lines_are_checked_day_by_day() {
    let text = VALID.replace(
        "staff:",
        r#"today: (lines: [(employee: "Per", days: "D D X - - N N"), (days: "D D")]), staff:"#,
    );
    let found = problems(&text);
    for expected in [
        r#"today.lines[0].days[2]: shift "X" is not defined; use a defined code or "-""#,
        r#"today.lines[0].employee: "Per" is not in staff; add the person or leave the line vacant"#,
        r#"today.lines[1].days: has 2 days; a 1-week cycle has 7 (a shift code or "-" per day)"#,
    ] {
        assert!(
            found.contains(&expected.to_string()),
            "missing {expected:?} in {found:#?}"
        );
    }
}

#[test]
fn every_problem_is_listed_at_once() {
    let text = VALID.replace(r#"end: "07:45""#, r#"end: "25:00""#).replace(
        r#""N": [1, 1, 1, 1, 1, 1, 1]"#,
        r#""N": [1, 1, 1, 1, 1, 1, -1]"#,
    );
    assert_eq!(problems(&text).len(), 2);
}

#[test]
fn a_scenario_round_trips_through_a_file() {
    let mut scenario = parse_scenario(VALID).expect("valid");
    scenario.unit.name = "Avd. Ærfugl – «test»".into();
    scenario.today = Some(heltid::model::Rota {
        lines: vec![RotaLine::from_cells(
            Some("Kari".into()),
            &["D", "-", "N", "-", "-", "D", "D"],
        )],
    });
    let dir = std::env::temp_dir().join(format!("heltid-roundtrip-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("scenario.ron");
    save_scenario(&scenario, &path).expect("saved");
    let loaded = load_scenario(&path).expect("loaded");
    assert_eq!(loaded, scenario);
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name() != "scenario.ron")
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    std::fs::remove_dir_all(&dir).ok();
    assert!(scenario_to_string(&Scenario::default()).contains("format_version: 1"));
}

#[test]
fn a_missing_file_is_an_io_error_naming_the_path() {
    let error = load_scenario(Path::new("/nonexistent/heltid.ron")).expect_err("missing");
    assert!(matches!(error, FileError::Io { .. }));
    assert!(error.to_string().contains("/nonexistent/heltid.ron"));
}

#[test]
fn every_bundled_example_is_valid() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).expect("examples") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "ron") {
            if let Err(error) = load_scenario(&path) {
                panic!("{}: {error}", path.display());
            }
            count += 1;
        }
    }
    assert!(count >= 3);
}

// Issue 12, finding 8: load errors name the field, the value and what is valid, in the
// file's words; no Rust type name or library advice reaches the user.

/// Words that belong to the program, not to the file.
const INTERNAL: [&str; 12] = [
    "VersionProbe",
    "ShiftType",
    "RotaSettings",
    "FullTimeHours",
    "ShiftKind",
    "RotaLine",
    "QualifiedNeed",
    "struct ",
    "ron::",
    "serde",
    "recursion_limit",
    "Options",
];

fn assert_plain(messages: &[String]) {
    for message in messages {
        for word in INTERNAL {
            assert!(!message.contains(word), "{word:?} in {message:?}");
        }
    }
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let text = format!("\u{feff}{VALID}");
    let scenario = parse_scenario(&text).expect("a BOM is not an error");
    assert_eq!(scenario.shifts.len(), 3);
    let dir = std::env::temp_dir().join(format!("heltid-bom-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("windows.ron");
    let example =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/solsiden.ron"))
            .expect("example");
    std::fs::write(&path, [&b"\xef\xbb\xbf"[..], &example].concat()).expect("written");
    let loaded = load_scenario(&path).expect("a Windows-saved file loads");
    assert!(!loaded.shifts.is_empty());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_negative_or_quoted_number_names_its_field_and_value() {
    let text = VALID.replace("weeks: 1,", "weeks: -1,");
    let found = problems(&text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with("rota.weeks (line 2, column ")
            && found[0].ends_with("expected a whole number of 0 or more, found -1"),
        "{found:#?}"
    );
    let text = VALID.replace("weeks: 1,", "weeks: \"6\",");
    let found = problems(&text);
    assert!(
        found[0].starts_with("rota.weeks (line 2, column ")
            && found[0].ends_with("expected a whole number such as 6, found \"6\""),
        "{found:#?}"
    );
    let text = VALID.replace("position_pct: 50.0", "position_pct: \"femti\"");
    let found = problems(&text);
    assert!(
        found[0].starts_with("staff[0].position_pct (line ")
            && found[0].contains("found \"femti\""),
        "{found:#?}"
    );
    assert_plain(&found);
}

#[test]
fn a_file_that_does_not_start_with_a_scenario_names_no_internal_type() {
    for text in [
        "[1, 2]",
        "hello",
        "",
        "(rota: (weeks: 6)",
        "(shifts: [(code: \"D\", start: 7)])",
    ] {
        let found = problems(text);
        assert_eq!(found.len(), 1, "{text}: {found:#?}");
        assert!(found[0].contains("line "), "{found:#?}");
        assert_plain(&found);
    }
    let found = problems("[1, 2]");
    assert!(found[0].contains("expected ( to open"), "{found:#?}");
}

#[test]
fn deep_nesting_is_explained_without_library_advice() {
    // Too deep for RON's limit of 128 while only the version is read; the full read names
    // the unknown field first.
    let text = format!("(x: {}{})", "[".repeat(300), "]".repeat(300));
    let found = problems(&text);
    assert!(found[0].starts_with("line 1, column "), "{found:#?}");
    assert!(found[0].contains("\"x\" is not a field here"), "{found:#?}");
    let text = format!(
        "(today: (lines: [(days: {}\"D\"{})]))",
        "[".repeat(300),
        "]".repeat(300)
    );
    assert_plain(&problems(&text));
}

#[test]
fn invalid_utf8_names_the_line_and_the_byte() {
    let dir = std::env::temp_dir().join(format!("heltid-utf8-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("latin1.ron");
    // "Ærfugl" saved as Latin-1: Æ is the single byte 0xC6.
    std::fs::write(&path, b"(\n  unit: (name: \"Avd. \xc6rfugl\"),\n)").expect("written");
    let found = load_scenario(&path).expect_err("not UTF-8").messages();
    assert_eq!(
        found,
        vec![
            "line 2, column 22: byte 0xC6 (byte 24 of the file) is not UTF-8 text; save the file \
             as UTF-8 (Unicode) and open it again"
                .to_string()
        ]
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn long_values_are_cut_in_messages() {
    let long = "x".repeat(100_000);
    let text = VALID.replace(
        r#"staff: [(name: "Kari", position_pct: 50.0)]"#,
        &format!(r#"staff: [(name: "{long}"), (name: "{long}")]"#),
    );
    let found = problems(&text);
    assert_eq!(found.len(), 1, "{}", found.len());
    assert!(found[0].len() < 200, "{} characters", found[0].len());
    assert!(
        found[0].contains("x…\" is used by an earlier employee"),
        "{}",
        &found[0][..100]
    );
    let text = VALID.replace("weeks: 1,", &format!("weeks: \"{long}\","));
    let found = problems(&text);
    assert!(
        found[0].len() < 200 && found[0].contains("…"),
        "{}",
        found[0].len()
    );
}

// Issue 12, finding 9: a shift missing its end or kind was silently 15:00 / Day.
#[test]
fn missing_shift_fields_are_errors_not_defaults() {
    let text = VALID.replace(r#", end: "07:45""#, "");
    let found = problems(&text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with("shifts[2] (line 6, column ")
            && found[0].contains("end is missing; it has no default"),
        "{found:#?}"
    );
    for field in [r#"kind: Night"#, r#"start: "21:45""#, r#"code: "N""#] {
        let text = VALID
            .replace(&format!("{field}, "), "")
            .replace(&format!(", {field}"), "");
        let found = problems(&text);
        let name = field.split(':').next().unwrap_or_default();
        assert!(
            found.len() == 1
                && found[0].starts_with("shifts[2] (line 6")
                && found[0].contains(&format!("{name} is missing")),
            "{field}: {found:#?}"
        );
        assert_plain(&found);
    }
    // Name, break and paid hours keep their defaults.
    let scenario = parse_scenario(VALID).expect("valid");
    assert_eq!(scenario.shifts[0].name, "");
    assert_eq!(scenario.shifts[0].break_minutes, 0);
}

// Issue 12, finding 10: saving dropped a hand-written file's leading comments.
#[test]
fn saving_keeps_the_leading_comment_block() {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/solsiden_dagens_turnus.ron");
    let original = std::fs::read_to_string(&source).expect("example");
    let header: Vec<&str> = original
        .lines()
        .take_while(|line| !line.starts_with('(') && !line.starts_with("#!["))
        .collect();
    assert_eq!(header.len(), 22, "the example's header");
    let scenario = load_scenario(&source).expect("loads");
    let dir = std::env::temp_dir().join(format!("heltid-comments-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("copy.ron");
    save_scenario(&scenario, &path).expect("saved");
    let saved = std::fs::read_to_string(&path).expect("read back");
    let saved_header: Vec<&str> = saved.lines().take(header.len()).collect();
    assert_eq!(saved_header, header);
    assert!(
        saved
            .lines()
            .nth(header.len())
            .is_some_and(|l| l.starts_with("#![") || l.starts_with('('))
    );
    // Saved again, still once.
    let again = load_scenario(&path).expect("reloads");
    assert_eq!(again, scenario);
    save_scenario(&again, &path).expect("saved again");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), saved);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn temp_files_left_by_a_killed_save_are_removed_by_the_next() {
    let dir = std::env::temp_dir().join(format!("heltid-stale-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("unit.ron");
    // What a save killed between write and rename leaves: an old temp file of another process.
    let stale = dir.join(".unit.ron.tmp4242");
    std::fs::write(&stale, "half a file").expect("written");
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .and_then(|file| file.set_modified(an_hour_ago))
        .expect("aged");
    let other = dir.join(".other.ron.tmp4242");
    std::fs::write(&other, "not ours").expect("written");
    save_scenario(&parse_scenario(VALID).expect("valid"), &path).expect("saved");
    let names: Vec<String> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.contains(&"unit.ron".to_string()), "{names:?}");
    assert!(
        !names.contains(&".unit.ron.tmp4242".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&".other.ron.tmp4242".to_string()),
        "{names:?}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
