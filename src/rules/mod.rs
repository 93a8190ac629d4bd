//! The rule checker: every rota checked against AML chapter 10, HTA chapter 1 and the unit's
//! own rules, each breach pointed at a line and the days of the cycle.
//!
//! One file per rule; each has an id, a Norwegian and an English name, its legal reference and
//! a `check` that reads only the scenario and the rota. Nothing here is shared with the
//! optimizer: the checker is the independent second opinion on every proposal.
//!
//! Conventions: days are 0-based indices into the cycle (Monday of week 1 = 0), a shift
//! belongs to the day it starts, and the rota is cyclic: the last day is followed by day 0.

mod consecutive_days;
mod coverage;
mod daily_rest;
mod full_time_hours;
mod hours_per_week;
mod night_restriction;
mod position_size;
mod qualified_coverage;
mod shift_length;
mod sunday_work;
mod weekend_frequency;
mod weekly_rest;
mod whole_weekend;

use crate::model::{
    Employee, Qualification, Rota, RotaLine, Rules, Scenario, ShiftType, WEEKDAYS_EN,
};

/// Minutes in one day.
const DAY: i64 = 24 * 60;
/// Tolerance when comparing hours.
const EPS: f64 = 1e-9;

/// How serious a violation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Severity {
    /// Against the law, the tariff agreement or the unit's rule: the rota cannot be used.
    Breach,
    /// Allowed only with a local agreement (e.g. 8–11 h daily rest, AML § 10-8 (3)).
    Agreement,
}

impl Severity {
    /// "breach" or "agreement", as written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Breach => "breach",
            Self::Agreement => "agreement",
        }
    }
}

/// What a rule is and where it comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    /// Stable id, e.g. "daily_rest".
    pub id: &'static str,
    /// Short name in Norwegian bokmål.
    pub name_nb: &'static str,
    /// Short name in English.
    pub name_en: &'static str,
    /// The legal or local source, e.g. "AML § 10-8 (1)".
    pub reference: &'static str,
}

/// One rule not holding at one place.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    /// The rule's id (see [`all_rules`]).
    pub rule: &'static str,
    /// Breach, or allowed only with a local agreement.
    pub severity: Severity,
    /// Index of the rota line, or none when it concerns the whole rota (e.g. coverage).
    pub line: Option<usize>,
    /// The days concerned, 0-based indices into the cycle.
    pub days: Vec<usize>,
    /// What is wrong, with the numbers and places.
    pub message: String,
}

impl Violation {
    /// Whether this violation makes the rota unusable (an agreement-level one does not).
    pub fn is_breach(&self) -> bool {
        self.severity == Severity::Breach
    }
}

static ALL_RULES: [RuleInfo; 13] = [
    coverage::INFO,
    qualified_coverage::INFO,
    daily_rest::INFO,
    weekly_rest::INFO,
    shift_length::INFO,
    hours_per_week::INFO,
    weekend_frequency::INFO,
    whole_weekend::INFO,
    sunday_work::INFO,
    consecutive_days::INFO,
    position_size::INFO,
    night_restriction::INFO,
    full_time_hours::INFO,
];

/// Every rule the checker knows, in the order it reports them.
pub fn all_rules() -> &'static [RuleInfo] {
    &ALL_RULES
}

/// The rule with this id.
pub fn rule_info(id: &str) -> Option<&'static RuleInfo> {
    ALL_RULES.iter().find(|rule| rule.id == id)
}

/// Checks a rota against every rule; the scenario must be valid (see [`crate::model::validate`]).
///
/// Violations come rule by rule in the order of [`all_rules`], then by line and day.
pub fn check_rota(scenario: &Scenario, rota: &Rota) -> Vec<Violation> {
    let ctx = Ctx::new(scenario, rota);
    let mut out = Vec::new();
    coverage::check(&ctx, &mut out);
    qualified_coverage::check(&ctx, &mut out);
    daily_rest::check(&ctx, &mut out);
    weekly_rest::check(&ctx, &mut out);
    shift_length::check(&ctx, &mut out);
    hours_per_week::check(&ctx, &mut out);
    weekend_frequency::check(&ctx, &mut out);
    whole_weekend::check(&ctx, &mut out);
    sunday_work::check(&ctx, &mut out);
    consecutive_days::check(&ctx, &mut out);
    position_size::check(&ctx, &mut out);
    night_restriction::check(&ctx, &mut out);
    full_time_hours::check(&ctx, &mut out);
    out
}

/// A rota read once: the cycle and every line's shift per day.
pub(crate) struct Ctx<'a> {
    pub scenario: &'a Scenario,
    pub rules: &'a Rules,
    /// Weeks in the cycle.
    pub weeks: usize,
    /// Days in the cycle, 7 · weeks.
    pub days: usize,
    pub lines: Vec<Line<'a>>,
}

/// One rota line: who works it and which shift starts on each day.
pub(crate) struct Line<'a> {
    /// Index in the rota.
    pub index: usize,
    /// The named employee, when the line has one.
    pub employee: Option<&'a Employee>,
    /// The line as written.
    pub source: &'a RotaLine,
    /// The shift starting on each day of the cycle, none for a day off.
    pub cells: Vec<Option<&'a ShiftType>>,
}

/// A shift worked by a line, with absolute start and end in minutes from Monday 00:00 of week 1.
#[derive(Clone, Copy)]
pub(crate) struct Worked<'a> {
    pub day: usize,
    pub shift: &'a ShiftType,
    pub start: i64,
    pub end: i64,
}

