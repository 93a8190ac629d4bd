//! Norwegian bokmål (default) and English: every UI string is written in both, side by side.

mod diagnosis;

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

    /// "every f-th": "hver 3." in bokmål, "every 3rd" in English.
    pub fn every_nth(self, n: u32) -> String {
        match self {
            Language::Bokmal => format!("hver {n}."),
            Language::English => format!("every {}", crate::rules::ordinal(n)),
        }
    }
}
