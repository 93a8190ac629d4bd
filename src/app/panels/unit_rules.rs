//! Enhet og regler: the unit, the cycle, weekend frequency, full time, and every rule.

use crate::app::widgets::{check_row, count_row, decimal_drag, number_row, text_row};
use crate::i18n::Language;
use crate::model::{FullTimeHours, Scenario};
use egui::Ui;

/// Shows the unit and its rules.
pub fn ui(ui: &mut Ui, scenario: &mut Scenario, language: Language) {
    let t = |nb, en| language.pick(nb, en);
    ui.heading(t("Enhet", "Unit"));
    egui::Grid::new("unit").num_columns(2).show(ui, |ui| {
        text_row(ui, t("Navn", "Name"), &mut scenario.unit.name);
        let label = ui.label(t("Notater", "Notes"));
        ui.add(
            egui::TextEdit::multiline(&mut scenario.unit.notes)
                .desired_rows(2)
                .desired_width(320.0),
        )
        .labelled_by(label.id);
        ui.end_row();
    });
    ui.add_space(8.0);
    ui.heading(t("Turnus", "Rota"));
    egui::Grid::new("rota").num_columns(2).show(ui, |ui| {
        count_row(ui, t("Turnusperiode (uker)", "Cycle length (weeks)"), t("Hvor mange uker turnusen går før den gjentas.", "Weeks before the rota repeats."), &mut scenario.rota.weeks, 1..=52);
        count_row(ui, t("Helgefrekvens (hver n. helg)", "Weekend frequency (every n-th)"), t("Hver ansatt jobber hver n. helg.", "Everyone works every n-th weekend."), &mut scenario.rota.weekend_frequency, 1..=12);
        let label = ui.label(t("Heltid", "Full time"));
        ui.horizontal(|ui| {
            let mut three_shift = scenario.rota.full_time == FullTimeHours::ThreeShift;
            let fixed = ui.radio_value(&mut three_shift, false, t("Fast antall timer", "Fixed hours"));
            let derived = ui.radio_value(&mut three_shift, true, t("Tredelt turnus (HTA § 4.2.4)", "3-shift rota (HTA § 4.2.4)"));
            if fixed.changed() || derived.changed() {
                scenario.rota.full_time = if three_shift { FullTimeHours::ThreeShift } else { FullTimeHours::Hours(35.5) };
            }
            let derived_hours = crate::calc::full_time_hours(scenario);
            match &mut scenario.rota.full_time {
                FullTimeHours::Hours(hours) => {
                    ui.add(decimal_drag(hours, 2, language).range(1.0..=48.0).speed(0.1).suffix(" t"))
                        .labelled_by(label.id)
                        .on_hover_text(t("Timer per uke for 100 % stilling (35,5 t ved helg hver 3. uke, AML § 10-4 (4)).", "Hours per week at 100 % (35.5 h when working every 3rd Sunday, AML § 10-4 (4))."));
                }
                FullTimeHours::ThreeShift => {
                    ui.label(format!(
                        "= {} t {}",
                        language.number(derived_hours, 2),
                        t("per uke, regnet ut fra natt- og søndagstimene i behovet", "per week, worked out from the night and Sunday hours in the needs"),
                    ))
                    .on_hover_text(t(
                        "HTA § 4.2.4: heltid i tredelt turnus går ned fra 35,5 t etter andelen natt- og søndagstimer, ned til 33,6 t.",
                        "HTA § 4.2.4: full time in a 3-shift rota goes down from 35.5 h with the share of night and Sunday hours, down to 33.6 h.",
                    ));
                }
            }
        });
        ui.end_row();
        check_row(ui, t("Nattvakt fredag teller som helg", "Friday night counts as weekend"), t("En nattvakt som starter fredag kveld regnes som helgearbeid.", "A night shift starting Friday counts as weekend work."), &mut scenario.rota.friday_night_is_weekend);
    });
    for warning in crate::model::warnings(scenario) {
        ui.colored_label(egui::Color32::from_rgb(200, 110, 0), warning.text(language));
    }
    ui.add_space(8.0);
    ui.heading(t("Regler", "Rules"));
    let rules = &mut scenario.rules;
    egui::Grid::new("rules")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            number_row(
                ui,
                t("Døgnhvile (timer)", "Daily rest (hours)"),
                t(
                    "Minst hvile mellom to vakter, AML § 10-8 (1). 11 t.",
                    "Least rest between two shifts, AML § 10-8 (1). 11 h.",
                ),
                &mut rules.min_daily_rest_hours,
                0.0..=24.0,
                " t",
                language,
            );
            number_row(
                ui,
                t("Døgnhvile med avtale", "Daily rest by agreement"),
                t(
                    "Kortest hvile en lokal avtale kan tillate, AML § 10-8 (3). 8 t.",
                    "Shortest rest a local agreement can allow. 8 h.",
                ),
                &mut rules.min_daily_rest_agreed_hours,
                0.0..=24.0,
                " t",
                language,
            );
            number_row(
                ui,
                t("Ukehvile (timer)", "Weekly rest (hours)"),
                t(
                    "Sammenhengende fri hver uke, AML § 10-8 (2). 35 t.",
                    "Continuous rest every week, AML § 10-8 (2). 35 h.",
                ),
                &mut rules.min_weekly_rest_hours,
                0.0..=72.0,
                " t",
                language,
            );
            number_row(
                ui,
                t("Ukehvile med avtale", "Weekly rest by agreement"),
                t(
                    "Kortest ukehvile med avtale. 28 t.",
                    "Shortest weekly rest by agreement. 28 h.",
                ),
                &mut rules.min_weekly_rest_agreed_hours,
                0.0..=72.0,
                " t",
                language,
            );
            number_row(
                ui,
                t("Lengste vakt (timer)", "Longest shift (hours)"),
                t(
                    "AML § 10-5: 12,5 t med avtale.",
                    "AML § 10-5: 12.5 h by agreement.",
                ),
                &mut rules.max_shift_hours,
                1.0..=24.0,
                " t",
                language,
            );
            number_row(
                ui,
                t("Maks timer på 7 dager", "Max hours in 7 days"),
                t(
                    "AML § 10-5 (2): 54 t i én uke.",
                    "AML § 10-5 (2): 54 h in any week.",
                ),
                &mut rules.max_hours_single_week,
                1.0..=168.0,
                " t",
                language,
            );
            number_row(
                ui,
                t("Maks snitt per uke", "Max average per week"),
                t(
                    "AML § 10-5 (2): 48 t i snitt over 8 uker.",
                    "AML § 10-5 (2): 48 h on average over 8 weeks.",
                ),
                &mut rules.max_average_hours_per_week,
                1.0..=168.0,
                " t",
                language,
            );
            count_row(
                ui,
                t("Gjennomsnittsperiode (uker)", "Averaging period (weeks)"),
                t(
                    "Perioden snittet regnes over.",
                    "The period the average is taken over.",
                ),
                &mut rules.averaging_weeks,
                1..=52,
            );
            count_row(
                ui,
                t("Maks arbeidsdager på rad", "Max work days in a row"),
                t(
                    "Enhetens regel, ofte 5 eller 6.",
                    "The unit's policy, often 5 or 6.",
                ),
                &mut rules.max_consecutive_work_days,
                1..=14,
            );
            check_row(
                ui,
                t(
                    "Fri søndagen etter søndagsarbeid",
                    "Off the Sunday after Sunday work",
                ),
                t("AML § 10-8 (4).", "AML § 10-8 (4)."),
                &mut rules.sunday_off_after_sunday_work,
            );
            check_row(
                ui,
                t(
                    "Hele helger (lørdag og søndag)",
                    "Whole weekends (Saturday and Sunday)",
                ),
                t(
                    "Den som jobber lørdag, jobber også søndag.",
                    "Whoever works Saturday also works Sunday.",
                ),
                &mut rules.whole_weekends,
            );
            number_row(
                ui,
                t("Minste stilling i forslag", "Smallest line in proposals"),
                t(
                    "Et mål, ikke en regel: optimeringen lager så få linjer under denne stillingsprosenten som mulig, og sier hvor mange som må ligge under og hvorfor.",
                    "A target, not a rule: the optimizer makes as few lines below this position as it can, and says how many must stay below and why.",
                ),
                &mut rules.min_position_pct,
                0.0..=100.0,
                " %",
                language,
            );
            number_row(
                ui,
                t("Heltid fra (toleranse)", "Full-time tolerance"),
                t(
                    "En linje innenfor så mange prosentpoeng fra 100 % regnes som heltid.",
                    "A line this close to 100 % counts as full time.",
                ),
                &mut rules.full_time_tolerance_pct,
                0.0..=10.0,
                " %",
                language,
            );
            check_row(
                ui,
                t("Dekk behovet eksakt", "Meet the need exactly"),
                t(
                    "Av: minst behovet, overbemanning straffes.",
                    "Off: at least the need, over-staffing penalised.",
                ),
                &mut rules.coverage_exact,
            );
        });
}
