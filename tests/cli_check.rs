//! `heltid check`: the calculator summary as JSON, exit codes, and problems listed for broken files.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

fn heltid(args: &[&str]) -> (i32, Value) {
    let output = Command::new(env!("CARGO_BIN_EXE_heltid"))
        // English whatever the machine's locale (--lang defaults to it).
        .env("LC_ALL", "C")
        .args(args)
        .output()
        .expect("heltid runs");
    let json = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (output.status.code().unwrap_or(-1), json)
}

fn number(value: &Value, key: &str) -> f64 {
    value[key]
        .as_f64()
        .unwrap_or_else(|| panic!("{key} missing in {value}"))
}

#[test]
fn solsiden_checks_clean_with_its_bounds() {
    let path = example("solsiden.ron");
    let (code, json) = heltid(&["check", path.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["valid"], true);
    assert_eq!(json["errors"].as_array().map(Vec::len), Some(0));
    let bounds = &json["bounds"];
    // 5+4+2 on weekdays and 4+4+2 on weekends: 597.5 hours; 10 per weekend at every 3rd.
    assert!((number(bounds, "weekly_need_hours") - 597.5).abs() < 1e-9);
    assert!((number(bounds, "fte") - 597.5 / 35.5).abs() < 1e-9);
    assert_eq!(bounds["hours_bound_heads"], 17);
    assert_eq!(bounds["weekend_bound_heads"], 30);
    assert!((number(bounds, "max_average_position_pct") - 56.10).abs() < 0.01);
    assert_eq!(bounds["all_full_time_possible"], false);
    let today = &json["today"];
    assert_eq!(today["heads"], 34);
    for key in [
        "average_position_pct",
        "median_position_pct",
        "full_time_share_pct",
        "under_50_share_pct",
    ] {
        number(today, key);
    }
    let what_if = json["what_if"].as_array().expect("what_if");
    let every_second = what_if
        .iter()
        .find(|r| r["weekend_frequency"] == 2)
        .expect("f = 2");
    assert_eq!(every_second["weekend_bound_heads"], 20);
    assert_eq!(every_second["long_weekend_shifts"], false);
}

#[test]
fn the_long_shift_example_needs_fewer_weekend_heads() {
    let path = example("solsiden_langvakt.ron");
    let (code, json) = heltid(&["check", path.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "{json}");
    assert!((number(&json["bounds"], "weekly_need_hours") - 597.5).abs() < 1e-9);
    assert_eq!(json["bounds"]["weekend_bound_heads"], 21);
    assert!(
        json["what_if"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["long_weekend_shifts"] == true)
    );
}

#[test]
fn fjellro_checks_clean_with_three_shift_full_time() {
    let path = example("fjellro.ron");
    let (code, json) = heltid(&["check", path.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "{json}");
    let full_time = number(&json["bounds"], "full_time_hours");
    assert!((33.6..=35.5).contains(&full_time), "{full_time}");
    assert_eq!(json["bounds"]["weekend_bound_heads"], 42);
}

#[test]
fn a_broken_file_exits_2_and_names_each_problem() {
    let dir = std::env::temp_dir().join(format!("heltid-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("broken.ron");
    std::fs::write(
        &path,
        r#"(shifts: [(code: "N", start: "21:45", end: "25:00", kind: Night)], needs: {"N": [1,1,1,1,1,1,-1], "X": [1,1,1,1,1,1,1]})"#,
    )
    .unwrap();
    let (code, json) = heltid(&["check", path.to_str().unwrap(), "--json"]);
    assert_eq!(code, 2);
    assert_eq!(json["valid"], false);
    let errors: Vec<&str> = json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        errors.contains(&r#"shifts[0].end: "25:00" is not a time of day (HH:MM)"#),
        "{errors:?}"
    );
    assert!(errors.contains(&"needs.N[6]: -1 is negative"), "{errors:?}");
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with(r#"needs: shift "X" is not defined"#)),
        "{errors:?}"
    );
    // Human output lists the same problems on stderr.
    let output = Command::new(env!("CARGO_BIN_EXE_heltid"))
        // English whatever the machine's locale (--lang defaults to it).
        .env("LC_ALL", "C")
        .args(["check", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("needs.N[6]: -1 is negative"));
    std::fs::remove_dir_all(&dir).ok();
}
