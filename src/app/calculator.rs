//! Kalkulator: the bounds and the what-if table, recomputed on every frame (they are instant).

use crate::calc;
use crate::model::Scenario;

/// Shows the calculator for `scenario`.
pub fn ui(ui: &mut egui::Ui, scenario: &Scenario) {
    let bounds = calc::bounds(scenario);
    ui.heading("Kalkulator");
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
                "Timer per uke (behov)",
                format!("{:.1} t", bounds.weekly_need_hours),
            );
            row("Heltid per uke", format!("{:.2} t", bounds.full_time_hours));
            row("Årsverk", format!("{:.3}", bounds.fte));
            row("Hoder, timegrense", bounds.hours_bound_heads.to_string());
            row(
                "Hoder, helgegrense",
                format!(
                    "{} ({} per helg × hver {}. helg)",
                    bounds.weekend_bound_heads, bounds.weekend_heads, bounds.weekend_frequency
                ),
            );
            row(
                "Høyeste mulige snittstilling",
                format!("{:.1} %", bounds.max_average_position_pct),
            );
            row(
                "Alle kan ha heltid",
                if bounds.all_full_time_possible {
                    "ja".into()
                } else {
                    "nei".into()
                },
            );
        });
    ui.add_space(12.0);
    ui.heading("Hva om");
    egui::Grid::new("what_if")
        .num_columns(4)
        .striped(true)
        .show(ui, |ui| {
            for header in [
                "Helgefrekvens",
                "Langvakter i helg",
                "Hoder",
                "Høyeste snitt",
            ] {
                ui.strong(header);
            }
            ui.end_row();
            for row in calc::what_if(scenario) {
                ui.label(format!("hver {}. helg", row.bounds.weekend_frequency));
                ui.label(if row.long_weekend_shifts { "ja" } else { "nei" });
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
        ui.heading("Ansatte i dag");
        ui.label(format!(
            "{} hoder, snitt {:.1} %, median {:.1} %, heltid {:.0} %, under 50 %: {:.0} %",
            stats.heads,
            stats.average_pct,
            stats.median_pct,
            stats.full_time_share_pct,
            stats.under_50_share_pct
        ));
    }
}
