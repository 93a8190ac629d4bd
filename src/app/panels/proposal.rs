//! Forslag: solve in the background and review the proposed rota — lines × days coloured by
//! shift kind, weekends shaded, each line's size and person, coverage per shift, and every rule
//! violation marked in place with its message on hover.

use crate::app::Command;
use crate::calc;
use crate::i18n::Language;
use crate::model::{OFF, Proposal, RotaLine, SATURDAY, SUNDAY, Scenario, ShiftKind, SolveMode};
use crate::rules::{Severity, Violation, check_rota};
use crate::solve::{Progress, SolveReport};
use egui::{Color32, Sense, Stroke, Ui, Vec2, pos2, vec2};
use std::collections::HashMap;

/// What the panel needs to know besides the scenario.
pub struct SolveView<'a> {
    /// Seconds and progress of a running solve.
    pub running: Option<(f64, Progress)>,
    /// The last finished solve (its diagnosis when it found nothing).
    pub last_report: Option<&'a SolveReport>,
    /// The inputs changed after the proposal was made.
    pub out_of_date: bool,
    /// Ideal or today.
    pub mode: &'a mut SolveMode,
    /// Seconds the solver may use.
    pub time_limit: &'a mut f64,
    /// The scenario has validation problems.
    pub problems: usize,
}

const CELL: Vec2 = Vec2::new(22.0, 18.0);
const WEEK_GAP: f32 = 6.0;

/// The colour of a shift kind in the grid.
pub fn kind_colour(kind: Option<ShiftKind>) -> Color32 {
    match kind {
        Some(ShiftKind::Day) => Color32::from_rgb(255, 230, 160),
        Some(ShiftKind::Evening) => Color32::from_rgb(255, 190, 140),
        Some(ShiftKind::Night) => Color32::from_rgb(160, 190, 255),
        Some(ShiftKind::Long) => Color32::from_rgb(180, 225, 180),
        None => Color32::TRANSPARENT,
    }
}

/// Shows the solve controls and the proposal.
pub fn ui(
    ui: &mut Ui,
    scenario: &mut Scenario,
    view: SolveView<'_>,
    language: Language,
    commands: &mut Vec<Command>,
    draft: &mut CommentDraft,
) {
    let t = |nb, en| language.pick(nb, en);
    ui.heading(t("Forslag", "Proposal"));
    ui.horizontal(|ui| {
        ui.radio_value(
            view.mode,
            SolveMode::Ideal,
            t("Ideell struktur", "Ideal structure"),
        )
        .on_hover_text(t(
            "Ser bort fra dagens ansatte: færrest mulig hoder, flest heltidslinjer.",
            "Ignores today's staff: fewest heads, most full-time lines.",
        ));
        ui.radio_value(
            view.mode,
            SolveMode::Today,
            t("Fra dagens ansatte", "From today's staff"),
        )
        .on_hover_text(t(
            "Ingen får mindre stilling enn i dag; ønsker om mer oppfylles først.",
            "Nobody's position is cut; wishes for more come first.",
        ));
        ui.radio_value(
            view.mode,
            SolveMode::Rotating,
            t("Rullerende turnus", "Rotating rota"),
        )
        .on_hover_text(t(
            "Alle går samme rekke av uker, én uke forskjøvet: like store stillinger, og turnusen blir like mange uker som det er linjer.",
            "Everyone follows one chain of weeks, one week apart: equal positions, and the rota becomes as many weeks as there are lines.",
        ));
        let label = ui.label(t("Tidsgrense", "Time limit"));
        ui.add(
            egui::DragValue::new(view.time_limit)
                .range(1.0..=600.0)
                .suffix(" s"),
        )
        .labelled_by(label.id);
        match &view.running {
            Some((seconds, progress)) => {
                ui.spinner();
                ui.label(format!(
                    "{} {seconds:.1} s {}",
                    t("Beregner …", "Solving …"),
                    progress.phase
                ));
                if ui.button(t("Avbryt", "Cancel")).clicked() {
                    commands.push(Command::CancelSolve);
                }
            }
            None => {
                let button = ui.add_enabled(
                    view.problems == 0,
                    egui::Button::new(t("Beregn forslag", "Solve")),
                );
                if view.problems > 0 {
                    button.on_disabled_hover_text(t(
                        "Rett feilene i scenarioet først.",
                        "Fix the scenario's problems first.",
                    ));
                } else if button.clicked() {
                    commands.push(Command::Solve);
                }
            }
        }
    });
    if let Some(report) = view.last_report
        && !report.status.has_proposal()
    {
        ui.colored_label(
            Color32::DARK_RED,
            format!(
                "{}: {}",
                t("Ingen turnus funnet", "No rota found"),
                report.status.as_str()
            ),
        );
        for line in &report.diagnosis {
            ui.label(format!("- {}", line.text(language)));
        }
    }
    let Some(proposal) = &scenario.proposal else {
        if view.last_report.is_none() {
            ui.label(t(
                "Ingen forslag ennå. Trykk «Beregn forslag».",
                "No proposal yet. Press «Solve».",
            ));
        }
        return;
    };
    if view.out_of_date {
        ui.colored_label(
            Color32::from_rgb(200, 110, 0),
            t(
                "Forslaget er utdatert: inndata er endret etter beregningen.",
                "The proposal is out of date: inputs changed after it was made.",
            ),
        );
    }
    let rota = &proposal.rota;
    let violations = check_rota(scenario, rota);
    summary(ui, scenario, proposal, &rota.lines, &violations, language);
    if let Some(report) = view.last_report.filter(|r| r.status.has_proposal()) {
        // Targets are goals, not rules: what the proposal missed, with the arithmetic.
        for missed in report.missed_targets(language) {
            ui.colored_label(Color32::from_rgb(200, 110, 0), missed);
        }
    }
    if let Some(proposal) = &mut scenario.proposal {
        review_ui(ui, &mut proposal.review, draft, language);
        ui.add_space(6.0);
    }
    let Some(proposal) = &scenario.proposal else {
        return;
    };
    let rota = &proposal.rota;
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            grid(ui, scenario, &rota.lines, &violations, language);
        });
}

