//! Bemanningsbehov: headcount per shift and weekday, with totals and weekly hours.

use crate::app::panels::staff::qualification_name;
use crate::calc;
use crate::i18n::Language;
use crate::model::{Qualification, QualifiedNeed, Scenario};
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
                ui.label(language.number(row_total as f64 * hours, 1));
                ui.end_row();
            }
            ui.strong(t("Sum", "Total"));
            for total in column_totals {
                ui.strong(total.to_string());
            }
            ui.strong(column_totals.iter().sum::<i64>().to_string());
            ui.strong(language.number(calc::weekly_need_hours(scenario), 1));
            ui.end_row();
        });
    qualified_needs(ui, scenario, language);
}

fn qualified_needs(ui: &mut Ui, scenario: &mut Scenario, language: Language) {
    let t = |nb, en| language.pick(nb, en);
    let days = language.weekdays();
    ui.add_space(8.0);
    ui.heading(t("Kompetansekrav", "Qualification needs"));
    ui.label(t(
        "Minst så mange med denne kompetansen eller høyere på vakten, per ukedag.",
        "At least this many with this qualification or higher on the shift, per weekday.",
    ));
    let codes: Vec<String> = scenario
        .shifts
        .iter()
        .map(|s| s.code.trim().to_string())
        .collect();
    let mut remove = None;
    if !scenario.qualified_needs.is_empty() {
        egui::Grid::new("qualified")
            .num_columns(10)
            .striped(true)
            .show(ui, |ui| {
                ui.strong(t("Vakt", "Shift"));
                ui.strong(t("Kompetanse", "Qualification"));
                for day in days {
                    ui.strong(day);
                }
                ui.strong("");
                ui.end_row();
                for (index, need) in scenario.qualified_needs.iter_mut().enumerate() {
                    egui::ComboBox::from_id_salt(("qualified_shift", index))
                        .selected_text(&need.shift)
                        .show_ui(ui, |ui| {
                            for code in &codes {
                                ui.selectable_value(&mut need.shift, code.clone(), code);
                            }
                        })
                        .response
                        .on_hover_text(t("Vakten kravet gjelder", "The shift the need is for"));
                    egui::ComboBox::from_id_salt(("qualified_level", index))
                        .selected_text(qualification_name(need.qualification, language))
                        .show_ui(ui, |ui| {
                            for q in Qualification::ALL {
                                ui.selectable_value(
                                    &mut need.qualification,
                                    q,
                                    qualification_name(q, language),
                                );
                            }
                        })
                        .response
                        .on_hover_text(t("Kompetansen som kreves", "The qualification needed"));
                    let title = format!(
                        "{} {} {}",
                        qualification_name(need.qualification, language),
                        t("på", "on"),
                        need.shift
                    );
                    need.min.resize(7, 0);
                    for (day, count) in need.min.iter_mut().enumerate() {
                        ui.add(egui::DragValue::new(count).range(0..=99))
                            .on_hover_text(format!("{title} {}", days[day]));
                    }
                    if ui
                        .button("x")
                        .on_hover_text(format!("{} {title}", t("Fjern", "Remove")))
                        .clicked()
                    {
                        remove = Some(index);
                    }
                    ui.end_row();
                }
            });
    }
    if let Some(index) = remove {
        scenario.qualified_needs.remove(index);
    }
    let Some(first) = codes.first() else {
        return;
    };
    if ui
        .button(t("+ Nytt kompetansekrav", "+ New qualification need"))
        .clicked()
    {
        scenario.qualified_needs.push(QualifiedNeed {
            shift: first.clone(),
            qualification: Qualification::Sykepleier,
            min: vec![1; 7],
        });
    }
}
