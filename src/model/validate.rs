//! Validation: every problem in a scenario, each with its place and what would be valid.

use super::{FORMAT_VERSION, FullTimeHours, OFF, Rota, Scenario, time};
use std::collections::HashSet;
use std::fmt;

/// One problem in a scenario: where it is (`path`) and what is wrong with it.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The place, e.g. `shifts[2].end` or `needs.N[6]`: the file's own words, in every language.
    pub path: String,
    /// What is wrong and what would be valid; in words with `Problem::text` (in `crate::i18n`).
    pub what: ProblemKind,
}

impl Problem {
    /// A problem at `path`.
    pub fn new(path: impl Into<String>, what: ProblemKind) -> Self {
        Self {
            path: path.into(),
            what,
        }
    }
}

/// The unit of a range in [`ProblemKind::OutOfRange`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RangeUnit {
    /// A plain number.
    None,
    /// Hours.
    Hours,
    /// Hours per week.
    HoursPerWeek,
    /// Percent.
    Percent,
}

/// What is wrong at a place in a scenario, with the values. Quoted values are kept whole here
/// and cut to 60 characters when written.
#[derive(Clone, Debug, PartialEq)]
pub enum ProblemKind {
    /// The file is from a newer version of the program.
    NewerFormat {
        /// The file's format version.
        version: u32,
        /// The newest this program reads.
        supported: u32,
    },
    /// A number outside what the field allows.
    OutOfRange {
        /// The value.
        value: f64,
        /// The lowest allowed.
        low: f64,
        /// The highest allowed.
        high: f64,
        /// What it counts.
        unit: RangeUnit,
    },
    /// A cycle length outside 1–52 weeks.
    CycleLength {
        /// Weeks given.
        weeks: u32,
    },
    /// A weekend frequency the cycle cannot have.
    WeekendFrequency {
        /// Every f-th weekend.
        frequency: u32,
        /// Weeks in the cycle.
        weeks: u32,
    },
    /// A shift without a code.
    EmptyCode,
    /// A code with spaces, or "-" or "|".
    BadCode {
        /// The code as written.
        code: String,
    },
    /// A code an earlier shift has.
    DuplicateCode {
        /// The code.
        code: String,
    },
    /// A shift's start that is not a time of day.
    BadStart {
        /// The text as written.
        text: String,
    },
    /// A time (a shift's end, the night's start or end) that is not a time of day.
    BadTime {
        /// The text as written.
        text: String,
    },
    /// A break as long as the shift.
    BreakTooLong {
        /// The break.
        break_minutes: u32,
        /// The shift's length.
        shift_minutes: f64,
    },
    /// A list of weekday numbers that is not 7 long.
    WeekdayCount {
        /// Numbers given.
        count: usize,
    },
    /// A negative headcount.
    Negative {
        /// The value.
        value: i64,
    },
    /// More than 500 people on one shift.
    TooManyPeople {
        /// The value.
        value: i64,
    },
    /// Needs for a shift that is not defined.
    UndefinedNeedShift {
        /// The code.
        code: String,
    },
    /// A qualification need for a shift that is not defined.
    UndefinedShift {
        /// The code.
        code: String,
    },
    /// More qualified people needed than people needed on the shift.
    QualifiedAboveNeed {
        /// Qualified people needed.
        min: i64,
        /// The qualification.
        qualification: super::Qualification,
        /// People needed on the shift that day.
        on_shift: i64,
        /// The shift code.
        code: String,
    },
    /// An employee without a name.
    EmptyName,
    /// A name an earlier employee has.
    DuplicateName {
        /// The name.
        name: String,
    },
    /// Today's position above the person's maximum.
    AboveMaximum {
        /// Today's position in %.
        position: f64,
        /// The maximum in %.
        max: f64,
    },
    /// A wished-for position outside today's and the maximum.
    WantedOutside {
        /// The wish in %.
        wanted: f64,
        /// Today's position in %.
        position: f64,
        /// The maximum in %.
        max: f64,
    },
    /// A minimum by agreement above the ordinary minimum.
    AgreedAboveOrdinary {
        /// The agreed minimum, in hours.
        agreed: f64,
        /// The ordinary minimum, in hours.
        ordinary: f64,
    },
    /// The 3-shift full time above the rota full time.
    ThreeShiftAboveRota {
        /// The 3-shift full time.
        three_shift: f64,
        /// The rota full time.
        rota: f64,
    },
    /// An averaging period outside 1–52 weeks.
    AveragingWeeks {
        /// Weeks given.
        weeks: u32,
    },
    /// A limit on days in a row outside 1–14.
    ConsecutiveDaysLimit {
        /// Days given.
        days: u32,
    },
    /// A rota line with another number of days than the cycle.
    LineLength {
        /// Days given.
        days: usize,
        /// Weeks in the cycle.
        weeks: u32,
        /// Days in the cycle.
        cycle_days: usize,
    },
    /// A rota cell with a code that is not defined.
    UndefinedCell {
        /// The code.
        code: String,
    },
    /// A rota line held by someone not in staff.
    UnknownEmployee {
        /// The name.
        name: String,
    },
    /// The file cannot be read as a scenario: the line and column, what was found there and
    /// what would be valid (see `crate::io`). The problem's path is the field the reader was
    /// in, empty outside any field.
    Unreadable(super::LoadError),
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

impl fmt::Display for Problem {
    /// "path: what", in English.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(crate::i18n::Language::English))
    }
}

