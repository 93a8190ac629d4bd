//! `--lang nb|en`: check, verify and solve print in bokmål (the app's labels, decimal commas)
//! or English; the default comes from the locale; JSON keeps its keys and follows the language
//! in its messages.

use heltid::io::{load_scenario, save_scenario};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("heltid-lang-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Exit code, stdout and stderr of `heltid args` with the locale `lang` (LC_ALL and
/// LC_MESSAGES unset, so LANG decides the default).
fn heltid_in(lang: &str, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_heltid"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .args(args)
        .output()
        .expect("heltid runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The same in an English locale: only `--lang` makes it bokmål.
fn heltid(args: &[&str]) -> (i32, String, String) {
    heltid_in("C", args)
}

/// Solsiden with the longest shift cut to 8 hours: the 10-hour night shift cannot be covered.
fn infeasible_scenario() -> PathBuf {
    let mut scenario = load_scenario(Path::new(&example("solsiden.ron"))).expect("example loads");
    scenario.rules.max_shift_hours = 8.0;
    let path = temp_dir().join("kort_vakt.ron");
    save_scenario(&scenario, &path).expect("saved");
    path
}

#[test]
fn check_prints_the_calculator_in_bokmal_with_decimal_commas() {
    let solsiden = example("solsiden.ron");
    let (code, text, _) = heltid(&["check", &solsiden, "--lang", "nb"]);
    assert_eq!(code, 0, "{text}");
    for expected in [
        "Solsiden sykehjem, avdeling 2: gyldig",
        "Behov per uke          597,5 t",
        "Heltid per uke         35,50 t",
        "Årsverk                16,831",
        "Hoder, timegrense      17",
        "Hoder, helgegrense     30 (10 per helg × hver 3. helg)",
        "Høyeste snitt          56,1 %",
        "Alle kan ha heltid     nei",
        "I dag: 34 hoder, snitt 46,1 %",
        "hver 2. helg",
        "84,2 %",
    ] {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }
    assert!(
        !text.contains("597.5") && !text.contains("Need per week"),
        "{text}"
    );

    let (code, text, _) = heltid(&["check", &solsiden, "--lang", "en"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("Need per week          597.5 h"), "{text}");
    assert!(
        text.contains("Weekend bound          30 heads (10 per weekend × every 3rd weekend)"),
        "{text}"
    );
    assert!(text.contains("every 2nd weekend"), "{text}");
    assert!(!text.contains("597,5"), "{text}");
}

#[test]
fn the_default_language_comes_from_the_locale_and_lang_overrides_it() {
    let solsiden = example("solsiden.ron");
    for (locale, expected) in [
        ("nb_NO.UTF-8", "597,5 t"),
        ("nn_NO.UTF-8", "597,5 t"),
        ("no_NO", "597,5 t"),
        ("en_GB.UTF-8", "597.5 h"),
        ("C", "597.5 h"),
        ("", "597.5 h"),
    ] {
        let (code, text, _) = heltid_in(locale, &["check", &solsiden]);
        assert_eq!(code, 0, "{locale}: {text}");
        assert!(text.contains(expected), "{locale}: {expected:?} in\n{text}");
    }
    let (_, text, _) = heltid_in("nb_NO.UTF-8", &["check", &solsiden, "--lang", "en"]);
    assert!(text.contains("597.5 h"), "{text}");
    // LC_ALL wins over LANG, as in every POSIX program.
    let output = Command::new(env!("CARGO_BIN_EXE_heltid"))
        .env("LC_ALL", "nb_NO.UTF-8")
        .env("LANG", "en_US.UTF-8")
        .args(["check", &solsiden])
        .output()
        .expect("heltid runs");
    assert!(String::from_utf8_lossy(&output.stdout).contains("597,5 t"));
}

#[test]
fn an_infeasible_solve_says_why_in_bokmal_or_english() {
    let path = infeasible_scenario();
    let path = path.to_str().expect("path");
    let (code, text, _) = heltid(&["solve", path, "--time-limit", "10", "--lang", "nb"]);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("ingen turnus mulig (ideell struktur)"),
        "{text}"
    );
    assert!(
        text.contains(
            "Vakten N (Nattvakt) er 10,0 timer, lenger enn lengste tillatte vakt på 8,0 timer (AML § 10-5 (1))"
        ),
        "{text}"
    );
    assert!(text.contains("«Lengste vakt (timer)»"), "{text}");
    assert!(!text.contains("Shift N"), "{text}");

    let (code, text, _) = heltid(&["solve", path, "--time-limit", "10", "--lang", "en"]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("infeasible (ideal mode)"), "{text}");
    assert!(
        text.contains("Shift N (Nattvakt) is 10.0 h, longer than the longest shift allowed, 8.0 h"),
        "{text}"
    );
    assert!(text.contains("«Longest shift (hours)»"), "{text}");

    // JSON: English keys and status, the messages in the language asked for.
    let (code, json, _) = heltid(&[
        "solve",
        path,
        "--time-limit",
        "10",
        "--json",
        "--lang",
        "nb",
    ]);
    assert_eq!(code, 1, "{json}");
    let json: Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(json["status"], "infeasible");
    let diagnosis = json["diagnosis"][0].as_str().expect("a diagnosis");
    assert!(
        diagnosis.starts_with("Vakten N (Nattvakt) er 10,0 timer"),
        "{diagnosis}"
    );
}

#[test]
fn warnings_follow_the_language_in_text_and_json() {
    let mut scenario = load_scenario(Path::new(&example("solsiden.ron"))).expect("example loads");
    scenario.rota.weeks = 5;
    let path = temp_dir().join("fem_uker.ron");
    save_scenario(&scenario, &path).expect("saved");
    let path = path.to_str().expect("path");
    let (code, text, _) = heltid(&["check", path, "--lang", "nb"]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("advarsel: rota.weeks: Turnusperioden på 5 uker går ikke opp i hver 3. helg"),
        "{text}"
    );
    let (_, json, _) = heltid(&["check", path, "--json", "--lang", "nb"]);
    let json: Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(json["warnings"][0]["path"], "rota.weeks");
    assert!(
        json["warnings"][0]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("Turnusperioden på 5 uker")),
        "{json}"
    );
    let (_, text, _) = heltid(&["check", path, "--lang", "en"]);
    assert!(
        text.contains(
            "warning: rota.weeks: A cycle of 5 weeks is not a multiple of every 3rd weekend"
        ),
        "{text}"
    );
}

#[test]
fn help_documents_the_language_option() {
    for command in ["check", "verify", "solve", "export"] {
        let (code, text, _) = heltid(&[command, "--help"]);
        assert_eq!(code, 0, "{text}");
        assert!(text.contains("--lang <nb|en>"), "{command}: {text}");
        assert!(text.contains("LANG"), "{command}: {text}");
    }
}

#[test]
fn verify_prints_the_four_places_in_bokmal_with_the_rules_norwegian_names() {
    let today = example("solsiden_dagens_turnus.ron");
    let (code, text, _) = heltid(&["verify", &today, "--lang", "nb"]);
    assert_eq!(code, 1, "{text}");
    let found: Vec<&str> = text
        .lines()
        .filter(|line| line.starts_with("BRUDD") || line.starts_with("AVTALE"))
        .collect();
    assert_eq!(
        found,
        [
            "AVTALE linje 7 (Nora), ons uke 2 – tor uke 2: 9,5 timer hvile mellom A ons uke 2 og D tor uke 2; minst 11 timer (8 timer med lokal avtale) [Daglig hviletid, AML § 10-8 (1)]",
            "BRUDD  linje 1 (Kari), man uke 4 – søn uke 4: lengste sammenhengende fri i uke 4 er 0 timer (ingen fridag); minst 35 timer (28 timer med lokal avtale) [Ukentlig arbeidsfri, AML § 10-8 (2)]",
            "BRUDD  linje 12 (Mona), lør uke 1, søn uke 1, lør uke 3, søn uke 3: jobber helgene i uke 1 og uke 3; høyst hver 3. helg [Helgefrekvens, Turnusavtale: helgefrekvens (HTA kap. 1 § 4)]",
            "BRUDD  linje 1 (Kari), man uke 4 – søn uke 4: 7 arbeidsdager på rad, man uke 4 – søn uke 4; høyst 6 («Maks arbeidsdager på rad») [Arbeidsdager på rad, Enhetens regel (AML § 10-8)]",
        ],
        "{text}"
    );
    assert!(
        text.contains("dagens turnus, 34 linjer over 6 uker, kontrollert mot 13 regler"),
        "{text}"
    );
    assert!(
        text.contains("3 brudd; 1 sted er tillatt bare med lokal avtale"),
        "{text}"
    );

    let (code, text, _) = heltid(&["verify", &today, "--lang", "en"]);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains(
            "AGREEMENT line 7 (Nora), Wed week 2 – Thu week 2: 9.5 h rest between A on Wed week 2 and D on Thu week 2; at least 11 h (8 h with a local agreement) [daily_rest, AML § 10-8 (1)]"
        ),
        "{text}"
    );
    assert!(text.contains("3 breaches"), "{text}");
    assert!(!text.contains("timer"), "{text}");

    // JSON: the same rule ids, severities and places; the message in bokmål.
    let (_, json, _) = heltid(&["verify", &today, "--json", "--lang", "nb"]);
    let json: Value = serde_json::from_str(&json).expect("JSON");
    let first = &json["violations"][0];
    assert_eq!(first["rule"], "daily_rest");
    assert_eq!(first["severity"], "agreement");
    assert_eq!(first["reference"], "AML § 10-8 (1)");
    assert_eq!(
        first["message"],
        "9,5 timer hvile mellom A ons uke 2 og D tor uke 2; minst 11 timer (8 timer med lokal avtale)"
    );
}

#[test]
fn file_problems_are_listed_in_bokmal_with_the_apps_labels() {
    let path = temp_dir().join("feil.ron");
    std::fs::write(
        &path,
        r#"(
    rota: (weeks: 6, weekend_frequency: 3),
    shifts: [(code: "D", name: "Dag", start: "25:00", end: "15:00", kind: Day)],
    needs: {"D": [1, 1, 1, 1, 1, 1, -1]},
    rules: (max_shift_hours: 30.5),
)"#,
    )
    .expect("written");
    let path = path.to_str().expect("path");
    let (code, _, stderr) = heltid(&["check", path, "--lang", "nb"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains(": 3 feil"), "{stderr}");
    for expected in [
        "shifts[0].start («Start» under Vakttyper): \"25:00\" er ikke et klokkeslett (TT:MM, 00:00–23:59)",
        "needs.D[6] («Behov» under Bemanningsbehov): -1 er negativt",
        "rules.max_shift_hours («Lengste vakt (timer)» under Enhet og regler): 30,5 er utenfor det gyldige området 1–24",
    ] {
        assert!(stderr.contains(expected), "{expected:?} in\n{stderr}");
    }
    let (_, json, _) = heltid(&["check", path, "--json", "--lang", "nb"]);
    let json: Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(json["valid"], false);
    assert!(
        json["errors"].as_array().is_some_and(|errors| errors
            .iter()
            .any(|e| e == "needs.D[6] («Behov» under Bemanningsbehov): -1 er negativt")),
        "{json}"
    );
    let (_, _, stderr) = heltid(&["check", path, "--lang", "en"]);
    assert!(stderr.contains(": 3 problem(s)"), "{stderr}");
    assert!(stderr.contains("needs.D[6]: -1 is negative"), "{stderr}");
    assert!(
        stderr.contains("rules.max_shift_hours: 30.5 is outside the valid range 1–24"),
        "{stderr}"
    );
}
