//! The MIP: binary x[line, day, shift], one function per constraint family, named after its rule.

use super::instance::{FullTimeDemand, Instance};
use crate::model::{FRIDAY, Qualification, SATURDAY, SUNDAY, ShiftKind};
use good_lp::{Constraint, Expression, ProblemVariables, Variable, constraint, variable};

/// Which shifts a line may take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShiftFamily {
    /// Any shift.
    Any,
    /// Night shifts only.
    NightsOnly,
    /// No night shifts.
    NoNights,
    /// Either nights only or no nights, chosen by the solver.
    NightsOrDays,
}

/// Who holds a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holder {
    /// A line in the ideal structure: always used.
    Ideal,
    /// A named employee (index into staff).
    Employee(usize),
    /// A vacancy that may stay unused.
    Vacancy,
}

/// What the model must know about one line before solving.
#[derive(Clone, Debug)]
pub struct LineSpec {
    /// Who holds it.
    pub holder: Holder,
    /// Which shifts it may take.
    pub family: ShiftFamily,
    /// The weekend group (weekends w with w mod f == group), or None to let the solver choose.
    pub weekend_group: Option<usize>,
    /// Fewest hours over the cycle when the line is used.
    pub min_hours: f64,
    /// Most hours over the cycle.
    pub max_hours: f64,
    /// Hours the holder wishes for (today mode).
    pub wanted_hours: Option<f64>,
    /// The holder's qualification; None lets the solver choose (ideal lines, vacancies).
    pub qualification: Option<Qualification>,
    /// Hours the line should come within (`Goal::ReachHours`): each hour outside costs, while
    /// `min_hours` and `max_hours` stay hard.
    pub soft_hours: Option<(f64, f64)>,
    /// Days the line must keep as they are (locked by the planner), by cycle day.
    pub locked: Vec<(usize, Locked)>,
}

/// What a locked day must stay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Locked {
    /// A day off.
    Off,
    /// This shift (an index into the instance's shifts).
    Shift(usize),
    /// A shift the instance does not plan (it has no need): the lock cannot hold.
    Unplannable,
}

impl LineSpec {
    /// An ideal-structure line of `family`: up to `max_hours`, no floor, weekend group, wish,
    /// qualification or lock.
    pub fn ideal(family: ShiftFamily, max_hours: f64) -> Self {
        Self {
            holder: Holder::Ideal,
            family,
            weekend_group: None,
            min_hours: 0.0,
            max_hours,
            wanted_hours: None,
            qualification: None,
            soft_hours: None,
            locked: Vec::new(),
        }
    }

    /// Whether the line counts for a qualified need at `level`: its holder's qualification, or
    /// any for a line whose qualification is chosen after solving (vacancies and ideal lines,
    /// labelled with what the needs ask, see `qualify`).
    pub fn holds(&self, level: Qualification) -> bool {
        match self.qualification {
            Some(q) => q >= level,
            None => matches!(self.holder, Holder::Vacancy | Holder::Ideal),
        }
    }

    /// Hours the holder wishes for, within their maximum, when that is more than the line's
    /// minimum (today mode); None when there is no wish to meet.
    pub fn wish(&self) -> Option<f64> {
        let wanted = self.wanted_hours?.min(self.max_hours);
        (wanted > self.min_hours + 1e-6).then_some(wanted)
    }
}

/// Rule families that can be switched off to find out which rule makes a scenario infeasible.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RuleFamily {
    /// AML § 10-8 (1).
    DailyRest,
    /// AML § 10-8 (2).
    WeeklyRest,
    /// Unit policy.
    ConsecutiveDays,
    /// AML § 10-5 (2).
    HoursPerWeek,
    /// Every f-th weekend.
    WeekendFrequency,
    /// Whole weekends.
    WholeWeekends,
    /// AML § 10-8 (4).
    SundayWork,
    /// Lines no smaller than the floor, wishes and current positions.
    PositionFloor,
    /// AML § 10-4 (4), HTA § 4.2.1–4.2.4: the rota is of the kind its full time assumes (nights
    /// on lines of their own; for day work also no day and evening shifts on one line and few
    /// Sundays; for 3-shift hours no more night and Sunday hours than the need's).
    FullTimeKind,
}

impl RuleFamily {
    /// All families, in the order the diagnosis tries them.
    pub const ALL: [RuleFamily; 9] = [
        Self::DailyRest,
        Self::WeeklyRest,
        Self::ConsecutiveDays,
        Self::HoursPerWeek,
        Self::WeekendFrequency,
        Self::WholeWeekends,
        Self::SundayWork,
        Self::PositionFloor,
        Self::FullTimeKind,
    ];
}