/// Lists every problem in the scenario; empty when it is valid.
pub fn validate(scenario: &Scenario) -> Vec<Problem> {
    let mut problems = Vec::new();
    if scenario.format_version > FORMAT_VERSION {
        problems.push(Problem::new(
            "format_version",
            ProblemKind::NewerFormat {
                version: scenario.format_version,
                supported: FORMAT_VERSION,
            },
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
    unit: RangeUnit,
) {
    if !value.is_finite() || value < low || value > high {
        problems.push(Problem::new(
            path,
            ProblemKind::OutOfRange {
                value,
                low,
                high,
                unit,
            },
        ));
    }
}

fn check_rota_settings(scenario: &Scenario, problems: &mut Vec<Problem>) {
    let rota = &scenario.rota;
    if !(1..=52).contains(&rota.weeks) {
        problems.push(Problem::new(
            "rota.weeks",
            ProblemKind::CycleLength { weeks: rota.weeks },
        ));
    }
    if rota.weekend_frequency < 1 || rota.weekend_frequency > rota.weeks.max(1) {
        problems.push(Problem::new(
            "rota.weekend_frequency",
            ProblemKind::WeekendFrequency {
                frequency: rota.weekend_frequency,
                weeks: rota.weeks,
            },
        ));
    }
    if let FullTimeHours::Hours(hours) = rota.full_time {
        check_range(
            problems,
            "rota.full_time",
            hours,
            1.0,
            48.0,
            RangeUnit::HoursPerWeek,
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
                ProblemKind::EmptyCode,
            ));
        } else if code.contains(char::is_whitespace) || code == OFF || code == "|" {
            problems.push(Problem::new(
                format!("{place}.code"),
                ProblemKind::BadCode {
                    code: shift.code.clone(),
                },
            ));
        } else if !seen.insert(code.to_string()) {
            problems.push(Problem::new(
                format!("{place}.code"),
                ProblemKind::DuplicateCode {
                    code: code.to_string(),
                },
            ));
        }
        let start = shift.start_minute();
        if start.is_none() {
            problems.push(Problem::new(
                format!("{place}.start"),
                ProblemKind::BadStart {
                    text: shift.start.clone(),
                },
            ));
        }
        if time::parse_hhmm(&shift.end).is_none() {
            problems.push(Problem::new(
                format!("{place}.end"),
                ProblemKind::BadTime {
                    text: shift.end.clone(),
                },
            ));
        }
        if start.is_some() && shift.end_minute().is_some() {
            let duration_minutes = shift.duration_hours() * 60.0;
            if f64::from(shift.break_minutes) >= duration_minutes {
                problems.push(Problem::new(
                    format!("{place}.break_minutes"),
                    ProblemKind::BreakTooLong {
                        break_minutes: shift.break_minutes,
                        shift_minutes: duration_minutes,
                    },
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
                RangeUnit::Hours,
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
            ProblemKind::WeekdayCount {
                count: values.len(),
            },
        ));
    }
    for (day, &value) in values.iter().enumerate() {
        if value < 0 {
            problems.push(Problem::new(
                format!("{path}[{day}]"),
                ProblemKind::Negative { value },
            ));
        } else if value > 500 {
            problems.push(Problem::new(
                format!("{path}[{day}]"),
                ProblemKind::TooManyPeople { value },
            ));
        }
    }
}

fn check_needs(scenario: &Scenario, problems: &mut Vec<Problem>) {
    for (code, counts) in &scenario.needs {
        if !is_defined(scenario, code) {
            problems.push(Problem::new(
                "needs",
                ProblemKind::UndefinedNeedShift { code: code.clone() },
            ));
        }
        check_weekday_counts(problems, &format!("needs.{}", cut(code)), counts);
    }
    for (index, need) in scenario.qualified_needs.iter().enumerate() {
        let place = format!("qualified_needs[{index}]");
        if !is_defined(scenario, &need.shift) {
            problems.push(Problem::new(
                format!("{place}.shift"),
                ProblemKind::UndefinedShift {
                    code: need.shift.clone(),
                },
            ));
        }
        check_weekday_counts(problems, &format!("{place}.min"), &need.min);
        let total = scenario.needs.get(&need.shift);
        for (day, &min) in need.min.iter().enumerate().take(7) {
            let on_shift = total.and_then(|t| t.get(day)).copied().unwrap_or(0);
            if min > on_shift {
                problems.push(Problem::new(
                    format!("{place}.min[{day}]"),
                    ProblemKind::QualifiedAboveNeed {
                        min,
                        qualification: need.qualification,
                        on_shift,
                        code: need.shift.clone(),
                    },
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
                ProblemKind::EmptyName,
            ));
        } else if !names.insert(employee.name.trim().to_string()) {
            problems.push(Problem::new(
                format!("{place}.name"),
                ProblemKind::DuplicateName {
                    name: employee.name.clone(),
                },
            ));
        }
        check_range(
            problems,
            &format!("{place}.max_pct"),
            employee.max_pct,
            1.0,
            100.0,
            RangeUnit::Percent,
        );
        check_range(
            problems,
            &format!("{place}.position_pct"),
            employee.position_pct,
            0.0,
            100.0,
            RangeUnit::Percent,
        );
        if employee.position_pct > employee.max_pct {
            problems.push(Problem::new(
                format!("{place}.position_pct"),
                ProblemKind::AboveMaximum {
                    position: employee.position_pct,
                    max: employee.max_pct,
                },
            ));
        }
        if let Some(wanted) = employee.wanted_pct
            && !(employee.position_pct..=employee.max_pct).contains(&wanted)
        {
            problems.push(Problem::new(
                format!("{place}.wanted_pct"),
                ProblemKind::WantedOutside {
                    wanted,
                    position: employee.position_pct,
                    max: employee.max_pct,
                },
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
        check_range(
            problems,
            &format!("rules.{name}"),
            value,
            low,
            high,
            RangeUnit::None,
        );
    }
    if rules.min_daily_rest_agreed_hours > rules.min_daily_rest_hours {
        problems.push(Problem::new(
            "rules.min_daily_rest_agreed_hours",
            ProblemKind::AgreedAboveOrdinary {
                agreed: rules.min_daily_rest_agreed_hours,
                ordinary: rules.min_daily_rest_hours,
            },
        ));
    }
    if rules.min_weekly_rest_agreed_hours > rules.min_weekly_rest_hours {
        problems.push(Problem::new(
            "rules.min_weekly_rest_agreed_hours",
            ProblemKind::AgreedAboveOrdinary {
                agreed: rules.min_weekly_rest_agreed_hours,
                ordinary: rules.min_weekly_rest_hours,
            },
        ));
    }
    if rules.three_shift_full_time_hours > rules.rota_full_time_hours {
        problems.push(Problem::new(
            "rules.three_shift_full_time_hours",
            ProblemKind::ThreeShiftAboveRota {
                three_shift: rules.three_shift_full_time_hours,
                rota: rules.rota_full_time_hours,
            },
        ));
    }
    if !(1..=52).contains(&rules.averaging_weeks) {
        problems.push(Problem::new(
            "rules.averaging_weeks",
            ProblemKind::AveragingWeeks {
                weeks: rules.averaging_weeks,
            },
        ));
    }
    if !(1..=14).contains(&rules.max_consecutive_work_days) {
        problems.push(Problem::new(
            "rules.max_consecutive_work_days",
            ProblemKind::ConsecutiveDaysLimit {
                days: rules.max_consecutive_work_days,
            },
        ));
    }
    for (name, value) in [
        ("night_start", &rules.night_start),
        ("night_end", &rules.night_end),
    ] {
        if time::parse_hhmm(value).is_none() {
            problems.push(Problem::new(
                format!("rules.{name}"),
                ProblemKind::BadTime {
                    text: value.clone(),
                },
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
                ProblemKind::LineLength {
                    days: cells.len(),
                    weeks: scenario.rota.weeks,
                    cycle_days: days,
                },
            ));
        }
        for (k, &day) in line.locked_days.iter().enumerate() {
            check_range(
                problems,
                &format!("{place}.locked_days[{k}]"),
                f64::from(day),
                1.0,
                days as f64,
                RangeUnit::None,
            );
        }
        for (day, cell) in cells.iter().enumerate() {
            if *cell != OFF && !is_defined(scenario, cell) {
                problems.push(Problem::new(
                    format!("{place}.days[{day}]"),
                    ProblemKind::UndefinedCell {
                        code: cell.to_string(),
                    },
                ));
            }
        }
        if let Some(name) = &line.employee
            && !scenario.staff.iter().any(|e| e.name.trim() == name.trim())
        {
            problems.push(Problem::new(
                format!("{place}.employee"),
                ProblemKind::UnknownEmployee { name: name.clone() },
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
