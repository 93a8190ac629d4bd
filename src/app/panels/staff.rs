//! Ansatte: today's staff with position, qualification, wishes, maximum and night restrictions.

use crate::app::widgets::{decimal_drag, text_field};
use crate::i18n::Language;
use crate::model::{Employee, NightWork, Qualification, Scenario};
use egui::Ui;

/// The qualification's name in the UI language.
pub fn qualification_name(q: Qualification, language: Language) -> &'static str {
    language.qualification(q)
}

fn nights_name(n: NightWork, language: Language) -> &'static str {
    match n {
        NightWork::Any => language.pick("Alle vakter", "Any shift"),
        NightWork::NoNights => language.pick("Ikke natt", "No nights"),
        NightWork::NightsOnly => language.pick("Bare natt", "Nights only"),
    }
}

/// Shows the staff table.
pub fn ui(ui: &mut Ui, scenario: &mut Scenario, language: Language) {
    let t = |nb, en| language.pick(nb, en);
    ui.heading(t("Ansatte", "Staff"));
    ui.horizontal(|ui| {
        if ui.button(t("Sorter etter navn", "Sort by name")).clicked() {
            scenario.staff.sort_by(|a, b| a.name.cmp(&b.name));
        }
        if ui
            .button(t("Sorter etter stilling", "Sort by position"))
            .clicked()
        {
            scenario
                .staff
                .sort_by(|a, b| b.position_pct.total_cmp(&a.position_pct));
        }
        if ui.button(t("+ Ny ansatt", "+ New employee")).clicked() {
            let name = (1..)
                .map(|n| format!("{} {n}", t("Ansatt", "Employee")))
                .find(|c| !scenario.staff.iter().any(|e| &e.name == c))
                .unwrap_or_default();
            scenario.staff.push(Employee {
                name,
                ..Employee::default()
            });
        }
    });
    let mut remove = None;
    egui::ScrollArea::vertical().show(ui, |ui| {
        egui::Grid::new("staff")
            .num_columns(7)
            .striped(true)
            .show(ui, |ui| {
                for header in [
                    t("Navn", "Name"),
                    t("Stilling %", "Position %"),
                    t("Kompetanse", "Qualification"),
                    t("Ønsker %", "Wants %"),
                    t("Maks %", "Max %"),
                    t("Natt", "Nights"),
                    "",
                ] {
                    ui.strong(header);
                }
                ui.end_row();
                for (index, employee) in scenario.staff.iter_mut().enumerate() {
                    let who = employee.name.clone();
                    text_field(ui, &mut employee.name, 170.0)
                        .on_hover_text(format!("{} {who}", t("Navn på", "Name of")));
                    ui.add(
                        decimal_drag(&mut employee.position_pct, 1, language)
                            .range(0.0..=100.0)
                            .speed(0.5)
                            .suffix(" %"),
                    )
                    .on_hover_text(format!("{} {who}", t("Stilling for", "Position of")));
                    egui::ComboBox::from_id_salt(("qualification", index))
                        .selected_text(qualification_name(employee.qualification, language))
                        .show_ui(ui, |ui| {
                            for q in Qualification::ALL {
                                ui.selectable_value(
                                    &mut employee.qualification,
                                    q,
                                    qualification_name(q, language),
                                );
                            }
                        })
                        .response
                        .on_hover_text(format!(
                            "{} {who}",
                            t("Kompetanse for", "Qualification of")
                        ));
                    ui.horizontal(|ui| {
                        let mut wants = employee.wanted_pct.is_some();
                        if ui
                            .checkbox(&mut wants, "")
                            .on_hover_text(format!(
                                "{who} {}",
                                t("ønsker større stilling", "wants a larger position")
                            ))
                            .changed()
                        {
                            employee.wanted_pct = wants.then_some(employee.max_pct);
                        }
                        if let Some(wanted) = &mut employee.wanted_pct {
                            ui.add(
                                decimal_drag(wanted, 1, language)
                                    .range(0.0..=100.0)
                                    .speed(0.5)
                                    .suffix(" %"),
                            )
                            .on_hover_text(format!(
                                "{} {who}",
                                t("Ønsket stilling for", "Wanted position of")
                            ));
                        }
                    });
                    ui.add(
                        decimal_drag(&mut employee.max_pct, 1, language)
                            .range(1.0..=100.0)
                            .speed(0.5)
                            .suffix(" %"),
                    )
                    .on_hover_text(format!(
                        "{} {who}",
                        t("Største stilling for", "Largest position of")
                    ));
                    egui::ComboBox::from_id_salt(("nights", index))
                        .selected_text(nights_name(employee.nights, language))
                        .show_ui(ui, |ui| {
                            for n in [NightWork::Any, NightWork::NoNights, NightWork::NightsOnly] {
                                ui.selectable_value(
                                    &mut employee.nights,
                                    n,
                                    nights_name(n, language),
                                );
                            }
                        })
                        .response
                        .on_hover_text(format!("{} {who}", t("Nattarbeid for", "Night work of")));
                    if ui
                        .button("x")
                        .on_hover_text(format!("{} {who}", t("Fjern", "Remove")))
                        .clicked()
                    {
                        remove = Some(index);
                    }
                    ui.end_row();
                }
            });
    });
    if let Some(index) = remove {
        scenario.staff.remove(index);
    }
}
