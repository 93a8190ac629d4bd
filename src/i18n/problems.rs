//! The texts of validation problems, in bokmål and English. Validation says where (the field
//! path, the file's own word, the same in every language) and what (a [`ProblemKind`] with
//! its values); this is the one place that says it in words. In bokmål the field is also named
//! by the label the app shows and the panel it is on («Lengste vakt (timer)» under Enhet og
//! regler).

use super::Language;
use crate::model::{Problem, ProblemKind, RangeUnit, cut};

/// `text` in double quotes, cut to 60 characters.
fn quoted(text: &str) -> String {
    format!("\"{}\"", cut(text))
}

/// The app's label and panel for a field path, in bokmål: `rules.max_shift_hours` →
/// («Lengste vakt (timer)», "Enhet og regler"). None for paths the app has no field for.
pub fn field_label(path: &str) -> Option<(&'static str, &'static str)> {
    const UNIT: &str = "Enhet og regler";
    const SHIFTS: &str = "Vakttyper";
    const STAFF: &str = "Ansatte";
    // The field after the last `]` or `.` that is not an index: `shifts[2].end` → "end".
    let field = path.rsplit('.').next().unwrap_or(path);
    let field = field.split('[').next().unwrap_or(field);
    let group = path.split(['.', '[']).next().unwrap_or(path);
    let label = match (group, field) {
        ("rota", "weeks") => ("Turnusperiode (uker)", UNIT),
        ("rota", "weekend_frequency") => ("Helgefrekvens (hver n. helg)", UNIT),
        ("rota", "full_time") => ("Heltid", UNIT),
        ("rules", "min_daily_rest_hours") => ("Døgnhvile (timer)", UNIT),
        ("rules", "min_daily_rest_agreed_hours") => ("Døgnhvile med avtale", UNIT),
        ("rules", "min_weekly_rest_hours") => ("Ukehvile (timer)", UNIT),
        ("rules", "min_weekly_rest_agreed_hours") => ("Ukehvile med avtale", UNIT),
        ("rules", "max_shift_hours") => ("Lengste vakt (timer)", UNIT),
        ("rules", "max_hours_single_week") => ("Maks timer på 7 dager", UNIT),
        ("rules", "max_average_hours_per_week") => ("Maks snitt per uke", UNIT),
        ("rules", "averaging_weeks") => ("Gjennomsnittsperiode (uker)", UNIT),
        ("rules", "max_consecutive_work_days") => ("Maks arbeidsdager på rad", UNIT),
        ("rules", "min_position_pct") => ("Minste stilling i forslag", UNIT),
        ("rules", "full_time_tolerance_pct") => ("Heltid fra (toleranse)", UNIT),
        ("shifts", "code") => ("Kode", SHIFTS),
        ("shifts", "start") => ("Start", SHIFTS),
        ("shifts", "end") => ("Slutt", SHIFTS),
        ("shifts", "break_minutes") => ("Pause (min)", SHIFTS),
        ("needs", _) => ("Behov", "Bemanningsbehov"),
        ("qualified_needs", _) => ("Kompetansekrav", "Bemanningsbehov"),
        ("staff", "name") => ("Navn", STAFF),
        ("staff", "position_pct") => ("Stilling %", STAFF),
        ("staff", "max_pct") => ("Maks %", STAFF),
        ("staff", "wanted_pct") => ("Ønsker %", STAFF),
        _ => return None,
    };
    Some(label)
}

