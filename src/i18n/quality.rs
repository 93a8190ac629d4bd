//! Line quality in words: for one line (a tooltip, an export row) and for a whole rota.

use super::Language;
use crate::calc::{LineQuality, RotaQuality};

impl Language {
    /// "Linjekvalitet: 2 enkeltvakter, 1 enkeltfridag, ukene 15–37,5 t (spredning 22,5 t), …".
    pub fn line_quality(self, q: &LineQuality) -> String {
        let n = |value: f64| self.number(value, 1);
        let least = q.largest_week_hours - q.week_hours_spread;
        match self {
            Language::Bokmal => format!(
                "Linjekvalitet: {} enkeltvakter, {} enkeltfridager, ukene {}–{} t (spredning {} t), {} skifter mellom dag, kveld og natt, {} bakoverrotasjoner, {} lange arbeidsperioder, {} delte helger.",
                q.single_work_days,
                q.single_days_off,
                n(least),
                n(q.largest_week_hours),
                n(q.week_hours_spread),
                q.kind_changes,
                q.backward_rotations,
                q.long_blocks,
                q.split_weekends
            ),
            Language::English => format!(
                "Line quality: {} single shifts, {} single days off, weeks of {}–{} h (spread {} h), {} changes between day, evening and night, {} backward rotations, {} long work blocks, {} split weekends.",
                q.single_work_days,
                q.single_days_off,
                n(least),
                n(q.largest_week_hours),
                n(q.week_hours_spread),
                q.kind_changes,
                q.backward_rotations,
                q.long_blocks,
                q.split_weekends
            ),
        }
    }

    /// The rota's summary: singles per line per 6 weeks, the average weekly spread, backward
    /// rotations.
    pub fn rota_quality(self, quality: &RotaQuality) -> String {
        let n = |value: f64| self.number(value, 1);
        let backward: u32 = quality.lines.iter().map(|l| l.backward_rotations).sum();
        match self {
            Language::Bokmal => format!(
                "Linjekvalitet: {} enkeltvakter og enkeltfridager per linje per 6 uker · ukespredning {} t i snitt · {backward} bakoverrotasjoner.",
                n(quality.singles_per_line_per_6_weeks()),
                n(quality.average_week_spread())
            ),
            Language::English => format!(
                "Line quality: {} single shifts and single days off per line per 6 weeks · weekly spread {} h on average · {backward} backward rotations.",
                n(quality.singles_per_line_per_6_weeks()),
                n(quality.average_week_spread())
            ),
        }
    }
}
