//! `heltid solve`: run the optimizer on a scenario and print or save the proposal.

use super::{
    EXIT_FILE_PROBLEM, bounds_json, load_or_report, out_problem, print, print_json, stats_json,
    tell,
};
use crate::calc::{self, PositionStats};
use crate::i18n::Language;
use crate::io::save_scenario;
use crate::model::{Scenario, SolveMode, time};
use crate::solve::{SolveControl, SolveOptions, SolveReport, SolveStatus, solve};
use serde_json::{Value, json};
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

fn mode_name(mode: SolveMode) -> &'static str {
    match mode {
        SolveMode::Ideal => "ideal",
        SolveMode::Today => "today",
        SolveMode::Rotating => "rotating",
    }
}

/// The effective problem the model used, so anyone can check the lines independently.
fn problem_json(scenario: &Scenario, report: &SolveReport) -> Value {
    let rules = &scenario.rules;
    let needed: Vec<_> = scenario
        .shifts
        .iter()
        .filter(|s| {
            scenario
                .needs
                .get(s.code.trim())
                .is_some_and(|n| n.iter().any(|&c| c > 0))
        })
        .collect();
    json!({
        "weeks": scenario.rota.weeks,
        "weekend_frequency": scenario.rota.weekend_frequency,
        "full_time_hours": report.full_time_hours,
        "coverage_exact": rules.coverage_exact,
        "friday_night_is_weekend": scenario.rota.friday_night_is_weekend,
        "shifts": needed.iter().map(|s| json!({
            "code": s.code.trim(),
            "start": time::format_hhmm(s.start_minute().unwrap_or(0)),
            "end": time::format_hhmm(s.end_minute().unwrap_or(0)),
            "hours": s.hours(),
            "night": s.kind == crate::model::ShiftKind::Night,
        })).collect::<Vec<_>>(),
        "needs": needed.iter().map(|s| (s.code.trim().to_string(), json!(scenario.needs[s.code.trim()]))).collect::<serde_json::Map<_, _>>(),
        "rules": {
            "min_daily_rest_hours": rules.min_daily_rest_hours,
            "min_weekly_rest_hours": rules.min_weekly_rest_hours,
            "max_consecutive_work_days": rules.max_consecutive_work_days,
            "max_shift_hours": rules.max_shift_hours,
            "max_hours_per_7_days": rules.max_hours_single_week,
            "whole_weekends": rules.whole_weekends,
            "sunday_off_after_sunday_work": rules.sunday_off_after_sunday_work,
            "min_position_pct": rules.min_position_pct,
            "full_time_tolerance_pct": rules.full_time_tolerance_pct,
        },
    })
}

fn distribution_json(stats: &PositionStats, positions: &[f64]) -> Value {
    let mut value = stats_json(stats);
    value["positions_pct"] = json!(positions);
    value
}

/// The rota's quality (calc::quality), and before the quality phase when it ran.
fn quality_json(scenario: &Scenario, report: &SolveReport) -> Value {
    let summary = |quality: &calc::RotaQuality| {
        json!({
            "score": quality.score(),
            "singles_per_line_per_6_weeks": quality.singles_per_line_per_6_weeks(),
            "average_week_hours_spread": quality.average_week_spread(),
            "single_work_days": quality.lines.iter().map(|l| l.single_work_days).sum::<u32>(),
            "single_days_off": quality.lines.iter().map(|l| l.single_days_off).sum::<u32>(),
            "kind_changes": quality.lines.iter().map(|l| l.kind_changes).sum::<u32>(),
            "backward_rotations": quality.lines.iter().map(|l| l.backward_rotations).sum::<u32>(),
            "long_blocks": quality.lines.iter().map(|l| l.long_blocks).sum::<u32>(),
            "split_weekends": quality.lines.iter().map(|l| l.split_weekends).sum::<u32>(),
            "lines": quality.lines.iter().map(|l| json!({
                "score": l.score,
                "single_work_days": l.single_work_days,
                "single_days_off": l.single_days_off,
                "kind_changes": l.kind_changes,
                "backward_rotations": l.backward_rotations,
                "week_hours_spread": l.week_hours_spread,
                "largest_week_hours": l.largest_week_hours,
                "long_blocks": l.long_blocks,
                "split_weekends": l.split_weekends,
            })).collect::<Vec<_>>(),
        })
    };
    let cells: Vec<Vec<String>> = report.lines.iter().map(|l| l.cells.clone()).collect();
    let mut value = summary(&calc::rota_quality(scenario, &cells));
    if let Some(phase) = &report.quality_phase {
        value["before_phase"] = summary(&calc::rota_quality(scenario, &phase.cells_before));
        value["phase_proven"] = json!(phase.proven);
        value["phase_seconds"] = json!(phase.seconds);
    }
    value
}

