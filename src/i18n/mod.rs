//! Norwegian bokmål (default) and English: every UI string is written in both, side by side.

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
}
