//! Bemanningsbehov: headcount per shift and weekday, with totals and weekly hours.

use crate::calc;
use crate::i18n::Language;
use crate::model::Scenario;
use egui::Ui;

/// Shows the needs grid.
pub fn ui(ui: &mut Ui, scenario: &mut Scenario, language: Language) {
    let t = |nb, en| language.pick(nb, en);
    let days = language.weekdays();
    ui.heading(t("Bemanningsbehov", "Staffing needs"));
    ui.label(t(
        "Antall på vakt per vakttype og ukedag.",
        "People on duty per shift type and weekday.",
    ));
    let codes: Vec<(String, f64)> = scenario
        .shifts
        .iter()
        .map(|s| (s.code.trim().to_string(), s.hours()))
        .collect();
    egui::Grid::new("needs")
        .num_columns(10)
        .striped(true)
        .show(ui, |ui| {
            ui.strong(t("Vakt", "Shift"));
            for day in days {
                ui.strong(day);
            }
            ui.strong(t("Sum", "Total"));
            ui.strong(t("Timer/uke", "Hours/week"));
            ui.end_row();
            let mut column_totals = [0i64; 7];
            for (code, hours) in &codes {
                ui.label(code);
                // Edit a copy: only a real change writes to the scenario (and counts as an edit).
                let mut counts = scenario
                    .needs
                    .get(code)
                    .cloned()
                    .unwrap_or_else(|| vec![0; 7]);
                counts.resize(7, 0);
                let mut changed = false;
                for (day, count) in counts.iter_mut().enumerate() {
                    changed |= ui
                        .add(egui::DragValue::new(count).range(0..=99))
                        .on_hover_text(format!("{code} {}", days[day]))
                        .changed();
                    column_totals[day] += *count;
                }
                if changed {
                    scenario.needs.insert(code.clone(), counts.clone());
                }
                let row_total: i64 = counts.iter().sum();
                ui.label(row_total.to_string());
                ui.label(format!("{:.1}", row_total as f64 * hours));
                ui.end_row();
            }
            ui.strong(t("Sum", "Total"));
            for total in column_totals {
                ui.strong(total.to_string());
            }
            ui.strong(column_totals.iter().sum::<i64>().to_string());
            ui.strong(format!("{:.1}", calc::weekly_need_hours(scenario)));
            ui.end_row();
        });
    qualified_needs(ui, scenario, language);
}

fn qualified_needs(ui: &mut Ui, scenario: &mut Scenario, language: Language) {
    let t = |nb, en| language.pick(nb, en);
    let days = language.weekdays();
    if scenario.qualified_needs.is_empty() {
        return;
    }
    ui.add_space(8.0);
    ui.heading(t("Kompetansekrav", "Qualification needs"));
    egui::Grid::new("qualified")
        .num_columns(9)
        .striped(true)
        .show(ui, |ui| {
            ui.strong(t("Krav", "Need"));
            for day in days {
                ui.strong(day);
            }
            ui.end_row();
            for need in &mut scenario.qualified_needs {
                let title = format!("{:?} {} {}", need.qualification, t("på", "on"), need.shift);
                ui.label(&title);
                need.min.resize(7, 0);
                for (day, count) in need.min.iter_mut().enumerate() {
                    ui.add(egui::DragValue::new(count).range(0..=99))
                        .on_hover_text(format!("{title} {}", days[day]));
                }
                ui.end_row();
            }
        });
}
