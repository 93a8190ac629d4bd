//! `heltid verify`: checks the file's saved proposal (or else today's rota) against every rule.

use super::{EXIT_FILE_PROBLEM, load_or_report, print, print_json, tell};
use crate::i18n::Language;
use crate::model::{Rota, Scenario};
use crate::rules::{self, Severity, Violation};
use serde_json::{Value, json};
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

/// Exit code when at least one rule is breached.
const EXIT_BREACHES: u8 = 1;

/// Which rota of the file is checked: the proposal when there is one, else today's.
fn rota_to_check(scenario: &Scenario) -> Option<(&'static str, &Rota)> {
    match (&scenario.proposal, &scenario.today) {
        (Some(proposal), _) => Some(("proposal", &proposal.rota)),
        (None, Some(today)) => Some(("today", today)),
        (None, None) => None,
    }
}

/// Checks the rota in `file` and prints the violations; exit 0 without breaches, 1 with
/// breaches, 2 when the file has problems or no rota; the text and the JSON's messages in
/// `language`.
pub fn run(file: &Path, json: bool, language: Language) -> ExitCode {
    let failed = |errors: Vec<String>| json!({"ok": false, "violations": [], "errors": errors});
    let scenario = match load_or_report(file, json, language, failed) {
        Ok(scenario) => scenario,
        Err(code) => return code,
    };
    let Some((checked, rota)) = rota_to_check(&scenario) else {
        let message = match language {
            Language::Bokmal => format!(
                "{}: ingen turnus å kontrollere; legg inn dagens turnus under `today: (lines: [...])` eller lagre et forslag",
                file.display()
            ),
            Language::English => format!(
                "{}: no rota to check; enter today's rota under `today: (lines: [...])` or save a proposal",
                file.display()
            ),
        };
        if json {
            let _ = print_json(&failed(vec![message]));
        } else {
            tell!("{message}");
        }
        return ExitCode::from(EXIT_FILE_PROBLEM);
    };
    let violations = rules::check_rota(&scenario, rota);
    let breaches = violations.iter().filter(|v| v.is_breach()).count();
    let printed = if json {
        print_json(&json!({
            "ok": breaches == 0,
            "checked": checked,
            "violations": violations.iter().map(|v| violation_json(rota, v, language)).collect::<Vec<_>>(),
        }))
    } else {
        print(|out| {
            print_text(
                out,
                &scenario,
                checked,
                rota,
                &violations,
                breaches,
                language,
            )
        })
    };
    if let Err(code) = printed {
        return code;
    }
    if breaches == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_BREACHES)
    }
}

fn employee(rota: &Rota, line: Option<usize>) -> Option<String> {
    line.and_then(|index| rota.lines.get(index))
        .and_then(|line| line.employee.as_ref())
        .map(|name| name.trim().to_string())
}

fn violation_json(rota: &Rota, violation: &Violation, language: Language) -> Value {
    json!({
        "rule": violation.rule,
        "severity": violation.severity.as_str(),
        "line": violation.line,
        "employee": employee(rota, violation.line),
        "days": violation.days,
        "message": violation.text(language),
        "reference": rules::rule_info(violation.rule).map_or("", |rule| rule.reference),
    })
}

