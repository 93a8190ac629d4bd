//! `heltid rws`: solve rotating workforce scheduling benchmark instances, one after another.

use super::{EXIT_FILE_PROBLEM, print, print_json, tell};
use crate::i18n::Language;
use crate::rws::{self, Report, Status};
use crate::solve::SolveControl;
use serde_json::{Value, json};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// One line of output: the instance's name and how it ended.
struct Outcome {
    name: String,
    report: Report,
    /// The instance's shift names, to print the schedule.
    shift_names: Vec<String>,
    /// The parse or read error, when the file could not be used.
    error: Option<String>,
}

fn name_of(file: &Path) -> String {
    file.file_stem().map_or_else(
        || file.display().to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}

fn solve_file(file: &Path, time_limit: f64) -> Outcome {
    match rws::load(file) {
        Ok(instance) => {
            let report = rws::solve(&instance, time_limit, &SolveControl::default());
            Outcome {
                name: instance.name.clone(),
                shift_names: instance.shifts.iter().map(|s| s.name.clone()).collect(),
                report,
                error: None,
            }
        }
        Err(error) => Outcome {
            name: name_of(file),
            report: Report {
                status: Status::Error,
                seconds: 0.0,
                schedule: Vec::new(),
                problems: Vec::new(),
                runs: 0,
            },
            shift_names: Vec::new(),
            error: Some(error.to_string()),
        },
    }
}

fn outcome_json(outcome: &Outcome, language: Language) -> Value {
    let cell = |c: Option<usize>| {
        c.and_then(|s| outcome.shift_names.get(s))
            .map_or("-", String::as_str)
    };
    let schedule: Vec<Vec<&str>> = outcome
        .report
        .schedule
        .iter()
        .map(|row| row.iter().map(|&c| cell(c)).collect())
        .collect();
    let mut value = json!({
        "name": outcome.name,
        "status": outcome.report.status.as_str(),
        "seconds": outcome.report.seconds,
        "schedule": schedule,
        "highs_runs": outcome.report.runs,
    });
    let errors: Vec<String> = outcome
        .error
        .iter()
        .cloned()
        .chain(outcome.report.problems.iter().map(|p| p.text(language)))
        .collect();
    if !errors.is_empty() {
        value["errors"] = json!(errors);
    }
    value
}

fn print_outcome(out: &mut dyn Write, outcome: &Outcome, language: Language) -> io::Result<()> {
    let status = outcome.report.status.word(language);
    if let Some(error) = &outcome.error {
        writeln!(out, "{:<14} {status:<10}", outcome.name)?;
        tell!("  {error}");
        return Ok(());
    }
    writeln!(
        out,
        "{:<14} {status:<10} {:>8} s",
        outcome.name,
        language.number(outcome.report.seconds, 3)
    )?;
    for problem in &outcome.report.problems {
        tell!("  {}", problem.text(language));
    }
    // Flushed by `print`, so a long run shows each instance as it is done.
    Ok(())
}

fn print_summary(out: &mut dyn Write, outcomes: &[Outcome], language: Language) -> io::Result<()> {
    let count = |status: Status| {
        outcomes
            .iter()
            .filter(|o| o.error.is_none() && o.report.status == status)
            .count()
    };
    let unreadable = outcomes.iter().filter(|o| o.error.is_some()).count();
    let mut seconds: Vec<f64> = outcomes
        .iter()
        .filter(|o| o.error.is_none())
        .map(|o| o.report.seconds)
        .collect();
    seconds.sort_by(f64::total_cmp);
    let median = match seconds.len() {
        0 => 0.0,
        n if n % 2 == 1 => seconds[n / 2],
        n => (seconds[n / 2 - 1] + seconds[n / 2]) / 2.0,
    };
    let max = seconds.last().copied().unwrap_or(0.0);
    let (n, feasible, infeasible, timeout, error) = (
        outcomes.len(),
        count(Status::Feasible),
        count(Status::Infeasible),
        count(Status::Timeout),
        count(Status::Error) + count(Status::Cancelled),
    );
    let (median, max) = (language.number(median, 3), language.number(max, 3));
    match language {
        Language::Bokmal => writeln!(
            out,
            "{n} {}: {feasible} mulige, {infeasible} umulige, {timeout} nådde tidsgrensen, \
             {error} feil, {unreadable} kunne ikke leses; median {median} s, maks {max} s",
            if n == 1 { "instans" } else { "instanser" }
        ),
        Language::English => writeln!(
            out,
            "{n} instance(s): {feasible} feasible, {infeasible} infeasible, {timeout} timeout, \
             {error} error, {unreadable} unreadable; median {median} s, max {max} s"
        ),
    }
}

/// Runs `heltid rws`.
pub fn run(files: &[PathBuf], time_limit: f64, json: bool, language: Language) -> ExitCode {
    let mut outcomes = Vec::with_capacity(files.len());
    for file in files {
        let outcome = solve_file(file, time_limit);
        if !json && let Err(code) = print(|out| print_outcome(out, &outcome, language)) {
            // Nobody reads on: the remaining instances are not solved.
            return code;
        }
        outcomes.push(outcome);
    }
    let printed = if json {
        print_json(&json!({
            "instances": outcomes
                .iter()
                .map(|outcome| outcome_json(outcome, language))
                .collect::<Vec<_>>(),
        }))
    } else if outcomes.len() > 1 {
        print(|out| print_summary(out, &outcomes, language))
    } else {
        Ok(())
    };
    if let Err(code) = printed {
        return code;
    }
    if outcomes.iter().any(|o| o.error.is_some()) {
        ExitCode::from(EXIT_FILE_PROBLEM)
    } else if outcomes.iter().all(|o| o.report.status.is_decided()) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