/// What to optimise.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Goal {
    /// Any rota that meets the rules; with at-least coverage, the least over-staffing.
    Feasible,
    /// The first rota that meets the rules, whatever its over-staffing (a start to improve on).
    AnyRota,
    /// Diagnosis: least uncovered need (coverage gets slack).
    LeastUncovered,
    /// Today mode: the fairest wishes (the largest shortfall, then the total), then the fewest
    /// vacancies; over-staffing (at-least coverage) costs more than any wish gains.
    Today,
    /// The quality phase: the lowest quality score (single shifts and days off, kind changes,
    /// backward rotation, uneven weeks), weighted by the scenario's `quality`.
    Quality,
    /// Repair: the fewest hours outside the lines' `soft_hours` (coverage as for `AnyRota`).
    ReachHours,
}

/// One term of the quality score in a model, to compute a start value from a rota.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Penalty {
    /// Line l works day d alone.
    SingleWorkDay { line: usize, day: usize },
    /// Line l is off on day d alone.
    SingleDayOff { line: usize, day: usize },
    /// Line l changes rhythm from day d to d + 1 (backward when `backward`).
    KindChange {
        line: usize,
        day: usize,
        backward: bool,
    },
    /// Line l's busiest week, hours.
    BusiestWeek { line: usize },
    /// Line l's quietest week, hours.
    QuietestWeek { line: usize },
}

/// x[line][day][shift]: the variable and its column, None where the line may not take the shift.
pub type ShiftCells = Vec<Vec<Vec<Option<(Variable, usize)>>>>;

/// A built model: variables, constraints, objective and the handles to read a solution.
pub struct RotaModel {
    /// The variables.
    pub vars: ProblemVariables,
    /// Number of variables (their column indices are 0..count in creation order).
    pub var_count: usize,
    /// The constraints.
    pub constraints: Vec<Constraint>,
    /// The objective (maximised).
    pub objective: Expression,
    /// x[line][day][shift] with its column index, None where the line may not take the shift.
    pub x: ShiftCells,
    /// Line used (column index), for vacancies.
    pub used: Vec<Option<usize>>,
    /// Uncovered need (column index) per (shift, day), in diagnosis models.
    pub uncovered: Vec<((usize, usize), usize)>,
    /// Today mode: (line, column) of each wish's shortfall in hours, then the column of the
    /// largest shortfall. These columns come last, after every column a feasibility model has.
    pub wish_shortfall: Vec<(usize, usize)>,
    /// Today mode: the column of the largest shortfall.
    pub largest_shortfall: Option<usize>,
    /// Quality phase: the score's terms and their columns (they come last).
    pub penalties: Vec<(usize, Penalty)>,
}

impl RotaModel {
    /// A model with objective 0 and no rota lines to read back (the rotating models, which
    /// keep their own column maps).
    pub fn feasibility(
        vars: ProblemVariables,
        var_count: usize,
        constraints: Vec<Constraint>,
    ) -> Self {
        Self {
            vars,
            var_count,
            constraints,
            objective: Expression::from(0.0),
            x: Vec::new(),
            used: Vec::new(),
            uncovered: Vec::new(),
            wish_shortfall: Vec::new(),
            largest_shortfall: None,
            penalties: Vec::new(),
        }
    }
}

struct Builder<'a> {
    instance: &'a Instance,
    lines: &'a [LineSpec],
    vars: ProblemVariables,
    count: usize,
    constraints: Vec<Constraint>,
    x: ShiftCells,
    night_line: Vec<Option<Variable>>,
    used: Vec<Option<(Variable, usize)>>,
    relaxed: &'a [RuleFamily],
}

impl Builder<'_> {
    fn add(&mut self, definition: good_lp::VariableDefinition) -> (Variable, usize) {
        let var = self.vars.add(definition);
        self.count += 1;
        (var, self.count - 1)
    }

    fn enforced(&self, family: RuleFamily) -> bool {
        !self.relaxed.contains(&family)
    }

    /// Σ_s x[l][d][s]: 1 when line l works on day d.
    fn work(&self, l: usize, d: usize) -> Expression {
        self.x[l][d % self.instance.days]
            .iter()
            .flatten()
            .map(|(v, _)| *v)
            .sum()
    }

    fn hours(&self, l: usize, days: impl Iterator<Item = usize>) -> Expression {
        let mut expression = Expression::from(0.0);
        for d in days {
            for (s, cell) in self.x[l][d % self.instance.days].iter().enumerate() {
                if let Some((v, _)) = cell {
                    expression += self.instance.shifts[s].hours * *v;
                }
            }
        }
        expression
    }

    fn cell(&self, l: usize, d: usize, s: usize) -> Option<Variable> {
        self.x[l][d % self.instance.days][s].map(|(v, _)| v)
    }

    fn used_expression(&self, l: usize) -> Expression {
        match self.used[l] {
            Some((v, _)) => v.into(),
            None => Expression::from(1.0),
        }
    }
}

