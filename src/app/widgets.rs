//! Small input helpers: every input carries its label as its accessible name, and numbers
//! read and type the way the UI language writes them (a decimal comma in bokmål).

use crate::i18n::Language;
use egui::{DragValue, Response, Ui};

/// A number field that shows `decimals` decimals in the UI language's way and accepts both a
/// comma and a point when typed.
pub fn decimal_drag(value: &mut f64, decimals: usize, language: Language) -> DragValue<'_> {
    DragValue::new(value)
        .custom_formatter(move |value, _| language.number(value, decimals))
        .custom_parser(|text| text.trim().replace(',', ".").parse().ok())
}

/// A one-line text field exactly `width` wide: in a grid a text field otherwise takes the
/// column's width from the frame before and cuts its text off.
pub fn text_field(ui: &mut Ui, value: &mut String, width: f32) -> Response {
    let height = ui.spacing().interact_size.y;
    ui.add_sized([width, height], egui::TextEdit::singleline(value))
}

/// A labelled number in a two-column grid row, with an explanation on hover.
pub fn number_row(
    ui: &mut Ui,
    label: &str,
    help: &str,
    value: &mut f64,
    range: std::ops::RangeInclusive<f64>,
    suffix: &str,
    language: Language,
) -> Response {
    let label_response = ui.label(label).on_hover_text(help);
    let decimals = if (*value * 10.0 - (*value * 10.0).round()).abs() > 1e-9 {
        2
    } else {
        1
    };
    let response = ui
        .add(
            decimal_drag(value, decimals, language)
                .range(range)
                .speed(0.1)
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
