//! The indicators every export and the Fordeling panel show, computed one way.

use crate::calc::{self, PositionStats};
use crate::i18n::Language;
use crate::model::{ReviewStatus, Rota, RotaLine, Scenario};

/// The rota an export shows: the proposal if there is one, else today's rota.
pub struct RotaView<'a> {
    /// "forslag" or "dagens turnus".
    pub source: &'static str,
    /// The lines.
    pub rota: &'a Rota,
    /// Review status of a proposal, if any, in bokmål.
    pub review_status: Option<String>,
    /// Review status of a proposal, if any.
    pub review: Option<ReviewStatus>,
}

impl<'a> RotaView<'a> {
    /// The proposal, or today's rota, or None.
    pub fn of(scenario: &'a Scenario) -> Option<Self> {
        if let Some(proposal) = &scenario.proposal {
            return Some(Self {
                source: "forslag",
                rota: &proposal.rota,
                review_status: Some(proposal.review.status.label_nb().to_string()),
                review: Some(proposal.review.status),
            });
        }
        scenario.today.as_ref().map(|rota| Self {
            source: "dagens turnus",
            rota,
            review_status: None,
            review: None,
        })
    }
}

/// Position % of every line.
pub fn line_positions(scenario: &Scenario, lines: &[RotaLine]) -> Vec<f64> {
    let full_time = calc::full_time_hours(scenario);
    let weeks = f64::from(scenario.rota.weeks.max(1));
    lines
        .iter()
        .map(|l| calc::position_pct(calc::line_hours(scenario, l) / weeks, full_time))
        .collect()
}

/// The indicators before (today's staff) and after (the rota's lines).
pub struct Indicators {
    /// Today's staff.
    pub before: PositionStats,
    /// The rota's lines.
    pub after: PositionStats,
    /// Positions after, per line.
    pub after_positions: Vec<f64>,
    /// Positions before, per person.
    pub before_positions: Vec<f64>,
    /// The calculator's bounds.
    pub bounds: calc::Bounds,
}

/// Computes the indicators.
pub fn indicators(scenario: &Scenario, rota: &Rota) -> Indicators {
    let full_time_from = 100.0 - scenario.rules.full_time_tolerance_pct;
    let before_positions: Vec<f64> = scenario.staff.iter().map(|e| e.position_pct).collect();
    let after_positions = line_positions(scenario, &rota.lines);
    Indicators {
        before: calc::position_stats(&before_positions, full_time_from),
        after: calc::position_stats(&after_positions, full_time_from),
        before_positions,
        after_positions,
        bounds: calc::bounds(scenario),
    }
}

impl Indicators {
    /// (name, before, after) rows, the same in every export, named in bokmål.
    pub fn rows(&self) -> Vec<(&'static str, f64, f64)> {
        self.rows_in(Language::Bokmal)
    }

    /// (name, before, after) rows named in `language`; the first is the head count.
    pub fn rows_in(&self, language: Language) -> Vec<(&'static str, f64, f64)> {
        let t = |nb, en| language.pick(nb, en);
        vec![
            (
                t("Hoder", "Heads"),
                self.before.heads as f64,
                self.after.heads as f64,
            ),
            (t("Årsverk", "FTE"), self.before.fte, self.after.fte),
            (
                t("Snittstilling %", "Average position %"),
                self.before.average_pct,
                self.after.average_pct,
            ),
            (
                t("Median stilling %", "Median position %"),
                self.before.median_pct,
                self.after.median_pct,
            ),
            (
                t("Andel heltid %", "Full-time share %"),
                self.before.full_time_share_pct,
                self.after.full_time_share_pct,
            ),
            (
                t("Andel under 50 % (%)", "Share under 50 % (%)"),
                self.before.under_50_share_pct,
                self.after.under_50_share_pct,
            ),
        ]
    }
}

/// Need and planned count per shift and cycle day: (code, need per day, planned per day).
pub fn coverage_table(scenario: &Scenario, rota: &Rota) -> Vec<(String, Vec<i64>, Vec<i64>)> {
    let days = scenario.rota.weeks as usize * 7;
    let cells: Vec<Vec<&str>> = rota.lines.iter().map(|l| l.cells()).collect();
    scenario
        .shifts
        .iter()
        .map(|shift| {
            let code = shift.code.trim();
            let need = scenario.needs.get(code);
            let needed = (0..days)
                .map(|d| need.and_then(|n| n.get(d % 7)).copied().unwrap_or(0))
                .collect();
            let planned = (0..days)
                .map(|d| cells.iter().filter(|c| c.get(d) == Some(&code)).count() as i64)
                .collect();
            (code.to_string(), needed, planned)
        })
        .collect()
}
