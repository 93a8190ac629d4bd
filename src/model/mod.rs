//! The scenario: plain data that a unit describes itself with, as stored in `.ron` files.
//!
//! Values a user types may be wrong; the types here are lenient (times as text, counts as
//! signed numbers) so that [`validate`] can list every problem at once with its place.

pub mod load_error;
pub mod time;
mod validate;

pub use load_error::{LoadError, LoadErrorKind};
pub use validate::{Problem, ProblemKind, RangeUnit, Warning, cut, validate, warnings};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The file format version this program writes and understands.
pub const FORMAT_VERSION: u32 = 1;

/// Weekday names, Monday first, as used for indices 0..7.
pub const WEEKDAYS_NB: [&str; 7] = ["man", "tir", "ons", "tor", "fre", "lør", "søn"];
/// English weekday names, Monday first.
pub const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// Index of Friday, Saturday and Sunday in a week (Monday = 0).
pub const FRIDAY: usize = 4;
/// Index of Saturday.
pub const SATURDAY: usize = 5;
/// Index of Sunday.
pub const SUNDAY: usize = 6;

/// One unit's whole description: settings, shift types, needs, staff, rules and rotas.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Scenario {
    /// File format version; see [`FORMAT_VERSION`].
    pub format_version: u32,
    /// Name and notes.
    pub unit: Unit,
    /// Cycle length, weekend frequency, full-time hours.
    pub rota: RotaSettings,
    /// The shift types the unit uses.
    pub shifts: Vec<ShiftType>,
    /// Headcount per shift code per weekday (Monday..Sunday).
    pub needs: BTreeMap<String, Vec<i64>>,
    /// Minimum number of staff with a qualification on a shift, per weekday.
    pub qualified_needs: Vec<QualifiedNeed>,
    /// Today's staff.
    pub staff: Vec<Employee>,
    /// Working-time rules (AML/HTA defaults, editable).
    pub rules: Rules,
    /// What makes a line good to live with, and how much each flaw weighs (not rules).
    #[serde(default)]
    pub quality: QualityRules,
    /// The rota the unit works today, if entered.
    pub today: Option<Rota>,
    /// A saved proposal from the optimizer, if any.
    pub proposal: Option<Proposal>,
    /// The `//` comment lines at the top of the file it was read from, written back when it is
    /// saved (comments elsewhere are not kept; `unit.notes` is the place for free text).
    #[serde(skip)]
    pub leading_comments: String,
}

impl Default for Scenario {
    fn default() -> Self {
        Self {
            format_version: FORMAT_VERSION,
            unit: Unit::default(),
            rota: RotaSettings::default(),
            shifts: Vec::new(),
            needs: BTreeMap::new(),
            qualified_needs: Vec::new(),
            staff: Vec::new(),
            rules: Rules::default(),
            quality: QualityRules::default(),
            today: None,
            proposal: None,
            leading_comments: String::new(),
        }
    }
}

/// The unit's name and free-text notes.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Unit {
    /// The unit's name, e.g. "Solsiden sykehjem, avd. 2".
    pub name: String,
    /// Anything the unit wants to say about the scenario.
    pub notes: String,
}

/// How the rota is organised.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct RotaSettings {
    /// Cycle length (turnusperiode) in weeks.
    pub weeks: u32,
    /// Each person works every f-th weekend.
    pub weekend_frequency: u32,
    /// The full-time weekly hours positions are measured against.
    pub full_time: FullTimeHours,
    /// Whether a night shift starting Friday counts as weekend work.
    pub friday_night_is_weekend: bool,
}

impl Default for RotaSettings {
    fn default() -> Self {
        Self {
            weeks: 6,
            weekend_frequency: 3,
            full_time: FullTimeHours::Hours(35.5),
            friday_night_is_weekend: false,
        }
    }
}

/// Full-time weekly hours: a fixed number, or derived per HTA § 4.2.4 for a 3-shift rota.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub enum FullTimeHours {
    /// A fixed number of hours per week, e.g. 35.5.
    Hours(f64),
    /// Derived from the night and Sunday shares of the needed hours (HTA § 4.2.4).
    ThreeShift,
}

/// What kind of shift a shift type is; decides colours, night rules and long-shift what-ifs.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ShiftKind {
    /// Dagvakt.
    Day,
    /// Aftenvakt / kveldsvakt.
    Evening,
    /// Nattvakt.
    Night,
    /// Langvakt (more than 10 hours, by day).
    Long,
}

