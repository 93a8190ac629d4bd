//! A bounded mutation fuzz (issue 12): the bundled examples and a few RWS benchmark files,
//! mutated with a seeded generator (a few seconds in all). Asserts that nothing panics, that
//! every load error names a place (a field path or a line) without naming program internals,
//! that what loads saves and loads again unchanged, that an RWS solve keeps its time limit,
//! and that the command line exits 0, 1 or 2 only.
//!
//! `HELTID_FUZZ_SEED=<n>` runs another seed; a failure names the seed and the case.

use heltid::io::{load_scenario, parse_scenario, scenario_to_string};
use heltid::solve::SolveControl;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// xorshift64*: small, seeded, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn seed() -> u64 {
    std::env::var("HELTID_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(12)
        | 1
}

/// Text a tester would type or an editor would leave.
const TOKENS: [&str; 24] = [
    "-1",
    "\"6\"",
    "0",
    "4294967295",
    "18446744073709551615",
    "99999999999999999999999",
    "1e999",
    "nan",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "\u{feff}",
    "//",
    "/*",
    "Some(",
    "kind: Natt",
    "\n",
    " 7 ",
];

fn mutate(rng: &mut Rng, original: &[u8]) -> Vec<u8> {
    let mut bytes = original.to_vec();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(7) {
            0 => {
                let end = (at + 1 + rng.below(20)).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            1 => {
                let end = (at + 1 + rng.below(40)).min(bytes.len());
                let copy = bytes[at.min(end)..end].to_vec();
                bytes.splice(at..at, copy);
            }
            2 | 3 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes().to_vec();
                bytes.splice(at..at, token);
            }
            4 if at < bytes.len() => bytes[at] = rng.next() as u8,
            5 => bytes.truncate(at),
            _ => {
                // A number made much larger: "6" becomes "6000…".
                if let Some(digit) = (at..bytes.len()).find(|&i| bytes[i].is_ascii_digit()) {
                    let zeros = vec![b'0'; 1 + rng.below(12)];
                    bytes.splice(digit + 1..digit + 1, zeros);
                }
            }
        }
    }
    bytes
}

fn examples() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("examples")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("example");
            (p.display().to_string(), bytes)
        })
        .collect()
}

/// A few benchmark files, or a small instance when the benchmark is not there.
fn rws_inputs() -> Vec<(String, Vec<u8>)> {
    let dir = std::env::var_os("HELTID_RWS_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/rws"),
        PathBuf::from,
    );
    let mut inputs: Vec<(String, Vec<u8>)> = [1, 6, 20, 1221]
        .iter()
        .filter_map(|i| {
            let path = dir.join(format!("Example{i}.txt"));
            std::fs::read(&path)
                .ok()
                .map(|bytes| (path.display().to_string(), bytes))
        })
        .collect();
    inputs.push((
        "Tiny".into(),
        b"7\n3\n2\n1 1 1 1 0 0 0\n1 0 1 1 1 1 2\nD 360 480 2 3\nN 1320 480 2 3\n2 4\n2 4\n1 1\nN D\nN - D\n"
            .to_vec(),
    ));
    inputs
}

const INTERNAL: [&str; 10] = [
    "VersionProbe",
    "ShiftType",
    "RotaSettings",
    "FullTimeHours",
    "RotaLine",
    "struct ",
    "ron::",
    "serde",
    "recursion_limit",
    "panicked",
];

/// A load problem reads "place: what"; the place is a field path or "line L, column C"
/// ("linje L, kolonne C" in bokmål).
fn names_a_place(message: &str) -> bool {
    let Some((place, what)) = message.split_once(": ") else {
        return false;
    };
    !what.is_empty()
        && (place.starts_with("line ")
            || place.starts_with("linje ")
            || place.starts_with(|c: char| c.is_ascii_lowercase() || c == '_'))
}

fn assert_plain(case: &str, message: &str) {
    assert!(names_a_place(message), "{case}: no place in {message:?}");
    for word in INTERNAL {
        assert!(!message.contains(word), "{case}: {word:?} in {message:?}");
    }
    // Long enough for the list of a group's fields, too short for a value echoed whole.
    assert!(message.chars().count() < 1000, "{case}: {message}");
    assert!(!message.contains('\n'), "{case}: one line: {message:?}");
}

fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("heltid-fuzz-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn mutated_scenarios_load_or_name_a_place() {
    let seed = seed();
    let mut rng = Rng(seed);
    let dir = temp_dir("load");
    let path = dir.join("mutant.ron");
    let (mut loaded, mut refused) = (0, 0);
    for (name, original) in examples() {
        for i in 0..300 {
            let bytes = mutate(&mut rng, &original);
            let case = format!("seed {seed}, {name} mutant {i}");
            std::fs::write(&path, &bytes).expect("written");
            match load_scenario(&path) {
                Ok(scenario) => {
                    loaded += 1;
                    // What loads is used: bounds, the rule checker, and a save that reloads.
                    let _ = heltid::calc::bounds(&scenario);
                    if let Some(rota) = scenario.today.as_ref() {
                        let _ = heltid::rules::check_rota(&scenario, rota);
                    }
                    let text = scenario_to_string(&scenario);
                    let again = parse_scenario(&text)
                        .unwrap_or_else(|e| panic!("{case}: saved text does not load: {e}"));
                    assert_eq!(again, scenario, "{case}: round trip");
                }
                Err(error) => {
                    refused += 1;
                    for message in error.messages() {
                        assert_plain(&case, &message);
                    }
                    for message in error.messages_in(heltid::i18n::Language::Bokmal) {
                        assert_plain(&case, &message);
                    }
                }
            }
        }
    }
    assert!(
        loaded > 50 && refused > 300,
        "{loaded} loaded, {refused} refused"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn mutated_rws_files_parse_or_name_a_line_and_solve_within_their_limit() {
    let seed = seed();
    let mut rng = Rng(seed ^ 0x5eed);
    let mut solved = 0;
    for (name, original) in rws_inputs() {
        for i in 0..300 {
            let bytes = mutate(&mut rng, &original);
            let text = String::from_utf8_lossy(&bytes);
            let case = format!("seed {seed}, {name} mutant {i}");
            match heltid::rws::parse(&text, "mutant.txt") {
                Ok(instance) => {
                    // A few solves: each keeps its limit.
                    if solved < 12 && i % 10 == 0 {
                        solved += 1;
                        let limit = 0.3;
                        let started = Instant::now();
                        let _ = heltid::rws::solve(&instance, limit, &SolveControl::default());
                        let seconds = started.elapsed().as_secs_f64();
                        assert!(seconds < limit + 1.0, "{case}: {seconds:.2} s");
                    }
                }
                Err(error) => {
                    let message = error.to_string();
                    assert!(
                        message.starts_with("mutant.txt, line "),
                        "{case}: {message}"
                    );
                    assert!(message.chars().count() < 400, "{case}: {message}");
                }
            }
        }
    }
}

/// Exit code and stderr.
fn heltid(args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_heltid"))
        // English whatever the machine's locale (--lang defaults to it).
        .env("LC_ALL", "C")
        .args(args)
        .output()
        .expect("heltid runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn the_command_line_exits_0_1_or_2_on_mutated_files() {
    let seed = seed();
    let mut rng = Rng(seed ^ 0xc11);
    let dir = temp_dir("cli");
    let path = dir.join("mutant.ron");
    let path_text = path.to_str().expect("path");
    for (name, original) in examples() {
        for i in 0..15 {
            std::fs::write(&path, mutate(&mut rng, &original)).expect("written");
            let case = format!("seed {seed}, {name} mutant {i}");
            let command = ["check", "verify"][i % 2];
            let (code, stderr) = heltid(&[command, path_text]);
            assert!(
                matches!(code, 0..=2),
                "{case}: {command} exit {code}: {stderr}"
            );
            if code == 2 && stderr.contains("problem(s)") {
                // "<file>: N problem(s)", then one indented problem a line.
                for line in stderr.lines().skip(1) {
                    assert_plain(&case, line.trim());
                }
            }
        }
    }
    let rws = dir.join("mutant.txt");
    let rws_text = rws.to_str().expect("path");
    for (name, original) in rws_inputs() {
        for i in 0..4 {
            std::fs::write(&rws, mutate(&mut rng, &original)).expect("written");
            let case = format!("seed {seed}, {name} mutant {i}");
            let (code, stderr) = heltid(&["rws", rws_text, "--time-limit", "0.3"]);
            assert!(matches!(code, 0..=2), "{case}: exit {code}: {stderr}");
            if code == 2 {
                assert!(stderr.contains("mutant.txt, line "), "{case}: {stderr}");
            }
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}