/// Position % of each line (the same computation the exports use).
pub use crate::export::line_positions;

fn summary(
    ui: &mut Ui,
    scenario: &Scenario,
    proposal: &Proposal,
    lines: &[RotaLine],
    violations: &[Violation],
    language: Language,
) {
    let t = |nb, en| language.pick(nb, en);
    let full_time_from = 100.0 - scenario.rules.full_time_tolerance_pct;
    let after = calc::position_stats(&line_positions(scenario, lines), full_time_from);
    let before: Vec<f64> = scenario.staff.iter().map(|e| e.position_pct).collect();
    let before = calc::position_stats(&before, full_time_from);
    let breaches = violations
        .iter()
        .filter(|v| v.severity == Severity::Breach)
        .count();
    let seconds = proposal.solve_seconds;
    let mode = match proposal.mode {
        SolveMode::Ideal => t("ideell struktur", "ideal structure"),
        SolveMode::Today => t("fra dagens ansatte", "from today's staff"),
        SolveMode::Rotating => t("rullerende turnus", "rotating rota"),
    };
    ui.label(format!(
        "{} ({mode}, {seconds:.1} s, {} {}) · {} {} · {} {:.1} % ({} {:.1} %) · median {:.1} % · {} {:.0} % · {} {:.0} %",
        match proposal.status.as_str() {
            "optimal" => t("Optimal", "Optimal"),
            _ => t("Gyldig, ikke bevist best", "Valid, not proven best"),
        },
        scenario.rota.weeks,
        t("uker", "weeks"),
        after.heads,
        t("linjer", "lines"),
        t("snitt", "average"),
        after.average_pct,
        t("i dag", "today"),
        before.average_pct,
        after.median_pct,
        t("heltid", "full time"),
        after.full_time_share_pct,
        t("under 50 %:", "under 50 %:"),
        after.under_50_share_pct,
    ));
    let text = if breaches == 0 {
        t(
            "Alle regler holder (kontrollert uavhengig).",
            "Every rule holds (checked independently).",
        )
        .to_string()
    } else {
        format!(
            "{breaches} {}",
            t(
                "regelbrudd, markert i rutenettet.",
                "breaches, marked in the grid."
            )
        )
    };
    // Readable on both the dark and the light theme.
    let colour = if breaches == 0 {
        Color32::from_rgb(70, 170, 70)
    } else {
        Color32::from_rgb(220, 60, 60)
    };
    ui.colored_label(colour, text);
    for v in violations.iter().filter(|v| v.line.is_none()) {
        ui.colored_label(Color32::DARK_RED, v.titled(language));
    }
}

