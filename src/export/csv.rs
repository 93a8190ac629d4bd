//! CSV for Norwegian spreadsheets: semicolons between fields, decimal commas.

use super::indicators::{RotaView, indicators, line_positions};
use crate::model::Scenario;

fn decimal(value: f64) -> String {
    format!("{value:.2}").replace('.', ",")
}

fn field(text: &str) -> String {
    if text.contains([';', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// Line quality after the days: single shifts, single days off, the spread of weekly hours,
/// changes between day/evening/night, backward rotations, the weighted score.
pub const QUALITY_COLUMNS: [&str; 6] = [
    "enkeltvakter",
    "enkeltfridager",
    "ukespredning_t",
    "skifter_dag_kveld_natt",
    "bakoverrotasjoner",
    "kvalitetspoeng",
];

/// The rota, one row per line (with its quality), then the indicators before and after.
pub fn to_csv(scenario: &Scenario, view: &RotaView<'_>) -> String {
    let days = scenario.rota.weeks as usize * 7;
    let weekdays = crate::model::WEEKDAYS_NB;
    let mut out = String::new();
    let mut header = vec![
        "linje".to_string(),
        "ansatt".into(),
        "stilling_pct".into(),
        "timer_per_uke".into(),
    ];
    header.extend((0..days).map(|d| format!("u{}_{}", d / 7 + 1, weekdays[d % 7])));
    header.extend(QUALITY_COLUMNS.iter().map(|c| c.to_string()));
    out.push_str(&header.join(";"));
    out.push('\n');
    let positions = line_positions(scenario, &view.rota.lines);
    let full_time = crate::calc::full_time_hours(scenario);
    for (index, line) in view.rota.lines.iter().enumerate() {
        let who = crate::model::holder_label(line.employee.as_deref(), line.qualification, "ledig");
        let position = positions[index];
        let mut row = vec![
            (index + 1).to_string(),
            field(&who),
            decimal(position),
            decimal(position / 100.0 * full_time),
        ];
        let cells = line.cells();
        row.extend(cells.iter().map(|c| field(c)));
        let owned: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
        let quality = crate::calc::line_quality(scenario, &owned);
        row.extend([
            quality.single_work_days.to_string(),
            quality.single_days_off.to_string(),
            decimal(quality.week_hours_spread),
            quality.kind_changes.to_string(),
            quality.backward_rotations.to_string(),
            decimal(quality.score),
        ]);
        out.push_str(&row.join(";"));
        out.push('\n');
    }
    out.push('\n');
    out.push_str("indikator;i_dag;etter\n");
    for (row, (name, before, after)) in indicators(scenario, view.rota)
        .rows()
        .into_iter()
        .enumerate()
    {
        // The head count is a whole number ("34", not "34,00").
        let (before, after) = if row == 0 {
            (format!("{before:.0}"), format!("{after:.0}"))
        } else {
            (decimal(before), decimal(after))
        };
        out.push_str(&format!("{};{before};{after}\n", field(name)));
    }
    out
}
