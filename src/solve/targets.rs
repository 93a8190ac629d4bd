//! The unit's targets (not rules): the minimum position size, full-time lines and wishes. The
//! solver aims for them; what it misses is reported with the arithmetic that forbids more.

use crate::i18n::Language;

/// A target the unit set.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// No line under this position, % (`rules.min_position_pct`).
    MinimumPosition(f64),
    /// Lines at full time (within the full-time tolerance).
    FullTime,
    /// Vacancies no smaller than the minimum position, % (today mode), when the vacancies the
    /// bounds need cannot all have it from the hours today's positions leave open.
    VacancyMinimum {
        /// The minimum position, %.
        pct: f64,
        /// Its weekly hours.
        pct_weekly_hours: f64,
        /// Heads the bounds need.
        heads_needed: u32,
        /// Today's staff.
        staff: u32,
        /// Vacancies needed: for the heads, or one for hours the staff cannot take on.
        vacancies: u32,
        /// Weekly hours of the need today's positions leave open.
        spare_weekly_hours: f64,
    },
    /// Vacancies no smaller than the minimum position, % (today mode), when no rota has every
    /// vacancy at it (proven by the solver).
    VacancyMinimumNoRota {
        /// The minimum position, %.
        pct: f64,
    },
    /// Today mode: a level of its objective where the proposal is above what the count of
    /// shifts per person, shift and weekday proves that no rota can go under.
    TodayBound {
        /// Which level.
        level: TodayLevel,
        /// The proposal's value.
        got: f64,
        /// No rota has less (proven).
        at_least: f64,
    },
    /// An employee's wish for a larger position (today mode).
    Wish {
        /// Who wishes.
        employee: String,
        /// The position wished for, %.
        wanted_pct: f64,
        /// The position in the proposal, %.
        got_pct: f64,
    },
}

/// The levels of today mode's objective, in their order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TodayLevel {
    /// Hours per week over the need (where today's positions exceed it).
    OverStaffing,
    /// The largest wish shortfall, % of full time.
    LargestWishShortfall,
    /// All wish shortfalls together, % of full time.
    TotalWishShortfall,
    /// Vacancies.
    Vacancies,
}

/// How far the proposal reached one target.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetReport {
    /// The target.
    pub target: Target,
    /// Lines the target applies to.
    pub lines: u32,
    /// Lines that reach it.
    pub reached: u32,
    /// The most lines that can reach it (the arithmetic or count bound); equal to `reached` when
    /// the proposal is proven best on this target.
    pub best_possible: u32,
}

/// The unit's weekend arithmetic, for explaining a missed target.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Arithmetic {
    /// Works every f-th weekend.
    pub weekend_frequency: u32,
    /// Lines in the proposal.
    pub heads: u32,
    /// Full-time equivalents the needs make.
    pub fte: f64,
}

impl Arithmetic {
    /// The highest average position these heads can have, %.
    pub fn highest_average_pct(&self) -> f64 {
        if self.heads == 0 {
            return 0.0;
        }
        (self.fte / f64::from(self.heads) * 100.0).min(100.0)
    }
}

impl TargetReport {
    /// A report with nothing counted yet.
    pub fn new(target: Target) -> Self {
        Self {
            target,
            lines: 0,
            reached: 0,
            best_possible: 0,
        }
    }

    /// Adds one line family's numbers.
    pub fn add(&mut self, lines: u32, reached: u32, best_possible: u32) {
        self.lines += lines;
        self.reached += reached;
        self.best_possible += best_possible.max(reached);
    }

    /// Whether every line reaches the target.
    pub fn met(&self) -> bool {
        self.reached >= self.lines
    }

    /// Whether no proposal can reach it on more lines.
    pub fn proven(&self) -> bool {
        self.reached >= self.best_possible
    }