fn grid(
    ui: &mut Ui,
    scenario: &Scenario,
    lines: &[RotaLine],
    violations: &[Violation],
    language: Language,
) {
    let t = |nb, en| language.pick(nb, en);
    let days = scenario.rota.weeks as usize * 7;
    let weekdays = language.weekdays();
    let kinds: HashMap<&str, ShiftKind> = scenario
        .shifts
        .iter()
        .map(|s| (s.code.trim(), s.kind))
        .collect();
    let mut at: HashMap<(usize, usize), Vec<&Violation>> = HashMap::new();
    let mut on_line: HashMap<usize, Vec<&Violation>> = HashMap::new();
    for v in violations {
        let Some(line) = v.line else { continue };
        if v.days.is_empty() {
            on_line.entry(line).or_default().push(v);
        }
        for &day in &v.days {
            at.entry((line, day)).or_default().push(v);
        }
    }
    let positions = line_positions(scenario, lines);
    let label_width = 190.0;
    let width = label_width + days as f32 * CELL.x + scenario.rota.weeks as f32 * WEEK_GAP;
    let x_of = |day: usize| label_width + day as f32 * CELL.x + (day / 7) as f32 * WEEK_GAP;
    // Header: week numbers and weekdays.
    let (header, painter) = ui.allocate_painter(vec2(width, 2.0 * CELL.y), Sense::hover());
    let origin = header.rect.min;
    let text_colour = ui.visuals().text_color();
    for day in 0..days {
        let x = origin.x + x_of(day);
        if day % 7 == 0 {
            painter.text(
                pos2(x, origin.y),
                egui::Align2::LEFT_TOP,
                format!("{} {}", t("uke", "week"), day / 7 + 1),
                egui::FontId::proportional(11.0),
                text_colour,
            );
        }
        painter.text(
            pos2(x + CELL.x / 2.0, origin.y + CELL.y),
            egui::Align2::CENTER_TOP,
            &weekdays[day % 7][..1],
            egui::FontId::proportional(11.0),
            text_colour,
        );
    }
    for (index, line) in lines.iter().enumerate() {
        let cells = line.cells();
        let (row, painter) = ui.allocate_painter(vec2(width, CELL.y), Sense::hover());
        let origin = row.rect.min;
        let who = crate::model::holder_label(
            line.employee.as_deref(),
            line.qualification,
            t("ledig", "vacant"),
        );
        let line_problems = on_line.get(&index);
        let label_colour = if line_problems.is_some() {
            Color32::DARK_RED
        } else {
            text_colour
        };
        painter.text(
            pos2(origin.x, origin.y + CELL.y / 2.0),
            egui::Align2::LEFT_CENTER,
            format!(
                "{:>2} {who}  {:.1} %",
                index + 1,
                positions.get(index).copied().unwrap_or(0.0)
            ),
            egui::FontId::proportional(12.0),
            label_colour,
        );
        let mut hover = Vec::new();
        if let Some(problems) = line_problems {
            let label_rect = egui::Rect::from_min_size(origin, vec2(label_width, CELL.y));
            hover.push((
                label_rect,
                problems
                    .iter()
                    .map(|v| v.titled(language))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ));
        }
        for day in 0..days {
            let rect =
                egui::Rect::from_min_size(pos2(origin.x + x_of(day), origin.y), CELL).shrink(1.0);
            let code = cells.get(day).copied().unwrap_or(OFF);
            let kind = kinds.get(code).copied();
            let weekend = matches!(day % 7, SATURDAY | SUNDAY);
            let fill = if kind.is_some() {
                kind_colour(kind)
            } else if weekend {
                Color32::from_gray(225)
            } else {
                Color32::from_gray(245)
            };
            painter.rect_filled(rect, 2.0, fill);
            if code != OFF {
                painter.text(
                    rect.center(),
                    egui::Align2::CENTER_CENTER,
                    code,
                    egui::FontId::monospace(11.0),
                    Color32::BLACK,
                );
            }
            if let Some(problems) = at.get(&(index, day)) {
                let colour = if problems.iter().any(|v| v.severity == Severity::Breach) {
                    Color32::RED
                } else {
                    Color32::from_rgb(230, 140, 0)
                };
                painter.rect_stroke(
                    rect,
                    2.0,
                    Stroke::new(2.0, colour),
                    egui::StrokeKind::Inside,
                );
                hover.push((
                    rect,
                    problems
                        .iter()
                        .map(|v| v.titled(language))
                        .collect::<Vec<_>>()
                        .join("\n"),
                ));
            }
        }
        if let Some(pointer) = row.hover_pos()
            && let Some((_, text)) = hover.iter().find(|(rect, _)| rect.contains(pointer))
        {
            row.clone().on_hover_text(text.clone());
        }
    }
    coverage_rows(ui, scenario, lines, width, &x_of, language);
}

