//! A one-page A4 report written as plain PDF: indicators, the position-size distribution before
//! and after (a bar chart), and the rota. Standard PDF fonts; Norwegian letters via WinAnsi.

use super::indicators::{RotaView, indicators};
use crate::calc::{HISTOGRAM_BINS, histogram_label};
use crate::i18n::Language;
use crate::model::{Scenario, ShiftKind};
use std::fmt::Write as _;

const PAGE_WIDTH: f64 = 842.0;
const PAGE_HEIGHT: f64 = 595.0;
const MARGIN: f64 = 36.0;

/// Text as a PDF string in WinAnsi encoding (Latin-1 plus a few typographic marks).
fn pdf_string(text: &str) -> String {
    let mut out = String::from("(");
    for c in text.chars() {
        let byte = match c {
            '(' | ')' | '\\' => {
                out.push('\\');
                c as u32
            }
            '–' => 0x96,
            '—' => 0x97,
            '•' => 0x95,
            c if (c as u32) < 0x80 => c as u32,
            c if (0xA0..=0xFF).contains(&(c as u32)) => c as u32,
            _ => '?' as u32,
        };
        if (0x20..0x7F).contains(&byte) {
            out.push(char::from_u32(byte).unwrap_or('?'));
        } else {
            let _ = write!(out, "\\{byte:03o}");
        }
    }
    out.push(')');
    out
}

/// Drawing commands for one page.
#[derive(Default)]
struct Page {
    ops: String,
}

impl Page {
    fn text(&mut self, x: f64, y: f64, size: f64, bold: bool, text: &str) {
        let font = if bold { "F2" } else { "F1" };
        let _ = writeln!(
            self.ops,
            "0 0 0 rg BT /{font} {size} Tf {x:.2} {y:.2} Td {} Tj ET",
            pdf_string(text)
        );
    }

    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, rgb: (f64, f64, f64)) {
        let _ = writeln!(
            self.ops,
            "{:.3} {:.3} {:.3} rg {x:.2} {y:.2} {w:.2} {h:.2} re f",
            rgb.0, rgb.1, rgb.2
        );
    }

    fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64) {
        let _ = writeln!(
            self.ops,
            "0.3 0.3 0.3 RG 0.5 w {x1:.2} {y1:.2} m {x2:.2} {y2:.2} l S"
        );
    }
}

fn kind_rgb(kind: Option<ShiftKind>) -> (f64, f64, f64) {
    match kind {
        Some(ShiftKind::Day) => (1.0, 0.90, 0.63),
        Some(ShiftKind::Evening) => (1.0, 0.75, 0.55),
        Some(ShiftKind::Night) => (0.63, 0.75, 1.0),
        Some(ShiftKind::Long) => (0.71, 0.88, 0.71),
        None => (0.96, 0.96, 0.96),
    }
}

fn indicator_table(page: &mut Page, scenario: &Scenario, view: &RotaView<'_>, language: Language) {
    let t = |nb, en| language.pick(nb, en);
    let numbers = indicators(scenario, view.rota);
    let mut y = PAGE_HEIGHT - MARGIN - 44.0;
    page.text(MARGIN, y, 9.0, true, t("Indikator", "Indicator"));
    page.text(MARGIN + 150.0, y, 9.0, true, t("I dag", "Today"));
    page.text(MARGIN + 210.0, y, 9.0, true, t("Etter", "After"));
    for (row, (name, before, after)) in numbers.rows_in(language).into_iter().enumerate() {
        // The head count is a whole number; the rest have one decimal.
        let decimals = if row == 0 { 0 } else { 1 };
        y -= 13.0;
        page.text(MARGIN, y, 9.0, false, name);
        page.text(
            MARGIN + 150.0,
            y,
            9.0,
            false,
            &language.number(before, decimals),
        );
        page.text(
            MARGIN + 210.0,
            y,
            9.0,
            false,
            &language.number(after, decimals),
        );
    }
    y -= 17.0;
    let (heads, average) = (
        numbers.bounds.weekend_bound_heads,
        language.number(numbers.bounds.max_average_position_pct, 1),
    );
    let bound = match language {
        Language::Bokmal => format!("Helgegrense {heads} hoder, høyeste mulige snitt {average} %"),
        Language::English => {
            format!("Weekend bound {heads} heads, highest possible average {average} %")
        }
    };
    page.text(MARGIN, y, 9.0, false, &bound);
    distribution_chart(
        page,
        &numbers.before.histogram,
        &numbers.after.histogram,
        language,
    );
}

/// Bars per 10 % bin, today in grey and after in blue, on the same axes; the 100 % bin is marked.
fn distribution_chart(
    page: &mut Page,
    before: &[usize; HISTOGRAM_BINS],
    after: &[usize; HISTOGRAM_BINS],
    language: Language,
) {
    let (left, bottom, width, height) = (330.0, PAGE_HEIGHT - MARGIN - 150.0, 470.0, 110.0);
    page.text(
        left,
        bottom + height + 14.0,
        10.0,
        true,
        language.pick(
            "Stillingsstørrelser før (grå) og etter (blå)",
            "Position sizes before (grey) and after (blue)",
        ),
    );
    let most = before
        .iter()
        .chain(after.iter())
        .copied()
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let bin_width = width / HISTOGRAM_BINS as f64;
    page.line(left, bottom, left + width, bottom);
    page.line(left, bottom, left, bottom + height);
    for bin in 0..HISTOGRAM_BINS {
        let x = left + bin as f64 * bin_width;
        let bar = bin_width * 0.38;
        if bin == HISTOGRAM_BINS - 1 {
            page.rect(x + 1.0, bottom, bin_width - 2.0, height, (0.92, 0.97, 0.92));
        }
        page.rect(
            x + bin_width * 0.1,
            bottom,
            bar,
            before[bin] as f64 / most * height,
            (0.6, 0.6, 0.6),
        );
        page.rect(
            x + bin_width * 0.1 + bar,
            bottom,
            bar,
            after[bin] as f64 / most * height,
            (0.2, 0.4, 0.85),
        );
        page.text(
            x + 2.0,
            bottom - 10.0,
            6.5,
            bin == HISTOGRAM_BINS - 1,
            &histogram_label(bin),
        );
        for (count, offset) in [(before[bin], 0.0), (after[bin], bar)] {
            if count > 0 {
                let top = bottom + count as f64 / most * height + 2.0;
                page.text(
                    x + bin_width * 0.1 + offset + 1.0,
                    top,
                    6.0,
                    false,
                    &count.to_string(),
                );
            }
        }
    }
}

