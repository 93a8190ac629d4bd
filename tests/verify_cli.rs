//! `heltid verify`: the example with planted problems lists exactly those, a clean rota passes,
//! and broken files exit 2.

use heltid::io::{load_scenario, save_scenario};
use heltid::model::{Proposal, Rota, RotaLine, Scenario};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("heltid-verify-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Exit code, stdout parsed as JSON (or Null) and stdout as text.
fn heltid(args: &[&str]) -> (i32, Value, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_heltid"))
        // English whatever the machine's locale (--lang defaults to it).
        .env("LC_ALL", "C")
        .args(args)
        .output()
        .expect("heltid runs");
    let json = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    (output.status.code().unwrap_or(-1), json, text)
}

fn verify_json(path: &Path) -> (i32, Value) {
    let (code, json, _) = heltid(&["verify", path.to_str().unwrap(), "--json"]);
    (code, json)
}

/// (rule, severity, line, employee, days) of each violation.
fn places(json: &Value) -> Vec<(String, String, i64, String, Vec<u64>)> {
    json["violations"]
        .as_array()
        .expect("violations")
        .iter()
        .map(|v| {
            (
                v["rule"].as_str().unwrap().to_string(),
                v["severity"].as_str().unwrap().to_string(),
                v["line"].as_i64().unwrap_or(-1),
                v["employee"].as_str().unwrap_or("").to_string(),
                v["days"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|d| d.as_u64().unwrap())
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn the_example_lists_exactly_the_planted_problems() {
    let (code, json) = verify_json(&example("solsiden_dagens_turnus.ron"));
    assert_eq!(code, 1, "{json}");
    assert_eq!(json["ok"], false);
    assert_eq!(json["checked"], "today");
    let week_4: Vec<u64> = (21..28).collect();
    let expected = vec![
        // (a) A on Wed week 2, D on Thu week 2: 9.5 h, allowed only with a local agreement.
        (
            "daily_rest".to_string(),
            "agreement".to_string(),
            6,
            "Nora".to_string(),
            vec![9, 10],
        ),
        // (b) Kari works all of week 4: no weekly rest, and seven days in a row.
        (
            "weekly_rest".to_string(),
            "breach".to_string(),
            0,
            "Kari".to_string(),
            week_4.clone(),
        ),
        // (c) Mona works the weekends of week 1 and week 3.
        (
            "weekend_frequency".to_string(),
            "breach".to_string(),
            11,
            "Mona".to_string(),
            vec![5, 6, 19, 20],
        ),
        (
            "consecutive_days".to_string(),
            "breach".to_string(),
            0,
            "Kari".to_string(),
            week_4,
        ),
    ];
    assert_eq!(places(&json), expected);
    let violations = json["violations"].as_array().unwrap();
    assert_eq!(
        violations[0]["message"],
        "9.5 h rest between A on Wed week 2 and D on Thu week 2; at least 11 h (8 h with a local agreement)"
    );
    assert_eq!(violations[0]["reference"], "AML § 10-8 (1)");
    assert_eq!(violations[1]["reference"], "AML § 10-8 (2)");
    assert!(
        violations[2]["message"]
            .as_str()
            .unwrap()
            .contains("week 1 and week 3; at most every 3rd weekend")
    );

    let (code, _, text) = heltid(&[
        "verify",
        example("solsiden_dagens_turnus.ron").to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(
        text.contains("line 7 (Nora), Wed week 2 – Thu week 2: 9.5 h rest"),
        "{text}"
    );
    assert!(text.contains("[daily_rest, AML § 10-8 (1)]"), "{text}");
    assert!(
        text.contains("3 breaches; 1 place is allowed only with a local agreement"),
        "{text}"
    );
}

fn line_mut<'a>(rota: &'a mut Rota, name: &str) -> &'a mut RotaLine {
    rota.lines
        .iter_mut()
        .find(|line| line.employee.as_deref() == Some(name))
        .unwrap()
}

/// Moves the shift on `day` from one person's line to another's (who is off that day).
fn move_shift(rota: &mut Rota, from: &str, to: &str, day: usize) {
    let shift = line_mut(rota, from).cells()[day].to_string();
    set_cell(line_mut(rota, from), day, "-");
    assert_eq!(line_mut(rota, to).cells()[day], "-");
    set_cell(line_mut(rota, to), day, &shift);
}

fn set_cell(line: &mut RotaLine, day: usize, code: &str) {
    let mut cells: Vec<String> = line.cells().iter().map(|c| c.to_string()).collect();
    cells[day] = code.to_string();
    *line = RotaLine::from_cells(line.employee.clone(), &cells);
}

/// The example with its three problems fixed by moving shifts between lines (coverage stays).
fn fixed_example() -> Scenario {
    let mut scenario = load_scenario(&example("solsiden_dagens_turnus.ron")).unwrap();
    let rota = scenario.today.as_mut().unwrap();
    // (a) Siri takes the D on Thu week 2 back from Nora.
    move_shift(rota, "Nora", "Siri", 10);
    // (b) Per, Lars and Grethe take Kari's Wed–Fri of week 4.
    move_shift(rota, "Kari", "Per", 23);
    move_shift(rota, "Kari", "Lars", 24);
    move_shift(rota, "Kari", "Grethe", 25);
    // (c) Emil takes Mona's weekend of week 3 back and works week 4's instead.
    for day in [19, 20] {
        move_shift(rota, "Mona", "Emil", day);
    }
    for day in [26, 27] {
        move_shift(rota, "Emil", "Mona", day);
    }
    scenario
}

#[test]
fn the_fixed_example_has_no_breach_and_says_so() {
    let path = temp_dir().join("fixed.ron");
    save_scenario(&fixed_example(), &path).unwrap();
    let (code, json) = verify_json(&path);
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["ok"], true);
    assert_eq!(
        json["violations"].as_array().map(Vec::len),
        Some(0),
        "{json}"
    );

    let (code, _, text) = heltid(&["verify", path.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(
        text.contains("No breaches: every rule holds (13 rules checked)"),
        "{text}"
    );
}

#[test]
fn a_saved_proposal_is_checked_instead_of_today() {
    let mut scenario = load_scenario(&example("solsiden_dagens_turnus.ron")).unwrap();
    let clean = fixed_example().today.unwrap();
    scenario.proposal = Some(Proposal {
        rota: clean,
        ..Proposal::default()
    });
    let path = temp_dir().join("proposal.ron");
    save_scenario(&scenario, &path).unwrap();
    let (code, json) = verify_json(&path);
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["checked"], "proposal");
}

#[test]
fn a_broken_file_or_one_without_a_rota_exits_2() {
    let dir = temp_dir();
    let broken = dir.join("broken.ron");
    std::fs::write(
        &broken,
        r#"(rota: (weeks: 0), shifts: [(code: "D", start: "7:30x")])"#,
    )
    .unwrap();
    let (code, json) = verify_json(&broken);
    assert_eq!(code, 2, "{json}");
    assert_eq!(json["ok"], false);
    assert_eq!(json["violations"].as_array().map(Vec::len), Some(0));
    assert!(
        json["errors"]
            .as_array()
            .is_some_and(|errors| !errors.is_empty()),
        "{json}"
    );

    let (code, json) = verify_json(&example("solsiden.ron"));
    assert_eq!(code, 2, "{json}");
    assert!(
        json["errors"][0]
            .as_str()
            .unwrap()
            .contains("no rota to check"),
        "{json}"
    );
}
