//! Validation: every problem in a scenario, each with its place and what would be valid.

use super::{FORMAT_VERSION, FullTimeHours, OFF, Rota, Scenario, time};
use std::collections::HashSet;
use std::fmt;

/// One problem in a scenario: where it is (`path`) and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The place, e.g. `shifts[2].end` or `needs.N[6]`.
    pub path: String,
    /// What is wrong and what would be valid.
    pub message: String,
}

impl Problem {
    /// A problem at `path`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// Longest value quoted back in a message, in characters: a 100,000-character name is not
/// echoed whole.
const MAX_QUOTED: usize = 60;

/// `text` cut to 60 characters, "…" marking the cut, on one line (a line break shows as \n).
pub fn cut(text: &str) -> String {
    let mut shown: String = text
        .chars()
        .take(MAX_QUOTED)
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_debug().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect();
    if text.chars().count() > MAX_QUOTED {
        shown.push('…');
    }
    shown
}

/// `text` in double quotes, cut to 60 characters.
fn quoted(text: &str) -> String {
    format!("\"{}\"", cut(text))
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Lists every problem in the scenario; empty when it is valid.
pub fn validate(scenario: &Scenario) -> Vec<Problem> {
    let mut problems = Vec::new();
    if scenario.format_version > FORMAT_VERSION {
        problems.push(Problem::new(
            "format_version",
            format!(
                "{} is newer than this program understands ({FORMAT_VERSION})",
                scenario.format_version
            ),
        ));
    }
    check_rota_settings(scenario, &mut problems);
    check_shifts(scenario, &mut problems);
    check_needs(scenario, &mut problems);
    check_staff(scenario, &mut problems);
    check_rules(scenario, &mut problems);
    if let Some(today) = &scenario.today {
        check_rota(scenario, today, "today", &mut problems);
    }
    if let Some(proposal) = &scenario.proposal {
        check_rota(scenario, &proposal.rota, "proposal.rota", &mut problems);
    }
    problems
}

fn check_range(
    problems: &mut Vec<Problem>,
    path: &str,
    value: f64,
    low: f64,
    high: f64,
    unit: &str,
) {
    if !value.is_finite() || value < low || value > high {
        problems.push(Problem::new(
            path,
            format!("{value} is outside the valid range {low}–{high}{unit}"),
        ));
    }
}

fn check_rota_settings(scenario: &Scenario, problems: &mut Vec<Problem>) {
    let rota = &scenario.rota;
    if !(1..=52).contains(&rota.weeks) {
        problems.push(Problem::new(
            "rota.weeks",
            format!("{} weeks is not a cycle length; use 1–52 weeks", rota.weeks),
        ));
    }
    if rota.weekend_frequency < 1 || rota.weekend_frequency > rota.weeks.max(1) {
        problems.push(Problem::new(
            "rota.weekend_frequency",
            format!(
                "every {}. weekend is not possible in a {}-week cycle; use 1–{}",
                rota.weekend_frequency,
                rota.weeks,
                rota.weeks.max(1)
            ),
        ));
    }
    if let FullTimeHours::Hours(hours) = rota.full_time {
        check_range(
            problems,
            "rota.full_time",
            hours,
            1.0,
            48.0,
            " hours per week",
        );
    }
}

fn check_shifts(scenario: &Scenario, problems: &mut Vec<Problem>) {
    let mut seen = HashSet::new();
    for (index, shift) in scenario.shifts.iter().enumerate() {
        let place = format!("shifts[{index}]");
        let code = shift.code.trim();
        if code.is_empty() {
            problems.push(Problem::new(
                format!("{place}.code"),
                "is empty; give the shift a short code such as \"D\"",
            ));
        } else if code.contains(char::is_whitespace) || code == OFF || code == "|" {
            problems.push(Problem::new(
                format!("{place}.code"),
                format!(
                    "{} cannot be a code; use letters without spaces, not \"-\" or \"|\"",
                    quoted(&shift.code)
                ),
            ));
        } else if !seen.insert(code.to_string()) {
            problems.push(Problem::new(
                format!("{place}.code"),
                format!(
                    "{} is used by an earlier shift; codes must be unique",
                    quoted(code)
                ),
            ));
        }
        let start = shift.start_minute();
        if start.is_none() {
            problems.push(Problem::new(
                format!("{place}.start"),
                format!(
                    "{} is not a time of day (HH:MM, 00:00–23:59)",
                    quoted(&shift.start)
                ),
            ));
        }
        if time::parse_hhmm(&shift.end).is_none() {
            problems.push(Problem::new(
                format!("{place}.end"),
                format!("{} is not a time of day (HH:MM)", quoted(&shift.end)),
            ));
        }
        if start.is_some() && shift.end_minute().is_some() {
            let duration_minutes = shift.duration_hours() * 60.0;
            if f64::from(shift.break_minutes) >= duration_minutes {
                problems.push(Problem::new(
                    format!("{place}.break_minutes"),
                    format!(
                        "{} minutes is as long as the shift ({} minutes); it must be shorter",
                        shift.break_minutes, duration_minutes
                    ),
                ));
            }
        }
        if let Some(paid) = shift.paid_hours {
            check_range(
                problems,
                &format!("{place}.paid_hours"),
                paid,
                0.5,
                24.0,
                " hours",
            );
        }
    }
}

fn is_defined(scenario: &Scenario, code: &str) -> bool {
    scenario.shifts.iter().any(|s| s.code.trim() == code)
}

fn check_weekday_counts(problems: &mut Vec<Problem>, path: &str, values: &[i64]) {
    if values.len() != 7 {
        problems.push(Problem::new(
            path,
            format!("has {} numbers; give 7, Monday to Sunday", values.len()),
        ));
    }
    for (day, &value) in values.iter().enumerate() {
        if value < 0 {
            problems.push(Problem::new(
                format!("{path}[{day}]"),
                format!("{value} is negative"),
            ));
        } else if value > 500 {
            problems.push(Problem::new(
                format!("{path}[{day}]"),
                format!("{value} is more than 500 people on one shift"),
            ));
        }
    }
}

fn check_needs(scenario: &Scenario, problems: &mut Vec<Problem>) {
    for (code, counts) in &scenario.needs {
        if !is_defined(scenario, code) {
            problems.push(Problem::new(
                "needs",
                format!(
                    "shift {} is not defined; define it under shifts or remove it",
                    quoted(code)
                ),
            ));
        }
        check_weekday_counts(problems, &format!("needs.{}", cut(code)), counts);
    }
    for (index, need) in scenario.qualified_needs.iter().enumerate() {
        let place = format!("qualified_needs[{index}]");
        if !is_defined(scenario, &need.shift) {
            problems.push(Problem::new(
                format!("{place}.shift"),
                format!("shift {} is not defined", quoted(&need.shift)),
            ));
        }
        check_weekday_counts(problems, &format!("{place}.min"), &need.min);
        let total = scenario.needs.get(&need.shift);
        for (day, &min) in need.min.iter().enumerate().take(7) {
            let on_shift = total.and_then(|t| t.get(day)).copied().unwrap_or(0);
            if min > on_shift {
                problems.push(Problem::new(
                    format!("{place}.min[{day}]"),
                    format!(
                        "{min} {:?} is more than the {on_shift} people needed on {} that day",
                        need.qualification,
                        cut(&need.shift)
                    ),
                ));
            }
        }
    }
}

fn check_staff(scenario: &Scenario, problems: &mut Vec<Problem>) {
    let mut names = HashSet::new();
    for (index, employee) in scenario.staff.iter().enumerate() {
        let place = format!("staff[{index}]");
        if employee.name.trim().is_empty() {
            problems.push(Problem::new(
                format!("{place}.name"),
                "is empty; give a name or a label such as \"Ansatt 1\"",
            ));
        } else if !names.insert(employee.name.trim().to_string()) {
            problems.push(Problem::new(
                format!("{place}.name"),
                format!(
                    "{} is used by an earlier employee; names must be unique",
                    quoted(&employee.name)
                ),
            ));
        }
        check_range(
            problems,
            &format!("{place}.max_pct"),
            employee.max_pct,
            1.0,
            100.0,
            " %",
        );
        check_range(
            problems,
            &format!("{place}.position_pct"),
            employee.position_pct,
            0.0,
            100.0,
            " %",
        );
        if employee.position_pct > employee.max_pct {
            problems.push(Problem::new(
                format!("{place}.position_pct"),
                format!(
                    "{} % is above the person's maximum {} %",
                    employee.position_pct, employee.max_pct
                ),
            ));
        }
        if let Some(wanted) = employee.wanted_pct
            && !(employee.position_pct..=employee.max_pct).contains(&wanted)
        {
            problems.push(Problem::new(
                format!("{place}.wanted_pct"),
                format!(
                    "{wanted} % must lie between today's {} % and the maximum {} %",
                    employee.position_pct, employee.max_pct
                ),
            ));
        }
    }
}

fn check_rules(scenario: &Scenario, problems: &mut Vec<Problem>) {
    let rules = &scenario.rules;
    let hours = [
        (
            "min_daily_rest_hours",
            rules.min_daily_rest_hours,
            0.0,
            24.0,
        ),
        (
            "min_daily_rest_agreed_hours",
            rules.min_daily_rest_agreed_hours,
            0.0,
            24.0,
        ),
        (
            "min_weekly_rest_hours",
            rules.min_weekly_rest_hours,
            0.0,
            72.0,
        ),
        (
            "min_weekly_rest_agreed_hours",
            rules.min_weekly_rest_agreed_hours,
            0.0,
            72.0,
        ),
        ("max_shift_hours", rules.max_shift_hours, 1.0, 24.0),
        (
            "max_hours_single_week",
            rules.max_hours_single_week,
            1.0,
            168.0,
        ),
        (
            "max_average_hours_per_week",
            rules.max_average_hours_per_week,
            1.0,
            168.0,
        ),
        (
            "day_work_full_time_hours",
            rules.day_work_full_time_hours,
            1.0,
            48.0,
        ),
        (
            "rota_full_time_hours",
            rules.rota_full_time_hours,
            1.0,
            48.0,
        ),
        (
            "three_shift_full_time_hours",
            rules.three_shift_full_time_hours,
            1.0,
            48.0,
        ),
        (
            "full_time_tolerance_pct",
            rules.full_time_tolerance_pct,
            0.0,
            10.0,
        ),
        ("min_position_pct", rules.min_position_pct, 0.0, 100.0),
    ];
    for (name, value, low, high) in hours {
        check_range(problems, &format!("rules.{name}"), value, low, high, "");
    }
    if rules.min_daily_rest_agreed_hours > rules.min_daily_rest_hours {
        problems.push(Problem::new(
            "rules.min_daily_rest_agreed_hours",
            format!(
                "{} h is more than the ordinary minimum {} h; an agreement can only lower it",
                rules.min_daily_rest_agreed_hours, rules.min_daily_rest_hours
            ),
        ));
    }
    if rules.min_weekly_rest_agreed_hours > rules.min_weekly_rest_hours {
        problems.push(Problem::new(
            "rules.min_weekly_rest_agreed_hours",
            format!(
                "{} h is more than the ordinary minimum {} h; an agreement can only lower it",
                rules.min_weekly_rest_agreed_hours, rules.min_weekly_rest_hours
            ),
        ));
    }
    if rules.three_shift_full_time_hours > rules.rota_full_time_hours {
        problems.push(Problem::new(
            "rules.three_shift_full_time_hours",
            format!(
                "{} h is more than the rota full time {} h; HTA § 4.2.4 needs the lower clamp first",
                rules.three_shift_full_time_hours, rules.rota_full_time_hours
            ),
        ));
    }
    if !(1..=52).contains(&rules.averaging_weeks) {
        problems.push(Problem::new(
            "rules.averaging_weeks",
            format!(
                "{} is not an averaging period; use 1–52 weeks",
                rules.averaging_weeks
            ),
        ));
    }
    if !(1..=14).contains(&rules.max_consecutive_work_days) {
        problems.push(Problem::new(
            "rules.max_consecutive_work_days",
            format!(
                "{} is not a useful limit; use 1–14 days",
                rules.max_consecutive_work_days
            ),
        ));
    }
    for (name, value) in [
        ("night_start", &rules.night_start),
        ("night_end", &rules.night_end),
    ] {
        if time::parse_hhmm(value).is_none() {
            problems.push(Problem::new(
                format!("rules.{name}"),
                format!("{} is not a time of day (HH:MM)", quoted(value)),
            ));
        }
    }
}

fn check_rota(scenario: &Scenario, rota: &Rota, path: &str, problems: &mut Vec<Problem>) {
    let days = scenario.rota.weeks as usize * 7;
    for (index, line) in rota.lines.iter().enumerate() {
        let place = format!("{path}.lines[{index}]");
        let cells = line.cells();
        if cells.len() != days {
            problems.push(Problem::new(
                format!("{place}.days"),
                format!(
                    "has {} days; a {}-week cycle has {days} (a shift code or \"-\" per day)",
                    cells.len(),
                    scenario.rota.weeks
                ),
            ));
        }
        for (day, cell) in cells.iter().enumerate() {
            if *cell != OFF && !is_defined(scenario, cell) {
                problems.push(Problem::new(
                    format!("{place}.days[{day}]"),
                    format!(
                        "shift {} is not defined; use a defined code or \"-\"",
                        quoted(cell)
                    ),
                ));
            }
        }
        if let Some(name) = &line.employee
            && !scenario.staff.iter().any(|e| e.name.trim() == name.trim())
        {
            problems.push(Problem::new(
                format!("{place}.employee"),
                format!(
                    "{} is not in staff; add the person or leave the line vacant",
                    quoted(name)
                ),
            ));
        }
    }
}

/// Something valid that a planner should know before solving.
#[derive(Clone, Debug, PartialEq)]
pub enum Warning {
    /// The cycle is not a whole number of weekend rounds: lines cannot share the weekends evenly,
    /// and the weekend groups (line *l* works weeks *w ≡ l mod f*) do not repeat with the cycle.
    CycleNotMultipleOfWeekendFrequency {
        /// Weeks in the cycle.
        weeks: u32,
        /// Works every f-th weekend.
        weekend_frequency: u32,
        /// The nearest shorter length that is a multiple, if any.
        shorter: Option<u32>,
        /// The nearest longer length that is a multiple (within 52 weeks), if any.
        longer: Option<u32>,
    },
}

impl Warning {
    /// The field the warning is about.
    pub fn path(&self) -> &'static str {
        match self {
            Warning::CycleNotMultipleOfWeekendFrequency { .. } => "rota.weeks",
        }
    }

    /// The warning in words, in `language`.
    pub fn text(&self, language: crate::i18n::Language) -> String {
        use crate::i18n::Language;
        match self {
            Warning::CycleNotMultipleOfWeekendFrequency {
                weeks,
                weekend_frequency,
                shorter,
                longer,
            } => {
                let options: Vec<String> = [shorter, longer]
                    .iter()
                    .filter_map(|o| o.map(|w| w.to_string()))
                    .collect();
                let every = language.every_nth(*weekend_frequency);
                match language {
                    Language::Bokmal => format!(
                        "Turnusperioden på {weeks} uker går ikke opp i {every} helg: hver linje kan bare jobbe {} av periodens {weeks} helger, så helgene trenger flere hoder enn {every} helg gir. Nærmeste lengder som går opp: {} uker.",
                        weeks / weekend_frequency,
                        options.join(" eller ")
                    ),
                    Language::English => format!(
                        "A cycle of {weeks} weeks is not a multiple of {every} weekend: each line can work only {} of the cycle's {weeks} weekends, so the weekends need more heads than {every} weekend gives. The nearest lengths that are: {} weeks.",
                        weeks / weekend_frequency,
                        options.join(" or ")
                    ),
                }
            }
        }
    }
}

/// What a valid scenario should still be told before solving.
pub fn warnings(scenario: &Scenario) -> Vec<Warning> {
    let mut warnings = Vec::new();
    let (weeks, f) = (scenario.rota.weeks, scenario.rota.weekend_frequency);
    if f > 1 && weeks >= 1 && !weeks.is_multiple_of(f) {
        let shorter = Some(weeks / f * f).filter(|&w| w >= 1);
        let longer = Some((weeks / f + 1) * f).filter(|&w| w <= 52);
        warnings.push(Warning::CycleNotMultipleOfWeekendFrequency {
            weeks,
            weekend_frequency: f,
            shorter,
            longer,
        });
    }
    warnings
}
