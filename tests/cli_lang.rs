//! `--lang nb|en`: check, verify, solve and rws print in bokmål (the app's labels, decimal
//! commas) or English, also when a file cannot be read; the default comes from the locale; JSON
//! keeps its keys and follows the language in its messages.

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
    for command in ["check", "verify", "solve", "export", "rws"] {
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

/// The problems `heltid check` lists for a file holding `text`, in bokmål and in English.
fn load_problems(name: &str, text: &str) -> (Vec<String>, Vec<String>) {
    let path = temp_dir().join(format!("{name}.ron"));
    std::fs::write(&path, text).expect("written");
    let path = path.to_str().expect("path");
    let problems = |lang: &str| {
        let (code, _, stderr) = heltid(&["check", path, "--lang", lang]);
        assert_eq!(code, 2, "{name}: {stderr}");
        // "<file>: N feil" / "<file>: N problem(s)", then one indented problem a line.
        stderr
            .lines()
            .skip(1)
            .map(|line| line.trim().to_string())
            .collect::<Vec<_>>()
    };
    (problems("nb"), problems("en"))
}

/// Words of the English messages that must not be left in a bokmål one.
const ENGLISH: [&str; 8] = [
    "line ",
    "column",
    "expected",
    "found",
    "missing",
    "not a field",
    "outside",
    "is not",
];

fn assert_bokmal(messages: &[String]) {
    for message in messages {
        for word in ENGLISH {
            assert!(!message.contains(word), "{word:?} in {message:?}");
        }
    }
}

#[test]
fn load_errors_are_told_in_bokmal_or_english() {
    for (name, text, nb, en) in [
        (
            "syntaks",
            "(\n  rota: (weeks: 6,, ),\n)",
            "rota (linje 2, kolonne 19): ventet et feltnavn, men fant ,",
            "rota (line 2, column 19): expected a field name, found ,",
        ),
        (
            "type",
            "(\n  rota: (weeks: \"6\"),\n)",
            "rota.weeks («Turnusperiode (uker)» under Enhet og regler, linje 2, kolonne 16): \
             ventet et helt tall, for eksempel 6, men fant \"6\"",
            "rota.weeks (line 2, column 16): expected a whole number such as 6, found \"6\"",
        ),
        (
            "ukjent_felt",
            "(\n  rota: (weekend_frequncy: 2),\n)",
            "rota (linje 2, kolonne 10): \"weekend_frequncy\" er ikke et felt her; feltene er \
             weeks, weekend_frequency, full_time eller friday_night_is_weekend",
            "rota (line 2, column 10): \"weekend_frequncy\" is not a field here; the fields are \
             weeks, weekend_frequency, full_time or friday_night_is_weekend",
        ),
        (
            "mangler",
            "(\n  shifts: [(code: \"D\", start: \"07:30\", kind: Day)],\n)",
            "shifts[0] (linje 2, kolonne 49): end («Slutt» under Vakttyper) mangler; feltet har \
             ingen standardverdi, så skriv det inn (`end: …`)",
            "shifts[0] (line 2, column 49): end is missing; it has no default, so give it \
             (`end: …`)",
        ),
        (
            "negativ",
            "(\n  rota: (weeks: -1),\n)",
            "rota.weeks («Turnusperiode (uker)» under Enhet og regler, linje 2, kolonne 18): \
             ventet et helt tall, 0 eller mer, men fant -1",
            "rota.weeks (line 2, column 18): expected a whole number of 0 or more, found -1",
        ),
        (
            "for_stor",
            "(\n  rota: (weeks: 99999999999),\n)",
            "rota.weeks («Turnusperiode (uker)» under Enhet og regler, linje 2, kolonne 17): \
             ventet et mindre helt tall, men fant 99999999999",
            "rota.weeks (line 2, column 17): expected a smaller whole number, found 99999999999",
        ),
        (
            "ord",
            "(\n  staff: [(name: \"Kari\", position_pct: 35.5, qualification: Lege)],\n)",
            "staff[0].qualification (linje 2, kolonne 61): \"Lege\" passer ikke her; bruk \
             Assistent, Helsefagarbeider eller Sykepleier",
            "staff[0].qualification (line 2, column 61): \"Lege\" is not one of Assistent, \
             Helsefagarbeider or Sykepleier",
        ),
        (
            "desimalkomma",
            "(\n  staff: [(name: \"Kari\", position_pct: 35,5)],\n)",
            "staff[0].position_pct («Stilling %» under Ansatte, linje 2, kolonne 43): 35,5 leses \
             som to verdier; skriv desimaltall med punktum i filen: 35.5",
            "staff[0].position_pct (line 2, column 43): 35,5 reads as two values; write a \
             decimal number with a point: 35.5",
        ),
        (
            "slutter",
            "(\n  rota: (weeks: 6,\n",
            "rota (linje 2, kolonne 19): filen slutter for tidlig: en parentes ( [ { eller et \
             anførselstegn er ikke lukket",
            "rota (line 2, column 19): the file ends too early: a bracket ( [ { or a quote is not \
             closed",
        ),
    ] {
        let (bokmal, english) = load_problems(name, text);
        assert_eq!(bokmal, [nb], "{name}");
        assert_eq!(english, [en], "{name}");
        assert_bokmal(&bokmal);
    }
}

#[test]
fn a_value_out_of_range_is_told_with_a_decimal_comma_in_bokmal() {
    let (bokmal, english) =
        load_problems("utenfor", "(\n  rules: (min_daily_rest_hours: 24.5),\n)");
    assert_eq!(
        bokmal,
        [
            "rules.min_daily_rest_hours («Døgnhvile (timer)» under Enhet og regler): 24,5 er \
          utenfor det gyldige området 0–24"
        ]
    );
    assert_eq!(
        english,
        ["rules.min_daily_rest_hours: 24.5 is outside the valid range 0–24"]
    );
    assert_bokmal(&bokmal);
}

#[test]
fn a_file_that_is_not_utf8_is_told_in_bokmal_in_text_and_json() {
    let path = temp_dir().join("latin1.ron");
    // "Ærfugl" saved as Latin-1: Æ is the single byte 0xC6.
    std::fs::write(&path, b"(\n  unit: (name: \"Avd. \xc6rfugl\"),\n)").expect("written");
    let path = path.to_str().expect("path");
    let (code, _, stderr) = heltid(&["check", path, "--lang", "nb"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains(": 1 feil\n"), "{stderr}");
    let expected = "linje 2, kolonne 22: byten 0xC6 (byte nr. 24 i filen) er ikke UTF-8-tekst; \
                    lagre filen som UTF-8 (Unicode) og åpne den igjen";
    assert!(stderr.contains(expected), "{stderr}");
    let (code, json, _) = heltid(&["check", path, "--json", "--lang", "nb"]);
    assert_eq!(code, 2);
    let json: Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(json["valid"], false);
    assert_eq!(json["errors"][0], expected);
    let (_, _, stderr) = heltid(&["check", path, "--lang", "en"]);
    assert!(
        stderr.contains("line 2, column 22: byte 0xC6 (byte 24 of the file) is not UTF-8 text"),
        "{stderr}"
    );
}

#[test]
fn rws_prints_status_words_and_the_summary_in_bokmal() {
    let path = temp_dir().join("Tiny.txt");
    std::fs::write(
        &path,
        "7\n3\n2\n1 1 1 1 0 0 0\n1 0 1 1 1 1 2\nD 360 480 2 3\nN 1320 480 2 3\n2 4\n2 4\n\
         1 1\nN D\nN - D\n",
    )
    .expect("written");
    let path = path.to_str().expect("path");
    let (code, text, _) = heltid(&["rws", path, path, "--lang", "nb"]);
    assert_eq!(code, 0, "{text}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    for line in &lines[..2] {
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(words[..2], ["Tiny", "mulig"], "{line}");
        // Seconds with a decimal comma.
        assert!(
            words[2].contains(',') && !words[2].contains('.') && words[3] == "s",
            "{line}"
        );
    }
    assert!(
        lines[2].starts_with(
            "2 instanser: 2 mulige, 0 umulige, 0 nådde tidsgrensen, 0 feil, 0 kunne ikke leses; \
             median 0,"
        ) && lines[2].contains(" s, maks 0,"),
        "{text}"
    );
    assert!(
        !text.contains("feasible") && !text.contains("instance"),
        "{text}"
    );

    // Undecided within the time limit.
    let (code, text, _) = heltid(&["rws", path, "--time-limit", "0", "--lang", "nb"]);
    assert_eq!(code, 1, "{text}");
    assert_eq!(
        text.split_whitespace().take(2).collect::<Vec<_>>(),
        ["Tiny", "tidsgrense"],
        "{text}"
    );

    // English as before; JSON keeps its English status words in either language.
    let (_, text, _) = heltid(&["rws", path, path, "--lang", "en"]);
    assert!(
        text.contains("2 instance(s): 2 feasible, 0 infeasible"),
        "{text}"
    );
    let (_, json, _) = heltid(&["rws", path, "--json", "--lang", "nb"]);
    let json: Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(json["instances"][0]["status"], "feasible");
}