/// Builds the model for `lines`, with the rule families in `relaxed` left out.
pub fn build(
    instance: &Instance,
    lines: &[LineSpec],
    goal: Goal,
    relaxed: &[RuleFamily],
) -> RotaModel {
    let mut b = Builder {
        instance,
        lines,
        vars: ProblemVariables::new(),
        count: 0,
        constraints: Vec::new(),
        x: Vec::new(),
        night_line: Vec::new(),
        used: Vec::new(),
        relaxed,
    };
    create_shift_variables(&mut b);
    one_shift_per_day(&mut b);
    let mut objective = Expression::from(0.0);
    let uncovered = coverage(&mut b, goal, &mut objective);
    qualified_coverage(&mut b);
    if b.enforced(RuleFamily::DailyRest) {
        daily_rest(&mut b);
    }
    if b.enforced(RuleFamily::WeeklyRest) {
        weekly_rest(&mut b);
    }
    if b.enforced(RuleFamily::ConsecutiveDays) {
        consecutive_work_days(&mut b);
    }
    if b.enforced(RuleFamily::HoursPerWeek) {
        hours_per_seven_days(&mut b);
    }
    weekend_frequency(&mut b);
    if b.enforced(RuleFamily::WholeWeekends) && instance.whole_weekends {
        whole_weekends(&mut b);
    }
    if b.enforced(RuleFamily::SundayWork) && instance.sunday_off_after_sunday_work {
        sunday_off_after_sunday_work(&mut b);
    }
    if b.enforced(RuleFamily::FullTimeKind) {
        full_time_kind(&mut b);
    }
    position_size(&mut b);
    if goal == Goal::ReachHours {
        hours_outside_soft_limits(&mut b, &mut objective);
    }
    symmetry_breaking(&mut b);
    let (wish_shortfall, largest_shortfall) = if goal == Goal::Today {
        fair_wishes_and_few_vacancies(&mut b, &mut objective)
    } else {
        (Vec::new(), None)
    };
    let penalties = if goal == Goal::Quality {
        quality_score(&mut b, &mut objective)
    } else {
        Vec::new()
    };
    RotaModel {
        wish_shortfall,
        largest_shortfall,
        penalties,
        var_count: b.count,
        constraints: b.constraints,
        objective,
        x: b.x,
        used: b.used.iter().map(|u| u.map(|(_, c)| c)).collect(),
        uncovered,
        vars: b.vars,
    }
}

fn create_shift_variables(b: &mut Builder) {
    let instance = b.instance;
    for (l, line) in b.lines.iter().enumerate() {
        let used = match line.holder {
            Holder::Vacancy => Some(b.add(variable().binary())),
            _ => None,
        };
        b.used.push(used);
        let separate = instance.separate_night_lines() && b.enforced(RuleFamily::FullTimeKind);
        let family = match line.family {
            ShiftFamily::NightsOrDays if !separate => ShiftFamily::Any,
            family => family,
        };
        let night_line =
            (family == ShiftFamily::NightsOrDays).then(|| b.add(variable().binary()).0);
        b.night_line.push(night_line);
        let mut line_cells = Vec::with_capacity(instance.days);
        let mut must_work = Vec::new();
        for d in 0..instance.days {
            let lock = line
                .locked
                .iter()
                .find(|(day, _)| *day == d)
                .map(|&(_, l)| l);
            let mut cells = Vec::with_capacity(instance.shifts.len());
            for (s, shift) in instance.shifts.iter().enumerate() {
                let allowed = match family {
                    ShiftFamily::NightsOnly => shift.night,
                    ShiftFamily::NoNights => !shift.night,
                    ShiftFamily::Any | ShiftFamily::NightsOrDays => true,
                } && weekend_allowed(b, line, d, s)
                    && lock.is_none_or(|lock| lock == Locked::Shift(s));
                let cell = allowed.then(|| b.add(variable().binary()));
                if lock == Some(Locked::Shift(s)) {
                    must_work.push(cell.map(|(v, _)| v));
                }
                cells.push(cell);
            }
            if lock == Some(Locked::Unplannable) {
                must_work.push(None);
            }
            line_cells.push(cells);
        }
        b.x.push(line_cells);
        // A locked shift is worked; one the line cannot take makes the model infeasible.
        for cell in must_work {
            match cell {
                Some(v) => b.constraints.push(constraint!(v == 1)),
                None => b
                    .constraints
                    .push(constraint!(Expression::from(0.0) >= 1.0)),
            }
        }
        // A line's family fixes which kind of shift it takes (night line or day line).
        if let Some(night) = night_line {
            for d in 0..instance.days {
                for (s, shift) in instance.shifts.iter().enumerate() {
                    if let Some((v, _)) = b.x[l][d][s] {
                        b.constraints.push(if shift.night {
                            constraint!(v <= night)
                        } else {
                            constraint!(v + night <= 1)
                        });
                    }
                }
            }
        }
        if let Some((used, _)) = used {
            for d in 0..instance.days {
                let work = b.work(l, d);
                b.constraints.push(constraint!(work <= used));
            }
        }
    }
}