impl ShiftKind {
    /// All kinds in display order.
    pub const ALL: [ShiftKind; 4] = [Self::Day, Self::Evening, Self::Night, Self::Long];
}

/// One shift type, e.g. D 07:30–15:00.
///
/// In a file, `code`, `start`, `end` and `kind` must be given: a default there would silently
/// turn a night shift missing its end into a day shift ending at 15:00. [`Default`] is for
/// new shifts made in the app.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ShiftType {
    /// Short code used in rotas, e.g. "D".
    pub code: String,
    /// Name, e.g. "Dagvakt".
    #[serde(default)]
    pub name: String,
    /// Start time "HH:MM".
    pub start: String,
    /// End time "HH:MM"; at or before the start means the next day.
    pub end: String,
    /// Unpaid break in minutes, subtracted from the duration.
    #[serde(default)]
    pub break_minutes: u32,
    /// Paid hours, when they differ from duration minus break.
    #[serde(default)]
    pub paid_hours: Option<f64>,
    /// Day, evening, night or long.
    pub kind: ShiftKind,
}

impl Default for ShiftType {
    fn default() -> Self {
        Self {
            code: String::new(),
            name: String::new(),
            start: "07:30".into(),
            end: "15:00".into(),
            break_minutes: 0,
            paid_hours: None,
            kind: ShiftKind::Day,
        }
    }
}

impl ShiftType {
    /// Start in minutes after midnight, when the start is a valid time.
    pub fn start_minute(&self) -> Option<u32> {
        time::parse_hhmm(&self.start).filter(|&m| m < time::DAY_MINUTES)
    }

    /// End in minutes after the start day's midnight (past 1440 when it crosses midnight).
    pub fn end_minute(&self) -> Option<u32> {
        let start = self.start_minute()?;
        let end = time::parse_hhmm(&self.end)?;
        Some(if end <= start {
            end + time::DAY_MINUTES
        } else {
            end
        })
    }

    /// Length from start to end in hours (including any unpaid break).
    pub fn duration_hours(&self) -> f64 {
        match (self.start_minute(), self.end_minute()) {
            (Some(start), Some(end)) => f64::from(end - start) / 60.0,
            _ => 0.0,
        }
    }

    /// Hours that count as work time: `paid_hours`, else duration minus the unpaid break.
    pub fn hours(&self) -> f64 {
        self.paid_hours
            .unwrap_or_else(|| self.duration_hours() - f64::from(self.break_minutes) / 60.0)
    }
}

/// Qualification (kompetanse), ordered: a higher one also counts for a lower one's need.
#[derive(
    Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default,
)]
pub enum Qualification {
    /// Assistent / ufaglært.
    #[default]
    Assistent,
    /// Helsefagarbeider.
    Helsefagarbeider,
    /// Sykepleier (RN).
    Sykepleier,
}

impl Qualification {
    /// All qualifications, lowest first.
    pub const ALL: [Qualification; 3] = [Self::Assistent, Self::Helsefagarbeider, Self::Sykepleier];
}

/// At least `min[weekday]` people with `qualification` (or higher) on `shift`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default, deny_unknown_fields)]
pub struct QualifiedNeed {
    /// Shift code.
    pub shift: String,
    /// The qualification needed.
    pub qualification: Qualification,
    /// Minimum per weekday, Monday..Sunday.
    pub min: Vec<i64>,
}

/// Night-work restriction of a person.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum NightWork {
    /// Any shift.
    #[default]
    Any,
    /// Never night shifts.
    NoNights,
    /// Only night shifts.
    NightsOnly,
}

/// One of today's employees.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Employee {
    /// Name or an anonymous label.
    pub name: String,
    /// Current position size in %.
    pub position_pct: f64,
    /// Qualification.
    pub qualification: Qualification,
    /// The position size the person wants, if more than today.
    pub wanted_pct: Option<f64>,
    /// The largest position the person can take.
    pub max_pct: f64,
    /// Night-work restriction.
    pub nights: NightWork,
}

impl Default for Employee {
    fn default() -> Self {
        Self {
            name: String::new(),
            position_pct: 50.0,
            qualification: Qualification::default(),
            wanted_pct: None,
            max_pct: 100.0,
            nights: NightWork::Any,
        }
    }
}

