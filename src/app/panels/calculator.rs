//! Kalkulator: the bounds and the what-if table, recomputed on every frame (they are instant),
//! with which bound binds and why, and how the proposal's head count compares.

use crate::calc::{self, Bounds};
use crate::i18n::Language;
use crate::model::{FullTimeHours, Scenario, SolveMode};
use egui::Ui;

/// Which bound decides the head count, and why: "Helgegrensen binder: …".
pub fn binding_bound(bounds: &Bounds, language: Language) -> String {
    let every = language.every_nth(bounds.weekend_frequency);
    let (hours, weekend) = (bounds.hours_bound_heads, bounds.weekend_bound_heads);
    let fte = language.number(bounds.fte, 1);
    match language {
        Language::Bokmal if weekend > hours => format!(
            "Helgegrensen binder: {} er på jobb hver helg og hver jobber {every} helg, så det trengs minst {} × {} = {weekend} hoder, flere enn de {hours} som timene alene krever ({fte} årsverk).",
            bounds.weekend_heads, bounds.weekend_frequency, bounds.weekend_heads
        ),
        Language::English if weekend > hours => format!(
            "The weekend bound binds: {} are on duty every weekend and each works {every} weekend, so at least {} × {} = {weekend} heads are needed, more than the {hours} that the hours alone need ({fte} FTE).",
            bounds.weekend_heads, bounds.weekend_frequency, bounds.weekend_heads
        ),
        Language::Bokmal => format!(
            "Timegrensen binder: {fte} årsverk gir minst {hours} hoder; helgene krever bare {weekend}."
        ),
        Language::English => format!(
            "The hours bound binds: {fte} FTE make at least {hours} heads; the weekends need only {weekend}."
        ),
    }
}

/// How the rota's line count compares with the calculator's bound, and why they may differ.
pub fn heads_compared(
    bounds: &Bounds,
    lines: usize,
    mode: SolveMode,
    proven_heads: Option<u32>,
    language: Language,
) -> String {
    let needed = bounds.heads_needed as usize;
    let extra = lines.saturating_sub(needed);
    match (language, extra) {
        (Language::Bokmal, 0) => format!("Forslaget har {lines} linjer, som kalkulatoren."),
        (Language::English, 0) => {
            format!("The proposal has {lines} lines, as the calculator says.")
        }
        (language, _) => {
            let why = match (mode, proven_heads) {
                (SolveMode::Today, _) => language.pick(
                    "fra dagens ansatte beholder alle en linje, og ingen går ned i stilling",
                    "from today's staff everyone keeps a line and nobody's position is cut",
                ),
                (SolveMode::Rotating, _) => language.pick(
                    "en rullerende turnus har én linje per uke i rekken, og rekken må gå opp med helgene og reglene",
                    "a rotating rota has one line per week of the chain, and the chain must fit the weekends and the rules",
                ),
                (SolveMode::Ideal, Some(proven)) if proven as usize >= lines => language.pick(
                    "optimereren har bevist at reglene (hvile, hele helger, natt- og dagslinjer hver for seg) ikke går med færre",
                    "the optimizer proved that the rules (rest, whole weekends, night and day lines apart) allow no fewer",
                ),
                (SolveMode::Ideal, _) => language.pick(
                    "reglene (hvile, hele helger, natt- og dagslinjer hver for seg) krever flere enn regnestykket",
                    "the rules (rest, whole weekends, night and day lines apart) need more than the arithmetic",
                ),
            };
            match language {
                Language::Bokmal => format!(
                    "Forslaget har {lines} linjer, {extra} flere enn kalkulatorens {needed}: {why}."
                ),
                Language::English => format!(
                    "The proposal has {lines} lines, {extra} more than the calculator's {needed}: {why}."
                ),
            }
        }
    }
}

