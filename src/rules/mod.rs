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
pub(crate) mod full_time_hours;
mod hours_per_week;
mod night_restriction;
mod position_size;
mod qualified_coverage;
mod shift_length;
mod sunday_work;
mod weekend_frequency;
mod weekly_rest;
mod whole_weekend;

use crate::i18n::Language;
use crate::model::{Employee, Qualification, Rota, RotaLine, Rules, Scenario, ShiftType};

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
    /// What is wrong, with the numbers and places; in words with [`Violation::text`].
    pub what: ViolationKind,
}

impl Violation {
    /// Whether this violation makes the rota unusable (an agreement-level one does not).
    pub fn is_breach(&self) -> bool {
        self.severity == Severity::Breach
    }

    /// What is wrong in English, as the JSON and the logs have it (see [`Violation::text`]).
    pub fn message(&self) -> String {
        self.text(Language::English)
    }
}

/// What one rule found, with the values that show it. Days are 0-based indices into the cycle
/// and weeks 0-based indices of the cycle's weeks, as in [`Violation::days`]; the texts (in
/// `crate::i18n`) number them from 1 for people.
#[derive(Clone, Debug, PartialEq)]
pub enum ViolationKind {
    /// Fewer on a shift than the staffing plan needs (`coverage`).
    Understaffed {
        /// The shift code.
        code: String,
        /// The day.
        day: usize,
        /// Lines working it.
        count: i64,
        /// The need.
        need: i64,
    },
    /// More on a shift than the need, when the need is to be met exactly (`coverage`).
    Overstaffed {
        /// The shift code.
        code: String,
        /// The day.
        day: usize,
        /// Lines working it.
        count: i64,
        /// The need.
        need: i64,
    },
    /// Too few with a qualification (or a higher one) on a shift (`qualified_coverage`).
    TooFewQualified {
        /// The qualification needed.
        qualification: Qualification,
        /// The shift code.
        code: String,
        /// The day.
        day: usize,
        /// Lines with it working the shift.
        count: i64,
        /// How many are needed.
        min: i64,
    },
    /// Too little rest between two shifts (`daily_rest`).
    ShortDailyRest {
        /// The first shift's code and day.
        first: (String, usize),
        /// The next shift's code and day.
        second: (String, usize),
        /// Hours between them; negative when they overlap.
        rest_hours: f64,
        /// The ordinary minimum.
        min_hours: f64,
        /// The minimum with a local agreement.
        agreed_hours: f64,
    },
    /// No free period long enough in a calendar week (`weekly_rest`).
    ShortWeeklyRest {
        /// The week.
        week: usize,
        /// The longest continuous free period, in hours.
        longest_hours: f64,
        /// The week has no day off at all.
        no_day_off: bool,
        /// The ordinary minimum.
        min_hours: f64,
        /// The minimum with a local agreement.
        agreed_hours: f64,
    },
    /// A shift longer than the longest allowed (`shift_length`).
    ShiftTooLong {
        /// The shift code.
        code: String,
        /// The day.
        day: usize,
        /// Its hours of work.
        hours: f64,
        /// The longest allowed.
        max_hours: f64,
    },
    /// Too many hours in some 7 days (`hours_per_week`).
    TooManyHoursIn7Days {
        /// The first and the last day of the 7.
        from: usize,
        /// The last day.
        to: usize,
        /// Hours worked in them.
        hours: f64,
        /// At most.
        max_hours: f64,
    },
    /// Too many hours per week on average over the averaging period (`hours_per_week`).
    TooManyAverageHours {
        /// The averaging period in weeks.
        weeks: usize,
        /// Its first day.
        from: usize,
        /// The average hours per week.
        hours: f64,
        /// At most.
        max_hours: f64,
    },
    /// Two worked weekends closer than the weekend frequency allows (`weekend_frequency`).
    WeekendsTooClose {
        /// The first worked weekend's week.
        week: usize,
        /// The next worked weekend's week (the same when it is the line's only one).
        next: usize,
        /// Weeks in the cycle.
        cycle_weeks: usize,
        /// Works at most every f-th weekend.
        frequency: u32,
    },
    /// Half a weekend worked where only whole weekends are allowed (`whole_weekend`).
    HalfWeekend {
        /// The week.
        week: usize,
        /// Saturday worked (and Sunday not); otherwise Sunday without Saturday.
        saturday: bool,
    },
    /// Two Sundays in a row (`sunday_work`).
    ConsecutiveSundays {
        /// The first Sunday's week.
        week: usize,
        /// The next Sunday's week.
        next: usize,
    },
    /// More than every other Sunday worked (`sunday_work`).
    TooManySundays {
        /// Sundays worked.
        count: usize,
        /// Weeks (Sundays) in the cycle.
        weeks: usize,
    },
    /// A run of work days longer than the unit allows (`consecutive_days`).
    TooManyDaysInARow {
        /// Days in the run.
        count: usize,
        /// Its first day.
        first: usize,
        /// Its last day.
        last: usize,
        /// At most.
        max: usize,
    },
    /// A line larger than its person's maximum, or 100 % for a vacancy (`position_size`).
    PositionTooLarge {
        /// The line's position in %.
        pct: f64,
        /// Its hours per week.
        weekly_hours: f64,
        /// The full-time hours per week.
        full_time_hours: f64,
        /// The maximum in %.
        max_pct: f64,
        /// Whose maximum: the employee, or none for a vacancy.
        employee: Option<String>,
    },
    /// Shifts against the person's agreement on nights (`night_restriction`).
    NightsAgainstAgreement {
        /// The person.
        employee: String,
        /// Works no nights but has night shifts; otherwise works only nights but has others.
        no_nights: bool,
        /// The days of the offending shifts.
        days: Vec<usize>,
    },
    /// Positions measured against more hours than the rota's kind allows (`full_time_hours`).
    FullTimeTooHigh {
        /// The full-time hours the scenario uses.
        used_hours: f64,
        /// The most the rota's kind allows.
        legal_hours: f64,
        /// Why that many.
        basis: FullTimeBasis,
    },
}

/// Why a rota's full time is what it is (AML § 10-4 (4), HTA § 4.2.1–4.2.4).
#[derive(Clone, Debug, PartialEq)]
pub enum FullTimeBasis {
    /// A line works nights and other shifts: HTA § 4.2.4.
    ThreeShift {
        /// The line that shows it.
        line: LineRef,
        /// Share of night hours in %.
        night_pct: f64,
        /// Share of Sunday hours in %.
        sunday_pct: f64,
    },
    /// A line works Sundays at least every 3rd week: AML § 10-4 (4).
    SundayWork {
        /// The line that shows it.
        line: LineRef,
        /// Weeks with Sunday work.
        sundays: usize,
        /// Weeks in the cycle.
        weeks: usize,
    },
    /// A line works day and evening shifts: AML § 10-4 (4).
    TwoShift {
        /// The line that shows it.
        line: LineRef,
    },
    /// Day work: HTA § 4.2.1.
    DayWork,
}

/// A rota line named in a message: its index and who holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct LineRef {
    /// 0-based index in the rota.
    pub index: usize,
    /// The employee, or none for a vacancy.
    pub employee: Option<String>,
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

    /// The line as a message names it.
    pub fn reference(&self) -> LineRef {
        LineRef {
            index: self.index,
            employee: self
                .source
                .employee
                .as_ref()
                .map(|name| name.trim().to_string()),
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
    fn formats_ordinals() {
        assert_eq!(ordinal(3), "3rd");
        assert_eq!(ordinal(2), "2nd");
        assert_eq!(ordinal(11), "11th");
    }
}