/// With fixed weekend groups a line only works the weekends of its group (line mod f structure).
fn weekend_allowed(b: &Builder, line: &LineSpec, day: usize, shift: usize) -> bool {
    let Some(group) = line.weekend_group else {
        return true;
    };
    if !b.enforced(RuleFamily::WeekendFrequency) {
        return true;
    }
    let instance = b.instance;
    !instance.weekend_work[shift][day % 7] || (day / 7) % instance.weekend_frequency == group
}

fn one_shift_per_day(b: &mut Builder) {
    for l in 0..b.lines.len() {
        for d in 0..b.instance.days {
            let work = b.work(l, d);
            b.constraints.push(constraint!(work <= 1));
        }
    }
}

/// Bemanningsplan: the need per shift and day, exactly or at least.
fn coverage(
    b: &mut Builder,
    goal: Goal,
    objective: &mut Expression,
) -> Vec<((usize, usize), usize)> {
    let mut uncovered = Vec::new();
    for d in 0..b.instance.days {
        for s in 0..b.instance.shifts.len() {
            let planned: Expression = (0..b.lines.len()).filter_map(|l| b.cell(l, d, s)).sum();
            let need = f64::from(b.instance.need_on(s, d));
            if goal == Goal::LeastUncovered {
                let (slack, column) = b.add(variable().min(0.0).max(need));
                uncovered.push(((s, d), column));
                *objective -= slack;
                b.constraints
                    .push(constraint!(planned.clone() + slack >= need));
                if b.instance.coverage_exact {
                    b.constraints.push(constraint!(planned <= need));
                }
            } else if b.instance.coverage_exact {
                b.constraints.push(constraint!(planned == need));
            } else if matches!(goal, Goal::AnyRota | Goal::ReachHours) {
                b.constraints.push(constraint!(planned >= need));
            } else {
                // Over-staffing is allowed but penalised: each extra shift costs (in today mode
                // more than a shift's worth of wishes gains, see `fair_wishes_and_few_vacancies`).
                let cost = if goal == Goal::Today {
                    OVERSTAFFING_COST_PER_HOUR * b.instance.shifts[s].hours
                } else {
                    0.1
                };
                *objective -= cost * (planned.clone() - need);
                b.constraints.push(constraint!(planned >= need));
            }
        }
    }
    uncovered
}

/// At least `min` people with a qualification (or higher) on a shift. Lines without a fixed
/// qualification (vacancies) get one chosen by the solver; their labels are set after solving
/// (see `qualify`), so the columns are not kept.
fn qualified_coverage(b: &mut Builder) {
    let instance = b.instance;
    let levels: Vec<Qualification> = {
        let mut levels: Vec<Qualification> =
            instance.qualified_need.iter().map(|(_, q, _)| *q).collect();
        levels.sort();
        levels.dedup();
        levels
    };
    // For lines whose qualification the solver chooses: q[l][k] = line holds at least level k.
    let mut chosen: Vec<Vec<(Qualification, Variable)>> = Vec::new();
    for line in b.lines {
        let mut line_levels = Vec::new();
        if line.qualification.is_none() {
            for &level in &levels {
                line_levels.push((level, b.add(variable().binary()).0));
            }
        }
        chosen.push(line_levels);
    }
    for line_levels in &chosen {
        for pair in line_levels.windows(2) {
            let (lower, higher) = (pair[0].1, pair[1].1);
            b.constraints.push(constraint!(higher <= lower));
        }
    }
    for (entry, &(s, level, _)) in instance.qualified_need.iter().enumerate() {
        for d in 0..instance.days {
            let mut qualified = Expression::from(0.0);
            for (l, line) in b.lines.iter().enumerate() {
                let Some(x) = b.cell(l, d, s) else { continue };
                match line.qualification {
                    Some(q) if q >= level => qualified += x,
                    Some(_) => {}
                    None => {
                        let Some(&(_, q)) = chosen[l].iter().find(|(k, _)| *k == level) else {
                            continue;
                        };
                        let (y, _) = b.add(variable().min(0.0).max(1.0));
                        b.constraints.push(constraint!(y <= x));
                        b.constraints.push(constraint!(y <= q));
                        qualified += y;
                    }
                }
            }
            let min = f64::from(instance.qualified_need_on(entry, d));
            b.constraints.push(constraint!(qualified >= min));
        }
    }
}