impl ProblemKind {
    /// What is wrong and what would be valid, in `language`.
    pub fn text(&self, language: Language) -> String {
        let nb = language == Language::Bokmal;
        // Numbers as written in the file, with a decimal comma in bokmål.
        let v = |value: f64| match language {
            Language::Bokmal => value.to_string().replace('.', ","),
            Language::English => value.to_string(),
        };
        match self {
            ProblemKind::NewerFormat { version, supported } => {
                if nb {
                    format!(
                        "{version} er nyere enn dette programmet forstår ({supported}); oppdater Heltidskalkulator"
                    )
                } else {
                    format!(
                        "{version} is newer than this program understands ({supported}); update Heltidskalkulator"
                    )
                }
            }
            ProblemKind::OutOfRange {
                value,
                low,
                high,
                unit,
            } => {
                let unit = match (unit, nb) {
                    (RangeUnit::None, _) => "",
                    (RangeUnit::Hours, true) => " timer",
                    (RangeUnit::Hours, false) => " hours",
                    (RangeUnit::HoursPerWeek, true) => " timer per uke",
                    (RangeUnit::HoursPerWeek, false) => " hours per week",
                    (RangeUnit::Percent, _) => " %",
                };
                if nb {
                    format!(
                        "{} er utenfor det gyldige området {}–{}{unit}",
                        v(*value),
                        v(*low),
                        v(*high)
                    )
                } else {
                    format!(
                        "{} is outside the valid range {}–{}{unit}",
                        v(*value),
                        v(*low),
                        v(*high)
                    )
                }
            }
            ProblemKind::CycleLength { weeks } => {
                if nb {
                    format!("{weeks} uker er ikke en turnusperiode; bruk 1–52 uker")
                } else {
                    format!("{weeks} weeks is not a cycle length; use 1–52 weeks")
                }
            }
            ProblemKind::WeekendFrequency { frequency, weeks } => {
                let max = weeks.max(&1);
                if nb {
                    format!(
                        "hver {frequency}. helg går ikke i en turnusperiode på {weeks} uker; bruk 1–{max}"
                    )
                } else {
                    format!(
                        "every {frequency}. weekend is not possible in a {weeks}-week cycle; use 1–{max}"
                    )
                }
            }
            ProblemKind::EmptyCode => language
                .pick(
                    "er tom; gi vakten en kort kode, for eksempel \"D\"",
                    "is empty; give the shift a short code such as \"D\"",
                )
                .to_string(),
            ProblemKind::BadCode { code } => {
                if nb {
                    format!(
                        "{} kan ikke være en kode; bruk bokstaver uten mellomrom, ikke \"-\" eller \"|\"",
                        quoted(code)
                    )
                } else {
                    format!(
                        "{} cannot be a code; use letters without spaces, not \"-\" or \"|\"",
                        quoted(code)
                    )
                }
            }
            ProblemKind::DuplicateCode { code } => {
                if nb {
                    format!(
                        "{} er brukt av en vakt før; kodene må være ulike",
                        quoted(code)
                    )
                } else {
                    format!(
                        "{} is used by an earlier shift; codes must be unique",
                        quoted(code)
                    )
                }
            }
            ProblemKind::BadStart { text } => {
                if nb {
                    format!(
                        "{} er ikke et klokkeslett (TT:MM, 00:00–23:59)",
                        quoted(text)
                    )
                } else {
                    format!("{} is not a time of day (HH:MM, 00:00–23:59)", quoted(text))
                }
            }
            ProblemKind::BadTime { text } => {
                if nb {
                    format!("{} er ikke et klokkeslett (TT:MM)", quoted(text))
                } else {
                    format!("{} is not a time of day (HH:MM)", quoted(text))
                }
            }
            ProblemKind::BreakTooLong {
                break_minutes,
                shift_minutes,
            } => {
                if nb {
                    format!(
                        "{break_minutes} minutter er like lenge som vakten ({} minutter); pausen må være kortere",
                        v(*shift_minutes)
                    )
                } else {
                    format!(
                        "{break_minutes} minutes is as long as the shift ({} minutes); it must be shorter",
                        v(*shift_minutes)
                    )
                }
            }
            ProblemKind::WeekdayCount { count } => {
                if nb {
                    format!("har {count} tall; gi 7, mandag til søndag")
                } else {
                    format!("has {count} numbers; give 7, Monday to Sunday")
                }
            }
            ProblemKind::Negative { value } => {
                if nb {
                    format!("{value} er negativt")
                } else {
                    format!("{value} is negative")
                }
            }
            ProblemKind::TooManyPeople { value } => {
                if nb {
                    format!("{value} er mer enn 500 personer på én vakt")
                } else {
                    format!("{value} is more than 500 people on one shift")
                }
            }
            ProblemKind::UndefinedNeedShift { code } => {
                if nb {
                    format!(
                        "vakten {} finnes ikke; legg den inn under Vakttyper eller fjern behovet",
                        quoted(code)
                    )
                } else {
                    format!(
                        "shift {} is not defined; define it under shifts or remove it",
                        quoted(code)
                    )
                }
            }
            ProblemKind::UndefinedShift { code } => {
                if nb {
                    format!("vakten {} finnes ikke", quoted(code))
                } else {
                    format!("shift {} is not defined", quoted(code))
                }
            }
            ProblemKind::QualifiedAboveNeed {
                min,
                qualification,
                on_shift,
                code,
            } => {
                let qualification = format!("{qualification:?}");
                if nb {
                    format!(
                        "{min} {} er flere enn de {on_shift} personene som trengs på {} den dagen",
                        qualification.to_lowercase(),
                        cut(code)
                    )
                } else {
                    format!(
                        "{min} {qualification} is more than the {on_shift} people needed on {} that day",
                        cut(code)
                    )
                }
            }
            ProblemKind::EmptyName => language
                .pick(
                    "er tomt; gi et navn eller en merkelapp som \"Ansatt 1\"",
                    "is empty; give a name or a label such as \"Ansatt 1\"",
                )
                .to_string(),
            ProblemKind::DuplicateName { name } => {
                if nb {
                    format!(
                        "{} er brukt av en ansatt før; navnene må være ulike",
                        quoted(name)
                    )
                } else {
                    format!(
                        "{} is used by an earlier employee; names must be unique",
                        quoted(name)
                    )
                }
            }
            ProblemKind::AboveMaximum { position, max } => {
                if nb {
                    format!(
                        "{} % er over personens største stilling, {} %",
                        v(*position),
                        v(*max)
                    )
                } else {
                    format!(
                        "{} % is above the person's maximum {} %",
                        v(*position),
                        v(*max)
                    )
                }
            }
            ProblemKind::WantedOutside {
                wanted,
                position,
                max,
            } => {
                if nb {
                    format!(
                        "{} % må ligge mellom dagens {} % og største stilling {} %",
                        v(*wanted),
                        v(*position),
                        v(*max)
                    )
                } else {
                    format!(
                        "{} % must lie between today's {} % and the maximum {} %",
                        v(*wanted),
                        v(*position),
                        v(*max)
                    )
                }
            }
            ProblemKind::AgreedAboveOrdinary { agreed, ordinary } => {
                if nb {
                    format!(
                        "{} timer er mer enn det vanlige minimum på {} timer; en avtale kan bare senke det",
                        v(*agreed),
                        v(*ordinary)
                    )
                } else {
                    format!(
                        "{} h is more than the ordinary minimum {} h; an agreement can only lower it",
                        v(*agreed),
                        v(*ordinary)
                    )
                }
            }
            ProblemKind::ThreeShiftAboveRota { three_shift, rota } => {
                if nb {
                    format!(
                        "{} timer er mer enn heltid i turnus, {} timer; HTA § 4.2.4 trenger den laveste grensen først",
                        v(*three_shift),
                        v(*rota)
                    )
                } else {
                    format!(
                        "{} h is more than the rota full time {} h; HTA § 4.2.4 needs the lower clamp first",
                        v(*three_shift),
                        v(*rota)
                    )
                }
            }
            ProblemKind::AveragingWeeks { weeks } => {
                if nb {
                    format!("{weeks} er ikke en gjennomsnittsperiode; bruk 1–52 uker")
                } else {
                    format!("{weeks} is not an averaging period; use 1–52 weeks")
                }
            }
            ProblemKind::ConsecutiveDaysLimit { days } => {
                if nb {
                    format!("{days} er ikke en nyttig grense; bruk 1–14 dager")
                } else {
                    format!("{days} is not a useful limit; use 1–14 days")
                }
            }
            ProblemKind::LineLength {
                days,
                weeks,
                cycle_days,
            } => {
                if nb {
                    format!(
                        "har {days} dager; en turnusperiode på {weeks} uker har {cycle_days} (en vaktkode eller \"-\" per dag)"
                    )
                } else {
                    format!(
                        "has {days} days; a {weeks}-week cycle has {cycle_days} (a shift code or \"-\" per day)"
                    )
                }
            }
            ProblemKind::UndefinedCell { code } => {
                if nb {
                    format!(
                        "vakten {} finnes ikke; bruk en kode fra Vakttyper eller \"-\"",
                        quoted(code)
                    )
                } else {
                    format!(
                        "shift {} is not defined; use a defined code or \"-\"",
                        quoted(code)
                    )
                }
            }
            ProblemKind::UnknownEmployee { name } => {
                if nb {
                    format!(
                        "{} er ikke blant de ansatte; legg personen inn under Ansatte eller la linjen stå ledig",
                        quoted(name)
                    )
                } else {
                    format!(
                        "{} is not in staff; add the person or leave the line vacant",
                        quoted(name)
                    )
                }
            }
            ProblemKind::Unreadable(error) => error.kind.text("", language),
        }
    }
}

