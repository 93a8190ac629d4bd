//! Fordeling: the position-size distribution before and after (the mean hides it, E6), a sorted
//! view, and the staffing over the day against the need.

use crate::calc::{HISTOGRAM_BINS, PositionStats};
use crate::export::{Indicators, RotaView, indicators};
use crate::i18n::Language;
use crate::model::{SATURDAY, Scenario};
use egui::{Color32, Ui};
use egui_plot::{Bar, BarChart, GridMark, Legend, Line, LineStyle, Plot};

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
    // Without a proposal the rota shown is today's: say so, never call it a proposal.
    let (before_name, after_name) = if scenario.proposal.is_some() {
        (t("I dag", "Today"), t("Forslag", "Proposal"))
    } else {
        (
            t("Ansatte i dag", "Staff today"),
            t("Dagens turnus", "Today's rota"),
        )
    };
    summary_table(ui, &numbers, language, [before_name, after_name]);
    ui.add_space(8.0);
    histogram(
        ui,
        "distribution",
        [
            (before_name, &numbers.before, BEFORE),
            (after_name, &numbers.after, AFTER),
        ],
        100.0 - scenario.rules.full_time_tolerance_pct,
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
        .x_axis_label(t(
            "linje eller person, største først",
            "line or person, largest first",
        ))
        .y_axis_label(t("stilling %", "position %"))
        .x_axis_formatter(move |mark, _| whole_number(mark.value, language))
        .y_axis_formatter(move |mark, _| language.number(mark.value, 0))
        .show(ui, |plot| {
            for (name, positions, colour) in [
                (before_name, &numbers.before_positions, BEFORE),
                (after_name, &numbers.after_positions, AFTER),
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
            let most = need
                .iter()
                .chain(&planned)
                .map(|p| p[1])
                .fold(0.0, f64::max);
            Plot::new(("by_hour", weekday))
                .height(160.0)
                .legend(Legend::default())
                .include_y(0.0)
                .include_y(most + 1.0)
                .include_x(0.0)
                .include_x(24.0)
                .allow_zoom(false)
                .allow_drag(false)
                .allow_scroll(false)
                .x_axis_label(t("klokkeslett", "hour of day"))
                .y_axis_label(t("på vakt", "on duty"))
                .y_axis_min_width(44.0)
                // Whole people: a labelled line every 2 (or 5 on a big unit), never none.
                .y_grid_spacer(egui_plot::uniform_grid_spacer(move |_| {
                    if most > 20.0 {
                        [1.0, 5.0, 10.0]
                    } else {
                        [1.0, 2.0, 4.0]
                    }
                }))
                .x_axis_formatter(move |mark, _| whole_number(mark.value, language))
                .y_axis_formatter(move |mark, _| whole_number(mark.value, language))
                .show(column, |plot| {
                    // The plan first, the need on top of it, dashed: where they agree, both show.
                    plot.line(
                        Line::new(t("Planlagt", "Planned"), planned)
                            .color(AFTER)
                            .width(3.0),
                    );
                    plot.line(
                        Line::new(t("Behov", "Need"), need)
                            .color(Color32::from_rgb(220, 60, 60))
                            .style(LineStyle::dashed_dense())
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
                let indicator = Indicator::of(name, language);
                ui.label(indicator.name);
                ui.label(indicator.format(before, language));
                ui.label(indicator.format(after, language));
                ui.end_row();
            }
        });
}

/// A whole number as an axis label ("12"), nothing between whole numbers.
fn whole_number(value: f64, language: Language) -> String {
    if (value - value.round()).abs() < 1e-6 {
        language.number(value, 0)
    } else {
        String::new()
    }
}

/// How an indicator row is shown: its name in the UI language and how its numbers read.
pub struct Indicator<'a> {
    /// "Snittstilling".
    pub name: &'a str,
    /// Decimals of its numbers.
    pub decimals: usize,
    /// Whether its numbers are percentages ("56,1 %").
    pub percent: bool,
}

impl<'a> Indicator<'a> {
    /// The indicator named `name` in [`crate::export::Indicators::rows`].
    pub fn of(name: &'a str, language: Language) -> Self {
        let (nb, en, decimals, percent) = match name {
            "Hoder" => ("Hoder", "Heads", 0, false),
            "Årsverk" => ("Årsverk", "FTE", 1, false),
            "Snittstilling %" => ("Snittstilling", "Average position", 1, true),
            "Median stilling %" => ("Median stilling", "Median position", 1, true),
            "Andel heltid %" => ("Andel heltid", "Full-time share", 0, true),
            "Andel under 50 % (%)" => ("Andel under 50 %", "Share under 50 %", 0, true),
            other => (other, other, 1, false),
        };
        Self {
            name: language.pick(nb, en),
            decimals,
            percent,
        }
    }

    /// `value` as this indicator shows it.
    pub fn format(&self, value: f64, language: Language) -> String {
        let number = language.number(value, self.decimals);
        if self.percent {
            format!("{number} %")
        } else {
            number
        }
    }

    /// The difference `theirs − mine`, with its sign ("+28,1 %", "-10", "0").
    pub fn difference(&self, mine: f64, theirs: f64, language: Language) -> String {
        let difference = theirs - mine;
        let magnitude = language.number(difference.abs(), self.decimals);
        let zero = magnitude.chars().all(|c| c == '0' || c == ',' || c == '.');
        let sign = match () {
            _ if zero => "",
            _ if difference > 0.0 => "+",
            _ => "-",
        };
        if self.percent {
            format!("{sign}{magnitude} %")
        } else {
            format!("{sign}{magnitude}")
        }
    }
}

/// The name of histogram bin `bin`: "40–50 %", and the last one "heltid".
fn bin_name(bin: usize, language: Language) -> String {
    if bin + 1 >= HISTOGRAM_BINS {
        language.pick("heltid", "full time").to_string()
    } else {
        format!("{}–{} %", bin * 10, bin * 10 + 10)
    }
}

/// Two histograms on the same axes: one group of bars per 10 % bin, and the full-time lines in
/// a group of their own, named on the axis (no line at 100 % that full-time bars could sit
/// beside).
pub fn histogram(
    ui: &mut Ui,
    id: &str,
    sets: [(&str, &PositionStats, Color32); 2],
    full_time_from_pct: f64,
    language: Language,
) {
    let bars = |stats: &PositionStats, offset: f64| -> Vec<Bar> {
        (0..HISTOGRAM_BINS)
            .map(|bin| {
                Bar::new(bin as f64 + offset, stats.histogram[bin] as f64)
                    .width(0.38)
                    .name(bin_name(bin, language))
            })
            .collect()
    };
    let most = sets
        .iter()
        .flat_map(|(_, stats, _)| stats.histogram)
        .max()
        .unwrap_or(0);
    Plot::new(id)
        .height(200.0)
        .legend(Legend::default())
        .include_y(0.0)
        .include_y(most as f64 + 1.0)
        .include_x(-0.6)
        .include_x(HISTOGRAM_BINS as f64 - 0.4)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .x_axis_label(match language {
            Language::Bokmal => format!(
                "stillingsstørrelse (siste gruppe: heltid, fra {} %)",
                language.number(full_time_from_pct, 1)
            ),
            Language::English => format!(
                "position size (last group: full time, from {} %)",
                language.number(full_time_from_pct, 1)
            ),
        })
        .y_axis_label(language.pick("antall", "count"))
        .x_grid_spacer(|_| {
            (0..HISTOGRAM_BINS)
                .map(|bin| GridMark {
                    value: bin as f64,
                    step_size: 1.0,
                })
                .collect()
        })
        .x_axis_formatter(move |mark, _| {
            let bin = mark.value.round();
            if (mark.value - bin).abs() < 1e-6 && (0.0..HISTOGRAM_BINS as f64).contains(&bin) {
                bin_name(bin as usize, language)
            } else {
                String::new()
            }
        })
        .y_axis_formatter(move |mark, _| whole_number(mark.value, language))
        .show(ui, |plot| {
            for (index, (name, stats, colour)) in sets.into_iter().enumerate() {
                let offset = if index == 0 { -0.2 } else { 0.2 };
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
