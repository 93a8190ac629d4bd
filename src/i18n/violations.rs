//! The texts of the rule checker's violations, in bokmål and English. Each rule says what it
//! found (a [`ViolationKind`] with its values); this is the one place that says it in words.
//! The bokmål texts name the unit's own limits by the labels the app shows under Enhet og
//! regler («Lengste vakt (timer)»); the law's limits are named by the rule and its reference
//! (see [`Violation::titled`]).

use super::Language;
use crate::rules::{FullTimeBasis, LineRef, Violation, ViolationKind, rule_info};

/// "line 4 (Kari)" or "linje 4 (ledig)": 1-based for people.
fn line_text(line: &LineRef, language: Language) -> String {
    let who = line
        .employee
        .clone()
        .unwrap_or_else(|| language.pick("ledig", "vacancy").to_string());
    format!(
        "{} {} ({who})",
        language.pick("linje", "line"),
        line.index + 1
    )
}

/// Why the rota's full time is what it is.
fn basis_text(basis: &FullTimeBasis, language: Language) -> String {
    let nb = language == Language::Bokmal;
    let n1 = |value: f64| language.number(value, 1);
    match basis {
        FullTimeBasis::ThreeShift {
            line,
            night_pct,
            sunday_pct,
        } => {
            let line = line_text(line, language);
            if nb {
                format!(
                    "tredelt turnus ({line} har både nattevakter og andre vakter): HTA § 4.2.4 med {} % nattetimer og {} % søndagstimer",
                    n1(*night_pct),
                    n1(*sunday_pct)
                )
            } else {
                format!(
                    "a 3-shift rota ({line} works nights and other shifts): HTA § 4.2.4 with {} % night hours and {} % Sunday hours",
                    n1(*night_pct),
                    n1(*sunday_pct)
                )
            }
        }
        FullTimeBasis::SundayWork {
            line,
            sundays,
            weeks,
        } => {
            let line = line_text(line, language);
            if nb {
                format!(
                    "turnus med søndagsarbeid minst hver 3. uke ({line} jobber søndag i {sundays} av {weeks} uker): AML § 10-4 (4)"
                )
            } else {
                format!(
                    "a rota with Sunday work at least every 3rd week ({line} works Sundays in {sundays} of {weeks} weeks): AML § 10-4 (4)"
                )
            }
        }
        FullTimeBasis::TwoShift { line } => {
            let line = line_text(line, language);
            if nb {
                format!("todelt turnus ({line} har både dag- og aftenvakter): AML § 10-4 (4)")
            } else {
                format!("a 2-shift rota ({line} works day and evening shifts): AML § 10-4 (4)")
            }
        }
        FullTimeBasis::DayWork => language
            .pick("dagarbeid: HTA § 4.2.1", "day work: HTA § 4.2.1")
            .to_string(),
    }
}