/// What planners avoid when they build rotas by hand (DOMAIN.md § 5b), with the weight of each
/// in the quality score. Targets, not rules: a proposal is legal whatever its score.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct QualityRules {
    /// A single work day between days off (enkeltvakt).
    pub single_work_day_weight: f64,
    /// A single day off between work days.
    pub single_day_off_weight: f64,
    /// A change of shift kind (day, evening, night) from one work day to the next in a block.
    pub kind_change_weight: f64,
    /// Backward rotation: evening → day or night → day/evening on the next day.
    pub backward_rotation_weight: f64,
    /// Per hour of difference between a line's busiest and quietest week.
    pub week_spread_weight_per_hour: f64,
    /// Work blocks longer than this many days are counted as long blocks.
    pub preferred_max_block_days: u32,
    /// A work block longer than the preferred.
    pub long_block_weight: f64,
    /// A weekend with Saturday but not Sunday worked, or the other way round.
    pub split_weekend_weight: f64,
}

impl Default for QualityRules {
    fn default() -> Self {
        Self {
            single_work_day_weight: 3.0,
            single_day_off_weight: 2.0,
            kind_change_weight: 1.0,
            backward_rotation_weight: 2.0,
            week_spread_weight_per_hour: 0.6,
            preferred_max_block_days: 5,
            long_block_weight: 1.0,
            split_weekend_weight: 2.0,
        }
    }
}

/// The working-time rules of AML chapter 10 and HTA chapter 1, with their defaults.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Rules {
    /// Minimum rest between two shifts, hours (AML § 10-8 (1)).
    pub min_daily_rest_hours: f64,
    /// Shortest daily rest a local agreement can allow, hours (AML § 10-8 (3)).
    pub min_daily_rest_agreed_hours: f64,
    /// Minimum continuous weekly rest, hours (AML § 10-8 (2)).
    pub min_weekly_rest_hours: f64,
    /// Shortest weekly rest a local agreement can allow, hours.
    pub min_weekly_rest_agreed_hours: f64,
    /// Longest shift allowed by agreement, hours (AML § 10-5).
    pub max_shift_hours: f64,
    /// Most hours in any single 7 days (AML § 10-5 (2)).
    pub max_hours_single_week: f64,
    /// Most hours per 7 days on average (AML § 10-5 (2)).
    pub max_average_hours_per_week: f64,
    /// The averaging period for the average above, weeks.
    pub averaging_weeks: u32,
    /// Most consecutive work days (the unit's policy).
    pub max_consecutive_work_days: u32,
    /// Off the Sunday after a worked Sunday (AML § 10-8 (4)).
    pub sunday_off_after_sunday_work: bool,
    /// A line that works a weekend works both Saturday and Sunday.
    pub whole_weekends: bool,
    /// Night window start "HH:MM" (AML § 10-11).
    pub night_start: String,
    /// Night window end "HH:MM".
    pub night_end: String,
    /// Full-time hours for day work (HTA § 4.2.1), the base of HTA § 4.2.4.
    pub day_work_full_time_hours: f64,
    /// Full time for a rota working at least every 3rd Sunday or 2-shift (AML § 10-4 (4)).
    pub rota_full_time_hours: f64,
    /// Full time for a continuous 3-shift rota (HTA § 4.2.3), the lower clamp of § 4.2.4.
    pub three_shift_full_time_hours: f64,
    /// A line within this many percentage points of 100 % counts as full time.
    pub full_time_tolerance_pct: f64,
    /// A target, not a rule: as few lines as possible under this position % (0: no target).
    pub min_position_pct: f64,
    /// Needs are met exactly (true) or at least (false, over-staffing penalised).
    pub coverage_exact: bool,
}

impl Default for Rules {
    fn default() -> Self {
        Self {
            min_daily_rest_hours: 11.0,
            min_daily_rest_agreed_hours: 8.0,
            min_weekly_rest_hours: 35.0,
            min_weekly_rest_agreed_hours: 28.0,
            max_shift_hours: 12.5,
            max_hours_single_week: 54.0,
            max_average_hours_per_week: 48.0,
            averaging_weeks: 8,
            max_consecutive_work_days: 6,
            sunday_off_after_sunday_work: true,
            whole_weekends: true,
            night_start: "21:00".into(),
            night_end: "06:00".into(),
            day_work_full_time_hours: 37.5,
            rota_full_time_hours: 35.5,
            three_shift_full_time_hours: 33.6,
            full_time_tolerance_pct: 2.0,
            min_position_pct: 50.0,
            coverage_exact: true,
        }
    }
}

/// A rota: one line per person (or vacancy) over the whole cycle.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Rota {
    /// The lines, in display order.
    pub lines: Vec<RotaLine>,
}

impl Rota {
    /// Every line's cells (a shift code or "-" per day), owned.
    pub fn cell_rows(&self) -> Vec<Vec<String>> {
        self.lines
            .iter()
            .map(|line| line.cells().into_iter().map(str::to_string).collect())
            .collect()
    }
}