/// Shows the calculator for `scenario`.
pub fn ui(ui: &mut Ui, scenario: &Scenario, language: Language) {
    let t = |nb, en| language.pick(nb, en);
    let n = |value: f64, decimals: usize| language.number(value, decimals);
    let bounds = calc::bounds(scenario);
    let no_need = bounds.weekly_need_hours <= 0.0;
    ui.heading(t("Kalkulator", "Calculator"));
    egui::Grid::new("bounds")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            let mut row = |label: &str, value: String| {
                ui.label(label);
                ui.label(value);
                ui.end_row();
            };
            row(
                t("Timer per uke (behov)", "Hours per week (need)"),
                format!("{} t", n(bounds.weekly_need_hours, 1)),
            );
            let full_time = match scenario.rota.full_time {
                FullTimeHours::Hours(_) => format!("{} t", n(bounds.full_time_hours, 2)),
                FullTimeHours::ThreeShift => format!(
                    "{} t ({})",
                    n(bounds.full_time_hours, 2),
                    t("tredelt, HTA § 4.2.4", "3-shift, HTA § 4.2.4")
                ),
            };
            row(t("Heltid per uke", "Full time per week"), full_time);
            row(t("Årsverk", "FTE"), n(bounds.fte, 3));
            row(
                t("Hoder, timegrense", "Heads, hours bound"),
                bounds.hours_bound_heads.to_string(),
            );
            row(
                t("Hoder, helgegrense", "Heads, weekend bound"),
                format!(
                    "{} ({})",
                    bounds.weekend_bound_heads,
                    language.weekend_bound_reason(&bounds)
                ),
            );
            row(
                t(
                    "Høyeste mulige snittstilling",
                    "Highest possible average position",
                ),
                if no_need {
                    "–".to_string()
                } else {
                    format!("{} %", n(bounds.max_average_position_pct, 1))
                },
            );
            let all_full_time = if no_need {
                t("– (ingen behov ennå)", "– (no need yet)")
            } else if bounds.all_full_time_possible {
                t("ja", "yes")
            } else {
                t("nei", "no")
            };
            row(
                t("Alle kan ha heltid", "All can be full time"),
                all_full_time.to_string(),
            );
        });
    if no_need {
        ui.label(t(
            "Legg inn vakttyper og bemanningsbehov, så regner kalkulatoren ut grensene.",
            "Enter shift types and staffing needs, and the calculator works out the bounds.",
        ));
    } else {
        ui.label(binding_bound(&bounds, language));
        if !bounds.all_full_time_possible {
            ui.label(match language {
                Language::Bokmal => format!(
                    "Alle kan ikke ha heltid: {} årsverk fordelt på {} hoder gir høyst {} % i snitt.",
                    n(bounds.fte, 1),
                    bounds.heads_needed,
                    n(bounds.max_average_position_pct, 1)
                ),
                Language::English => format!(
                    "Not all can be full time: {} FTE over {} heads give at most {} % on average.",
                    n(bounds.fte, 1),
                    bounds.heads_needed,
                    n(bounds.max_average_position_pct, 1)
                ),
            });
        }
        if let Some(proposal) = &scenario.proposal {
            ui.label(heads_compared(
                &bounds,
                proposal.rota.lines.len(),
                proposal.mode,
                None,
                language,
            ));
        }
    }
    ui.add_space(12.0);
    ui.heading(t("Hva om", "What if"));
    egui::Grid::new("what_if")
        .num_columns(4)
        .striped(true)
        .show(ui, |ui| {
            for header in [
                t("Helgefrekvens", "Weekend frequency"),
                t("Langvakter i helg", "Long weekend shifts"),
                t("Hoder", "Heads"),
                t("Høyeste snitt", "Highest average"),
            ] {
                ui.strong(header);
            }
            ui.end_row();
            for row in calc::what_if(scenario) {
                ui.label(format!(
                    "{} {}",
                    language.every_nth(row.bounds.weekend_frequency),
                    t("helg", "weekend")
                ));
                ui.label(if row.long_weekend_shifts {
                    t("ja", "yes")
                } else {
                    t("nei", "no")
                });
                ui.label(row.bounds.heads_needed.to_string());
                ui.label(if no_need {
                    "–".to_string()
                } else {
                    format!("{} %", n(row.bounds.max_average_position_pct, 1))
                });
                ui.end_row();
            }
        });
    let positions: Vec<f64> = scenario.staff.iter().map(|e| e.position_pct).collect();
    if !positions.is_empty() {
        let stats =
            calc::position_stats(&positions, 100.0 - scenario.rules.full_time_tolerance_pct);
        ui.add_space(12.0);
        ui.heading(t("Ansatte i dag", "Staff today"));
        ui.label(format!(
            "{} {}, {} {} %, median {} %, {} {} %, {} {} %",
            stats.heads,
            t("hoder", "heads"),
            t("snitt", "average"),
            n(stats.average_pct, 1),
            n(stats.median_pct, 1),
            t("heltid", "full time"),
            n(stats.full_time_share_pct, 0),
            t("under 50 %:", "under 50 %:"),
            n(stats.under_50_share_pct, 0)
        ));
    }
}
