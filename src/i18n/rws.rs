//! The texts of rotating schedules (the RWS benchmark and the rotating mode), in bokmål and
//! English: the independent checker's findings and the solver's failures ([`Finding`]), and the
//! status words `heltid rws` prints. English keeps the benchmark's own words ("week 2 Tue",
//! "days-off block"); bokmål names days as the rest of the program does ("tir uke 2").

use super::Language;
use crate::rws::{BlockKind, Finding, Status};

/// "week 2 Tue" in English (the benchmark's order), "tir uke 2" in bokmål.
fn place(day: usize, language: Language) -> String {
    match language {
        Language::Bokmal => language.day(day),
        Language::English => format!(
            "week {} {}",
            day / 7 + 1,
            Language::English.weekdays()[day % 7]
        ),
    }
}

impl Finding {
    /// What is wrong, with the place and the numbers, in `language`.
    pub fn text(&self, language: Language) -> String {
        let nb = language == Language::Bokmal;
        match self {
            Finding::WeekRows { rows, employees } => {
                if nb {
                    format!("{rows} ukerader, én per ansatt: ventet {employees}")
                } else {
                    format!("{rows} week rows, one per employee: expected {employees}")
                }
            }
            Finding::UnknownShift { day } => {
                if nb {
                    format!("{}: ukjent vakt", place(*day, language))
                } else {
                    format!("{}: unknown shift", place(*day, language))
                }
            }
            Finding::Demand {
                shift,
                weekday,
                planned,
                demand,
            } => {
                let weekday = language.weekdays()[weekday % 7];
                if nb {
                    format!("{shift} på {weekday}: {planned} planlagt, behovet er {demand}")
                } else {
                    format!("{shift} on {weekday}: {planned} planned, demand {demand}")
                }
            }
            Finding::Block {
                block,
                length,
                first,
                limits,
            } => {
                let from = place(*first, language);
                let (min, max) = (limits.min, limits.max);
                if nb {
                    let what = match block {
                        BlockKind::Work => "arbeidsblokk".to_string(),
                        BlockKind::DaysOff => "friblokk".to_string(),
                        BlockKind::Shift(name) => format!("blokk med {name}"),
                    };
                    let days = if *length == 1 { "dag" } else { "dager" };
                    format!("{what} på {length} {days} fra {from}: tillatt {min} til {max}")
                } else {
                    let what = match block {
                        BlockKind::Work => "work block".to_string(),
                        BlockKind::DaysOff => "days-off block".to_string(),
                        BlockKind::Shift(name) => format!("block of {name}"),
                    };
                    format!("{what} of {length} day(s) from {from}: allowed {min} to {max}")
                }
            }
            Finding::Forbidden { sequence, first } => {
                let sequence = sequence.join(" ");
                let from = place(*first, language);
                if nb {
                    format!("forbudt rekkefølge \"{sequence}\" fra {from}")
                } else {
                    format!("forbidden sequence \"{sequence}\" from {from}")
                }
            }
            Finding::SolverFailed => language
                .pick("HiGHS feilet på modellen", "HiGHS failed on the model")
                .to_string(),
            Finding::TooLarge {
                millions,
                limit_millions,
            } => {
                if nb {
                    format!(
                        "instansen er for stor til å modelleres: omtrent {millions} millioner koeffisienter, grensen er {limit_millions} millioner (blokklengder nær kjedens lengde får modellen til å vokse med kvadratet av kjeden)"
                    )
                } else {
                    format!(
                        "the instance is too large to model: about {millions} million coefficients, the limit is {limit_millions} \
                         million (block lengths near the chain's length make it grow as the chain squared)"
                    )
                }
            }
            Finding::ChainLength { days, expected } => {
                if nb {
                    format!("løserens kjede har {days} dager, ikke {expected}")
                } else {
                    format!("the solver's chain has {days} days, not {expected}")
                }
            }
            Finding::TwoShifts { day } => {
                if nb {
                    format!("løseren satte to vakter på dag {} i kjeden", day + 1)
                } else {
                    format!("the solver put two shifts on day {} of the chain", day + 1)
                }
            }
            Finding::NoArc => language
                .pick(
                    "løseren brukte ingen overgang mellom dager",
                    "the solver used no arc",
                )
                .to_string(),
        }
    }
}

impl Status {
    /// The status as `heltid rws` prints it: "mulig", "umulig", "tidsgrense", … in bokmål,
    /// [`Status::as_str`] in English (and always in JSON).
    pub fn word(self, language: Language) -> &'static str {
        match language {
            Language::English => self.as_str(),
            Language::Bokmal => match self {
                Status::Feasible => "mulig",
                Status::Infeasible => "umulig",
                Status::Timeout => "tidsgrense",
                Status::Cancelled => "avbrutt",
                Status::Error => "feil",
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language::{Bokmal, English};
    use crate::rws::BlockLimits;

    #[test]
    fn findings_read_in_bokmal_and_in_english_as_before() {
        let block = Finding::Block {
            block: BlockKind::DaysOff,
            length: 9,
            first: 5,
            limits: BlockLimits { min: 1, max: 8 },
        };
        assert_eq!(
            block.text(English),
            "days-off block of 9 day(s) from week 1 Sat: allowed 1 to 8"
        );
        assert_eq!(
            block.text(Bokmal),
            "friblokk på 9 dager fra lør uke 1: tillatt 1 til 8"
        );
        let demand = Finding::Demand {
            shift: "D".into(),
            weekday: 0,
            planned: 2,
            demand: 1,
        };
        assert_eq!(demand.text(English), "D on Mon: 2 planned, demand 1");
        assert_eq!(demand.text(Bokmal), "D på man: 2 planlagt, behovet er 1");
        let findings = [
            Finding::WeekRows {
                rows: 1,
                employees: 2,
            },
            Finding::UnknownShift { day: 8 },
            Finding::Forbidden {
                sequence: vec!["N".into(), "-".into(), "D".into()],
                first: 13,
            },
            Finding::SolverFailed,
            Finding::TooLarge {
                millions: 3,
                limit_millions: 2,
            },
            Finding::ChainLength {
                days: 6,
                expected: 7,
            },
            Finding::TwoShifts { day: 3 },
            Finding::NoArc,
        ];
        for finding in &findings {
            assert_ne!(finding.text(Bokmal), finding.text(English), "{finding:?}");
        }
        assert_eq!(
            findings[2].text(Bokmal),
            "forbudt rekkefølge \"N - D\" fra søn uke 2"
        );
        assert_eq!(Status::Timeout.word(Bokmal), "tidsgrense");
        assert_eq!(Status::Timeout.word(English), "timeout");
    }
}
