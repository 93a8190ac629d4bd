//! Line quality in words: for one line (a tooltip, an export row) and for a whole rota.

use super::Language;
use crate::calc::{AgainstToday, LineQuality, RotaQuality};

/// A counted flaw of a line in words (bokmål, English) with its count.
type CountedFlaw = (&'static str, &'static str, fn(&LineQuality) -> u32);

/// The counted flaws of a line.
const COUNTED_FLAWS: [CountedFlaw; 6] = [
    ("enkeltvakter", "single shifts", |q| q.single_work_days),
    ("enkeltfridager", "single days off", |q| q.single_days_off),
    (
        "skifter mellom dag, kveld og natt",
        "changes between day, evening and night",
        |q| q.kind_changes,
    ),
    ("bakoverrotasjoner", "backward rotations", |q| {
        q.backward_rotations
    }),
    ("lange arbeidsperioder", "long work blocks", |q| {
        q.long_blocks
    }),
    ("delte helger", "split weekends", |q| q.split_weekends),
];

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

    /// A person's proposed line against the line they work today: better, or worse in which
    /// measures and with what hours (per 6 weeks, as planners count).
    pub fn against_today(self, against: &AgainstToday) -> String {
        let n = |value: f64| self.number(value, 1);
        let nb = self == Language::Bokmal;
        let (score_today, score_proposed) = against.per_6_weeks(|q| q.score);
        let change = |name: &str, today: f64, proposed: f64, unit: &str| {
            let (from, to) = (self.pick("fra", "from"), self.pick("til", "to"));
            format!(
                "{name} {from} {}{unit} {to} {}{unit}",
                n(today),
                n(proposed)
            )
        };
        // The counts per 6 weeks; the spread is hours in a week.
        let mut worse: Vec<String> = COUNTED_FLAWS
            .iter()
            .filter_map(|&(name_nb, name_en, count)| {
                let (today, proposed) = against.per_6_weeks(|q| f64::from(count(q)));
                (proposed > today + 1e-9)
                    .then(|| change(self.pick(name_nb, name_en), today, proposed, ""))
            })
            .collect();
        let (today, proposed) = (
            against.today.week_hours_spread,
            against.proposed.week_hours_spread,
        );
        if proposed > today + 1e-9 {
            let name = self.pick("ukespredning", "weekly spread");
            worse.push(change(name, today, proposed, self.pick(" t", " h")));
        }
        let (hours_today, hours_proposed) = against.hours_per_week;
        let hours = if (hours_proposed - hours_today).abs() < 0.05 {
            self.pick(
                "Timene er de samme som i dag; resten av turnusen bestemmer hvor vaktene kan ligge.",
                "The hours are the same as today; the rest of the rota decides where the shifts can go.",
            )
            .to_string()
        } else if nb {
            format!(
                "Linjen har {} t i uka mot {} t i dag: {} vakter å legge.",
                n(hours_proposed),
                n(hours_today),
                if hours_proposed > hours_today {
                    "flere"
                } else {
                    "færre"
                }
            )
        } else {
            format!(
                "The line has {} h a week against {} h today: {} shifts to place.",
                n(hours_proposed),
                n(hours_today),
                if hours_proposed > hours_today {
                    "more"
                } else {
                    "fewer"
                }
            )
        };
        match (nb, against.worse()) {
            (true, false) => format!(
                "Mot dagens linje: like god eller bedre å leve med (poeng per 6 uker: {} i dag, {} her).",
                n(score_today),
                n(score_proposed)
            ),
            (false, false) => format!(
                "Against today's line: as good or better to live with (score per 6 weeks: {} today, {} here).",
                n(score_today),
                n(score_proposed)
            ),
            (true, true) => format!(
                "Mot dagens linje: verre å leve med (poeng per 6 uker: {} i dag, {} her); verre er {}. {hours}",
                n(score_today),
                n(score_proposed),
                worse.join(", ")
            ),
            (false, true) => format!(
                "Against today's line: worse to live with (score per 6 weeks: {} today, {} here); worse are {}. {hours}",
                n(score_today),
                n(score_proposed),
                worse.join(", ")
            ),
        }
    }
}