impl ViolationKind {
    /// What is wrong, with the numbers and places, in `language`.
    pub fn text(&self, language: Language) -> String {
        let nb = language == Language::Bokmal;
        let h = |value: f64| language.hours(value);
        let day = |day: usize| language.day(day);
        match self {
            ViolationKind::Understaffed {
                code,
                day: on,
                count,
                need,
            } => {
                if nb {
                    format!("{count} på {code} {}; behovet er {need}", day(*on))
                } else {
                    format!("{count} on {code} {}, need {need}", day(*on))
                }
            }
            ViolationKind::Overstaffed {
                code,
                day: on,
                count,
                need,
            } => {
                if nb {
                    format!(
                        "{count} på {code} {}; behovet er nøyaktig {need} («Dekk behovet eksakt»)",
                        day(*on)
                    )
                } else {
                    format!("{count} on {code} {}, need exactly {need}", day(*on))
                }
            }
            ViolationKind::TooFewQualified {
                qualification,
                code,
                day: on,
                count,
                min,
            } => {
                let qualification = format!("{qualification:?}");
                if nb {
                    format!(
                        "{count} {} eller høyere på {code} {}; behovet er {min}",
                        qualification.to_lowercase(),
                        day(*on)
                    )
                } else {
                    format!(
                        "{count} {qualification} or higher on {code} {}, need {min}",
                        day(*on)
                    )
                }
            }
            ViolationKind::ShortDailyRest {
                first,
                second,
                rest_hours,
                min_hours,
                agreed_hours,
            } => {
                let (first_code, first_day) = (&first.0, day(first.1));
                let (second_code, second_day) = (&second.0, day(second.1));
                if nb {
                    let between =
                        format!("mellom {first_code} {first_day} og {second_code} {second_day}");
                    let what = if *rest_hours < 0.0 {
                        format!("vaktene overlapper med {} timer {between}", h(-rest_hours))
                    } else {
                        format!("{} timer hvile {between}", h(*rest_hours))
                    };
                    format!(
                        "{what}; minst {} timer ({} timer med lokal avtale)",
                        h(*min_hours),
                        h(*agreed_hours)
                    )
                } else {
                    let between = format!(
                        "between {first_code} on {first_day} and {second_code} on {second_day}"
                    );
                    let what = if *rest_hours < 0.0 {
                        format!("the shifts overlap by {} h {between}", h(-rest_hours))
                    } else {
                        format!("{} h rest {between}", h(*rest_hours))
                    };
                    format!(
                        "{what}; at least {} h ({} h with a local agreement)",
                        h(*min_hours),
                        h(*agreed_hours)
                    )
                }
            }
            ViolationKind::ShortWeeklyRest {
                week,
                longest_hours,
                no_day_off,
                min_hours,
                agreed_hours,
            } => {
                let week = week + 1;
                if nb {
                    let no_day_off = if *no_day_off { " (ingen fridag)" } else { "" };
                    format!(
                        "lengste sammenhengende fri i uke {week} er {} timer{no_day_off}; minst {} timer ({} timer med lokal avtale)",
                        h(*longest_hours),
                        h(*min_hours),
                        h(*agreed_hours)
                    )
                } else {
                    let no_day_off = if *no_day_off { " (no day off)" } else { "" };
                    format!(
                        "longest continuous rest in week {week} is {} h{no_day_off}; at least {} h ({} h with a local agreement)",
                        h(*longest_hours),
                        h(*min_hours),
                        h(*agreed_hours)
                    )
                }
            }
            ViolationKind::ShiftTooLong {
                code,
                day: on,
                hours,
                max_hours,
            } => {
                if nb {
                    format!(
                        "{code} {} er {} timer arbeid; høyst {} timer («Lengste vakt (timer)»)",
                        day(*on),
                        h(*hours),
                        h(*max_hours)
                    )
                } else {
                    format!(
                        "{code} on {} is {} h of work; at most {} h",
                        day(*on),
                        h(*hours),
                        h(*max_hours)
                    )
                }
            }
            ViolationKind::TooManyHoursIn7Days {
                from,
                to,
                hours,
                max_hours,
            } => {
                if nb {
                    format!(
                        "{} timer på de 7 dagene {} – {}; høyst {} timer på 7 dager («Maks timer på 7 dager»)",
                        h(*hours),
                        day(*from),
                        day(*to),
                        h(*max_hours)
                    )
                } else {
                    format!(
                        "{} h in the 7 days {} – {}; at most {} h in any 7 days",
                        h(*hours),
                        day(*from),
                        day(*to),
                        h(*max_hours)
                    )
                }
            }
            ViolationKind::TooManyAverageHours {
                weeks,
                from,
                hours,
                max_hours,
            } => {
                if nb {
                    format!(
                        "{} timer per uke i snitt over de {weeks} ukene fra {}; høyst {} timer («Maks snitt per uke»)",
                        h(*hours),
                        day(*from),
                        h(*max_hours)
                    )
                } else {
                    format!(
                        "{} h per week on average over the {weeks} weeks from {}; at most {} h",
                        h(*hours),
                        day(*from),
                        h(*max_hours)
                    )
                }
            }
            ViolationKind::WeekendsTooClose {
                week,
                next,
                cycle_weeks,
                frequency,
            } => {
                let (week, next) = (week + 1, next + 1);
                let every = language.every_nth(*frequency);
                match (nb, week == next) {
                    (true, true) => format!(
                        "jobber helgen i uke {week} hver {cycle_weeks}. uke; høyst {every} helg"
                    ),
                    (true, false) => {
                        format!("jobber helgene i uke {week} og uke {next}; høyst {every} helg")
                    }
                    (false, true) => format!(
                        "works the weekend of week {week} every {cycle_weeks} weeks; at most {every} weekend"
                    ),
                    (false, false) => format!(
                        "works the weekends of week {week} and week {next}; at most {every} weekend"
                    ),
                }
            }
            ViolationKind::HalfWeekend { week, saturday } => {
                let week = week + 1;
                match (nb, saturday) {
                    (true, true) => format!(
                        "jobber lørdag, men ikke søndag i uke {week}; bare hele helger («Hele helger (lørdag og søndag)»)"
                    ),
                    (true, false) => format!(
                        "jobber søndag, men ikke lørdag i uke {week}; bare hele helger («Hele helger (lørdag og søndag)»)"
                    ),
                    (false, true) => {
                        format!("works Saturday but not Sunday of week {week}; whole weekends only")
                    }
                    (false, false) => {
                        format!("works Sunday but not Saturday of week {week}; whole weekends only")
                    }
                }
            }
            ViolationKind::ConsecutiveSundays { week, next } => {
                let (week, next) = (week + 1, next + 1);
                if nb {
                    format!(
                        "jobber søndag i uke {week} og søndagen etter (uke {next}); søndagen etter en arbeidssøndag er fri om ikke annet er avtalt skriftlig"
                    )
                } else {
                    format!(
                        "works Sunday of week {week} and the next Sunday (week {next}); the Sunday after a worked Sunday is off unless agreed in writing"
                    )
                }
            }
            ViolationKind::TooManySundays { count, weeks } => {
                if nb {
                    format!(
                        "jobber {count} av {weeks} søndager; i snitt skal annenhver søndag være fri"
                    )
                } else {
                    format!(
                        "works {count} of {weeks} Sundays; on average every other Sunday must be off"
                    )
                }
            }
            ViolationKind::TooManyDaysInARow {
                count,
                first,
                last,
                max,
            } => {
                if nb {
                    format!(
                        "{count} arbeidsdager på rad, {} – {}; høyst {max} («Maks arbeidsdager på rad»)",
                        day(*first),
                        day(*last)
                    )
                } else {
                    format!(
                        "{count} work days in a row, {} – {}; at most {max}",
                        day(*first),
                        day(*last)
                    )
                }
            }
            ViolationKind::PositionTooLarge {
                pct,
                weekly_hours,
                full_time_hours,
                max_pct,
                employee,
            } => {
                let pct = language.number(*pct, 2);
                if nb {
                    let whose = match employee {
                        Some(name) => format!("maksimum for {name}"),
                        None => "maksimum for en ledig linje".to_string(),
                    };
                    format!(
                        "stilling {pct} % ({} timer per uke med heltid {} timer); høyst {} % ({whose})",
                        h(*weekly_hours),
                        h(*full_time_hours),
                        h(*max_pct)
                    )
                } else {
                    let whose = match employee {
                        Some(name) => format!("{name}'s maximum"),
                        None => "a vacancy's maximum".to_string(),
                    };
                    format!(
                        "position {pct} % ({} h per week at {} h full time); at most {} % ({whose})",
                        h(*weekly_hours),
                        h(*full_time_hours),
                        h(*max_pct)
                    )
                }
            }
            ViolationKind::NightsAgainstAgreement {
                employee,
                no_nights,
                days,
            } => {
                let places: Vec<String> = days.iter().map(|&d| day(d)).collect();
                let places = places.join(", ");
                match (nb, no_nights) {
                    (true, true) => {
                        format!("{employee} jobber ikke natt, men har nattevakter: {places}")
                    }
                    (true, false) => {
                        format!("{employee} jobber bare natt, men har andre vakter: {places}")
                    }
                    (false, true) => {
                        format!("{employee} works no nights but has night shifts: {places}")
                    }
                    (false, false) => {
                        format!("{employee} works only nights but has other shifts: {places}")
                    }
                }
            }
            ViolationKind::FullTimeTooHigh {
                used_hours,
                legal_hours,
                basis,
            } => {
                let basis = basis_text(basis, language);
                if nb {
                    format!(
                        "stillingene måles mot {} timer per uke («Heltid»), mer enn heltiden på {} timer for {basis}",
                        h(*used_hours),
                        h(*legal_hours)
                    )
                } else {
                    format!(
                        "positions are measured against {} h per week, more than the {} h full time of {basis}",
                        h(*used_hours),
                        h(*legal_hours)
                    )
                }
            }
        }
    }
}