fn coverage_rows(
    ui: &mut Ui,
    scenario: &Scenario,
    lines: &[RotaLine],
    width: f32,
    x_of: &dyn Fn(usize) -> f32,
    language: Language,
) {
    let t = |nb, en| language.pick(nb, en);
    let days = scenario.rota.weeks as usize * 7;
    let cells: Vec<Vec<&str>> = lines.iter().map(|l| l.cells()).collect();
    ui.add_space(6.0);
    for shift in &scenario.shifts {
        let code = shift.code.trim();
        let Some(need) = scenario.needs.get(code) else {
            continue;
        };
        if need.iter().all(|&n| n == 0) {
            continue;
        }
        let (row, painter) = ui.allocate_painter(vec2(width, CELL.y), Sense::hover());
        let origin = row.rect.min;
        painter.text(
            pos2(origin.x, origin.y + CELL.y / 2.0),
            egui::Align2::LEFT_CENTER,
            format!("{} {code}", t("Dekning", "Coverage")),
            egui::FontId::proportional(12.0),
            ui.visuals().text_color(),
        );
        let mut hover = None;
        for day in 0..days {
            let planned = cells.iter().filter(|c| c.get(day) == Some(&code)).count() as i64;
            let needed = need.get(day % 7).copied().unwrap_or(0);
            let rect =
                egui::Rect::from_min_size(pos2(origin.x + x_of(day), origin.y), CELL).shrink(1.0);
            let ok = if scenario.rules.coverage_exact {
                planned == needed
            } else {
                planned >= needed
            };
            painter.rect_filled(
                rect,
                2.0,
                if ok {
                    Color32::from_rgb(215, 240, 215)
                } else {
                    Color32::from_rgb(255, 200, 200)
                },
            );
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                planned.to_string(),
                egui::FontId::monospace(11.0),
                Color32::BLACK,
            );
            if row.hover_pos().is_some_and(|p| rect.contains(p)) {
                hover = Some(format!(
                    "{code}: {} {planned}, {} {needed}",
                    t("planlagt", "planned"),
                    t("behov", "need")
                ));
            }
        }
        if let Some(text) = hover {
            row.on_hover_text(text);
        }
    }
}

/// What is being typed for a new review comment.
#[derive(Default)]
pub struct CommentDraft {
    /// The author.
    pub author: String,
    /// The comment.
    pub text: String,
}

/// Today's date as YYYY-MM-DD (UTC), without a calendar dependency.
pub fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0) as i64;
    // Howard Hinnant's civil-from-days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The review of a proposal: status (utkast / drøftet / enighet) and dated comments.
pub fn review_ui(
    ui: &mut Ui,
    review: &mut crate::model::Review,
    draft: &mut CommentDraft,
    language: Language,
) {
    let t = |nb, en| language.pick(nb, en);
    ui.add_space(8.0);
    ui.heading(t("Drøfting", "Review"));
    ui.horizontal(|ui| {
        ui.label(t("Status:", "Status:"));
        for status in crate::model::ReviewStatus::ALL {
            let label = language.pick(status.label_nb(), status.label_en());
            ui.radio_value(&mut review.status, status, label);
        }
    });
    for comment in &review.comments {
        ui.label(format!(
            "{} – {}: {}",
            comment.date, comment.author, comment.text
        ));
    }
    ui.horizontal(|ui| {
        let author = ui.label(t("Navn", "Name"));
        ui.add(egui::TextEdit::singleline(&mut draft.author).desired_width(120.0))
            .labelled_by(author.id);
        let text = ui.label(t("Kommentar", "Comment"));
        ui.add(egui::TextEdit::singleline(&mut draft.text).desired_width(360.0))
            .labelled_by(text.id);
        let can_add = !draft.text.trim().is_empty() && !draft.author.trim().is_empty();
        if ui
            .add_enabled(
                can_add,
                egui::Button::new(t("Legg til kommentar", "Add comment")),
            )
            .clicked()
        {
            review.comments.push(crate::model::ReviewComment {
                author: draft.author.trim().to_string(),
                date: today(),
                text: std::mem::take(&mut draft.text).trim().to_string(),
            });
        }
    });
}