/// AML § 10-8 (1): at least the minimum daily rest between two shifts (forbidden successors).
fn daily_rest(b: &mut Builder) {
    let instance = b.instance;
    for l in 0..b.lines.len() {
        for d in 0..instance.days {
            for s in 0..instance.shifts.len() {
                let Some(first) = b.cell(l, d, s) else {
                    continue;
                };
                for (days_apart, forbidden) in [
                    (1, &instance.forbidden_next[s]),
                    (2, &instance.forbidden_two_days_later[s]),
                ] {
                    let next: Expression = forbidden
                        .iter()
                        .filter_map(|&t| b.cell(l, d + days_apart, t))
                        .sum();
                    if !forbidden.is_empty() {
                        b.constraints.push(constraint!(first + next <= 1));
                    }
                }
            }
        }
    }
}

/// AML § 10-8 (2): every week has an off day whose free period is at least the weekly rest.
fn weekly_rest(b: &mut Builder) {
    let instance = b.instance;
    for l in 0..b.lines.len() {
        let mut rest_day = Vec::with_capacity(instance.days);
        for d in 0..instance.days {
            let (r, _) = b.add(variable().min(0.0).max(1.0));
            let work = b.work(l, d);
            b.constraints.push(constraint!(r + work <= 1));
            let previous_day = d + instance.days - 1;
            for s in 0..instance.shifts.len() {
                let Some(before) = b.cell(l, previous_day, s) else {
                    continue;
                };
                let too_short: Expression = instance.short_single_day_rest[s]
                    .iter()
                    .filter_map(|&t| b.cell(l, d + 1, t))
                    .sum();
                if !instance.short_single_day_rest[s].is_empty() {
                    b.constraints.push(constraint!(r + before + too_short <= 2));
                }
            }
            rest_day.push(r);
        }
        for week in 0..instance.weeks {
            let rests: Expression = rest_day[week * 7..week * 7 + 7].iter().copied().sum();
            b.constraints.push(constraint!(rests >= 1));
        }
    }
}

/// Unit policy: at most N consecutive work days (every window of N + 1 days has an off day).
fn consecutive_work_days(b: &mut Builder) {
    let limit = b.instance.max_consecutive_work_days;
    if limit >= b.instance.days {
        return;
    }
    for l in 0..b.lines.len() {
        for start in 0..b.instance.days {
            let worked: Expression = (start..=start + limit).map(|d| b.work(l, d)).sum();
            b.constraints.push(constraint!(worked <= limit as f64));
        }
    }
}

/// AML § 10-5 (2): at most the single-week maximum in every 7 consecutive days.
fn hours_per_seven_days(b: &mut Builder) {
    let instance = b.instance;
    let longest = instance.shifts.iter().map(|s| s.hours).fold(0.0, f64::max);
    // With at most M days in a row, 7 days hold at most 7 − ⌊7 / (M + 1)⌋ work days.
    let most_days = (7 - 7 / (instance.max_consecutive_work_days + 1)) as f64;
    if longest * most_days <= instance.max_hours_single_week {
        return; // Cannot bind.
    }
    for l in 0..b.lines.len() {
        for start in 0..instance.days {
            let hours = b.hours(l, start..start + 7);
            b.constraints
                .push(constraint!(hours <= instance.max_hours_single_week));
        }
    }
}

/// AML § 10-4 (4), HTA § 4.2.1–4.2.4: the lines make the kind of rota whose full time the
/// positions are measured against (nights apart is the lines' family, see
/// `create_shift_variables`).
fn full_time_kind(b: &mut Builder) {
    match b.instance.full_time_demand {
        FullTimeDemand::DayWork => {
            day_or_evening_lines(b);
            sundays_in_under_a_third_of_the_weeks(b);
        }
        FullTimeDemand::ThreeShiftShares { .. } => no_more_night_and_sunday_than_the_need(b),
        FullTimeDemand::Nothing | FullTimeDemand::NightsApart => {}
    }
}