    /// The target's name as a manager reads it (with the app's label).
    pub fn name(&self, language: Language) -> String {
        match &self.target {
            Target::MinimumPosition(pct) => format!(
                "{} {} %",
                language.pick("Minste stilling", "Minimum position"),
                language.number(*pct, 0)
            ),
            Target::FullTime => language.pick("Heltid", "Full time").into(),
            Target::VacancyMinimum { pct, .. } | Target::VacancyMinimumNoRota { pct } => format!(
                "{} {} %",
                language.pick("Ledige stillinger minst", "Vacancies at least"),
                language.number(*pct, 0)
            ),
            Target::Wish { employee, .. } => {
                format!(
                    "{} ({employee})",
                    language.pick("Ønsket stilling", "Wished position")
                )
            }
            Target::TodayBound { level, .. } => match level {
                TodayLevel::OverStaffing => language.pick("Overbemanning", "Over-staffing"),
                TodayLevel::LargestWishShortfall => {
                    language.pick("Største manglende ønske", "Largest unmet wish")
                }
                TodayLevel::TotalWishShortfall => {
                    language.pick("Manglende ønsker i alt", "Unmet wishes in all")
                }
                TodayLevel::Vacancies => language.pick("Ledige stillinger", "Vacancies"),
            }
            .into(),
        }
    }