impl Violation {
    /// What is wrong, with the numbers and places, in `language`.
    pub fn text(&self, language: Language) -> String {
        self.what.text(language)
    }

    /// The rule's name and legal reference, then what is wrong: "Daglig hviletid
    /// (AML § 10-8 (1)): 9,5 timer hvile …" in bokmål, "Daily rest (AML § 10-8 (1)): 9.5 h
    /// rest …" in English.
    pub fn titled(&self, language: Language) -> String {
        let text = self.text(language);
        match rule_info(self.rule) {
            Some(rule) => format!(
                "{} ({}): {text}",
                language.pick(rule.name_nb, rule.name_en),
                rule.reference
            ),
            None => text,
        }
    }
}

impl std::fmt::Display for Violation {
    /// English, for logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Language::English))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language::{Bokmal, English};
    use crate::model::Qualification;
    use crate::rules::check_rota;
    use crate::rules::test_support::{line, rota, scenario};

    fn line_ref(index: usize, employee: Option<&str>) -> LineRef {
        LineRef {
            index,
            employee: employee.map(str::to_string),
        }
    }

    #[test]
    fn a_violation_found_by_the_checker_reads_in_both_languages_with_its_rule() {
        let scenario = scenario(2);
        // A on Tue week 2 (day 8), D on Wed week 2: 9.5 h; N on Wed week 1 into D on Thu: overlap.
        let rota = rota(&[
            &line(2, &[(8, "A"), (9, "D")]),
            &line(2, &[(2, "N"), (3, "D")]),
        ]);
        let violations = check_rota(&scenario, &rota);
        let rest: Vec<&Violation> = violations
            .iter()
            .filter(|v| v.rule == "daily_rest")
            .collect();
        assert_eq!(
            rest[0].titled(Bokmal),
            "Daglig hviletid (AML § 10-8 (1)): 9,5 timer hvile mellom A tir uke 2 og D ons uke 2; \
             minst 11 timer (8 timer med lokal avtale)"
        );
        assert_eq!(
            rest[0].titled(English),
            "Daily rest (AML § 10-8 (1)): 9.5 h rest between A on Tue week 2 and D on Wed week 2; \
             at least 11 h (8 h with a local agreement)"
        );
        assert_eq!(rest[0].message(), rest[0].text(English));
        assert!(
            rest[1]
                .text(Bokmal)
                .starts_with("vaktene overlapper med 0,25 timer mellom N ons uke 1 og D tor uke 1"),
            "{}",
            rest[1].text(Bokmal)
        );
    }