/// "Tue week 2", "Tue week 2 – Wed week 2" for a run of days, or the days listed.
fn days_text(days: &[usize], cycle_days: usize, language: Language) -> String {
    let day_name = |day: usize| language.day(day);
    match days {
        [] => String::new(),
        [day] => day_name(*day),
        [first, .., last]
            if cycle_days > 0 && days.windows(2).all(|w| w[1] == (w[0] + 1) % cycle_days) =>
        {
            format!("{} – {}", day_name(*first), day_name(*last))
        }
        _ => days
            .iter()
            .map(|&day| day_name(day))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// "line 4 (Kari), Tue week 2 – Wed week 2" or "Tue week 2" or "whole rota".
fn place(rota: &Rota, violation: &Violation, cycle_days: usize, language: Language) -> String {
    let t = |nb, en| language.pick(nb, en);
    let line = violation.line.map(|index| {
        let who = employee(rota, Some(index)).unwrap_or_else(|| t("ledig", "vacancy").into());
        format!("{} {} ({who})", t("linje", "line"), index + 1)
    });
    let days = days_text(&violation.days, cycle_days, language);
    match (line, days.is_empty()) {
        (Some(line), true) => line,
        (Some(line), false) => format!("{line}, {days}"),
        (None, false) => days,
        (None, true) => t("hele turnusen", "whole rota").to_string(),
    }
}

fn print_text(
    out: &mut dyn Write,
    scenario: &Scenario,
    checked: &str,
    rota: &Rota,
    violations: &[Violation],
    breaches: usize,
    language: Language,
) -> io::Result<()> {
    let t = |nb, en| language.pick(nb, en);
    let name = if scenario.unit.name.is_empty() {
        "scenario"
    } else {
        &scenario.unit.name
    };
    let what = if checked == "proposal" {
        t("det lagrede forslaget", "the saved proposal")
    } else {
        t("dagens turnus", "today's rota")
    };
    let rule_count = rules::all_rules().len();
    let (lines, weeks) = (rota.lines.len(), scenario.rota.weeks);
    match language {
        Language::Bokmal => writeln!(
            out,
            "{name}: {what}, {lines} linjer over {weeks} uker, kontrollert mot {rule_count} regler"
        )?,
        Language::English => writeln!(
            out,
            "{name}: {what}, {lines} lines over {weeks} weeks, checked against {rule_count} rules"
        )?,
    }
    writeln!(out)?;
    let cycle_days = scenario.rota.weeks as usize * 7;
    for violation in violations {
        let severity = match (violation.severity, language) {
            (Severity::Breach, Language::Bokmal) => "BRUDD ",
            (Severity::Agreement, Language::Bokmal) => "AVTALE",
            (Severity::Breach, Language::English) => "BREACH   ",
            (Severity::Agreement, Language::English) => "AGREEMENT",
        };
        let info = rules::rule_info(violation.rule);
        let reference = info.map_or("", |rule| rule.reference);
        // The rule's Norwegian name in bokmål; its id (what --json and grep use) in English.
        let rule = match (language, info) {
            (Language::Bokmal, Some(info)) => info.name_nb,
            _ => violation.rule,
        };
        writeln!(
            out,
            "{severity} {}: {} [{rule}, {reference}]",
            place(rota, violation, cycle_days, language),
            violation.text(language),
        )?;
    }
    if !violations.is_empty() {
        writeln!(out)?;
    }
    let agreements = violations.len() - breaches;
    match language {
        Language::Bokmal => {
            let needing_agreement = match agreements {
                0 => String::new(),
                1 => "; 1 sted er tillatt bare med lokal avtale".to_string(),
                n => format!("; {n} steder er tillatt bare med lokal avtale"),
            };
            match breaches {
                0 => writeln!(
                    out,
                    "Ingen brudd: alle regler holder ({rule_count} regler kontrollert){needing_agreement}"
                ),
                n => writeln!(out, "{n} brudd{needing_agreement}"),
            }
        }
        Language::English => {
            let needing_agreement = match agreements {
                0 => String::new(),
                1 => "; 1 place is allowed only with a local agreement".to_string(),
                n => format!("; {n} places are allowed only with a local agreement"),
            };
            match breaches {
                0 => writeln!(
                    out,
                    "No breaches: every rule holds ({rule_count} rules checked){needing_agreement}"
                ),
                1 => writeln!(out, "1 breach{needing_agreement}"),
                n => writeln!(out, "{n} breaches{needing_agreement}"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_read_as_runs_or_lists() {
        let en = Language::English;
        assert_eq!(days_text(&[], 42, en), "");
        assert_eq!(days_text(&[8], 42, en), "Tue week 2");
        assert_eq!(days_text(&[8, 9], 42, en), "Tue week 2 – Wed week 2");
        assert_eq!(days_text(&[40, 41, 0], 42, en), "Sat week 6 – Mon week 1");
        assert_eq!(
            days_text(&[5, 6, 19, 20], 42, en),
            "Sat week 1, Sun week 1, Sat week 3, Sun week 3"
        );
        let nb = Language::Bokmal;
        assert_eq!(days_text(&[8, 9], 42, nb), "tir uke 2 – ons uke 2");
        assert_eq!(
            days_text(&[5, 6, 19, 20], 42, nb),
            "lør uke 1, søn uke 1, lør uke 3, søn uke 3"
        );
    }
}
