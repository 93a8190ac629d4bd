//! The texts of the solver's diagnosis, in bokmål and English. The solver says what (a
//! [`Diagnosis`] with its values); this is the one place that says it in words. Fields are named
//! by the labels the app shows («Lengste vakt (timer)» under Enhet og regler).

use super::Language;
use crate::model::SolveMode;
use crate::rules::rule_info;
use crate::solve::{CheckDetail, Diagnosis, FullTimeDemand, RuleFamily, RuleValues};

/// A rule family as a manager knows it, with its legal reference and the app's label.
fn rule_text(family: RuleFamily, values: &RuleValues, language: Language) -> String {
    let n = |value: f64| language.number(value, 1);
    let nb = language == Language::Bokmal;
    match family {
        RuleFamily::DailyRest => {
            if nb {
                format!(
                    "døgnhvilen på {} timer (AML § 10-8 (1), «Døgnhvile (timer)»)",
                    n(values.daily_rest)
                )
            } else {
                format!(
                    "the daily rest of {} h (AML § 10-8 (1), «Daily rest (hours)»)",
                    n(values.daily_rest)
                )
            }
        }
        RuleFamily::WeeklyRest => {
            if nb {
                format!(
                    "ukehvilen på {} timer (AML § 10-8 (2), «Ukehvile (timer)»)",
                    n(values.weekly_rest)
                )
            } else {
                format!(
                    "the weekly rest of {} h (AML § 10-8 (2), «Weekly rest (hours)»)",
                    n(values.weekly_rest)
                )
            }
        }
        RuleFamily::ConsecutiveDays => {
            if nb {
                format!(
                    "høyst {} arbeidsdager på rad (enhetens regel, «Maks arbeidsdager på rad»)",
                    values.consecutive_days
                )
            } else {
                format!(
                    "at most {} work days in a row (the unit's rule, «Max work days in a row»)",
                    values.consecutive_days
                )
            }
        }
        RuleFamily::HoursPerWeek => {
            if nb {
                format!(
                    "høyst {} timer på 7 dager (AML § 10-5 (2), «Maks timer på 7 dager»)",
                    n(values.hours_in_7_days)
                )
            } else {
                format!(
                    "at most {} h in 7 days (AML § 10-5 (2), «Max hours in 7 days»)",
                    n(values.hours_in_7_days)
                )
            }
        }
        RuleFamily::WeekendFrequency => {
            if nb {
                format!(
                    "å jobbe bare {} helg («Helgefrekvens»)",
                    language.every_nth(values.weekend_frequency)
                )
            } else {
                format!(
                    "working only {} weekend («Weekend frequency»)",
                    language.every_nth(values.weekend_frequency)
                )
            }
        }
        RuleFamily::WholeWeekends => language
            .pick(
                "å jobbe hele helger («Hele helger (lørdag og søndag)»)",
                "working whole weekends («Whole weekends (Saturday and Sunday)»)",
            )
            .into(),
        RuleFamily::SundayWork => language
            .pick(
                "fri søndagen etter en søndag på jobb (AML § 10-8 (4))",
                "the Sunday after a worked Sunday off (AML § 10-8 (4))",
            )
            .into(),
        RuleFamily::PositionFloor => language
            .pick(
                "at ingen går ned fra dagens stilling",
                "nobody going below today's position",
            )
            .into(),
        RuleFamily::FullTimeKind => {
            let hours = n(values.full_time_hours);
            match values.full_time_demand {
                FullTimeDemand::DayWork => {
                    if nb {
                        format!("at turnusen er dagarbeid, slik «Heltid» på {hours} timer forutsetter: nattevakter på egne linjer, dag- og aftenvakter ikke på samme linje, og søndagsarbeid sjeldnere enn hver 3. uke (AML § 10-4 (4), HTA § 4.2.1)")
                    } else {
                        format!("the rota being day work, as «Full time» of {hours} h assumes: night shifts on lines of their own, no day and evening shifts on one line, and Sunday work less often than every 3rd week (AML § 10-4 (4), HTA § 4.2.1)")
                    }
                }
                FullTimeDemand::ThreeShiftShares { .. } => {
                    if nb {
                        format!("at turnusen ikke har større andel natt- og søndagstimer enn behovet som ga heltid på {hours} timer (tredelt turnus, HTA § 4.2.4)")
                    } else {
                        format!("the rota having no larger share of night and Sunday hours than the need that gave full time of {hours} h (3-shift rota, HTA § 4.2.4)")
                    }
                }
                FullTimeDemand::NightsApart | FullTimeDemand::Nothing => language
                    .pick(
                        "nattevakter og dagvakter på hver sine linjer (heltid er et fast timetall, ikke tredelt turnus)",
                        "night shifts and day shifts on separate lines (full time is a fixed number of hours, not a 3-shift rota)",
                    )
                    .into(),
            }
        }
    }
}

