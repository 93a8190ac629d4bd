//! Vakttyper: the shift types with times, hours and kind.

use crate::app::widgets::text_field;
use crate::i18n::Language;
use crate::model::{Scenario, ShiftKind, ShiftType};
use egui::Ui;

/// The kind's name.
pub fn kind_name(kind: ShiftKind, language: Language) -> &'static str {
    match kind {
        ShiftKind::Day => language.pick("Dag", "Day"),
        ShiftKind::Evening => language.pick("Aften", "Evening"),
        ShiftKind::Night => language.pick("Natt", "Night"),
        ShiftKind::Long => language.pick("Langvakt", "Long"),
    }
}

/// Renames a shift code everywhere it is used (needs, qualification needs).
fn rename_code(scenario: &mut Scenario, old: &str, new: &str) {
    if old == new || new.is_empty() {
        return; // A code being retyped keeps its needs until it has a name again.
    }
    // After the field was emptied, the needs still sit under the code it had before.
    let orphan = || {
        scenario
            .needs
            .keys()
            .find(|key| {
                !scenario
                    .shifts
                    .iter()
                    .any(|s| s.code.trim() == key.as_str())
            })
            .cloned()
    };
    let old = if old.trim().is_empty() {
        match orphan() {
            Some(key) => key,
            None => return,
        }
    } else {
        old.trim().to_string()
    };
    let old = old.as_str();
    if let Some(counts) = scenario.needs.remove(old) {
        scenario.needs.insert(new.to_string(), counts);
    }
    for need in &mut scenario.qualified_needs {
        if need.shift == old {
            need.shift = new.to_string();
        }
    }
}

/// Shows the shift types.
pub fn ui(ui: &mut Ui, scenario: &mut Scenario, language: Language) {
    let t = |nb, en| language.pick(nb, en);
    ui.heading(t("Vakttyper", "Shift types"));
    ui.label(t(
        "Slutt før eller lik start betyr at vakten går over midnatt. Timer = varighet − ubetalt pause.",
        "An end at or before the start means the shift crosses midnight. Hours = duration − unpaid break.",
    ));
    let mut remove = None;
    let mut renames = Vec::new();
    egui::Grid::new("shift_types")
        .num_columns(8)
        .striped(true)
        .show(ui, |ui| {
            for header in [
                t("Kode", "Code"),
                t("Navn", "Name"),
                t("Start", "Start"),
                t("Slutt", "End"),
                t("Pause (min)", "Break (min)"),
                t("Type", "Kind"),
                t("Timer", "Hours"),
                "",
            ] {
                ui.strong(header);
            }
            ui.end_row();
            for (index, shift) in scenario.shifts.iter_mut().enumerate() {
                let name = if shift.name.is_empty() {
                    shift.code.clone()
                } else {
                    shift.name.clone()
                };
                let old_code = shift.code.clone();
                let code = text_field(ui, &mut shift.code, 48.0).on_hover_text(format!(
                    "{} {}",
                    t("Kode for", "Code of"),
                    name
                ));
                if code.changed() {
                    renames.push((old_code, shift.code.trim().to_string()));
                }
                text_field(ui, &mut shift.name, 160.0).on_hover_text(format!(
                    "{} {}",
                    t("Navn på", "Name of"),
                    name
                ));
                text_field(ui, &mut shift.start, 64.0).on_hover_text(format!(
                    "{} {} (TT:MM)",
                    t("Start for", "Start of"),
                    name
                ));
                text_field(ui, &mut shift.end, 64.0).on_hover_text(format!(
                    "{} {} (TT:MM)",
                    t("Slutt for", "End of"),
                    name
                ));
                ui.add(egui::DragValue::new(&mut shift.break_minutes).range(0..=240))
                    .on_hover_text(format!(
                        "{} {}",
                        t("Ubetalt pause for", "Unpaid break of"),
                        name
                    ));
                egui::ComboBox::from_id_salt(("kind", index))
                    .selected_text(kind_name(shift.kind, language))
                    .show_ui(ui, |ui| {
                        for kind in ShiftKind::ALL {
                            ui.selectable_value(&mut shift.kind, kind, kind_name(kind, language));
                        }
                    })
                    .response
                    .on_hover_text(format!("{} {}", t("Type for", "Kind of"), name));
                ui.label(language.number(shift.hours(), 2));
                if ui
                    .button("x")
                    .on_hover_text(format!("{} {}", t("Fjern", "Remove"), name))
                    .clicked()
                {
                    remove = Some(index);
                }
                ui.end_row();
            }
        });
    for (old, new) in renames {
        rename_code(scenario, &old, &new);
    }
    if let Some(index) = remove {
        let code = scenario.shifts.remove(index).code;
        scenario.needs.remove(code.trim());
        scenario
            .qualified_needs
            .retain(|q| q.shift.trim() != code.trim());
    }
    if ui.button(t("+ Ny vakttype", "+ New shift type")).clicked() {
        let code = (1..)
            .map(|n| format!("V{n}"))
            .find(|c| !scenario.shifts.iter().any(|s| &s.code == c))
            .unwrap_or_default();
        scenario.needs.insert(code.clone(), vec![0; 7]);
        scenario.shifts.push(ShiftType {
            code: code.clone(),
            name: code,
            ..ShiftType::default()
        });
    }
}