/// Day work: a line with day (or long) and evening shifts is a 2-shift line (HTA § 4.2.2), so
/// each line takes one of the two, chosen by the solver.
fn day_or_evening_lines(b: &mut Builder) {
    let instance = b.instance;
    let is_evening = |s: usize| instance.shifts[s].kind == ShiftKind::Evening;
    let is_day = |s: usize| matches!(instance.shifts[s].kind, ShiftKind::Day | ShiftKind::Long);
    for l in 0..b.lines.len() {
        let has = |wanted: &dyn Fn(usize) -> bool| {
            (0..instance.days)
                .any(|d| (0..instance.shifts.len()).any(|s| wanted(s) && b.cell(l, d, s).is_some()))
        };
        if !has(&is_evening) || !has(&is_day) {
            continue;
        }
        let evening_line = b.add(variable().binary()).0;
        for d in 0..instance.days {
            for s in 0..instance.shifts.len() {
                if let Some(v) = b.cell(l, d, s) {
                    if is_evening(s) {
                        b.constraints.push(constraint!(v <= evening_line));
                    } else if is_day(s) {
                        b.constraints.push(constraint!(v + evening_line <= 1));
                    }
                }
            }
        }
    }
}

/// Day work: a line that works a Sunday in a third of the weeks or more is Sunday work at least
/// every 3rd week (AML § 10-4 (4)), so each line works Sundays in fewer weeks than that.
fn sundays_in_under_a_third_of_the_weeks(b: &mut Builder) {
    let instance = b.instance;
    let most_weeks = (instance.weeks - 1) / 3;
    for l in 0..b.lines.len() {
        let mut sunday_weeks = Expression::from(0.0);
        for week in 0..instance.weeks {
            let builder: &Builder = b;
            let cells: Vec<Variable> = (week * 7..week * 7 + 7)
                .flat_map(|d| {
                    (0..instance.shifts.len())
                        .filter(move |&s| instance.shifts[s].sunday_hours[d % 7] > 0.0)
                        .filter_map(move |s| builder.cell(l, d, s))
                })
                .collect();
            if cells.is_empty() {
                continue;
            }
            let worked = b.add(variable().binary()).0;
            for v in cells {
                b.constraints.push(constraint!(v <= worked));
            }
            sunday_weeks += worked;
        }
        b.constraints
            .push(constraint!(sunday_weeks <= most_weeks as f64));
    }
}

/// 3-shift hours derived from the need: the rota's night and Sunday shares may not exceed what
/// the full time was derived for (with at-least coverage the extra shifts could raise them).
fn no_more_night_and_sunday_than_the_need(b: &mut Builder) {
    let instance = b.instance;
    let mut sum = Expression::from(instance.three_shift_offset);
    for l in 0..b.lines.len() {
        for d in 0..instance.days {
            for s in 0..instance.shifts.len() {
                if let Some(v) = b.cell(l, d, s) {
                    sum += instance.three_shift_weight(s, d % 7) * v;
                }
            }
        }
    }
    b.constraints.push(constraint!(sum <= 0.0));
}

/// Expression that is ≥ 1 when line l works weekend w (Saturday, Sunday or a counted Friday night).
fn weekend_cells(b: &Builder, l: usize, week: usize) -> Vec<Variable> {
    let mut cells = Vec::new();
    for weekday in [FRIDAY, SATURDAY, SUNDAY] {
        let d = week * 7 + weekday;
        for s in 0..b.instance.shifts.len() {
            if b.instance.weekend_work[s][weekday] {
                cells.extend(b.cell(l, d, s));
            }
        }
    }
    cells
}

/// Works at most every f-th weekend: fixed groups where given, else a group chosen per line,
/// or (cycle not a multiple of f) at most one worked weekend in every f consecutive.
fn weekend_frequency(b: &mut Builder) {
    let instance = b.instance;
    let f = instance.weekend_frequency;
    if f <= 1 || !b.enforced(RuleFamily::WeekendFrequency) {
        return;
    }
    for l in 0..b.lines.len() {
        if b.lines[l].weekend_group.is_some() {
            continue; // Enforced by which variables exist.
        }
        let mut worked = Vec::new();
        for week in 0..instance.weeks {
            let (w, _) = b.add(variable().min(0.0).max(1.0));
            for cell in weekend_cells(b, l, week) {
                b.constraints.push(constraint!(cell <= w));
            }
            worked.push(w);
        }
        if instance.weeks.is_multiple_of(f) {
            let groups: Vec<Variable> = (0..f).map(|_| b.add(variable().binary()).0).collect();
            let one_group: Expression = groups.iter().copied().sum();
            b.constraints.push(constraint!(one_group == 1));
            for (week, &w) in worked.iter().enumerate() {
                b.constraints.push(constraint!(w <= groups[week % f]));
            }
        } else {
            for start in 0..instance.weeks {
                let window: Expression = (start..start + f)
                    .map(|week| worked[week % instance.weeks])
                    .sum();
                b.constraints.push(constraint!(window <= 1));
            }
        }
    }
}