impl Diagnosis {
    /// The diagnosis in words.
    pub fn text(&self, language: Language) -> String {
        let n1 = |value: f64| language.number(value, 1);
        let nb = language == Language::Bokmal;
        match self {
            Diagnosis::ShiftTooLong { code, name, hours, longest } => {
                if nb {
                    format!(
                        "Vakten {code} ({name}) er {} timer, lenger enn lengste tillatte vakt på {} timer (AML § 10-5 (1)): behovet på den kan ikke dekkes. Gjør vakten kortere, eller øk «Lengste vakt (timer)» under Enhet og regler hvis en avtale tillater det.",
                        n1(*hours),
                        n1(*longest)
                    )
                } else {
                    format!(
                        "Shift {code} ({name}) is {} h, longer than the longest shift allowed, {} h (AML § 10-5 (1)): its need cannot be covered. Shorten the shift, or raise «Longest shift (hours)» under Unit and rules if an agreement allows it.",
                        n1(*hours),
                        n1(*longest)
                    )
                }
            }
            Diagnosis::FullTimeTooHighForSundays { hours, weekend_frequency, rota_full_time, day_work_full_time } => {
                let every = language.every_nth(*weekend_frequency);
                if nb {
                    format!(
                        "«Heltid» er {} timer per uke, men hver linje jobber søndag {every} helg, altså minst hver 3. uke: da er heltid høyst {} timer (AML § 10-4 (4)); {} timer gjelder dagarbeid (HTA § 4.2.1). Stillingene ville blitt målt feil. Sett heltid til {} timer eller til tredelt turnus.",
                        n1(*hours), n1(*rota_full_time), n1(*day_work_full_time), n1(*rota_full_time)
                    )
                } else {
                    format!(
                        "«Full time» is {} h per week, but every line works Sundays {every} weekend, at least every 3rd week: such a rota's full time is at most {} h (AML § 10-4 (4)); {} h is for day work (HTA § 4.2.1). Positions would be measured wrongly. Set full time to {} h or to the 3-shift rule.",
                        n1(*hours), n1(*rota_full_time), n1(*day_work_full_time), n1(*rota_full_time)
                    )
                }
            }
            Diagnosis::NothingToPlan => language
                .pick(
                    "Alle behov er null: det er ingenting å planlegge. Fyll inn antall per vakt og ukedag under Bemanningsbehov.",
                    "The needs are all zero: there is nothing to plan. Enter the headcount per shift and weekday under Staffing needs.",
                )
                .into(),
            Diagnosis::OverStaffedAsBuffer { staff_weekly_hours, need_weekly_hours } => {
                let extra = n1(staff_weekly_hours - need_weekly_hours);
                if nb {
                    format!(
                        "Dagens stillinger utgjør i hele vakter minst {} timer per uke, {extra} timer mer enn behovet på {} timer: ingen går ned, så forslaget overbemanner med minst {extra} timer per uke som buffer (behovet dekkes minst, ikke eksakt; «Dekk behovet eksakt» slås av når forslaget lagres).",
                        n1(*staff_weekly_hours), n1(*need_weekly_hours)
                    )
                } else {
                    format!(
                        "Today's positions, in whole shifts, add up to at least {} h per week, {extra} h more than the need of {} h: nobody goes down, so the proposal over-staffs by at least {extra} h per week as a buffer (the need is met at least, not exactly; «Meet the need exactly» is turned off when the proposal is saved).",
                        n1(*staff_weekly_hours), n1(*need_weekly_hours)
                    )
                }
            }
            Diagnosis::ShiftUncovered { code, missing, total, places, more_days } => {
                let weekdays = language.weekdays();
                let week = language.pick("uke", "week");
                let mut listed: Vec<String> = places
                    .iter()
                    .map(|&(weekday, week_number)| format!("{} {week} {week_number}", weekdays[weekday % 7]))
                    .collect();
                if *more_days > 0 {
                    listed.push(if nb {
                        format!("og {more_days} dager til")
                    } else {
                        format!("and {more_days} more days")
                    });
                }
                if nb {
                    format!(
                        "Vakten {code} kan ikke dekkes: {missing} av {total} vakter i perioden blir stående tomme ({}).",
                        listed.join(", ")
                    )
                } else {
                    format!(
                        "Shift {code} cannot be covered: {missing} of {total} shifts in the cycle stay empty ({}).",
                        listed.join(", ")
                    )
                }
            }
            Diagnosis::CoverableButNotInMode(mode) => match (mode, nb) {
                (SolveMode::Rotating, true) => "Alle vakter kan dekkes med egne linjer, men ikke med én kjede som alle følger med en ukes forskyvning. Prøv idealmodus.".into(),
                (SolveMode::Rotating, false) => "Every shift can be covered with separate lines, but not by one chain that everyone follows a week apart. Try ideal mode.".into(),
                (SolveMode::Ideal, true) => "Alle vakter kan dekkes, men ikke med linjer i faste helgegrupper innenfor antall hoder som ble prøvd. Prøv en lengre tidsgrense.".into(),
                (SolveMode::Ideal, false) => "Every shift can be covered, but not with lines in fixed weekend groups within the head counts tried. Try a longer time limit.".into(),
                (SolveMode::Today, true) => "Alle vakter kan dekkes, men ikke mens alle beholder minst dagens stilling innenfor sine begrensninger (natt, maksimum). Sjekk stillinger over behovet, eller tillat overbemanning.".into(),
                (SolveMode::Today, false) => "Every shift can be covered, but not while every employee keeps at least today's position within their restrictions (nights, maximum). Check positions above the need, or allow over-staffing.".into(),
            },
            Diagnosis::LinesImpossible(mode) => match (mode, nb) {
                (SolveMode::Today, true) => "Linjene selv kan ikke lages: ikke alle kan beholde minst dagens stilling innenfor reglene og sine begrensninger (natt, maksimum), uansett dekning. Sjekk stillinger over det behovet og reglene gir rom for.".into(),
                (SolveMode::Today, false) => "The lines themselves cannot be planned: not every employee can keep at least today's position within the rules and their restrictions (nights, maximum), whatever the coverage. Check positions above what the needs and rules allow.".into(),
                (_, true) => "Linjene selv kan ikke lages innenfor reglene, uansett dekning. Se etter regler som ikke gir rom for noen linje (hvile, dager på rad, timer på 7 dager).".into(),
                (_, false) => "The lines themselves cannot be planned within the rules, whatever the coverage. Look for rules that leave no possible line (rest, days in a row, hours in 7 days).".into(),
            },
            Diagnosis::TodayPositionsDoNotFit => language
                .pick(
                    "Ingen turnus lar alle beholde minst dagens stilling. Det er bevist ved å telle vaktene per person, vakttype og ukedag: dagens stillinger, behovet og reglene for helger, søndager, nattlinjer og kompetanse går ikke opp, uansett hvordan dagene legges.",
                    "No rota lets everyone keep at least today's position. Proven by counting shifts per person, shift and weekday: today's positions, the needs and the rules for weekends, Sundays, night lines and qualifications do not add up, however the days are laid out.",
                )
                .into(),
            Diagnosis::CountFitsWithout { rule, values } => {
                let rule = rule_text(*rule, values, language);
                if nb {
                    format!("Uten {rule} går tellingen opp.")
                } else {
                    format!("Without {rule}, the count adds up.")
                }
            }
            Diagnosis::QualifiedNeedsBlock(needs) => {
                // "minst 1 sykepleier på D, A og N": shifts with the same need together.
                let mut groups: Vec<(crate::model::Qualification, u32, Vec<&str>)> = Vec::new();
                for (code, q, most) in needs {
                    match groups.iter_mut().find(|(gq, gm, _)| gq == q && gm == most) {
                        Some(group) => group.2.push(code),
                        None => groups.push((*q, *most, vec![code])),
                    }
                }
                let and = language.pick(" og ", " and ");
                let listed: Vec<String> = groups
                    .iter()
                    .map(|(q, most, codes)| {
                        let q = language.qualification(*q).to_lowercase();
                        let codes = match codes.split_last() {
                            Some((last, [])) => last.to_string(),
                            Some((last, rest)) => format!("{}{and}{last}", rest.join(", ")),
                            None => String::new(),
                        };
                        if nb {
                            format!("minst {most} {q} på {codes}")
                        } else {
                            format!("at least {most} {q} on {codes}")
                        }
                    })
                    .collect();
                let listed = listed.join("; ");
                if nb {
                    format!("Kompetansekravene ({listed}) kan ikke oppfylles innenfor reglene og stillingene: med dem kan linjene ikke lages, uansett dekning, uten dem kan de det. Sjekk hvem som har kompetansen og stillingene deres under Ansatte, eller kravene under Bemanningsbehov («Kompetansekrav»).")
                } else {
                    format!("The qualification needs ({listed}) cannot be met within the rules and positions: with them the lines cannot be planned, whatever the coverage; without them they can. Check who has the qualification and their positions under Staff, or the needs under Staffing needs («Qualification needs»).")
                }
            }
            Diagnosis::LockBreaksRule {
                line,
                rules,
                values,
            } => {
                let named: Vec<String> =
                    rules.iter().map(|r| rule_text(*r, values, language)).collect();
                let rules = named.join(language.pick(" og ", " and "));
                let line = locked_line(line, language);
                match (nb, named.is_empty()) {
                    (true, false) => format!("De låste dagene på {line} bryter {rules}. Lås opp eller endre dem, og beregn igjen."),
                    (false, false) => format!("The locked days on {line} break {rules}. Unlock or change them and solve again."),
                    (true, true) => format!("De låste dagene på {line} kan ikke holdes innenfor reglene sammen med stillingen. Lås opp eller endre dem, og beregn igjen."),
                    (false, true) => format!("The locked days on {line} cannot be kept within the rules together with the position. Unlock or change them and solve again."),
                }
            }
            Diagnosis::LocksBlockTheNeeds { lines } => {
                let named: Vec<String> = lines.iter().map(|l| locked_line(l, language)).collect();
                let lines = named.join(", ");
                if nb {
                    format!("Uten låsene finnes en turnus, med dem ikke: de låste dagene på {lines} gjør behovet umulig å dekke innenfor reglene. Lås opp noe av dem og beregn igjen.")
                } else {
                    format!("There is a rota without the locks, none with them: the locked days on {lines} make the needs impossible to meet within the rules. Unlock some of them and solve again.")
                }
            }
            Diagnosis::LocksNotKept(_) => language
                .pick(
                    "Låste dager holdes når forslaget beregnes «Fra dagens ansatte» eller «Ideell struktur», ikke i en rullerende turnus (der er alle linjene én kjede). Dette forslaget er laget uten dem; Ctrl+Z gir det låste forslaget tilbake.",
                    "Locked days are kept when solving «From today's staff» or «Ideal structure», not in a rotating rota (where all lines are one chain). This proposal was made without them; Ctrl+Z gives the locked proposal back.",
                )
                .into(),
            Diagnosis::WeekendDaysUnequal { saturday, sunday } => {
                if nb {
                    format!("Med «Hele helger (lørdag og søndag)» og behovet dekket eksakt («Dekk behovet eksakt») jobber like mange lørdag som søndag, men behovet er {saturday} på lørdag og {sunday} på søndag. Gjør behovet likt for de to dagene, eller slå av en av de to innstillingene under Enhet og regler.")
                } else {
                    format!("With «Whole weekends (Saturday and Sunday)» and the need met exactly («Meet the need exactly») as many work Saturday as Sunday, but the need is {saturday} on Saturday and {sunday} on Sunday. Make the two days' needs equal, or turn one of the two settings off under Unit and rules.")
                }
            }
            Diagnosis::PositionImpossible {
                employee,
                position_pct,
            } => {
                let pct = language.number(*position_pct, 1);
                if nb {
                    format!("{employee} kan ikke ha en linje på {pct} % innenfor reglene og sine egne begrensninger (natt, maksimum), selv uten noe annet å dekke. Sjekk stillingen og begrensningene, eller reglene for hvile, dager på rad og helger.")
                } else {
                    format!("{employee} cannot have a line of {pct} % within the rules and their own restrictions (nights, maximum), even with nothing else to cover. Check the position and the restrictions, or the rules for rest, days in a row and weekends.")
                }
            }
            Diagnosis::Unfinished { seconds } => {
                if nb {
                    format!(
                        "Ingen turnus oppfyller behovet og reglene, og på {} sekunder fant ikke diagnosen hvilke vakter som blir tomme. Prøv en lengre tidsgrense.",
                        language.number(*seconds, 0)
                    )
                } else {
                    format!(
                        "No rota satisfies the needs and the rules, and in {} s the diagnosis could not find which shifts stay empty. Try a longer time limit.",
                        language.number(*seconds, 0)
                    )
                }
            }
            Diagnosis::PossibleWithout { rule, values, fixes_all } => {
                let rule = rule_text(*rule, values, language);
                match (nb, fixes_all) {
                    (true, true) => format!("Det blir mulig uten {rule}."),
                    (true, false) => format!("Færre vakter blir tomme uten {rule}."),
                    (false, true) => format!("It becomes possible without {rule}."),
                    (false, false) => format!("Fewer shifts stay empty without {rule}."),
                }
            }
            Diagnosis::NoSingleRule => language
                .pick(
                    "Ingen enkelt regel forklarer det: behovet kan ikke dekkes av linjer innenfor reglene samlet (for eksempel flere på jobb en dag enn det går an). Sjekk behovet.",
                    "No single rule explains it: the needs cannot be met by lines within the rules together (e.g. more people needed on a day than can work it). Check the needs.",
                )
                .into(),
            Diagnosis::Timeout {
                seconds,
                heads_needed,
                uneven_cycle,
            } => {
                let mut text = if nb {
                    format!(
                        "Ingen turnus ble funnet innen tidsgrensen på {} sekunder, og ingen ble bevist umulig. Det trengs minst {heads_needed} hoder. Prøv en lengre tidsgrense.",
                        language.number(*seconds, 0)
                    )
                } else {
                    format!(
                        "No rota was found within the time limit of {} s, and none was proven impossible. At least {heads_needed} heads are needed. Try a longer time limit.",
                        language.number(*seconds, 0)
                    )
                };
                if let Some(warning) = uneven_cycle {
                    // The likely reason, with what to do about it.
                    text.push(' ');
                    text.push_str(&warning.text(language));
                }
                text
            }
            Diagnosis::PositionsNotYetKept {
                employees,
                hours_per_week,
            } => {
                let hours = language.number(*hours_per_week, 1);
                if nb {
                    format!("Den beste turnusen som ble funnet, lar {employees} ansatte ligge til sammen {hours} timer per uke under dagens stilling. Ingen skal gå ned, så den er holdt tilbake.")
                } else {
                    format!("The best rota found leaves {employees} employees {hours} h per week in all below today's position. Nobody may go down, so it is withheld.")
                }
            }
            Diagnosis::FullTimeDoesNotFit { detail } => {
                let detail = detail.text(language);
                if nb {
                    format!("«Heltid» passer ikke denne turnusen: {detail}. Sett heltid til timene loven gir denne turnusen.")
                } else {
                    format!("«Full time» does not fit this rota: {detail}. Set full time to the hours the law gives this rota.")
                }
            }
            Diagnosis::InternalCheck { rule, detail } => {
                let detail = match detail {
                    CheckDetail::Violation(what) => what.text(language),
                    CheckDetail::Chain(finding) => finding.text(language),
                };
                if nb {
                    // The rule by its Norwegian name where it has one.
                    let rule = match (rule_info(rule), rule.as_str()) {
                        (Some(info), _) => info.name_nb,
                        (None, "rotating_chain") => "rullerende kjede",
                        (None, id) => id,
                    };
                    format!("Intern kontroll feilet ({rule}): {detail}. Forslaget er holdt tilbake; meld gjerne fra om feilen.")
                } else {
                    format!("Internal check failed ({rule}): {detail}. The proposal was withheld; please report this.")
                }
            }
        }
    }
}

