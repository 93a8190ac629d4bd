//! Small input helpers: every input carries its label as its accessible name.

use egui::{DragValue, Response, Ui};

/// A labelled number in a two-column grid row, with an explanation on hover.
pub fn number_row(
    ui: &mut Ui,
    label: &str,
    help: &str,
    value: &mut f64,
    range: std::ops::RangeInclusive<f64>,
    suffix: &str,
) -> Response {
    let label_response = ui.label(label).on_hover_text(help);
    let response = ui
        .add(
            DragValue::new(value)
                .range(range)
                .speed(0.1)
                .max_decimals(2)
                .suffix(suffix),
        )
        .labelled_by(label_response.id)
        .on_hover_text(help);
    ui.end_row();
    response
}

/// A labelled whole number in a two-column grid row.
pub fn count_row(
    ui: &mut Ui,
    label: &str,
    help: &str,
    value: &mut u32,
    range: std::ops::RangeInclusive<u32>,
) -> Response {
    let label_response = ui.label(label).on_hover_text(help);
    let response = ui
        .add(DragValue::new(value).range(range))
        .labelled_by(label_response.id)
        .on_hover_text(help);
    ui.end_row();
    response
}

/// A labelled check box in a two-column grid row.
pub fn check_row(ui: &mut Ui, label: &str, help: &str, value: &mut bool) -> Response {
    ui.label("");
    let response = ui.checkbox(value, label).on_hover_text(help);
    ui.end_row();
    response
}

/// A labelled single-line text field in a two-column grid row.
pub fn text_row(ui: &mut Ui, label: &str, value: &mut String) -> Response {
    let label_response = ui.label(label);
    let response = ui
        .add(egui::TextEdit::singleline(value).desired_width(320.0))
        .labelled_by(label_response.id);
    ui.end_row();
    response
}