/// A line that works Saturday also works Sunday of that weekend, and the other way round.
fn whole_weekends(b: &mut Builder) {
    for l in 0..b.lines.len() {
        for week in 0..b.instance.weeks {
            let saturday = b.work(l, week * 7 + SATURDAY);
            let sunday = b.work(l, week * 7 + SUNDAY);
            b.constraints.push(constraint!(saturday == sunday));
        }
    }
}

/// AML § 10-8 (4): no Sunday work in two weeks in a row (binds only when f < 2).
fn sunday_off_after_sunday_work(b: &mut Builder) {
    let instance = b.instance;
    if instance.weekend_frequency >= 2 && b.enforced(RuleFamily::WeekendFrequency) {
        return; // Implied: Sunday work is weekend work.
    }
    for l in 0..b.lines.len() {
        let mut sunday = Vec::new();
        for week in 0..instance.weeks {
            let (w, _) = b.add(variable().min(0.0).max(1.0));
            for weekday in [SATURDAY, SUNDAY] {
                for s in 0..instance.shifts.len() {
                    if instance.sunday_work[s][weekday]
                        && let Some(cell) = b.cell(l, week * 7 + weekday, s)
                    {
                        b.constraints.push(constraint!(cell <= w));
                    }
                }
            }
            sunday.push(w);
        }
        // The cycle repeats: in a 1-week cycle a worked Sunday is followed by itself, so no
        // Sunday can be worked at all.
        for week in 0..instance.weeks {
            let (a, c) = (sunday[week], sunday[(week + 1) % instance.weeks]);
            b.constraints.push(constraint!(a + c <= 1));
        }
    }
}

/// Position size: within the line's minimum and maximum; the objective per goal.
fn position_size(b: &mut Builder) {
    let instance = b.instance;
    for l in 0..b.lines.len() {
        let line = &b.lines[l];
        let hours = b.hours(l, 0..instance.days);
        let used = b.used_expression(l);
        b.constraints
            .push(constraint!(hours.clone() <= line.max_hours * used.clone()));
        if b.enforced(RuleFamily::PositionFloor) && line.min_hours > 0.0 {
            b.constraints
                .push(constraint!(hours.clone() >= line.min_hours * used.clone()));
        }
    }
}

/// Repair: every hour a line lies below or above its `soft_hours` costs one.
fn hours_outside_soft_limits(b: &mut Builder, objective: &mut Expression) {
    for l in 0..b.lines.len() {
        let Some((low, high)) = b.lines[l].soft_hours else {
            continue;
        };
        let hours = b.hours(l, 0..b.instance.days);
        let used = b.used_expression(l);
        let (short, _) = b.add(variable().min(0.0));
        let (over, _) = b.add(variable().min(0.0));
        b.constraints
            .push(constraint!(hours.clone() + short >= low * used.clone()));
        b.constraints.push(constraint!(hours - over <= high * used));
        *objective -= short + over;
    }
}

/// Today mode's weights, per hour of the cycle: over-staffing first, then the largest wish
/// shortfall, then the total shortfall, then vacancies.
pub(crate) const OVERSTAFFING_COST_PER_HOUR: f64 = 10.0;

/// Today mode's weights of the total wish shortfall (per hour) and of a vacancy (per hour of a
/// full-time line), with `wishes` wishes: the total weighs less than one hour of the largest
/// (fairness first), a vacancy less than that.
pub(crate) fn today_weights(wishes: usize) -> (f64, f64) {
    let total_weight = 1.0 / (wishes as f64 + 1.0);
    (total_weight, total_weight / 10.0)
}

/// Today mode's objective: the largest wish shortfall as small as possible, then the total
/// shortfall, then as few vacancies as possible. Returns the shortfall columns.
fn fair_wishes_and_few_vacancies(
    b: &mut Builder,
    objective: &mut Expression,
) -> (Vec<(usize, usize)>, Option<usize>) {
    let instance = b.instance;
    let wishes: Vec<(usize, f64)> = (0..b.lines.len())
        .filter_map(|l| Some((l, b.lines[l].wish()?)))
        .collect();
    let mut columns = Vec::new();
    let mut shortfalls = Vec::new();
    for &(l, wanted) in &wishes {
        let (short, column) = b.add(variable().min(0.0).max(wanted));
        let hours = b.hours(l, 0..instance.days);
        b.constraints.push(constraint!(hours + short >= wanted));
        columns.push((l, column));
        shortfalls.push(short);
    }
    let (total_weight, vacancy_weight) = today_weights(wishes.len());
    let mut largest = None;
    if !shortfalls.is_empty() {
        let (most, column) = b.add(variable().min(0.0));
        for &short in &shortfalls {
            b.constraints.push(constraint!(most >= short));
        }
        *objective -= most;
        largest = Some(column);
    }
    for &short in &shortfalls {
        *objective -= total_weight * short;
    }
    for used in b.used.iter().flatten() {
        *objective -= vacancy_weight * instance.full_time_cycle_hours() * used.0;
    }
    (columns, largest)
}

