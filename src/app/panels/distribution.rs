//! Fordeling: the position-size distribution before and after (the mean hides it, E6), a sorted
//! view, and the staffing over the day against the need.

use crate::calc::{HISTOGRAM_BINS, PositionStats, histogram_label};
use crate::export::{Indicators, RotaView, indicators};
use crate::i18n::Language;
use crate::model::{SATURDAY, Scenario};
use egui::{Color32, Ui};
use egui_plot::{Bar, BarChart, Legend, Line, Plot, VLine};

/// Today's colour in plots.
pub const BEFORE: Color32 = Color32::from_rgb(150, 150, 150);
/// The proposal's colour in plots.
pub const AFTER: Color32 = Color32::from_rgb(60, 110, 220);

/// Shows the distribution panel.
pub fn ui(ui: &mut Ui, scenario: &Scenario, language: Language) {
    let t = |nb, en| language.pick(nb, en);
    ui.heading(t(
        "Fordeling av stillingsstørrelser",
        "Position-size distribution",
    ));
    let Some(view) = RotaView::of(scenario) else {
        ui.label(t(
            "Ingen turnus ennå: beregn et forslag først.",
            "No rota yet: solve a proposal first.",
        ));
        return;
    };
    let numbers = indicators(scenario, view.rota);
    summary_table(
        ui,
        &numbers,
        language,
        [t("I dag", "Today"), t("Forslag", "Proposal")],
    );
    ui.add_space(8.0);
    histogram(
        ui,
        "distribution",
        [
            (t("I dag", "Today"), &numbers.before, BEFORE),
            (t("Forslag", "Proposal"), &numbers.after, AFTER),
        ],
        language,
    );
    ui.add_space(8.0);
    ui.strong(t(
        "Sortert: hver stilling fra største til minste",
        "Sorted: every position from largest to smallest",
    ));
    Plot::new("sorted")
        .height(180.0)
        .legend(Legend::default())
        .include_y(0.0)
        .include_y(100.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .y_axis_label("%")
        .show(ui, |plot| {
            for (name, positions, colour) in [
                (t("I dag", "Today"), &numbers.before_positions, BEFORE),
                (t("Forslag", "Proposal"), &numbers.after_positions, AFTER),
            ] {
                let mut sorted = positions.clone();
                sorted.sort_by(|a, b| b.total_cmp(a));
                let points: Vec<[f64; 2]> = sorted
                    .iter()
                    .enumerate()
                    .map(|(i, p)| [i as f64 + 1.0, *p])
                    .collect();
                plot.line(Line::new(name, points).color(colour).width(2.0));
            }
        });
    ui.add_space(8.0);
    ui.strong(t(
        "Bemanning gjennom døgnet mot behov",
        "Staffing over the day against the need",
    ));
    ui.columns(2, |columns| {
        for (column, (weekday, title)) in columns.iter_mut().zip([
            (2, t("Onsdag", "Wednesday")),
            (SATURDAY, t("Lørdag", "Saturday")),
        ]) {
            column.label(title);
            let (need, planned) = staffing_by_hour(scenario, &view, weekday);
            Plot::new(("by_hour", weekday))
                .height(160.0)
                .legend(Legend::default())
                .include_y(0.0)
                .allow_zoom(false)
                .allow_drag(false)
                .allow_scroll(false)
                .x_axis_label(t("time", "hour"))
                .show(column, |plot| {
                    plot.line(
                        Line::new(t("Behov", "Need"), need)
                            .color(Color32::from_rgb(200, 80, 80))
                            .width(2.0),
                    );
                    plot.line(
                        Line::new(t("Planlagt", "Planned"), planned)
                            .color(AFTER)
                            .width(2.0),
                    );
                });
        }
    });
}

/// The indicator table: one column per set of positions.
pub fn summary_table(ui: &mut Ui, numbers: &Indicators, language: Language, columns: [&str; 2]) {
    let t = |nb, en| language.pick(nb, en);
    egui::Grid::new(("summary", columns))
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            ui.strong(t("Indikator", "Indicator"));
            ui.strong(columns[0]);
            ui.strong(columns[1]);
            ui.end_row();
            for (name, before, after) in numbers.rows() {
                ui.label(indicator_name(name, language));
                ui.label(format!("{before:.1}"));
                ui.label(format!("{after:.1}"));
                ui.end_row();
            }
        });
}

