//! Norwegian bokmål (default) and English: every UI string is written in both, side by side.
//!
//! The engine says *what* as typed values — [`crate::solve::Diagnosis`],
//! [`crate::rules::ViolationKind`], [`crate::model::ProblemKind`] with its
//! [`crate::model::LoadErrorKind`], [`crate::rws::Finding`] — and this module says it in words,
//! one exhaustive `match` per message with both languages next to each other (`diagnosis`,
//! `violations`, `problems`, `load_errors`, `rws`). For two languages and a few hundred
//! messages that reads better than a Fluent bundle: the compiler finds a message without a text,
//! values keep their types until they are formatted (decimal commas by [`Language::number`]),
//! and a change to a message is one diff in one file.

mod diagnosis;
mod load_errors;
mod problems;
mod quality;
mod rws;
mod violations;

use serde::{Deserialize, Serialize};

/// The UI language.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Language {
    /// Norsk bokmål.
    #[default]
    Bokmal,
    /// English.
    English,
}

impl Language {
    /// Picks the text for this language.
    pub fn pick<'a>(self, nb: &'a str, en: &'a str) -> &'a str {
        match self {
            Language::Bokmal => nb,
            Language::English => en,
        }
    }

    /// Weekday short names, Monday first.
    pub fn weekdays(self) -> [&'static str; 7] {
        match self {
            Language::Bokmal => crate::model::WEEKDAYS_NB,
            Language::English => crate::model::WEEKDAYS_EN,
        }
    }

    /// The language's own name, for the language switch.
    pub fn name(self) -> &'static str {
        match self {
            Language::Bokmal => "Norsk bokmål",
            Language::English => "English",
        }
    }

    /// A number with `decimals` decimals: a decimal comma in bokmål ("597,5"), a point in
    /// English; no minus sign on a rounded zero.
    pub fn number(self, value: f64, decimals: usize) -> String {
        let mut text = format!("{value:.decimals$}");
        if text
            .trim_start_matches('-')
            .chars()
            .all(|c| c == '0' || c == '.')
        {
            text = text.trim_start_matches('-').to_string();
        }
        match self {
            Language::Bokmal => text.replace('.', ","),
            Language::English => text,
        }
    }

    /// Hours as the rule checker writes them: at most two decimals, no trailing zeros ("9,5",
    /// "11", "23,75" in bokmål; "9.5", "11", "23.75" in English).
    pub fn hours(self, value: f64) -> String {
        let text = self.number((value * 100.0).round() / 100.0, 2);
        let separator = match self {
            Language::Bokmal => ',',
            Language::English => '.',
        };
        match text.split_once(separator) {
            Some((whole, fraction)) => {
                let fraction = fraction.trim_end_matches('0');
                if fraction.is_empty() {
                    whole.to_string()
                } else {
                    format!("{whole}{separator}{fraction}")
                }
            }
            None => text,
        }
    }

    /// A day of the cycle (0 = Monday of week 1): "tir uke 2" in bokmål, "Tue week 2" in English.
    pub fn day(self, day: usize) -> String {
        format!(
            "{} {} {}",
            self.weekdays()[day % 7],
            self.pick("uke", "week"),
            day / 7 + 1
        )
    }

    /// "ja"/"nei" or "yes"/"no".
    pub fn yes_no(self, yes: bool) -> &'static str {
        match (self, yes) {
            (Language::Bokmal, true) => "ja",
            (Language::Bokmal, false) => "nei",
            (Language::English, true) => "yes",
            (Language::English, false) => "no",
        }
    }

    /// The language a locale name asks for: bokmål for Norwegian ("nb_NO.UTF-8", "nn_NO",
    /// "no"), English for anything else ("en_GB.UTF-8", "C", "POSIX").
    pub fn from_locale(locale: &str) -> Language {
        let code = locale
            .split(['_', '.', '@', '-'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match code.as_str() {
            "nb" | "nn" | "no" => Language::Bokmal,
            _ => Language::English,
        }
    }

    /// The language the environment asks for, as POSIX reads the locale: the first of
    /// `LC_ALL`, `LC_MESSAGES` and `LANG` that is set and not empty; English when none is.
    pub fn from_environment() -> Language {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.trim().is_empty())
            .map_or(Language::English, |locale| Language::from_locale(&locale))
    }

    /// A qualification's name.
    pub fn qualification(self, q: crate::model::Qualification) -> &'static str {
        use crate::model::Qualification;
        match q {
            Qualification::Sykepleier => self.pick("Sykepleier", "Registered nurse"),
            Qualification::Helsefagarbeider => self.pick("Helsefagarbeider", "Health worker"),
            Qualification::Assistent => self.pick("Assistent", "Assistant"),
        }
    }

    /// "every f-th": "hver 3." in bokmål, "every 3rd" in English.
    pub fn every_nth(self, n: u32) -> String {
        match self {
            Language::Bokmal => format!("hver {n}."),
            Language::English => format!("every {}", crate::rules::ordinal(n)),
        }
    }

    /// Where the weekend bound comes from: "10 per helg × hver 3. helg", or in a cycle that is
    /// not a multiple of f, "10 per helg × 8 helger ÷ høyst 2 helger per linje".
    pub fn weekend_bound_reason(self, bounds: &crate::calc::Bounds) -> String {
        let heads = bounds.weekend_heads;
        let f = bounds.weekend_frequency;
        match (self, bounds.uneven_cycle_weeks) {
            (Language::Bokmal, None) => format!("{heads} per helg × {} helg", self.every_nth(f)),
            (Language::English, None) => {
                format!("{heads} per weekend × {} weekend", self.every_nth(f))
            }
            (Language::Bokmal, Some(weeks)) => format!(
                "{heads} per helg × {weeks} helger ÷ høyst {} helger per linje: {} helg går ikke opp i {weeks} uker",
                weeks / f.max(1),
                self.every_nth(f)
            ),
            (Language::English, Some(weeks)) => format!(
                "{heads} per weekend × {weeks} weekends ÷ at most {} weekends per line: {} weekend does not fit {weeks} weeks",
                weeks / f.max(1),
                self.every_nth(f)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Language::{self, Bokmal, English};

    #[test]
    fn norwegian_locales_ask_for_bokmal_and_the_rest_for_english() {
        for locale in ["nb_NO.UTF-8", "nn_NO", "no", "no_NO.ISO-8859-1", "NB_no"] {
            assert_eq!(Language::from_locale(locale), Bokmal, "{locale}");
        }
        for locale in ["en_GB.UTF-8", "C", "C.UTF-8", "POSIX", "", "sv_SE", "none"] {
            assert_eq!(Language::from_locale(locale), English, "{locale}");
        }
    }

    #[test]
    fn hours_and_days_read_in_each_language() {
        assert_eq!(Bokmal.hours(9.5), "9,5");
        assert_eq!(English.hours(9.5), "9.5");
        assert_eq!(Bokmal.hours(11.0), "11");
        assert_eq!(Bokmal.hours(23.75), "23,75");
        assert_eq!(English.hours(35.033), "35.03");
        assert_eq!(Bokmal.hours(-0.001), "0");
        assert_eq!(Bokmal.day(8), "tir uke 2");
        assert_eq!(English.day(8), "Tue week 2");
        assert_eq!(Bokmal.number(597.5, 1), "597,5");
    }
}
