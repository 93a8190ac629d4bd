//! Sammenlign: the current scenario beside another file (e.g. every 3rd vs every 2nd weekend,
//! with and without long shifts): the indicators with differences, and both distributions.

use super::distribution::{AFTER, Indicator, histogram};
use crate::app::Command;
use crate::export::{RotaView, indicators};
use crate::i18n::Language;
use crate::model::Scenario;
use egui::{Color32, Ui};
use std::path::Path;

/// The other side of the comparison.
pub struct Other<'a> {
    /// Its file.
    pub path: &'a Path,
    /// Its scenario.
    pub scenario: &'a Scenario,
}

const OTHER: Color32 = Color32::from_rgb(230, 140, 40);

/// Shows the comparison.
pub fn ui(
    ui: &mut Ui,
    scenario: &Scenario,
    other: Option<Other<'_>>,
    language: Language,
    commands: &mut Vec<Command>,
) {
    let t = |nb, en| language.pick(nb, en);
    ui.heading(t("Sammenlign", "Compare"));
    if ui
        .button(t(
            "Velg fil å sammenligne med …",
            "Choose a file to compare with …",
        ))
        .clicked()
    {
        commands.push(Command::OpenCompare);
    }
    let Some(other) = other else {
        ui.label(t(
            "Sammenlign dette scenarioet med et annet, f.eks. hver 3. mot hver 2. helg.",
            "Compare this scenario with another, e.g. every 3rd against every 2nd weekend.",
        ));
        return;
    };
    let (Some(this_view), Some(other_view)) =
        (RotaView::of(scenario), RotaView::of(other.scenario))
    else {
        ui.label(t(
            "Begge scenarioene trenger et forslag eller dagens turnus.",
            "Both scenarios need a proposal or today's rota.",
        ));
        return;
    };
    let this = indicators(scenario, this_view.rota);
    let that = indicators(other.scenario, other_view.rota);
    let other_name = other
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let this_title = format!(
        "{} ({} {})",
        t("Dette", "This"),
        language.every_nth(scenario.rota.weekend_frequency),
        t("helg", "weekend")
    );
    let other_title = format!(
        "{other_name} ({} {})",
        language.every_nth(other.scenario.rota.weekend_frequency),
        t("helg", "weekend")
    );
    egui::Grid::new("compare")
        .num_columns(4)
        .striped(true)
        .show(ui, |ui| {
            ui.strong(t("Indikator", "Indicator"));
            ui.strong(&this_title);
            ui.strong(&other_title);
            ui.strong(t("Forskjell", "Difference"));
            ui.end_row();
            let rows = this.rows().into_iter().zip(that.rows());
            let bounds = [
                (
                    Indicator {
                        name: t("Helgegrense (hoder)", "Weekend bound (heads)"),
                        decimals: 0,
                        percent: false,
                    },
                    f64::from(this.bounds.weekend_bound_heads),
                    f64::from(that.bounds.weekend_bound_heads),
                ),
                (
                    Indicator {
                        name: t("Høyeste mulige snitt", "Highest possible average"),
                        decimals: 1,
                        percent: true,
                    },
                    this.bounds.max_average_position_pct,
                    that.bounds.max_average_position_pct,
                ),
            ];
            let rows = rows
                .map(|((name, _, mine), (_, _, theirs))| {
                    (Indicator::of(name, language), mine, theirs)
                })
                .chain(bounds);
            for (indicator, mine, theirs) in rows {
                ui.label(indicator.name);
                ui.label(indicator.format(mine, language));
                ui.label(indicator.format(theirs, language));
                ui.label(indicator.difference(mine, theirs, language));
                ui.end_row();
            }
        });
    // How the lines are to live with, side by side.
    for (title, this_scenario, view) in [
        (&this_title, scenario, &this_view),
        (&other_title, other.scenario, &other_view),
    ] {
        let quality = crate::calc::rota_quality(this_scenario, &view.rota.cell_rows());
        ui.label(format!("{title}: {}", language.rota_quality(&quality)));
    }
    ui.add_space(8.0);
    histogram(
        ui,
        "compare_histogram",
        [
            (&this_title, &this.after, AFTER),
            (&other_title, &that.after, OTHER),
        ],
        100.0 - scenario.rules.full_time_tolerance_pct,
        language,
    );
}