    #[test]
    fn every_kind_has_a_bokmal_text_with_decimal_commas_and_the_apps_labels() {
        let cases: Vec<(ViolationKind, &str)> = vec![
            (
                ViolationKind::Understaffed {
                    code: "D".into(),
                    day: 6,
                    count: 0,
                    need: 1,
                },
                "0 på D søn uke 1; behovet er 1",
            ),
            (
                ViolationKind::Overstaffed {
                    code: "D".into(),
                    day: 1,
                    count: 2,
                    need: 1,
                },
                "2 på D tir uke 1; behovet er nøyaktig 1 («Dekk behovet eksakt»)",
            ),
            (
                ViolationKind::TooFewQualified {
                    qualification: Qualification::Sykepleier,
                    code: "N".into(),
                    day: 3,
                    count: 0,
                    min: 1,
                },
                "0 sykepleier eller høyere på N tor uke 1; behovet er 1",
            ),
            (
                ViolationKind::ShortWeeklyRest {
                    week: 0,
                    longest_hours: 23.75,
                    no_day_off: false,
                    min_hours: 35.0,
                    agreed_hours: 28.0,
                },
                "lengste sammenhengende fri i uke 1 er 23,75 timer; minst 35 timer (28 timer med lokal avtale)",
            ),
            (
                ViolationKind::ShortWeeklyRest {
                    week: 1,
                    longest_hours: 0.0,
                    no_day_off: true,
                    min_hours: 35.0,
                    agreed_hours: 28.0,
                },
                "lengste sammenhengende fri i uke 2 er 0 timer (ingen fridag); minst 35 timer (28 timer med lokal avtale)",
            ),
            (
                ViolationKind::ShiftTooLong {
                    code: "L".into(),
                    day: 0,
                    hours: 12.5,
                    max_hours: 12.0,
                },
                "L man uke 1 er 12,5 timer arbeid; høyst 12 timer («Lengste vakt (timer)»)",
            ),
            (
                ViolationKind::TooManyHoursIn7Days {
                    from: 0,
                    to: 6,
                    hours: 65.0,
                    max_hours: 54.0,
                },
                "65 timer på de 7 dagene man uke 1 – søn uke 1; høyst 54 timer på 7 dager («Maks timer på 7 dager»)",
            ),
            (
                ViolationKind::TooManyAverageHours {
                    weeks: 8,
                    from: 0,
                    hours: 52.5,
                    max_hours: 48.0,
                },
                "52,5 timer per uke i snitt over de 8 ukene fra man uke 1; høyst 48 timer («Maks snitt per uke»)",
            ),
            (
                ViolationKind::WeekendsTooClose {
                    week: 0,
                    next: 2,
                    cycle_weeks: 6,
                    frequency: 3,
                },
                "jobber helgene i uke 1 og uke 3; høyst hver 3. helg",
            ),
            (
                ViolationKind::WeekendsTooClose {
                    week: 1,
                    next: 1,
                    cycle_weeks: 2,
                    frequency: 3,
                },
                "jobber helgen i uke 2 hver 2. uke; høyst hver 3. helg",
            ),
            (
                ViolationKind::HalfWeekend {
                    week: 0,
                    saturday: true,
                },
                "jobber lørdag, men ikke søndag i uke 1; bare hele helger («Hele helger (lørdag og søndag)»)",
            ),
            (
                ViolationKind::HalfWeekend {
                    week: 1,
                    saturday: false,
                },
                "jobber søndag, men ikke lørdag i uke 2; bare hele helger («Hele helger (lørdag og søndag)»)",
            ),
            (
                ViolationKind::ConsecutiveSundays { week: 0, next: 1 },
                "jobber søndag i uke 1 og søndagen etter (uke 2); søndagen etter en arbeidssøndag er fri om ikke annet er avtalt skriftlig",
            ),
            (
                ViolationKind::TooManySundays { count: 3, weeks: 4 },
                "jobber 3 av 4 søndager; i snitt skal annenhver søndag være fri",
            ),
            (
                ViolationKind::TooManyDaysInARow {
                    count: 7,
                    first: 10,
                    last: 2,
                    max: 6,
                },
                "7 arbeidsdager på rad, tor uke 2 – ons uke 1; høyst 6 («Maks arbeidsdager på rad»)",
            ),
            (
                ViolationKind::PositionTooLarge {
                    pct: 63.38,
                    weekly_hours: 22.5,
                    full_time_hours: 35.5,
                    max_pct: 60.0,
                    employee: Some("Anne".into()),
                },
                "stilling 63,38 % (22,5 timer per uke med heltid 35,5 timer); høyst 60 % (maksimum for Anne)",
            ),
            (
                ViolationKind::PositionTooLarge {
                    pct: 105.63,
                    weekly_hours: 37.5,
                    full_time_hours: 35.5,
                    max_pct: 100.0,
                    employee: None,
                },
                "stilling 105,63 % (37,5 timer per uke med heltid 35,5 timer); høyst 100 % (maksimum for en ledig linje)",
            ),
            (
                ViolationKind::NightsAgainstAgreement {
                    employee: "Rune".into(),
                    no_nights: false,
                    days: vec![4, 6],
                },
                "Rune jobber bare natt, men har andre vakter: fre uke 1, søn uke 1",
            ),
            (
                ViolationKind::NightsAgainstAgreement {
                    employee: "Kari".into(),
                    no_nights: true,
                    days: vec![2],
                },
                "Kari jobber ikke natt, men har nattevakter: ons uke 1",
            ),
            (
                ViolationKind::FullTimeTooHigh {
                    used_hours: 35.5,
                    legal_hours: 33.6,
                    basis: FullTimeBasis::ThreeShift {
                        line: line_ref(0, None),
                        night_pct: 58.04,
                        sunday_pct: 12.5,
                    },
                },
                "stillingene måles mot 35,5 timer per uke («Heltid»), mer enn heltiden på 33,6 timer for tredelt turnus (linje 1 (ledig) har både nattevakter og andre vakter): HTA § 4.2.4 med 58,0 % nattetimer og 12,5 % søndagstimer",
            ),
            (
                ViolationKind::FullTimeTooHigh {
                    used_hours: 37.5,
                    legal_hours: 35.5,
                    basis: FullTimeBasis::SundayWork {
                        line: line_ref(3, Some("Kari")),
                        sundays: 2,
                        weeks: 6,
                    },
                },
                "stillingene måles mot 37,5 timer per uke («Heltid»), mer enn heltiden på 35,5 timer for turnus med søndagsarbeid minst hver 3. uke (linje 4 (Kari) jobber søndag i 2 av 6 uker): AML § 10-4 (4)",
            ),
            (
                ViolationKind::FullTimeTooHigh {
                    used_hours: 37.5,
                    legal_hours: 35.5,
                    basis: FullTimeBasis::TwoShift {
                        line: line_ref(1, Some("Ola")),
                    },
                },
                "stillingene måles mot 37,5 timer per uke («Heltid»), mer enn heltiden på 35,5 timer for todelt turnus (linje 2 (Ola) har både dag- og aftenvakter): AML § 10-4 (4)",
            ),
            (
                ViolationKind::FullTimeTooHigh {
                    used_hours: 38.0,
                    legal_hours: 37.5,
                    basis: FullTimeBasis::DayWork,
                },
                "stillingene måles mot 38 timer per uke («Heltid»), mer enn heltiden på 37,5 timer for dagarbeid: HTA § 4.2.1",
            ),
        ];
        for (kind, bokmal) in &cases {
            assert_eq!(kind.text(Bokmal), *bokmal);
            let english = kind.text(English);
            assert_ne!(english, *bokmal, "{english}");
            assert!(
                !english.contains("timer") && !english.contains(" uke "),
                "{english}"
            );
        }
        assert_eq!(
            cases[0].0.text(English),
            "0 on D Sun week 1, need 1",
            "the English texts stay as they were"
        );
        assert_eq!(
            cases[5].0.text(English),
            "L on Mon week 1 is 12.5 h of work; at most 12 h"
        );
    }

    #[test]
    fn a_withheld_proposal_for_full_time_says_why_in_bokmal() {
        let diagnosis = crate::solve::Diagnosis::FullTimeDoesNotFit {
            detail: ViolationKind::FullTimeTooHigh {
                used_hours: 38.0,
                legal_hours: 37.5,
                basis: FullTimeBasis::DayWork,
            },
        };
        assert_eq!(
            diagnosis.text(Bokmal),
            "«Heltid» passer ikke denne turnusen: stillingene måles mot 38 timer per uke («Heltid»), \
             mer enn heltiden på 37,5 timer for dagarbeid: HTA § 4.2.1. Sett heltid til timene loven \
             gir denne turnusen."
        );
        assert!(
            diagnosis
                .text(English)
                .contains("more than the 37.5 h full time of day work")
        );
    }
}