/// The quality score as the objective (minimised): single work days and days off, changes of
/// rhythm (day, evening, night) inside a block and backward rotation, and the spread of weekly
/// hours. Each term is a variable bounded below by its definition, so minimising makes it exact.
fn quality_score(b: &mut Builder, objective: &mut Expression) -> Vec<(usize, Penalty)> {
    let instance = b.instance;
    let weights = instance.quality.clone();
    let days = instance.days;
    let mut penalties = Vec::new();
    for l in 0..b.lines.len() {
        for d in 0..days {
            let (before, after) = ((d + days - 1) % days, d + 1);
            let (work, previous, next) = (b.work(l, d), b.work(l, before), b.work(l, after));
            if weights.single_work_day_weight > 0.0 {
                let (single, column) = b.add(variable().min(0.0).max(1.0));
                b.constraints.push(constraint!(
                    single >= work.clone() - previous.clone() - next.clone()
                ));
                *objective -= weights.single_work_day_weight * single;
                penalties.push((column, Penalty::SingleWorkDay { line: l, day: d }));
            }
            if weights.single_day_off_weight > 0.0 {
                let (single, column) = b.add(variable().min(0.0).max(1.0));
                b.constraints
                    .push(constraint!(single >= previous + next - work - 1.0));
                *objective -= weights.single_day_off_weight * single;
                penalties.push((column, Penalty::SingleDayOff { line: l, day: d }));
            }
            for backward in [false, true] {
                let weight = if backward {
                    weights.backward_rotation_weight
                } else {
                    weights.kind_change_weight
                };
                if weight <= 0.0 {
                    continue;
                }
                let mut pairs = Vec::new();
                for s in 0..instance.shifts.len() {
                    for t in 0..instance.shifts.len() {
                        let (a, c) = (instance.rhythm[s], instance.rhythm[t]);
                        let counted = if backward { c < a } else { c != a };
                        if counted
                            && let (Some(first), Some(second)) =
                                (b.cell(l, d, s), b.cell(l, after, t))
                        {
                            pairs.push((first, second));
                        }
                    }
                }
                if pairs.is_empty() {
                    continue;
                }
                let (change, column) = b.add(variable().min(0.0).max(1.0));
                for (first, second) in pairs {
                    b.constraints
                        .push(constraint!(change >= first + second - 1.0));
                }
                *objective -= weight * change;
                penalties.push((
                    column,
                    Penalty::KindChange {
                        line: l,
                        day: d,
                        backward,
                    },
                ));
            }
        }
        if weights.week_spread_weight_per_hour > 0.0 && instance.weeks > 1 {
            let (busiest, most) = b.add(variable().min(0.0));
            let (quietest, least) = b.add(variable().min(0.0));
            for week in 0..instance.weeks {
                let hours = b.hours(l, week * 7..week * 7 + 7);
                b.constraints.push(constraint!(busiest >= hours.clone()));
                b.constraints.push(constraint!(quietest <= hours));
            }
            *objective -= weights.week_spread_weight_per_hour * (busiest - quietest);
            penalties.push((most, Penalty::BusiestWeek { line: l }));
            penalties.push((least, Penalty::QuietestWeek { line: l }));
        }
    }
    penalties
}

/// Interchangeable lines: ideal lines in the same weekend group and family are ordered by hours;
/// vacancies are used in order.
fn symmetry_breaking(b: &mut Builder) {
    let count = b.lines.len();
    for l in 0..count {
        let Some(next) = (l + 1..count).find(|&m| interchangeable(&b.lines[l], &b.lines[m])) else {
            continue;
        };
        match b.lines[l].holder {
            Holder::Vacancy => {
                if let (Some((a, _)), Some((c, _))) = (b.used[l], b.used[next]) {
                    b.constraints.push(constraint!(a >= c));
                }
            }
            Holder::Ideal if b.night_line[l].is_none() => {
                let (first, second) = (
                    b.hours(l, 0..b.instance.days),
                    b.hours(next, 0..b.instance.days),
                );
                b.constraints.push(constraint!(first >= second));
            }
            _ => {}
        }
    }
}

fn interchangeable(a: &LineSpec, b: &LineSpec) -> bool {
    a.holder == b.holder
        && matches!(a.holder, Holder::Ideal | Holder::Vacancy)
        && a.family == b.family
        && a.weekend_group == b.weekend_group
        && a.qualification == b.qualification
        && a.locked.is_empty()
        && b.locked.is_empty()
}
