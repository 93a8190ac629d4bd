//! An Excel workbook: one row per rota line, a coverage sheet and an indicators sheet.

use super::indicators::{RotaView, coverage_table, indicators, line_positions};
use crate::model::Scenario;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// The workbook as bytes.
pub fn to_xlsx(scenario: &Scenario, view: &RotaView<'_>) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let days = scenario.rota.weeks as usize * 7;
    let weekdays = crate::model::WEEKDAYS_NB;
    let full_time = crate::calc::full_time_hours(scenario);

    let rota = workbook.add_worksheet().set_name("Turnus")?;
    for (column, title) in ["Linje", "Ansatt", "Stilling %", "Timer per uke"]
        .iter()
        .enumerate()
    {
        rota.write_string_with_format(0, column as u16, *title, &bold)?;
    }
    for d in 0..days {
        rota.write_string_with_format(
            0,
            4 + d as u16,
            format!("u{} {}", d / 7 + 1, weekdays[d % 7]),
            &bold,
        )?;
    }
    let quality_column = 4 + days as u16;
    for (k, title) in [
        "Enkeltvakter",
        "Enkeltfridager",
        "Ukespredning t",
        "Skifter dag/kveld/natt",
        "Bakoverrotasjoner",
        "Kvalitetspoeng",
    ]
    .iter()
    .enumerate()
    {
        rota.write_string_with_format(0, quality_column + k as u16, *title, &bold)?;
    }
    let positions = line_positions(scenario, &view.rota.lines);
    for (index, line) in view.rota.lines.iter().enumerate() {
        let row = index as u32 + 1;
        let who = line.employee.clone().unwrap_or_else(|| "ledig".into());
        rota.write_number(row, 0, (index + 1) as f64)?;
        rota.write_string(row, 1, who)?;
        rota.write_number(row, 2, (positions[index] * 100.0).round() / 100.0)?;
        rota.write_number(
            row,
            3,
            (positions[index] / 100.0 * full_time * 100.0).round() / 100.0,
        )?;
        let cells = line.cells();
        for (d, cell) in cells.iter().enumerate() {
            rota.write_string(row, 4 + d as u16, *cell)?;
        }
        let owned: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
        let q = crate::calc::line_quality(scenario, &owned);
        for (k, value) in [
            f64::from(q.single_work_days),
            f64::from(q.single_days_off),
            q.week_hours_spread,
            f64::from(q.kind_changes),
            f64::from(q.backward_rotations),
            q.score,
        ]
        .into_iter()
        .enumerate()
        {
            rota.write_number(
                row,
                quality_column + k as u16,
                (value * 100.0).round() / 100.0,
            )?;
        }
    }

    let coverage = workbook.add_worksheet().set_name("Dekning")?;
    coverage.write_string_with_format(0, 0, "Vakt", &bold)?;
    coverage.write_string_with_format(0, 1, "", &bold)?;
    for d in 0..days {
        coverage.write_string_with_format(
            0,
            2 + d as u16,
            format!("u{} {}", d / 7 + 1, weekdays[d % 7]),
            &bold,
        )?;
    }
    let mut row = 1;
    for (code, need, planned) in coverage_table(scenario, view.rota) {
        for (label, values) in [("behov", &need), ("planlagt", &planned)] {
            coverage.write_string(row, 0, code.as_str())?;
            coverage.write_string(row, 1, label)?;
            for (d, value) in values.iter().enumerate() {
                coverage.write_number(row, 2 + d as u16, *value as f64)?;
            }
            row += 1;
        }
    }

    let sheet = workbook.add_worksheet().set_name("Indikatorer")?;
    for (column, title) in ["Indikator", "I dag", "Etter"].iter().enumerate() {
        sheet.write_string_with_format(0, column as u16, *title, &bold)?;
    }
    let numbers = indicators(scenario, view.rota);
    for (index, (name, before, after)) in numbers.rows().into_iter().enumerate() {
        let row = index as u32 + 1;
        sheet.write_string(row, 0, name)?;
        sheet.write_number(row, 1, (before * 100.0).round() / 100.0)?;
        sheet.write_number(row, 2, (after * 100.0).round() / 100.0)?;
    }
    let extra = numbers.rows().len() as u32 + 2;
    sheet.write_string(extra, 0, "Helgegrense (hoder)")?;
    sheet.write_number(extra, 2, f64::from(numbers.bounds.weekend_bound_heads))?;
    sheet.write_string(extra + 1, 0, "Høyeste mulige snitt %")?;
    sheet.write_number(
        extra + 1,
        2,
        (numbers.bounds.max_average_position_pct * 100.0).round() / 100.0,
    )?;
    sheet.write_string(extra + 2, 0, "Kilde")?;
    sheet.write_string(extra + 2, 2, view.source)?;
    if let Some(status) = &view.review_status {
        sheet.write_string(extra + 3, 0, "Status")?;
        sheet.write_string(extra + 3, 2, status.as_str())?;
    }
    workbook.save_to_buffer()
}