/// The indicator's name in the UI language.
pub fn indicator_name(name: &str, language: Language) -> &str {
    if language == Language::Bokmal {
        return name;
    }
    match name {
        "Hoder" => "Heads",
        "Årsverk" => "FTE",
        "Snittstilling %" => "Average position %",
        "Median stilling %" => "Median position %",
        "Andel heltid %" => "Full-time share %",
        "Andel under 50 % (%)" => "Share under 50 % (%)",
        other => other,
    }
}

/// Two histograms on the same axes, 10 % bins, the full-time bin marked.
pub fn histogram(
    ui: &mut Ui,
    id: &str,
    sets: [(&str, &PositionStats, Color32); 2],
    language: Language,
) {
    let bars = |stats: &PositionStats, offset: f64| -> Vec<Bar> {
        (0..HISTOGRAM_BINS)
            .map(|bin| {
                Bar::new(
                    bin as f64 * 10.0 + 5.0 + offset,
                    stats.histogram[bin] as f64,
                )
                .width(4.0)
                .name(histogram_label(bin))
            })
            .collect()
    };
    Plot::new(id)
        .height(200.0)
        .legend(Legend::default())
        .include_y(0.0)
        .include_x(0.0)
        .include_x(110.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .x_axis_label(language.pick(
            "stillingsstørrelse % (10 %-intervaller; siste søyle = heltid)",
            "position size % (10 % bins; last bar = full time)",
        ))
        .y_axis_label(language.pick("antall", "count"))
        .show(ui, |plot| {
            plot.vline(
                VLine::new("100 %", 100.0)
                    .color(Color32::from_rgb(70, 170, 70))
                    .width(1.5),
            );
            for (index, (name, stats, colour)) in sets.into_iter().enumerate() {
                let offset = if index == 0 { -2.0 } else { 2.0 };
                plot.bar_chart(BarChart::new(name, bars(stats, offset)).color(colour));
            }
        });
}

/// People on duty per hour on `weekday` (averaged over the cycle's weeks), and the need.
fn staffing_by_hour(
    scenario: &Scenario,
    view: &RotaView<'_>,
    weekday: usize,
) -> (Vec<[f64; 2]>, Vec<[f64; 2]>) {
    let weeks = scenario.rota.weeks as usize;
    let days = weeks * 7;
    let cells: Vec<Vec<&str>> = view.rota.lines.iter().map(|l| l.cells()).collect();
    let on_duty = |shift: &crate::model::ShiftType, hour: usize, days_before: u32| -> bool {
        let (Some(start), Some(end)) = (shift.start_minute(), shift.end_minute()) else {
            return false;
        };
        let minute = hour as u32 * 60 + 30 + days_before * 1440;
        start <= minute && minute < end
    };
    let mut need = Vec::new();
    let mut planned = Vec::new();
    for hour in 0..24 {
        let (mut needed, mut working) = (0.0, 0.0);
        for shift in &scenario.shifts {
            let code = shift.code.trim();
            for days_before in 0..2u32 {
                if !on_duty(shift, hour, days_before) {
                    continue;
                }
                let start_weekday = (weekday + 7 - days_before as usize) % 7;
                needed += scenario
                    .needs
                    .get(code)
                    .and_then(|n| n.get(start_weekday))
                    .copied()
                    .unwrap_or(0) as f64;
                for week in 0..weeks {
                    // The shift started `days_before` days earlier, across the cycle's wrap if need be.
                    let day = (week * 7 + weekday + days - days_before as usize) % days;
                    working += cells.iter().filter(|c| c.get(day) == Some(&code)).count() as f64
                        / weeks as f64;
                }
            }
        }
        need.push([hour as f64 + 0.5, needed]);
        planned.push([hour as f64 + 0.5, working]);
    }
    (need, planned)
}