fn report_json(scenario: &Scenario, report: &SolveReport, language: Language) -> Value {
    let full_time_from = 100.0 - scenario.rules.full_time_tolerance_pct;
    let before: Vec<f64> = scenario.staff.iter().map(|e| e.position_pct).collect();
    let after = report.positions();
    let after_stats = calc::position_stats(&after, full_time_from);
    json!({
        "status": report.status.as_str(),
        "mode": mode_name(report.mode),
        "solve_seconds": report.solve_seconds,
        "gap_pct": report.gap_pct,
        "objective": report.objective,
        "best_bound": report.best_bound,
        "problem": problem_json(scenario, report),
        "lines": report.lines.iter().enumerate().map(|(id, line)| json!({
            "id": id,
            "employee": line.employee,
            "qualification": line.qualification.map(|q| format!("{q:?}")),
            "position_pct": line.position_pct,
            "hours_per_week": line.hours_per_week,
            "days": line.cells,
        })).collect::<Vec<_>>(),
        "heads": report.lines.len(),
        "average_position_pct": after_stats.average_pct,
        "proven_lower_bound_heads": report.proven_lower_bound_heads,
        "bounds": bounds_json(&report.bounds),
        "before": distribution_json(&calc::position_stats(&before, full_time_from), &before),
        "after": distribution_json(&after_stats, &after),
        "buffer_staffing": report.buffer_staffing,
        "quality": quality_json(scenario, report),
        "diagnosis": report.diagnosis.iter().map(|d| d.text(language)).collect::<Vec<_>>(),
        "targets": report.targets.iter().map(|t| json!({
            "target": t.name(language),
            "lines": t.lines,
            "reached": t.reached,
            "best_possible": t.best_possible,
            "met": t.met(),
            "proven": t.proven(),
            "explanation": t.explain(&report.arithmetic(), language),
        })).collect::<Vec<_>>(),
        "violations": report.violations.iter().map(|v| json!({
            "rule": v.rule,
            "severity": format!("{:?}", v.severity).to_lowercase(),
            "line": v.line,
            "days": v.days,
            "message": v.text(language),
        })).collect::<Vec<_>>(),
    })
}

/// The status word: "optimal", "feasible", … in English (as in JSON), the app's words in bokmål.
fn status_text(status: SolveStatus, language: Language) -> &'static str {
    match (status, language) {
        (_, Language::English) => status.as_str(),
        (SolveStatus::Optimal, Language::Bokmal) => "bevist best",
        (SolveStatus::Feasible, Language::Bokmal) => "gyldig forslag, ikke bevist best",
        (SolveStatus::Infeasible, Language::Bokmal) => "ingen turnus mulig",
        (SolveStatus::Timeout, Language::Bokmal) => "ingen turnus funnet innen tidsgrensen",
        (SolveStatus::Cancelled, Language::Bokmal) => "avbrutt",
    }
}

/// The mode: "ideal mode" in English, as the app names it in bokmål ("ideell struktur").
fn mode_text(mode: SolveMode, language: Language) -> String {
    match (mode, language) {
        (_, Language::English) => format!("{} mode", mode_name(mode)),
        (SolveMode::Ideal, Language::Bokmal) => "ideell struktur".into(),
        (SolveMode::Today, Language::Bokmal) => "fra dagens ansatte".into(),
        (SolveMode::Rotating, Language::Bokmal) => "rullerende turnus".into(),
    }
}