/// One person's row: a shift code or "-" (off) for every day of the cycle.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default, deny_unknown_fields)]
pub struct RotaLine {
    /// The employee's name; none for a vacancy.
    pub employee: Option<String>,
    /// For a vacancy: the qualification the line is advertised with (a named line uses the person's).
    pub qualification: Option<Qualification>,
    /// Shift codes separated by spaces, "-" for a day off; "|" between weeks is ignored.
    pub days: String,
    /// The whole line is locked: a new solve from today's staff keeps every day as it is.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub locked: bool,
    /// Single days locked (1 = Monday of week 1): a new solve keeps their shift or day off.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub locked_days: Vec<u32>,
}

/// The name of a line's holder, or `vacant` with the qualification a vacancy is advertised with.
pub fn holder_label(
    employee: Option<&str>,
    qualification: Option<Qualification>,
    vacant: &str,
) -> String {
    match (employee, qualification) {
        (Some(name), _) => name.to_string(),
        (None, Some(q)) => format!("{vacant} ({q:?})"),
        (None, None) => vacant.to_string(),
    }
}

/// The mark for a day off in rota lines.
pub const OFF: &str = "-";

impl RotaLine {
    /// Builds a line from one cell per day, writing "|" between weeks for readability.
    pub fn from_cells<S: AsRef<str>>(employee: Option<String>, cells: &[S]) -> Self {
        let weeks: Vec<String> = cells
            .chunks(7)
            .map(|week| {
                week.iter()
                    .map(|c| c.as_ref().to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        Self {
            employee,
            qualification: None,
            days: weeks.join(" | "),
            locked: false,
            locked_days: Vec::new(),
        }
    }

    /// Whether day `day` (0 = Monday of week 1) is locked, by the line or by itself.
    pub fn is_locked(&self, day: usize) -> bool {
        self.locked || self.locked_days.contains(&(day as u32 + 1))
    }

    /// Whether any day of the line is locked.
    pub fn has_locks(&self) -> bool {
        self.locked || !self.locked_days.is_empty()
    }

    /// One cell per day: a shift code or "-".
    pub fn cells(&self) -> Vec<&str> {
        self.days
            .split_whitespace()
            .filter(|cell| *cell != "|")
            .collect()
    }
}

/// How the optimizer was asked to build lines.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SolveMode {
    /// Ignore today's staff; find the best structure.
    #[default]
    Ideal,
    /// Build from today's staff: nobody is cut, wishes first, vacancies large.
    Today,
    /// Everyone follows one chain, a week apart: the cycle is as many weeks as there are lines.
    Rotating,
}

/// A rota proposed by the optimizer, saved with the scenario.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Proposal {
    /// The mode it was solved in.
    pub mode: SolveMode,
    /// "optimal" or "feasible" as the solver left it; "edited" once changed by hand.
    pub status: String,
    /// Seconds the solver used.
    pub solve_seconds: f64,
    /// Relative gap to the best bound, %.
    pub gap_pct: f64,
    /// The proposed lines.
    pub rota: Rota,
    /// Where the proposal stands in the review with the union representative.
    pub review: Review,
}

/// Review status of a proposal (drøfting with the tillitsvalgt).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ReviewStatus {
    /// Utkast: a draft.
    #[default]
    Utkast,
    /// Drøftet: discussed with the union representative.
    Droftet,
    /// Enighet: agreed.
    Enighet,
}

impl ReviewStatus {
    /// All statuses in order.
    pub const ALL: [ReviewStatus; 3] = [Self::Utkast, Self::Droftet, Self::Enighet];

    /// Norwegian name.
    pub fn label_nb(self) -> &'static str {
        match self {
            Self::Utkast => "utkast",
            Self::Droftet => "drøftet",
            Self::Enighet => "enighet",
        }
    }

    /// English name.
    pub fn label_en(self) -> &'static str {
        match self {
            Self::Utkast => "draft",
            Self::Droftet => "discussed",
            Self::Enighet => "agreed",
        }
    }
}

/// The review of a proposal: its status and the comments made.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Review {
    /// Utkast, drøftet or enighet.
    pub status: ReviewStatus,
    /// Comments, oldest first.
    pub comments: Vec<ReviewComment>,
}

/// One comment in a review.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default, deny_unknown_fields)]
pub struct ReviewComment {
    /// Who wrote it.
    pub author: String,
    /// When, as YYYY-MM-DD.
    pub date: String,
    /// What was said.
    pub text: String,
}
