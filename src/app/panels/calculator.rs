//! Kalkulator: the bounds and the what-if table, recomputed on every frame (they are instant).

use crate::calc;
use crate::i18n::Language;
use crate::model::Scenario;
use egui::Ui;

/// Shows the calculator for `scenario`.
pub fn ui(ui: &mut Ui, scenario: &Scenario, language: Language) {
    let t = |nb, en| language.pick(nb, en);
    let bounds = calc::bounds(scenario);
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
                format!("{:.1} t", bounds.weekly_need_hours),
            );
            row(
                t("Heltid per uke", "Full time per week"),
                format!("{:.2} t", bounds.full_time_hours),
            );
            row(t("Årsverk", "FTE"), format!("{:.3}", bounds.fte));
            row(
                t("Hoder, timegrense", "Heads, hours bound"),
                bounds.hours_bound_heads.to_string(),
            );
            row(
                t("Hoder, helgegrense", "Heads, weekend bound"),
                format!(
                    "{} ({} {} × {} {}. {})",
                    bounds.weekend_bound_heads,
                    bounds.weekend_heads,
                    t("per helg", "per weekend"),
                    t("hver", "every"),
                    bounds.weekend_frequency,
                    t("helg", "weekend")
                ),
            );
            row(
                t(
                    "Høyeste mulige snittstilling",
                    "Highest possible average position",
                ),
                format!("{:.1} %", bounds.max_average_position_pct),
            );
            let all_full_time = if bounds.all_full_time_possible {
                t("ja", "yes")
            } else {
                t("nei", "no")
            };
            row(
                t("Alle kan ha heltid", "All can be full time"),
                all_full_time.to_string(),
            );
        });
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
                    "{} {}. {}",
                    t("hver", "every"),
                    row.bounds.weekend_frequency,
                    t("helg", "weekend")
                ));
                ui.label(if row.long_weekend_shifts {
                    t("ja", "yes")
                } else {
                    t("nei", "no")
                });
                ui.label(row.bounds.heads_needed.to_string());
                ui.label(format!("{:.1} %", row.bounds.max_average_position_pct));
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
            "{} {}, {} {:.1} %, median {:.1} %, {} {:.0} %, {} {:.0} %",
            stats.heads,
            t("hoder", "heads"),
            t("snitt", "average"),
            stats.average_pct,
            stats.median_pct,
            t("heltid", "full time"),
            stats.full_time_share_pct,
            t("under 50 %:", "under 50 %:"),
            stats.under_50_share_pct
        ));
    }
}