impl Problem {
    /// "path: what is wrong", in `language`; in bokmål the path is followed by the app's label
    /// and panel when the app has a field for it: `rules.max_shift_hours («Lengste vakt
    /// (timer)» under Enhet og regler): 30 er utenfor …`.
    ///
    /// A file that cannot be read is placed by its line and column too (see
    /// [`crate::model::LoadError::place`]).
    pub fn text(&self, language: Language) -> String {
        if let ProblemKind::Unreadable(error) = &self.what {
            return error.text(&self.path, language);
        }
        let what = self.what.text(language);
        match (language, field_label(&self.path)) {
            (Language::Bokmal, Some((label, panel))) => {
                format!("{} («{label}» under {panel}): {what}", self.path)
            }
            _ => format!("{}: {what}", self.path),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language::{Bokmal, English};
    use crate::model::{Scenario, validate};

    fn texts(scenario: &Scenario, language: Language) -> Vec<String> {
        validate(scenario)
            .iter()
            .map(|problem| problem.text(language))
            .collect()
    }

    #[test]
    fn problems_read_in_bokmal_with_the_apps_labels_and_in_english_as_before() {
        let mut scenario = Scenario::default();
        scenario.rules.max_shift_hours = 30.5;
        scenario.rota.weeks = 60;
        scenario.shifts = vec![crate::model::ShiftType {
            code: "D".into(),
            start: "25:00".into(),
            end: "15:00".into(),
            ..Default::default()
        }];
        scenario
            .needs
            .insert("D".into(), vec![1, 1, 1, 1, 1, 1, -1]);
        let bokmal = texts(&scenario, Bokmal);
        for expected in [
            "rules.max_shift_hours («Lengste vakt (timer)» under Enhet og regler): 30,5 er utenfor det gyldige området 1–24",
            "rota.weeks («Turnusperiode (uker)» under Enhet og regler): 60 uker er ikke en turnusperiode; bruk 1–52 uker",
            "shifts[0].start («Start» under Vakttyper): \"25:00\" er ikke et klokkeslett (TT:MM, 00:00–23:59)",
            "needs.D[6] («Behov» under Bemanningsbehov): -1 er negativt",
        ] {
            assert!(
                bokmal.iter().any(|t| t == expected),
                "{expected:?} in {bokmal:#?}"
            );
        }
        let english = texts(&scenario, English);
        for expected in [
            "rules.max_shift_hours: 30.5 is outside the valid range 1–24",
            "rota.weeks: 60 weeks is not a cycle length; use 1–52 weeks",
            "shifts[0].start: \"25:00\" is not a time of day (HH:MM, 00:00–23:59)",
            "needs.D[6]: -1 is negative",
        ] {
            assert!(
                english.iter().any(|t| t == expected),
                "{expected:?} in {english:#?}"
            );
        }
        // Display stays English.
        assert_eq!(
            validate(&scenario)
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            english
        );
    }

    #[test]
    fn paths_find_the_apps_labels() {
        assert_eq!(
            field_label("staff[3].position_pct"),
            Some(("Stilling %", "Ansatte"))
        );
        assert_eq!(field_label("shifts[12].end"), Some(("Slutt", "Vakttyper")));
        assert_eq!(
            field_label("needs.N[6]"),
            Some(("Behov", "Bemanningsbehov"))
        );
        assert_eq!(field_label("today.lines[2].days[4]"), None);
        assert_eq!(field_label("format_version"), None);
    }

    #[test]
    fn every_kind_reads_differently_in_bokmal() {
        let kinds = [
            ProblemKind::NewerFormat {
                version: 7,
                supported: 1,
            },
            ProblemKind::WeekendFrequency {
                frequency: 4,
                weeks: 3,
            },
            ProblemKind::EmptyCode,
            ProblemKind::BadCode { code: "a b".into() },
            ProblemKind::DuplicateCode { code: "D".into() },
            ProblemKind::BadTime { text: "x".into() },
            ProblemKind::BreakTooLong {
                break_minutes: 600,
                shift_minutes: 450.0,
            },
            ProblemKind::WeekdayCount { count: 6 },
            ProblemKind::TooManyPeople { value: 501 },
            ProblemKind::UndefinedNeedShift { code: "X".into() },
            ProblemKind::UndefinedShift { code: "X".into() },
            ProblemKind::QualifiedAboveNeed {
                min: 3,
                qualification: crate::model::Qualification::Sykepleier,
                on_shift: 2,
                code: "N".into(),
            },
            ProblemKind::EmptyName,
            ProblemKind::DuplicateName {
                name: "Kari".into(),
            },
            ProblemKind::AboveMaximum {
                position: 80.5,
                max: 60.0,
            },
            ProblemKind::WantedOutside {
                wanted: 40.0,
                position: 50.5,
                max: 100.0,
            },
            ProblemKind::AgreedAboveOrdinary {
                agreed: 12.5,
                ordinary: 11.0,
            },
            ProblemKind::ThreeShiftAboveRota {
                three_shift: 36.0,
                rota: 35.5,
            },
            ProblemKind::AveragingWeeks { weeks: 0 },
            ProblemKind::ConsecutiveDaysLimit { days: 20 },
            ProblemKind::LineLength {
                days: 41,
                weeks: 6,
                cycle_days: 42,
            },
            ProblemKind::UndefinedCell { code: "Q".into() },
            ProblemKind::UnknownEmployee {
                name: "Nils".into(),
            },
        ];
        for kind in &kinds {
            assert_ne!(kind.text(Bokmal), kind.text(English), "{kind:?}");
        }
        assert_eq!(
            kinds[14].text(Bokmal),
            "80,5 % er over personens største stilling, 60 %"
        );
        assert_eq!(
            kinds[14].text(English),
            "80.5 % is above the person's maximum 60 %"
        );
    }
}
