//! One panel per file. Each shows part of the scenario and edits it in place.

pub mod calculator;
pub mod compare;
pub mod distribution;
pub mod needs;
pub mod proposal;
pub mod shifts;
pub mod staff;
pub mod unit_rules;

use crate::i18n::Language;

/// The panels, in tab order.
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Panel {
    /// Enhet og regler.
    UnitAndRules,
    /// Vakttyper.
    Shifts,
    /// Bemanningsbehov.
    Needs,
    /// Ansatte.
    Staff,
    /// Kalkulator.
    #[default]
    Calculator,
    /// Forslag.
    Proposal,
    /// Fordeling.
    Distribution,
    /// Sammenlign.
    Compare,
}

impl Panel {
    /// All panels in tab order.
    pub const ALL: [Panel; 8] = [
        Self::UnitAndRules,
        Self::Shifts,
        Self::Needs,
        Self::Staff,
        Self::Calculator,
        Self::Proposal,
        Self::Distribution,
        Self::Compare,
    ];

    /// The tab title.
    pub fn title(self, language: Language) -> &'static str {
        match self {
            Self::UnitAndRules => language.pick("Enhet og regler", "Unit and rules"),
            Self::Shifts => language.pick("Vakttyper", "Shift types"),
            Self::Needs => language.pick("Bemanningsbehov", "Staffing needs"),
            Self::Staff => language.pick("Ansatte", "Staff"),
            Self::Calculator => language.pick("Kalkulator", "Calculator"),
            Self::Proposal => language.pick("Forslag", "Proposal"),
            Self::Distribution => language.pick("Fordeling", "Distribution"),
            Self::Compare => language.pick("Sammenlign", "Compare"),
        }
    }
}