impl std::fmt::Display for Diagnosis {
    /// English, for logs and the JSON's `diagnosis`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Language::English))
    }
}

/// A locked line as a diagnosis names it: "linjen til Ola" or "linje 3".
fn locked_line(line: &crate::solve::locks::LockedLine, language: Language) -> String {
    use crate::solve::locks::LockedLine;
    match (line, language) {
        (LockedLine::Employee(name), Language::Bokmal) => format!("linjen til {name}"),
        (LockedLine::Employee(name), Language::English) => format!("{name}'s line"),
        (LockedLine::Number(number), Language::Bokmal) => format!("linje {number}"),
        (LockedLine::Number(number), Language::English) => format!("line {number}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language::{Bokmal, English};
    use crate::rules::ViolationKind;

    #[test]
    fn an_internal_check_reads_in_bokmal_all_through() {
        let rest = Diagnosis::InternalCheck {
            rule: "daily_rest".into(),
            detail: CheckDetail::Violation(ViolationKind::ShortDailyRest {
                first: ("A".into(), 9),
                second: ("D".into(), 10),
                rest_hours: 9.5,
                min_hours: 11.0,
                agreed_hours: 8.0,
            }),
        };
        assert_eq!(
            rest.text(Bokmal),
            "Intern kontroll feilet (Daglig hviletid): 9,5 timer hvile mellom A ons uke 2 og D tor uke 2; minst 11 timer (8 timer med lokal avtale). Forslaget er holdt tilbake; meld gjerne fra om feilen."
        );
        assert_eq!(
            rest.text(English),
            "Internal check failed (daily_rest): 9.5 h rest between A on Wed week 2 and D on Thu week 2; at least 11 h (8 h with a local agreement). The proposal was withheld; please report this."
        );
        let chain = Diagnosis::InternalCheck {
            rule: "rotating_chain".into(),
            detail: CheckDetail::Chain(crate::rws::Finding::TwoShifts { day: 3 }),
        };
        assert_eq!(
            chain.text(Bokmal),
            "Intern kontroll feilet (rullerende kjede): løseren satte to vakter på dag 4 i kjeden. Forslaget er holdt tilbake; meld gjerne fra om feilen."
        );
        assert!(chain.text(English).starts_with(
            "Internal check failed (rotating_chain): the solver put two shifts on day 4"
        ));
    }
}