impl<'a> Ctx<'a> {
    pub fn new(scenario: &'a Scenario, rota: &'a Rota) -> Self {
        let weeks = scenario.rota.weeks as usize;
        let days = weeks * 7;
        let lines =
            rota.lines
                .iter()
                .enumerate()
                .map(|(index, source)| {
                    let cells = source.cells();
                    let cells = (0..days)
                        .map(|day| {
                            let code = cells.get(day)?;
                            scenario.shifts.iter().find(|s| {
                                s.code.trim() == *code
                                    && s.start_minute().is_some()
                                    && s.end_minute().is_some()
                            })
                        })
                        .collect();
                    let employee = source.employee.as_ref().and_then(|name| {
                        scenario.staff.iter().find(|e| e.name.trim() == name.trim())
                    });
                    Line {
                        index,
                        employee,
                        source,
                        cells,
                    }
                })
                .collect();
        Self {
            scenario,
            rules: &scenario.rules,
            weeks,
            days,
            lines,
        }
    }

    /// Minutes in the whole cycle.
    pub fn cycle_minutes(&self) -> i64 {
        self.days as i64 * DAY
    }
}

impl<'a> Line<'a> {
    /// The shifts this line works, in time order.
    pub fn worked(&self) -> Vec<Worked<'a>> {
        self.cells
            .iter()
            .enumerate()
            .filter_map(|(day, cell)| cell.map(|shift| worked(day, shift)))
            .collect()
    }

    /// Whether the line works at all.
    pub fn works(&self) -> bool {
        self.cells.iter().any(Option::is_some)
    }

    /// The line's qualification: the employee's, the vacancy's, or the lowest.
    pub fn qualification(&self) -> Qualification {
        match self.employee {
            Some(employee) => employee.qualification,
            None => self.source.qualification.unwrap_or_default(),
        }
    }

    /// "Kari" or "vacancy", for messages.
    pub fn who(&self) -> String {
        match &self.source.employee {
            Some(name) => name.trim().to_string(),
            None => "vacancy".to_string(),
        }
    }
}

/// A shift on `day` with absolute times.
pub(crate) fn worked(day: usize, shift: &ShiftType) -> Worked<'_> {
    let base = day as i64 * DAY;
    Worked {
        day,
        shift,
        start: base + i64::from(shift.start_minute().unwrap_or(0)),
        end: base + i64::from(shift.end_minute().unwrap_or(0)),
    }
}

/// "Tue week 2" for day 8.
pub(crate) fn day_name(day: usize) -> String {
    format!("{} week {}", WEEKDAYS_EN[day % 7], day / 7 + 1)
}

/// Hours for messages: at most two decimals, no trailing zeros ("9.5", "11", "23.75").
pub(crate) fn hours(value: f64) -> String {
    let text = format!("{:.2}", (value * 100.0).round() / 100.0);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// "1st", "2nd", "3rd", "4th", …: how English says "every f-th weekend".
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Small scenarios for the rule tests: D 07:30–15:00, A 14:30–22:00, N 21:45–07:45.

    use crate::model::{Rota, RotaLine, Scenario, ShiftKind, ShiftType};

    /// A scenario with D/A/N shifts, `weeks` weeks and no needs.
    pub fn scenario(weeks: u32) -> Scenario {
        let shift = |code: &str, start: &str, end: &str, kind| ShiftType {
            code: code.into(),
            name: code.into(),
            start: start.into(),
            end: end.into(),
            kind,
            ..ShiftType::default()
        };
        let mut scenario = Scenario::default();
        scenario.rota.weeks = weeks;
        scenario.rota.weekend_frequency = weeks.min(3);
        scenario.shifts = vec![
            shift("D", "07:30", "15:00", ShiftKind::Day),
            shift("A", "14:30", "22:00", ShiftKind::Evening),
            shift("N", "21:45", "07:45", ShiftKind::Night),
            shift("L", "08:00", "21:00", ShiftKind::Long),
        ];
        scenario
    }

    /// A rota of vacant lines written as day cells ("D D - A …").
    pub fn rota(lines: &[&str]) -> Rota {
        Rota {
            lines: lines
                .iter()
                .map(|days| RotaLine {
                    days: (*days).to_string(),
                    ..RotaLine::default()
                })
                .collect(),
        }
    }

    /// `weeks` weeks of "-" with the given (day, code) cells set.
    pub fn line(weeks: usize, cells: &[(usize, &str)]) -> String {
        let mut days = vec!["-"; weeks * 7];
        for &(day, code) in cells {
            days[day] = code;
        }
        days.join(" ")
    }

    /// The violations of one rule.
    pub fn of<'v>(violations: &'v [super::Violation], rule: &str) -> Vec<&'v super::Violation> {
        violations.iter().filter(|v| v.rule == rule).collect()
    }

    /// (line, days) of each violation of one rule.
    pub fn places(violations: &[super::Violation], rule: &str) -> Vec<(Option<usize>, Vec<usize>)> {
        violations
            .iter()
            .filter(|v| v.rule == rule)
            .map(|v| (v.line, v.days.clone()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_unique_id_names_and_a_reference() {
        let mut ids: Vec<&str> = all_rules().iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all_rules().len());
        for rule in all_rules() {
            assert!(
                !rule.name_nb.is_empty() && !rule.name_en.is_empty() && !rule.reference.is_empty()
            );
            assert_eq!(rule_info(rule.id), Some(rule));
        }
    }

    #[test]
    fn formats_places_and_numbers() {
        assert_eq!(day_name(0), "Mon week 1");
        assert_eq!(day_name(8), "Tue week 2");
        assert_eq!(hours(9.5), "9.5");
        assert_eq!(hours(11.0), "11");
        assert_eq!(hours(23.75), "23.75");
        assert_eq!(hours(35.033), "35.03");
        assert_eq!(ordinal(3), "3rd");
        assert_eq!(ordinal(2), "2nd");
        assert_eq!(ordinal(11), "11th");
    }
}
