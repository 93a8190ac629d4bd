//! The command line at its edges (issue 12): a closed pipe, `--out` paths that cannot or must
//! not be written, and time limits that are not numbers of seconds.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("heltid-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Exit code, stdout and stderr.
fn heltid(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_heltid"))
        // English whatever the machine's locale (--lang defaults to it).
        .env("LC_ALL", "C")
        .args(args)
        .output()
        .expect("heltid runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn text(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

// Finding 4: `solve --out y.ron | head -1` panicked ("failed printing to stdout") with exit
// 101, and y.ron was never written because the result was printed before it was saved.
#[test]
fn a_closed_pipe_ends_quietly_and_the_proposal_is_saved_first() {
    let dir = temp_dir("pipe");
    let out = dir.join("y.ron");
    let solsiden = example("solsiden.ron");
    for json in [false, true] {
        std::fs::remove_file(&out).ok();
        let mut args = vec!["solve", text(&solsiden), "--out", text(&out)];
        if json {
            args.push("--json");
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_heltid"))
            // English whatever the machine's locale (--lang defaults to it).
            .env("LC_ALL", "C")
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("heltid runs");
        // The reader goes away before the solve (a tenth of a second) has printed anything.
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("heltid ends");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "json {json}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        let saved = heltid::io::load_scenario(&out).expect("the proposal was saved");
        assert!(saved.proposal.is_some());
    }
    std::fs::remove_dir_all(&dir).ok();
}

// Finding 5: `export s.ron --format pdf --out s.ron` replaced the scenario with a PDF.
#[test]
fn export_refuses_to_overwrite_its_input() {
    let dir = temp_dir("export-self");
    let scenario = dir.join("s.ron");
    std::fs::copy(example("solsiden_dagens_turnus.ron"), &scenario).expect("copied");
    let before = std::fs::read(&scenario).expect("read");
    let same = dir.join("sub/../s.ron");
    std::fs::create_dir_all(dir.join("sub")).expect("sub");
    for out in [&scenario, &same] {
        for format in ["pdf", "csv", "xlsx"] {
            let (code, _, stderr) = heltid(&[
                "export",
                text(&scenario),
                "--format",
                format,
                "--out",
                text(out),
            ]);
            assert_eq!(code, 2, "{format}: {stderr}");
            assert!(
                stderr.contains("is the input file") && stderr.contains(text(out)),
                "{stderr}"
            );
        }
    }
    assert_eq!(
        std::fs::read(&scenario).expect("read"),
        before,
        "input unchanged"
    );
    // Another name beside it is written.
    let pdf = dir.join("s.pdf");
    let (code, stdout, stderr) = heltid(&[
        "export",
        text(&scenario),
        "--format",
        "pdf",
        "--out",
        text(&pdf),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.trim(), text(&pdf));
    std::fs::remove_dir_all(&dir).ok();
}

// Finding 9: a bad `--out` was found only after the solve (a minute of work lost).
#[test]
fn a_bad_out_path_is_refused_before_solving() {
    let dir = temp_dir("bad-out");
    let fjellro = example("fjellro.ron");
    let missing_folder = dir.join("no/such/folder/y.ron");
    let cases = [
        (missing_folder.clone(), "does not exist"),
        (dir.clone(), "is a folder"),
    ];
    for (out, reason) in &cases {
        let started = Instant::now();
        let (code, stdout, stderr) = heltid(&[
            "solve",
            text(&fjellro),
            "--time-limit",
            "60",
            "--out",
            text(out),
        ]);
        assert_eq!(code, 2, "{stdout}{stderr}");
        assert!(
            stderr.starts_with(&format!("--out {}", out.display())) && stderr.contains(reason),
            "{stderr}"
        );
        assert!(stdout.is_empty(), "nothing solved: {stdout}");
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn solve_may_save_into_its_own_file() {
    let dir = temp_dir("solve-self");
    let scenario = dir.join("solsiden.ron");
    std::fs::copy(example("solsiden.ron"), &scenario).expect("copied");
    let (code, _, stderr) = heltid(&["solve", text(&scenario), "--out", text(&scenario)]);
    assert_eq!(code, 0, "{stderr}");
    let saved = heltid::io::load_scenario(&scenario).expect("loads");
    assert!(saved.proposal.is_some());
    assert!(saved.leading_comments.starts_with("//"), "header kept");
    std::fs::remove_dir_all(&dir).ok();
}

// Finding 9: `--time-limit nan` was accepted.
#[test]
fn time_limits_must_be_finite_and_not_negative() {
    let solsiden = example("solsiden.ron");
    for bad in ["nan", "NaN", "inf", "-1", "-0.5", "1e999", "thirty", ""] {
        for command in ["solve", "rws"] {
            let limit = format!("--time-limit={bad}");
            let (code, stdout, stderr) = heltid(&[command, text(&solsiden), &limit]);
            assert_eq!(code, 2, "{command} {bad}: {stdout}{stderr}");
            assert!(
                stderr.contains("--time-limit") && stderr.contains("give a number of 0 or more"),
                "{stderr}"
            );
        }
    }
    let (code, _, stderr) = heltid(&["solve", text(&solsiden), "--time-limit", "0"]);
    assert!(
        code == 0 || code == 1,
        "a limit of 0 is a limit: {code} {stderr}"
    );
}

// Finding 9: a night shift missing its end silently became 15:00.
#[test]
fn check_names_a_missing_shift_end() {
    let dir = temp_dir("missing-end");
    let path = dir.join("w3.ron");
    let original = std::fs::read_to_string(example("solsiden.ron")).expect("example");
    assert!(original.contains(r#", end: "07:45""#));
    std::fs::write(&path, original.replace(r#", end: "07:45""#, "")).expect("written");
    let (code, _, stderr) = heltid(&["check", text(&path)]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("shifts[2] (line ") && stderr.contains("end is missing"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