    /// What was missed and why, with the arithmetic; None when the target is met.
    pub fn explain(&self, arithmetic: &Arithmetic, language: Language) -> Option<String> {
        if self.met() {
            return None;
        }
        let n = |value: u32| value.to_string();
        let name = self.name(language);
        Some(match &self.target {
            Target::MinimumPosition(pct) => {
                let under = self.lines - self.reached;
                let must = self.lines.saturating_sub(self.best_possible);
                let pct = language.number(*pct, 0);
                let average = language.number(arithmetic.highest_average_pct(), 1);
                let fte = language.number(arithmetic.fte, 1);
                let every = language.every_nth(arithmetic.weekend_frequency);
                let heads = n(arithmetic.heads);
                let why = match language {
                    Language::Bokmal => format!(
                        "Ved {every} helg deler {heads} hoder {fte} årsverk: gjennomsnittet kan høyst bli {average} %"
                    ),
                    Language::English => format!(
                        "At {every} weekend {heads} heads share {fte} FTE: the average can be at most {average} %"
                    ),
                };
                let verdict = match (language, self.proven()) {
                    (Language::Bokmal, true) => {
                        format!("minst {must} linjer må ligge under {pct} % (bevist)")
                    }
                    (Language::English, true) => {
                        format!("at least {must} lines must stay under {pct} % (proven)")
                    }
                    (Language::Bokmal, false) if must == 0 => format!(
                        "regnestykket alene gir rom for alle på {pct} %, men søket fant ingen turnus med færre under innen tidsgrensen (helgegrupper og hele vakter binder)"
                    ),
                    (Language::English, false) if must == 0 => format!(
                        "the arithmetic alone allows every line at {pct} %, but the search found no rota with fewer under it within the time limit (weekend groups and whole shifts bind)"
                    ),
                    (Language::Bokmal, false) => format!(
                        "regnestykket krever minst {must} under {pct} %, og søket fant ingen turnus med færre innen tidsgrensen"
                    ),
                    (Language::English, false) => format!(
                        "the arithmetic needs at least {must} under {pct} %, and the search found no rota with fewer within the time limit"
                    ),
                };
                match language {
                    Language::Bokmal => format!(
                        "{name}: {} av {} linjer er under. {why}; {verdict}.",
                        n(under),
                        n(self.lines)
                    ),
                    Language::English => format!(
                        "{name}: {} of {} lines are under it. {why}; {verdict}.",
                        n(under),
                        n(self.lines)
                    ),
                }
            }
            Target::FullTime => {
                let (reached, lines, best) =
                    (n(self.reached), n(self.lines), n(self.best_possible));
                match (language, self.proven()) {
                    (Language::Bokmal, true) => format!(
                        "{name}: {reached} av {lines} linjer er heltid; flere er ikke mulig med disse hodene og vaktene (bevist)."
                    ),
                    (Language::English, true) => format!(
                        "{name}: {reached} of {lines} lines are full time; more is not possible with these heads and shifts (proven)."
                    ),
                    (Language::Bokmal, false) => format!(
                        "{name}: {reached} av {lines} linjer er heltid; høyst {best} kan bli det, men søket fant ikke flere innen tidsgrensen."
                    ),
                    (Language::English, false) => format!(
                        "{name}: {reached} of {lines} lines are full time; at most {best} can be, but the search found no more within the time limit."
                    ),
                }
            }
            Target::VacancyMinimum {
                pct,
                pct_weekly_hours,
                heads_needed,
                staff,
                vacancies,
                spare_weekly_hours,
            } => {
                let under = n(self.lines - self.reached);
                let (lines, best) = (n(self.lines), n(self.best_possible));
                let (pct, hours, spare) = (
                    language.number(*pct, 0),
                    language.number(*pct_weekly_hours, 1),
                    language.number(*spare_weekly_hours, 1),
                );
                let for_heads = heads_needed > staff;
                match (language, for_heads, *spare_weekly_hours < 0.05) {
                    (Language::Bokmal, true, false) => format!(
                        "{name}: {under} av {lines} ledige linjer er under. Behovet krever minst {heads_needed} hoder, og enheten har {staff} ansatte: {vacancies} ledige linjer deler de {spare} timene per uke som dagens stillinger lar stå åpne, mens {pct} % er {hours} timer per uke; høyst {best} av dem kan nå det."
                    ),
                    (Language::English, true, false) => format!(
                        "{name}: {under} of {lines} vacancies are under it. The need takes at least {heads_needed} heads and the unit has {staff} staff: {vacancies} vacancies share the {spare} h per week that today's positions leave open, while {pct} % is {hours} h per week; at most {best} of them can reach it."
                    ),
                    (Language::Bokmal, true, true) => format!(
                        "{name}: {under} av {lines} ledige linjer er under. Behovet krever minst {heads_needed} hoder, og enheten har {staff} ansatte, hvis stillinger alene dekker behovet: de {vacancies} ledige linjene helgene krever, kan bare få timer som overbemanning, og den holdes så liten som mulig."
                    ),
                    (Language::English, true, true) => format!(
                        "{name}: {under} of {lines} vacancies are under it. The need takes at least {heads_needed} heads and the unit has {staff} staff whose positions alone cover the need: the {vacancies} vacancies the weekends need can only get hours as over-staffing, which is kept as small as possible."
                    ),
                    (Language::Bokmal, false, _) => format!(
                        "{name}: {under} av {lines} ledige linjer er under. Dagens stillinger lar {spare} timer per uke stå åpne, flere enn de ansatte kan ta opp til sine maksimalstillinger, mens {pct} % er {hours} timer per uke: en ledig linje må ta resten, under minstestillingen."
                    ),
                    (Language::English, false, _) => format!(
                        "{name}: {under} of {lines} vacancies are under it. Today's positions leave {spare} h per week open, more than the staff can take on up to their maximum positions, while {pct} % is {hours} h per week: a vacancy must take the rest, under the minimum."
                    ),
                }
            }
            Target::VacancyMinimumNoRota { pct } => {
                let under = n(self.lines - self.reached);
                let lines = n(self.lines);
                let pct = language.number(*pct, 0);
                match language {
                    Language::Bokmal => format!(
                        "{name}: {under} av {lines} ledige linjer er under. Med alle ledige linjer på minst {pct} % finnes ingen turnus (bevist): behovet, kvalifikasjonskravene og reglene krever ledige linjer som timene ikke gir plass til i den størrelsen."
                    ),
                    Language::English => format!(
                        "{name}: {under} of {lines} vacancies are under it. With every vacancy at {pct} % or more there is no rota (proven): the need, the qualification needs and the rules take vacancies the hours leave no room for at that size."
                    ),
                }
            }
            Target::TodayBound {
                level,
                got,
                at_least,
            } => {
                let decimals = if *level == TodayLevel::Vacancies {
                    0
                } else {
                    1
                };
                let (got, at_least) = (
                    language.number(*got, decimals),
                    language.number(*at_least, decimals),
                );
                let unit = match (level, language) {
                    (TodayLevel::OverStaffing, Language::Bokmal) => " timer per uke",
                    (TodayLevel::OverStaffing, Language::English) => " h per week",
                    (TodayLevel::Vacancies, _) => "",
                    (_, Language::Bokmal) => " % av heltid",
                    (_, Language::English) => " % of full time",
                };
                match language {
                    Language::Bokmal => format!(
                        "{name}: forslaget har {got}{unit}. Ingen turnus kan komme under {at_least}{unit} (bevist ved å telle vaktene per person, vakttype og ukedag); en lengre tidsgrense kan komme nærmere."
                    ),
                    Language::English => format!(
                        "{name}: the proposal has {got}{unit}. No rota can go under {at_least}{unit} (proven by counting shifts per person, shift and weekday); a longer time limit may come closer."
                    ),
                }
            }
            Target::Wish {
                employee,
                wanted_pct,
                got_pct,
            } => {
                let (wanted, got) = (
                    language.number(*wanted_pct, 1),
                    language.number(*got_pct, 1),
                );
                match language {
                    Language::Bokmal => format!(
                        "{employee} ønsker {wanted} % og får {got} %: timene behovet gir rekker ikke til alle ønsker når ingen går ned."
                    ),
                    Language::English => format!(
                        "{employee} wishes {wanted} % and gets {got} %: the hours the needs make do not stretch to every wish when nobody goes down."
                    ),
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missed_minimum_names_the_arithmetic_in_both_languages() {
        let report = TargetReport {
            target: Target::MinimumPosition(50.0),
            lines: 44,
            reached: 13,
            best_possible: 13,
        };
        let arithmetic = Arithmetic {
            weekend_frequency: 4,
            heads: 44,
            fte: 17.8,
        };
        assert_eq!(
            report.explain(&arithmetic, Language::English).unwrap(),
            "Minimum position 50 %: 31 of 44 lines are under it. At every 4th weekend 44 heads share 17.8 FTE: the average can be at most 40.5 %; at least 31 lines must stay under 50 % (proven)."
        );
        let norsk = report.explain(&arithmetic, Language::Bokmal).unwrap();
        assert!(norsk.contains("17,8 årsverk"), "{norsk}");
        assert!(norsk.contains("høyst bli 40,5 %"), "{norsk}");
    }

    #[test]
    fn a_today_level_above_its_bound_says_both_numbers() {
        let report = TargetReport {
            target: Target::TodayBound {
                level: TodayLevel::LargestWishShortfall,
                got: 19.0,
                at_least: 12.5,
            },
            lines: 1,
            reached: 0,
            best_possible: 1,
        };
        let arithmetic = Arithmetic {
            weekend_frequency: 3,
            heads: 34,
            fte: 16.8,
        };
        let norsk = report.explain(&arithmetic, Language::Bokmal).unwrap();
        assert!(
            norsk.starts_with("Største manglende ønske: forslaget har 19,0 % av heltid."),
            "{norsk}"
        );
        assert!(norsk.contains("under 12,5 % av heltid"), "{norsk}");
    }

    #[test]
    fn a_met_target_needs_no_explanation() {
        let mut report = TargetReport::new(Target::FullTime);
        report.add(10, 10, 10);
        let arithmetic = Arithmetic {
            weekend_frequency: 2,
            heads: 10,
            fte: 10.0,
        };
        assert_eq!(report.explain(&arithmetic, Language::Bokmal), None);
    }
}