fn rota_grid(page: &mut Page, scenario: &Scenario, view: &RotaView<'_>, language: Language) {
    let t = |nb, en| language.pick(nb, en);
    let days = scenario.rota.weeks as usize * 7;
    let lines = &view.rota.lines;
    let top = PAGE_HEIGHT - MARGIN - 200.0;
    let label_width = 110.0;
    let cell_w = ((PAGE_WIDTH - 2.0 * MARGIN - label_width) / days as f64).min(18.0);
    let cell_h = ((top - MARGIN) / (lines.len() as f64 + 2.0)).min(12.0);
    let font = (cell_h * 0.7).min(7.0);
    let kinds: std::collections::HashMap<&str, ShiftKind> = scenario
        .shifts
        .iter()
        .map(|s| (s.code.trim(), s.kind))
        .collect();
    let positions = super::indicators::line_positions(scenario, &view.rota.lines);
    page.text(MARGIN, top + 4.0, 10.0, true, t("Turnus", "Rota"));
    for d in (0..days).step_by(7) {
        page.text(
            MARGIN + label_width + d as f64 * cell_w,
            top + 4.0,
            6.5,
            false,
            &format!("{} {}", t("uke", "week"), d / 7 + 1),
        );
    }
    for (index, line) in lines.iter().enumerate() {
        let y = top - (index as f64 + 1.0) * cell_h;
        let who = line
            .employee
            .clone()
            .unwrap_or_else(|| t("ledig", "vacancy").into());
        page.text(
            MARGIN,
            y + cell_h * 0.2,
            font,
            false,
            &format!(
                "{:>2} {who} {} %",
                index + 1,
                language.number(positions[index], 1)
            ),
        );
        for (d, code) in line.cells().iter().enumerate() {
            let x = MARGIN + label_width + d as f64 * cell_w;
            let kind = kinds.get(code).copied();
            let weekend = d % 7 >= 5;
            let fill = if kind.is_none() && weekend {
                (0.86, 0.86, 0.86)
            } else {
                kind_rgb(kind)
            };
            page.rect(x + 0.4, y + 0.4, cell_w - 0.8, cell_h - 0.8, fill);
            if kind.is_some() && cell_w >= 6.0 {
                page.text(x + cell_w * 0.25, y + cell_h * 0.2, font, false, code);
            }
        }
    }
}

/// The report as PDF bytes, in `language`.
pub fn to_pdf(scenario: &Scenario, view: &RotaView<'_>, language: Language) -> Vec<u8> {
    let t = |nb, en| language.pick(nb, en);
    let mut page = Page::default();
    let title = if scenario.unit.name.is_empty() {
        "Heltidskalkulator"
    } else {
        scenario.unit.name.as_str()
    };
    page.text(MARGIN, PAGE_HEIGHT - MARGIN - 8.0, 15.0, true, title);
    let source = match view.review {
        Some(_) => t("forslag", "proposal"),
        None => t("dagens turnus", "today's rota"),
    };
    let (weeks, every, full_time) = (
        scenario.rota.weeks,
        language.every_nth(scenario.rota.weekend_frequency),
        language.number(crate::calc::full_time_hours(scenario), 2),
    );
    let mut subtitle = match language {
        Language::Bokmal => {
            format!("{source} – {weeks} uker, {every} helg, heltid {full_time} t")
        }
        Language::English => {
            format!("{source} – {weeks} weeks, {every} weekend, full time {full_time} h")
        }
    };
    if let Some(status) = view.review {
        let status = language.pick(status.label_nb(), status.label_en());
        let _ = write!(subtitle, " – status: {status}");
    }
    page.text(MARGIN, PAGE_HEIGHT - MARGIN - 24.0, 9.0, false, &subtitle);
    let quality = crate::calc::rota_quality(scenario, &view.rota.cell_rows());
    page.text(
        MARGIN,
        PAGE_HEIGHT - MARGIN - 36.0,
        8.0,
        false,
        &language.rota_quality(&quality),
    );
    indicator_table(&mut page, scenario, view, language);
    rota_grid(&mut page, scenario, view, language);
    assemble(&page.ops)
}

/// Wraps one page of drawing commands in a complete PDF file.
fn assemble(content: &str) -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>"
        ),
        format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_string(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
            .to_string(),
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        let _ = write!(out, "{} 0 obj\n{object}\nendobj\n", index + 1);
    }
    let xref = out.len();
    let _ = write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        let _ = writeln!(out, "{offset:010} 00000 n ");
    }
    let _ = write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.into_bytes()
}