fn print_text(
    out: &mut dyn Write,
    scenario: &Scenario,
    report: &SolveReport,
    language: Language,
) -> io::Result<()> {
    let t = |nb, en| language.pick(nb, en);
    let n = |value: f64, decimals: usize| language.number(value, decimals);
    let status = status_text(report.status, language);
    let mode = mode_text(report.mode, language);
    let seconds = n(report.solve_seconds, 2);
    match language {
        Language::Bokmal => writeln!(
            out,
            "{}: {status} ({mode}) på {seconds} s",
            scenario.unit.name
        )?,
        Language::English => writeln!(
            out,
            "{}: {status} ({mode}) in {seconds} s",
            scenario.unit.name
        )?,
    }
    for line in &report.diagnosis {
        writeln!(out, "  {}", line.text(language))?;
    }
    if !report.status.has_proposal() {
        return Ok(());
    }
    let full_time_from = 100.0 - scenario.rules.full_time_tolerance_pct;
    let before: Vec<f64> = scenario.staff.iter().map(|e| e.position_pct).collect();
    let after = calc::position_stats(&report.positions(), full_time_from);
    let (weekend, hours, heads, proven) = (
        report.bounds.weekend_bound_heads,
        report.bounds.hours_bound_heads,
        report.lines.len(),
        report.proven_lower_bound_heads,
    );
    match language {
        Language::Bokmal => writeln!(
            out,
            "Helgegrense {weekend} hoder, timegrense {hours}; forslaget har {heads} hoder (bevist minimum {proven})."
        )?,
        Language::English => writeln!(
            out,
            "Weekend bound {weekend} heads, hours bound {hours}; proposal {heads} heads (proven minimum {proven})."
        )?,
    }
    writeln!(out)?;
    let weeks = scenario.rota.weeks as usize;
    for (id, line) in report.lines.iter().enumerate() {
        let who = crate::model::holder_label(line.employee.as_deref(), line.qualification, "ledig");
        let week_rows: Vec<String> = (0..weeks)
            .map(|w| {
                line.cells[w * 7..w * 7 + 7]
                    .iter()
                    .map(|c| format!("{c:<2}"))
                    .collect::<String>()
            })
            .collect();
        writeln!(
            out,
            "{id:>3} {who:<26} {:>6} % {:>5} {}  {}",
            n(line.position_pct, 1),
            n(line.hours_per_week, 1),
            t("t", "h"),
            week_rows.join("| ")
        )?;
    }
    writeln!(out)?;
    let today = calc::position_stats(&before, full_time_from);
    for (label, stats) in [(t("Før", "Before"), &today), (t("Etter", "After"), &after)] {
        if stats.heads > 0 {
            writeln!(
                out,
                "{:<7}{:>3} {}, {} {:>5} %, median {:>5} %, {} {:>5} %, under 50 % {:>5} %",
                format!("{label}:"),
                stats.heads,
                t("hoder", "heads"),
                t("snitt", "average"),
                n(stats.average_pct, 1),
                n(stats.median_pct, 1),
                t("heltid", "full time"),
                n(stats.full_time_share_pct, 1),
                n(stats.under_50_share_pct, 1)
            )?;
        }
    }
    for missed in report.missed_targets(language) {
        writeln!(out, "{missed}")?;
    }
    let agreements = report.violations.len();
    if agreements > 0 {
        match language {
            Language::Bokmal => writeln!(
                out,
                "{agreements} sted(er) er tillatt bare med lokal avtale; se heltid verify."
            )?,
            Language::English => writeln!(
                out,
                "{agreements} place(s) allowed only with a local agreement; see heltid verify."
            )?,
        }
    } else {
        writeln!(
            out,
            "{}",
            t(
                "Alle regler holder (kontrollert uavhengig).",
                "Every rule holds (checked independently)."
            )
        )?;
    }
    Ok(())
}

/// Runs `heltid solve`.
pub fn run(
    file: &Path,
    mode: SolveMode,
    time_limit: f64,
    quality_seconds: f64,
    json: bool,
    out: Option<&Path>,
    language: Language,
) -> ExitCode {
    let mut scenario = match load_or_report(
        file,
        json,
        language,
        |errors| json!({"status": "error", "errors": errors}),
    ) {
        Ok(scenario) => scenario,
        Err(code) => return code,
    };
    // Before the solve: a bad path found afterwards would cost the whole run.
    if let Some(problem) = out.and_then(|out| out_problem(out, file, true)) {
        if json {
            let _ = print_json(&json!({"status": "error", "errors": [problem]}));
        } else {
            tell!("{problem}");
        }
        return ExitCode::from(EXIT_FILE_PROBLEM);
    }
    let options = SolveOptions {
        mode,
        time_limit_seconds: time_limit,
        quality_seconds,
    };
    let report = solve(&scenario, &options, &SolveControl::default());
    if report.status.has_proposal() {
        // The effective problem: a rotating proposal has its own cycle length.
        report.apply_to(&mut scenario);
    }
    // Saved before printing, so a reader that stops early (`| head`) does not lose it.
    let saved = match out {
        Some(out) if report.status.has_proposal() => save_scenario(&scenario, out),
        _ => Ok(()),
    };
    let printed = if json {
        print_json(&report_json(&scenario, &report, language))
    } else {
        print(|out| print_text(out, &scenario, &report, language))
    };
    if let Err(error) = saved {
        tell!("{error}");
        return ExitCode::from(EXIT_FILE_PROBLEM);
    }
    if let Err(code) = printed {
        return code;
    }
    if report.status.has_proposal() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
