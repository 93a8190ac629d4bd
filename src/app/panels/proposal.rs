//! Forslag: solve in the background and review the proposed rota — lines × days coloured by
//! shift kind, weekends shaded, each line's size and person, coverage per shift, and every rule
//! violation marked in place with its rule on hover. Without a proposal it shows today's rota
//! (when the file has one), checked the same way.
//!
//! The grid scrolls both ways inside the panel; the line names and the week/day header are
//! painted at the visible edge, so they stay in view.

use crate::app::Command;
use crate::app::colours;
use crate::app::panels::calculator::{binding_bound, heads_compared};
use crate::i18n::Language;
use crate::model::{
    OFF, Proposal, Rota, RotaLine, SATURDAY, SUNDAY, Scenario, ShiftKind, SolveMode,
};
use crate::rules::{Severity, Violation, check_rota, rule_info};
use crate::solve::Target;
use crate::solve::{Progress, SolveReport, SolveStatus};
use egui::{Color32, Rect, Sense, Stroke, Ui, Vec2, pos2, vec2};
use std::collections::HashMap;

/// What the panel needs to know besides the scenario.
pub struct SolveView<'a> {
    /// Seconds and progress of a running solve.
    pub running: Option<(f64, Progress)>,
    /// The solve that made the shown proposal (its targets), when it ran in this session.
    pub report: Option<&'a SolveReport>,
    /// The last solve, when it found nothing for the inputs there are now (its diagnosis).
    pub failed: Option<&'a SolveReport>,
    /// The inputs changed after the proposal was made.
    pub out_of_date: bool,
    /// Ideal, today or rotating.
    pub mode: &'a mut SolveMode,
    /// Seconds the solver may use.
    pub time_limit: &'a mut f64,
    /// Seconds of the quality phase after it.
    pub quality_seconds: &'a mut f64,
    /// The scenario has validation problems.
    pub problems: usize,
    /// Show today's rota although there is a proposal.
    pub show_today: &'a mut bool,
    /// Show the proposal as it was before the quality phase.
    pub show_before_quality: &'a mut bool,
}

const CELL: Vec2 = Vec2::new(22.0, 18.0);
const WEEK_GAP: f32 = 6.0;
const HEADER: f32 = 2.0 * CELL.y;

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

/// The mode's name, as on its button.
pub fn mode_name(mode: SolveMode, language: Language) -> &'static str {
    match mode {
        SolveMode::Ideal => language.pick("Ideell struktur", "Ideal structure"),
        SolveMode::Today => language.pick("Fra dagens ansatte", "From today's staff"),
        SolveMode::Rotating => language.pick("Rullerende turnus", "Rotating rota"),
    }
}

/// Why a solve gave no rota, as a manager reads it.
fn status_text(status: SolveStatus, language: Language) -> &'static str {
    match status {
        SolveStatus::Infeasible => language.pick(
            "ingen turnus kan oppfylle behovet og reglene",
            "no rota can meet the needs and the rules",
        ),
        SolveStatus::Timeout => language.pick(
            "tidsgrensen gikk ut før en turnus ble funnet",
            "the time limit passed before a rota was found",
        ),
        SolveStatus::Cancelled => language.pick(
            "avbrutt før en turnus ble funnet",
            "cancelled before a rota was found",
        ),
        SolveStatus::Optimal | SolveStatus::Feasible => {
            language.pick("en turnus ble funnet", "a rota was found")
        }
    }
}

/// "man uke 4": a day of the cycle.
pub fn day_name(day: usize, language: Language) -> String {
    format!(
        "{} {} {}",
        language.weekdays()[day % 7],
        language.pick("uke", "week"),
        day / 7 + 1
    )
}

/// Shows the solve controls and the proposal, or today's rota.
pub fn ui(
    ui: &mut Ui,
    scenario: &mut Scenario,
    mut view: SolveView<'_>,
    language: Language,
    commands: &mut Vec<Command>,
    draft: &mut CommentDraft,
) {
    let t = |nb, en| language.pick(nb, en);
    ui.heading(t("Forslag", "Proposal"));
    controls(ui, scenario, &mut view, language, commands);
    if let Some(report) = view.failed {
        ui.colored_label(
            colours::ERROR,
            format!(
                "{}: {}.",
                t("Ingen turnus funnet", "No rota found"),
                status_text(report.status, language)
            ),
        );
        for line in &report.diagnosis {
            ui.label(format!("– {}", line.text(language)));
        }
        if scenario.proposal.is_some() {
            ui.label(t(
                "Forslaget under er det forrige, laget før endringene.",
                "The proposal below is the previous one, made before the changes.",
            ));
        }
    }
    let before_quality = rota_before_quality(scenario, view.report);
    if scenario.proposal.is_some() && (scenario.today.is_some() || before_quality.is_some()) {
        ui.horizontal(|ui| {
            ui.label(t("Vis:", "Show:"));
            let showing_proposal = !*view.show_today && !*view.show_before_quality;
            if ui
                .radio(showing_proposal, t("Forslaget", "The proposal"))
                .clicked()
            {
                (*view.show_today, *view.show_before_quality) = (false, false);
            }
            if before_quality.is_some()
                && ui
                    .radio(
                        *view.show_before_quality && !*view.show_today,
                        t("Før kvalitetsfasen", "Before the quality phase"),
                    )
                    .on_hover_text(t(
                        "Samme linjer, timer og helger som forslaget, slik løseren fant dem før kvalitetsfasen jevnet dem ut.",
                        "The same lines, hours and weekends as the proposal, as the solver found them before the quality phase smoothed them.",
                    ))
                    .clicked()
            {
                (*view.show_today, *view.show_before_quality) = (false, true);
            }
            if scenario.today.is_some()
                && ui
                    .radio(*view.show_today, t("Dagens turnus", "Today's rota"))
                    .clicked()
            {
                (*view.show_today, *view.show_before_quality) = (true, false);
            }
        });
    }
    if let Some(before) = before_quality.filter(|_| *view.show_before_quality && !*view.show_today)
    {
        before_quality_view(ui, scenario, &before, language);
        return;
    }
    if scenario.today.is_some() && (*view.show_today || scenario.proposal.is_none()) {
        if let Some(today) = scenario.today.clone() {
            today_view(ui, scenario, &today, language);
        }
        return;
    }
    if scenario.proposal.is_none() {
        if view.failed.is_none() && view.running.is_none() {
            ui.label(t(
                "Ingen forslag ennå. Trykk «Beregn forslag».",
                "No proposal yet. Press «Solve».",
            ));
        }
        return;
    }
    proposal_view(ui, scenario, &view, language, draft);
}

fn controls(
    ui: &mut Ui,
    scenario: &Scenario,
    view: &mut SolveView<'_>,
    language: Language,
    commands: &mut Vec<Command>,
) {
    let t = |nb, en| language.pick(nb, en);
    ui.horizontal(|ui| {
        ui.radio_value(view.mode, SolveMode::Ideal, mode_name(SolveMode::Ideal, language))
            .on_hover_text(t(
                "Ser bort fra dagens ansatte: færrest mulig hoder, flest heltidslinjer.",
                "Ignores today's staff: fewest heads, most full-time lines.",
            ));
        ui.radio_value(view.mode, SolveMode::Today, mode_name(SolveMode::Today, language))
            .on_hover_text(t(
                "Ingen får mindre stilling enn i dag; ønsker om mer oppfylles først.",
                "Nobody's position is cut; wishes for more come first.",
            ));
        ui.radio_value(
            view.mode,
            SolveMode::Rotating,
            mode_name(SolveMode::Rotating, language),
        )
        .on_hover_text(t(
            "Alle går samme rekke av uker, én uke forskjøvet: like store stillinger. Turnusperioden blir like lang som rekken; du blir spurt før den endres.",
            "Everyone follows one chain of weeks, one week apart: equal positions. The cycle becomes as long as the chain; you are asked before it changes.",
        ));
        let label = ui.label(t("Tidsgrense", "Time limit"));
        ui.add(
            egui::DragValue::new(view.time_limit)
                .range(1.0..=600.0)
                .suffix(" s"),
        )
        .labelled_by(label.id);
        let label = ui
            .label(t("Kvalitetsfase", "Quality phase"))
            .on_hover_text(t(
                "Sekunder etter tidsgrensen til færre enkeltvakter og enkeltfridager og jevnere uker; 0 hopper over den.",
                "Seconds after the time limit for fewer single shifts and days off and more even weeks; 0 skips it.",
            ));
        ui.add(
            egui::DragValue::new(view.quality_seconds)
                .range(0.0..=300.0)
                .suffix(" s"),
        )
        .labelled_by(label.id);
        match &view.running {
            Some((seconds, progress)) => {
                ui.spinner();
                ui.label(format!(
                    "{} {} s {}",
                    t("Beregner …", "Solving …"),
                    language.number(*seconds, 1),
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
        ui.label(format!(
            "{} {} {}",
            t("Turnusperiode:", "Cycle:"),
            scenario.rota.weeks,
            t("uker", "weeks")
        ));
    });
    if *view.mode == SolveMode::Rotating {
        ui.label(t(
            "Rullerende turnus bestemmer selv turnusperioden (én uke per linje i rekken). Blir den en annen enn nå, blir du spurt før den endres.",
            "A rotating rota sets its own cycle length (one week per line in the chain). If it differs from now, you are asked before it changes.",
        ));
    }
}

/// A line's label in the grid: who, size, and what to know about it.
struct LineLabel {
    /// "3 Ola".
    title: String,
    /// "81,0 %".
    position: String,
    /// A short note after the size ("heltid", "ønsker 100 %") and its colour.
    note: Option<(String, Color32)>,
    /// The explanation on hover.
    hover: Vec<String>,
    /// The line has a violation that is not at a day (shown in red).
    problem: bool,
    /// Against the person's line in today's rota: Some(worse to live with), None without one.
    worse_than_today: Option<bool>,
}

/// The labels of `lines`: number, holder, size; full time within the tolerance and every unmet
/// wish said on the line.
fn line_labels(
    scenario: &Scenario,
    lines: &[RotaLine],
    violations: &[Violation],
    report: Option<&SolveReport>,
    compare_with_today: bool,
    language: Language,
) -> Vec<LineLabel> {
    let t = |nb, en| language.pick(nb, en);
    let positions = line_positions(scenario, lines);
    let tolerance = scenario.rules.full_time_tolerance_pct;
    let full_time_from = 100.0 - tolerance;
    lines
        .iter()
        .enumerate()
        .map(|(index, line)| {
            let position = positions.get(index).copied().unwrap_or(0.0);
            let who = crate::model::holder_label(
                line.employee.as_deref(),
                line.qualification,
                t("ledig", "vacant"),
            );
            let mut note = None;
            let mut hover: Vec<String> = violations
                .iter()
                .filter(|v| v.line == Some(index) && v.days.is_empty())
                .map(|v| violation_text(v, language))
                .collect();
            let problem = !hover.is_empty();
            let full_time = position >= full_time_from - 1e-9;
            if full_time {
                note = Some((t("heltid", "full time").to_string(), colours::SUCCESS));
                if position < 99.95 {
                    hover.push(match language {
                        Language::Bokmal => format!(
                            "{} % regnes som heltid: en linje innenfor {} prosentpoeng fra 100 % er heltid («Heltid fra (toleranse)» under Enhet og regler). Hele vakter går sjelden opp i nøyaktig heltidstimene over hele turnusperioden.",
                            language.number(position, 1),
                            language.number(tolerance, 1)
                        ),
                        Language::English => format!(
                            "{} % counts as full time: a line within {} percentage points of 100 % is full time («Full-time tolerance» under Unit and rules). Whole shifts rarely add up to exactly the full-time hours over the cycle.",
                            language.number(position, 1),
                            language.number(tolerance, 1)
                        ),
                    });
                }
            }
            let employee = line
                .employee
                .as_deref()
                .and_then(|name| scenario.staff.iter().find(|e| e.name.trim() == name.trim()));
            if let Some(employee) = employee
                && let Some(wanted) = employee.wanted_pct
            {
                let met = position + 0.05 >= wanted || (wanted >= full_time_from && full_time);
                if !met {
                    note = Some((
                        format!("{} {} %", t("ønsker", "wants"), language.number(wanted, 0)),
                        colours::WARNING,
                    ));
                    let explained = report.and_then(|report| {
                        report
                            .targets
                            .iter()
                            .filter(|target| {
                                matches!(&target.target, Target::Wish { employee: name, .. } if name.trim() == employee.name.trim())
                            })
                            .find_map(|target| target.explain(&report.arithmetic(), language))
                    });
                    hover.push(explained.unwrap_or_else(|| match language {
                        Language::Bokmal => format!(
                            "{} ønsker {} % og har {} % i denne turnusen: ønsket er ikke oppfylt.",
                            employee.name,
                            language.number(wanted, 1),
                            language.number(position, 1)
                        ),
                        Language::English => format!(
                            "{} wishes {} % and has {} % in this rota: the wish is not met.",
                            employee.name,
                            language.number(wanted, 1),
                            language.number(position, 1)
                        ),
                    }));
                }
            }
            // Every line says how it is to live with, on hover.
            let cells: Vec<String> = line.cells().into_iter().map(str::to_string).collect();
            hover.push(language.line_quality(&crate::calc::line_quality(scenario, &cells)));
            // A union representative compares each person's line with the one they work today.
            let against = compare_with_today
                .then(|| crate::calc::against_today(scenario, line))
                .flatten();
            if let Some(against) = &against {
                hover.push(language.against_today(against));
            }
            LineLabel {
                title: format!("{:>2} {who}", index + 1),
                position: format!("{} %", language.number(position, 1)),
                note,
                hover,
                problem,
                worse_than_today: against.as_ref().map(crate::calc::AgainstToday::worse),
            }
        })
        .collect()
}

/// How many people's lines are as good as or better than the ones they work today, and how many
/// worse (each line says why on hover).
fn against_today_summary(ui: &mut Ui, labels: &[LineLabel], language: Language) {
    let compared: Vec<bool> = labels.iter().filter_map(|l| l.worse_than_today).collect();
    if compared.is_empty() {
        return;
    }
    let worse = compared.iter().filter(|&&w| w).count();
    let better = compared.len() - worse;
    ui.label(match language {
        Language::Bokmal => format!(
            "Mot dagens turnus: {better} av {} linjer er like gode eller bedre å leve med, {worse} verre (pek på linjen for hvorfor).",
            compared.len()
        ),
        Language::English => format!(
            "Against today's rota: {better} of {} lines are as good or better to live with, {worse} worse (point at the line for why).",
            compared.len()
        ),
    });
}

/// "Ukentlig arbeidsfri (AML § 10-8 (2)), brudd: …": the rule's name in the UI language, its
/// reference, and the checker's message.
pub fn violation_text(violation: &Violation, language: Language) -> String {
    let (name, reference) = rule_info(violation.rule)
        .map(|info| (language.pick(info.name_nb, info.name_en), info.reference))
        .unwrap_or((violation.rule, ""));
    let severity = match violation.severity {
        Severity::Breach => language.pick("brudd", "breach"),
        Severity::Agreement => language.pick("krever lokal avtale", "needs a local agreement"),
    };
    if reference.is_empty() {
        format!("{name}, {severity}: {}", violation.text(language))
    } else {
        format!(
            "{name} ({reference}), {severity}: {}",
            violation.text(language)
        )
    }
}

/// Where a violation is: "linje 1 (Kari), man uke 4 – søn uke 4".
fn violation_place(violation: &Violation, lines: &[RotaLine], language: Language) -> String {
    let t = |nb, en| language.pick(nb, en);
    let mut place = match violation.line {
        Some(line) => {
            let who = lines
                .get(line)
                .and_then(|l| l.employee.clone())
                .map(|name| format!(" ({name})"))
                .unwrap_or_default();
            format!("{} {}{who}", t("Linje", "Line"), line + 1)
        }
        None => t("Hele turnusen", "The whole rota").to_string(),
    };
    match (violation.days.first(), violation.days.last()) {
        (Some(&first), Some(&last)) if first == last => {
            place.push_str(&format!(", {}", day_name(first, language)));
        }
        (Some(&first), Some(&last)) => place.push_str(&format!(
            ", {} – {}",
            day_name(first, language),
            day_name(last, language)
        )),
        _ => {}
    }
    place
}

/// The rule check's verdict in one coloured line, and every violation listed with its place.
fn rule_check(ui: &mut Ui, lines: &[RotaLine], violations: &[Violation], language: Language) {
    let breaches = violations.iter().filter(|v| v.is_breach()).count();
    let agreements = violations.len() - breaches;
    let text = match (language, breaches, agreements) {
        (Language::Bokmal, 0, 0) => "Alle regler holder (kontrollert uavhengig).".to_string(),
        (Language::English, 0, 0) => "Every rule holds (checked independently).".to_string(),
        (Language::Bokmal, b, a) => {
            let mut text = format!("{b} regelbrudd");
            if a > 0 {
                text += &format!(
                    " og {a} {} som krever lokal avtale",
                    if a == 1 { "sted" } else { "steder" }
                );
            }
            text + ", markert i rutenettet (pek for regelen)."
        }
        (Language::English, b, a) => {
            let mut text = format!("{b} {}", if b == 1 { "breach" } else { "breaches" });
            if a > 0 {
                text += &format!(
                    " and {a} {} that need a local agreement",
                    if a == 1 { "place" } else { "places" }
                );
            }
            text + ", marked in the grid (point at one for its rule)."
        }
    };
    let colour = match (breaches, agreements) {
        (0, 0) => colours::SUCCESS,
        (0, _) => colours::WARNING,
        _ => colours::ERROR,
    };
    ui.colored_label(colour, text);
    if violations.is_empty() {
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("violations")
        .max_height(110.0)
        .show(ui, |ui| {
            for v in violations {
                let colour = if v.is_breach() {
                    colours::ERROR
                } else {
                    colours::WARNING
                };
                let (name, reference) = rule_info(v.rule)
                    .map(|info| (language.pick(info.name_nb, info.name_en), info.reference))
                    .unwrap_or((v.rule, ""));
                ui.colored_label(
                    colour,
                    format!(
                        "{}: {name} ({reference})",
                        violation_place(v, lines, language)
                    ),
                )
                .on_hover_text(v.text(language));
            }
        });
}

/// Sizes before and after: heads, average, median, full-time and small-position shares.
fn stats_line(ui: &mut Ui, scenario: &Scenario, lines: &[RotaLine], language: Language) {
    let t = |nb, en| language.pick(nb, en);
    let n = |value: f64| language.number(value, 1);
    let full_time_from = 100.0 - scenario.rules.full_time_tolerance_pct;
    let after = crate::calc::position_stats(&line_positions(scenario, lines), full_time_from);
    let before: Vec<f64> = scenario.staff.iter().map(|e| e.position_pct).collect();
    let before = crate::calc::position_stats(&before, full_time_from);
    ui.label(format!(
        "{} {} · {} {} % ({} {} %) · median {} % · {} {} % · {} {} %",
        after.heads,
        t("linjer", "lines"),
        t("snitt", "average"),
        n(after.average_pct),
        t("ansatte i dag", "staff today"),
        n(before.average_pct),
        n(after.median_pct),
        t("heltid", "full time"),
        language.number(after.full_time_share_pct, 0),
        t("under 50 %:", "under 50 %:"),
        language.number(after.under_50_share_pct, 0),
    ));
    // What a union representative looks at first: single shifts, single days off, uneven weeks.
    let cells: Vec<Vec<String>> = lines
        .iter()
        .map(|line| line.cells().into_iter().map(str::to_string).collect())
        .collect();
    let quality = crate::calc::rota_quality(scenario, &cells);
    ui.label(language.rota_quality(&quality));
    ui.label(match language {
        Language::Bokmal => format!(
            "Heltid: en linje fra {} % regnes som heltid (toleranse {} prosentpoeng, under Enhet og regler).",
            language.number(full_time_from, 1),
            language.number(scenario.rules.full_time_tolerance_pct, 1)
        ),
        Language::English => format!(
            "Full time: a line from {} % counts as full time (tolerance {} percentage points, under Unit and rules).",
            language.number(full_time_from, 1),
            language.number(scenario.rules.full_time_tolerance_pct, 1)
        ),
    });
}

fn proposal_view(
    ui: &mut Ui,
    scenario: &mut Scenario,
    view: &SolveView<'_>,
    language: Language,
    draft: &mut CommentDraft,
) {
    let t = |nb, en| language.pick(nb, en);
    let Some(proposal) = scenario.proposal.clone() else {
        return;
    };
    if view.out_of_date {
        ui.colored_label(
            colours::WARNING,
            t(
                "Forslaget er utdatert: inndata er endret etter beregningen.",
                "The proposal is out of date: inputs changed after it was made.",
            ),
        );
    }
    let rota = &proposal.rota;
    let violations = check_rota(scenario, rota);
    proposal_heading(ui, &proposal, language);
    stats_line(ui, scenario, &rota.lines, language);
    rule_check(ui, &rota.lines, &violations, language);
    let bounds = crate::calc::bounds(scenario);
    ui.label(format!(
        "{} {}",
        binding_bound(&bounds, language),
        heads_compared(
            &bounds,
            rota.lines.len(),
            proposal.mode,
            view.report.map(|r| r.proven_lower_bound_heads),
            language
        )
    ));
    if let Some(report) = view.report {
        // Targets are goals, not rules: what the proposal missed, with the arithmetic. Wishes
        // are said on their lines.
        let arithmetic = report.arithmetic();
        for target in &report.targets {
            if matches!(target.target, Target::Wish { .. }) {
                continue;
            }
            if let Some(text) = target.explain(&arithmetic, language) {
                ui.colored_label(colours::WARNING, text);
            }
        }
    }
    let labels = line_labels(
        scenario,
        &rota.lines,
        &violations,
        view.report,
        true,
        language,
    );
    let unmet_wishes = labels
        .iter()
        .filter(|l| l.note.as_ref().is_some_and(|(_, c)| *c == colours::WARNING))
        .count();
    if unmet_wishes > 0 {
        ui.colored_label(
            colours::WARNING,
            match language {
                Language::Bokmal => format!(
                    "{unmet_wishes} {} ikke oppfylt: linjene er merket «ønsker …» (pek for hvorfor).",
                    if unmet_wishes == 1 { "ønske er" } else { "ønsker er" }
                ),
                Language::English => format!(
                    "{unmet_wishes} {} not met: the lines are marked «wants …» (point for why).",
                    if unmet_wishes == 1 { "wish is" } else { "wishes are" }
                ),
            },
        );
    }
    against_today_summary(ui, &labels, language);
    // The review sits at the bottom; the grid takes the space between.
    egui::Panel::bottom("review")
        .show_separator_line(true)
        .show(ui, |ui| {
            if let Some(proposal) = &mut scenario.proposal {
                review_ui(ui, &mut proposal.review, draft, language);
            }
        });
    ui.add_space(4.0);
    let selection_id = egui::Id::unique("proposal_selected_cell");
    let mut selected: Option<(usize, usize)> = ui.data(|d| d.get_temp(selection_id)).flatten();
    if let Some(cell) = selected
        && !edit_bar(ui, scenario, cell, language)
    {
        selected = None;
    }
    if selected.is_none() {
        ui.weak(t(
            "Klikk en rute for å endre den for hånd.",
            "Click a cell to change it by hand.",
        ));
    }
    let lines = scenario
        .proposal
        .as_ref()
        .map(|p| p.rota.lines.clone())
        .unwrap_or_default();
    if let Some(cell) = grid(
        ui,
        PROPOSAL_GRID,
        scenario,
        &lines,
        &violations,
        &labels,
        language,
        selected,
    ) {
        selected = Some(cell);
    }
    ui.data_mut(|d| d.insert_temp(selection_id, selected));
}

fn proposal_heading(ui: &mut Ui, proposal: &Proposal, language: Language) {
    let t = |nb, en| language.pick(nb, en);
    let status = match proposal.status.as_str() {
        "optimal" => t("bevist best", "proven best"),
        EDITED => t("endret for hånd", "edited by hand"),
        _ => t("gyldig, ikke bevist best", "valid, not proven best"),
    };
    ui.strong(format!(
        "{} ({}, {}, {} s)",
        t("Forslag", "Proposal"),
        mode_name(proposal.mode, language).to_lowercase(),
        status,
        language.number(proposal.solve_seconds, 1)
    ));
}

/// The proposal as it was before the quality phase, when this session's solve made it and it
/// has not been edited since.
fn rota_before_quality(scenario: &Scenario, report: Option<&SolveReport>) -> Option<Rota> {
    let proposal = scenario.proposal.as_ref()?;
    let before = &report?.quality_phase.as_ref()?.cells_before;
    if proposal.status == EDITED || before.len() != proposal.rota.lines.len() {
        return None;
    }
    let mut rota = proposal.rota.clone();
    for (line, cells) in rota.lines.iter_mut().zip(before) {
        let mut unchanged = RotaLine::from_cells(line.employee.clone(), cells);
        unchanged.qualification = line.qualification;
        *line = unchanged;
    }
    Some(rota)
}

fn before_quality_view(ui: &mut Ui, scenario: &Scenario, before: &Rota, language: Language) {
    ui.strong(language.pick(
        "Forslaget før kvalitetsfasen (samme linjer, timer og helger), kontrollert mot alle regler",
        "The proposal before the quality phase (the same lines, hours and weekends), checked against every rule",
    ));
    read_only_rota(ui, "before_quality_grid", scenario, before, language);
}

/// A rota that is shown, not edited: its numbers, its rule check and its grid.
fn read_only_rota(ui: &mut Ui, id: &str, scenario: &Scenario, rota: &Rota, language: Language) {
    let violations = check_rota(scenario, rota);
    stats_line(ui, scenario, &rota.lines, language);
    rule_check(ui, &rota.lines, &violations, language);
    let labels = line_labels(scenario, &rota.lines, &violations, None, false, language);
    ui.add_space(4.0);
    grid(
        ui,
        id,
        scenario,
        &rota.lines,
        &violations,
        &labels,
        language,
        None,
    );
}

fn today_view(ui: &mut Ui, scenario: &Scenario, today: &Rota, language: Language) {
    let t = |nb, en| language.pick(nb, en);
    ui.strong(t(
        "Dagens turnus (fra filen), kontrollert mot alle regler",
        "Today's rota (from the file), checked against every rule",
    ));
    if scenario.proposal.is_none() {
        ui.label(t(
            "Trykk «Beregn forslag» for et forslag å sammenligne med.",
            "Press «Solve» for a proposal to compare with.",
        ));
    }
    read_only_rota(ui, "today_grid", scenario, today, language);
}

/// Position % of each line (the same computation the exports use).
pub use crate::export::line_positions;

/// The rota grid: one row per line, one cell per day, then the coverage rows. Names and the
/// week/day header stay at the visible edge while the rest scrolls under them. In the proposal
/// every cell can be clicked (returned) to change it; `selected` is outlined.
#[allow(clippy::too_many_arguments)]
fn grid(
    ui: &mut Ui,
    id: &str,
    scenario: &Scenario,
    lines: &[RotaLine],
    violations: &[Violation],
    labels: &[LineLabel],
    language: Language,
    selected: Option<(usize, usize)>,
) -> Option<(usize, usize)> {
    let editable = id == PROPOSAL_GRID;
    let mut clicked = None;
    let t = |nb, en| language.pick(nb, en);
    let weeks = scenario.rota.weeks as usize;
    let days = weeks * 7;
    let weekdays = language.weekdays();
    let kinds: HashMap<&str, ShiftKind> = scenario
        .shifts
        .iter()
        .map(|s| (s.code.trim(), s.kind))
        .collect();
    let mut at: HashMap<(usize, usize), Vec<&Violation>> = HashMap::new();
    for v in violations {
        let Some(line) = v.line else { continue };
        for &day in &v.days {
            at.entry((line, day)).or_default().push(v);
        }
    }
    let coverage: Vec<(&str, &Vec<i64>)> = scenario
        .shifts
        .iter()
        .filter_map(|shift| {
            let code = shift.code.trim();
            let need = scenario.needs.get(code)?;
            need.iter().any(|&n| n != 0).then_some((code, need))
        })
        .collect();
    let cells: Vec<Vec<&str>> = lines.iter().map(|l| l.cells()).collect();
    let coverage_titles: Vec<String> = coverage
        .iter()
        .map(|(code, _)| format!("{} {code}", t("Dekning", "Coverage")))
        .collect();

    // The label column is as wide as its widest text: nothing is cut off.
    let label_font = egui::FontId::proportional(12.0);
    let text_colour = ui.visuals().text_color();
    let width_of = |text: &str| {
        ui.painter()
            .layout_no_wrap(text.to_string(), label_font.clone(), text_colour)
            .size()
            .x
    };
    let max_of = |texts: &mut dyn Iterator<Item = f32>| texts.fold(0.0f32, f32::max);
    let title_width = max_of(
        &mut labels
            .iter()
            .map(|l| width_of(&l.title))
            .chain(coverage_titles.iter().map(|c| width_of(c))),
    );
    let position_width = max_of(&mut labels.iter().map(|l| width_of(&l.position)));
    let note_width = max_of(
        &mut labels
            .iter()
            .filter_map(|l| l.note.as_ref())
            .map(|(n, _)| width_of(n)),
    );
    let position_x = title_width + 10.0;
    let note_x = position_x + position_width + 8.0;
    let label_width = note_x + note_width + 10.0;
    let x_of = |day: usize| label_width + day as f32 * CELL.x + (day / 7) as f32 * WEEK_GAP;
    let width = x_of(days) + 4.0;
    let body_height = lines.len() as f32 * CELL.y;
    let coverage_top = HEADER + body_height + 6.0;
    let height = coverage_top + coverage.len() as f32 * CELL.y + 4.0;

    egui::ScrollArea::both()
        .id_salt(id)
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, _viewport| {
            let (rect, response) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
            let origin = rect.min;
            let clip = ui.clip_rect();
            let left = clip.min.x.max(origin.x);
            let top = clip.min.y.max(origin.y);
            let body_clip = Rect::from_min_max(pos2(left + label_width, top + HEADER), clip.max)
                .intersect(clip);
            let label_clip = Rect::from_min_max(
                pos2(left, top + HEADER),
                pos2(left + label_width, clip.max.y),
            )
            .intersect(clip);
            let header_clip = Rect::from_min_max(
                pos2(left + label_width, top),
                pos2(clip.max.x, top + HEADER),
            )
            .intersect(clip);
            let background = ui.visuals().panel_fill;
            let body = ui.painter().with_clip_rect(body_clip);
            let cell_rect = |day: usize, y: f32| {
                Rect::from_min_size(pos2(origin.x + x_of(day), y), CELL).shrink(1.0)
            };

            // The lines' cells, with violations outlined and named on hover.
            for (index, line_cells) in cells.iter().enumerate() {
                let y = origin.y + HEADER + index as f32 * CELL.y;
                if y > body_clip.max.y || y + CELL.y < body_clip.min.y {
                    continue;
                }
                for day in 0..days {
                    let rect = cell_rect(day, y);
                    if !rect.intersects(body_clip) {
                        continue;
                    }
                    let code = line_cells.get(day).copied().unwrap_or(OFF);
                    let kind = kinds.get(code).copied();
                    let weekend = matches!(day % 7, SATURDAY | SUNDAY);
                    let fill = if kind.is_some() {
                        kind_colour(kind)
                    } else if weekend {
                        Color32::from_gray(225)
                    } else {
                        Color32::from_gray(245)
                    };
                    body.rect_filled(rect, 2.0, fill);
                    if code != OFF {
                        body.text(
                            rect.center(),
                            egui::Align2::CENTER_CENTER,
                            code,
                            egui::FontId::monospace(11.0),
                            Color32::BLACK,
                        );
                    }
                    let locked = lines.get(index).is_some_and(|l| l.is_locked(day));
                    if locked {
                        // A dark corner: this day is kept by the next solve.
                        let corner = rect.right_top();
                        body.add(egui::Shape::convex_polygon(
                            vec![corner, corner + vec2(-7.0, 0.0), corner + vec2(0.0, 7.0)],
                            Color32::from_gray(40),
                            Stroke::NONE,
                        ));
                    }
                    if selected == Some((index, day)) {
                        body.rect_stroke(
                            rect.expand(1.0),
                            2.0,
                            Stroke::new(2.0, Color32::from_rgb(30, 90, 200)),
                            egui::StrokeKind::Outside,
                        );
                    }
                    let problems = at.get(&(index, day));
                    if editable && problems.is_none() {
                        // Every cell of a proposal can be clicked to change it by hand.
                        let visible = rect.intersect(body_clip);
                        let mut name = cell_name(lines, index, day, code, language);
                        if locked {
                            name += t(", låst", ", locked");
                        }
                        let cell = ui.interact(
                            visible,
                            ui.scope_id().with((id, "cell", index, day)),
                            Sense::click(),
                        );
                        cell.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::Cell, true, &name)
                        });
                        if cell.clicked() {
                            clicked = Some((index, day));
                        }
                    }
                    let Some(problems) = problems else {
                        continue;
                    };
                    let breach = problems.iter().any(|v| v.is_breach());
                    let colour = if breach {
                        Color32::RED
                    } else {
                        Color32::from_rgb(230, 140, 0)
                    };
                    body.rect_stroke(
                        rect,
                        2.0,
                        Stroke::new(2.0, colour),
                        egui::StrokeKind::Inside,
                    );
                    let visible = rect.intersect(body_clip);
                    let who = lines
                        .get(index)
                        .and_then(|l| l.employee.clone())
                        .map(|name| format!(" ({name})"))
                        .unwrap_or_default();
                    let name = format!(
                        "{}, {} {}{who}, {}",
                        if breach {
                            t("Regelbrudd", "Breach")
                        } else {
                            t("Krever lokal avtale", "Needs a local agreement")
                        },
                        t("linje", "line"),
                        index + 1,
                        day_name(day, language)
                    );
                    let cell = ui.interact(
                        visible,
                        ui.scope_id().with((id, "cell", index, day)),
                        if editable {
                            Sense::click()
                        } else {
                            Sense::hover()
                        },
                    );
                    cell.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Cell, true, &name));
                    if cell.clicked() {
                        clicked = Some((index, day));
                    }
                    cell.on_hover_text(
                        problems
                            .iter()
                            .map(|v| violation_text(v, language))
                            .collect::<Vec<_>>()
                            .join("\n"),
                    );
                }
            }

            // Coverage per shift and day under the lines.
            let mut coverage_hover = None;
            for (row, (code, need)) in coverage.iter().enumerate() {
                let y = origin.y + coverage_top + row as f32 * CELL.y;
                for day in 0..days {
                    let rect = cell_rect(day, y);
                    if !rect.intersects(body_clip) {
                        continue;
                    }
                    let planned = cells.iter().filter(|c| c.get(day) == Some(code)).count() as i64;
                    let needed = need.get(day % 7).copied().unwrap_or(0);
                    let ok = if scenario.rules.coverage_exact {
                        planned == needed
                    } else {
                        planned >= needed
                    };
                    body.rect_filled(
                        rect,
                        2.0,
                        if ok {
                            Color32::from_rgb(215, 240, 215)
                        } else {
                            Color32::from_rgb(255, 200, 200)
                        },
                    );
                    body.text(
                        rect.center(),
                        egui::Align2::CENTER_CENTER,
                        planned.to_string(),
                        egui::FontId::monospace(11.0),
                        Color32::BLACK,
                    );
                    if response
                        .hover_pos()
                        .is_some_and(|p| rect.contains(p) && body_clip.contains(p))
                    {
                        coverage_hover = Some(format!(
                            "{code}, {}: {} {planned}, {} {needed}",
                            day_name(day, language),
                            t("planlagt", "planned"),
                            t("behov", "need")
                        ));
                    }
                }
            }

            // The header: week numbers and weekday letters, always at the top.
            let header = ui.painter().with_clip_rect(header_clip);
            header.rect_filled(header_clip, 0.0, background);
            for day in 0..days {
                let x = origin.x + x_of(day);
                if day % 7 == 0 {
                    header.text(
                        pos2(x, top),
                        egui::Align2::LEFT_TOP,
                        format!("{} {}", t("uke", "week"), day / 7 + 1),
                        egui::FontId::proportional(11.0),
                        text_colour,
                    );
                }
                let letter: String = weekdays[day % 7].chars().take(1).collect();
                header.text(
                    pos2(x + CELL.x / 2.0, top + CELL.y),
                    egui::Align2::CENTER_TOP,
                    letter.to_uppercase(),
                    egui::FontId::proportional(11.0),
                    text_colour,
                );
            }

            // The names, always at the left.
            let names = ui.painter().with_clip_rect(label_clip);
            names.rect_filled(label_clip, 0.0, background);
            let corner =
                Rect::from_min_size(pos2(left, top), vec2(label_width, HEADER)).intersect(clip);
            ui.painter()
                .with_clip_rect(corner)
                .rect_filled(corner, 0.0, background);
            for (index, label) in labels.iter().enumerate() {
                let y = origin.y + HEADER + index as f32 * CELL.y;
                let centre = y + CELL.y / 2.0;
                let colour = if label.problem {
                    colours::ERROR
                } else {
                    text_colour
                };
                names.text(
                    pos2(left + 2.0, centre),
                    egui::Align2::LEFT_CENTER,
                    &label.title,
                    label_font.clone(),
                    colour,
                );
                names.text(
                    pos2(left + position_x + position_width, centre),
                    egui::Align2::RIGHT_CENTER,
                    &label.position,
                    label_font.clone(),
                    colour,
                );
                if let Some((note, note_colour)) = &label.note {
                    names.text(
                        pos2(left + note_x, centre),
                        egui::Align2::LEFT_CENTER,
                        note,
                        label_font.clone(),
                        *note_colour,
                    );
                }
                if !label.hover.is_empty() {
                    let rect = Rect::from_min_size(pos2(left, y), vec2(label_width, CELL.y))
                        .intersect(label_clip);
                    if rect.is_positive() {
                        let text = format!(
                            "{} {} {}",
                            label.title.trim(),
                            label.position,
                            label.note.as_ref().map(|(n, _)| n.as_str()).unwrap_or("")
                        );
                        let node = ui.interact(
                            rect,
                            ui.scope_id().with((id, "line", index)),
                            Sense::hover(),
                        );
                        node.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::Label, true, text.trim())
                        });
                        node.on_hover_text(label.hover.join("\n"));
                    }
                }
            }
            for (row, title) in coverage_titles.iter().enumerate() {
                let y = origin.y + coverage_top + row as f32 * CELL.y;
                names.text(
                    pos2(left + 2.0, y + CELL.y / 2.0),
                    egui::Align2::LEFT_CENTER,
                    title,
                    label_font.clone(),
                    text_colour,
                );
            }
            if let Some(text) = coverage_hover {
                response.on_hover_text(text);
            }
        });
    clicked
}

/// The grid id of the proposal (its cells can be edited by hand).
const PROPOSAL_GRID: &str = "proposal_grid";

/// A cell's accessible name: its shift (or day off), line, holder and day.
fn cell_name(
    lines: &[RotaLine],
    index: usize,
    day: usize,
    code: &str,
    language: Language,
) -> String {
    let who = lines
        .get(index)
        .and_then(|l| l.employee.clone())
        .map(|name| format!(" ({name})"))
        .unwrap_or_default();
    let shift = if code == OFF {
        language.pick("Fri", "Off").to_string()
    } else {
        code.to_string()
    };
    format!(
        "{shift}, {} {}{who}, {}",
        language.pick("linje", "line"),
        index + 1,
        day_name(day, language)
    )
}

/// Sets one cell of a proposal by hand: the proposal is then marked as edited (no longer what the
/// solver proved), and the rule check, coverage and quality follow from the new rota.
pub fn set_cell(proposal: &mut Proposal, line: usize, day: usize, code: &str) {
    let Some(row) = proposal.rota.lines.get_mut(line) else {
        return;
    };
    let mut cells: Vec<String> = row.cells().into_iter().map(str::to_string).collect();
    if day >= cells.len() || cells[day] == code {
        return;
    }
    cells[day] = code.to_string();
    let mut edited = RotaLine::from_cells(row.employee.clone(), &cells);
    edited.qualification = row.qualification;
    *row = edited;
    proposal.status = EDITED.to_string();
}

/// The status of a proposal changed by hand.
pub const EDITED: &str = "edited";

/// The bar above the grid for the selected cell: one button per shift, one for a day off.
fn edit_bar(
    ui: &mut Ui,
    scenario: &mut Scenario,
    selected: (usize, usize),
    language: Language,
) -> bool {
    let t = |nb, en| language.pick(nb, en);
    let (line, day) = selected;
    let Some(proposal) = &scenario.proposal else {
        return false;
    };
    let Some(row) = proposal.rota.lines.get(line) else {
        return false;
    };
    let who = row
        .employee
        .clone()
        .map(|name| format!(" ({name})"))
        .unwrap_or_default();
    let mut chosen = None;
    let mut lock = None;
    let mut close = false;
    ui.horizontal_wrapped(|ui| {
        ui.label(format!(
            "{} {}{who}, {}:",
            t("Endre linje", "Change line"),
            line + 1,
            day_name(day, language)
        ));
        for shift in &scenario.shifts {
            let code = shift.code.trim();
            if ui
                .button(format!("{code} – {}", shift.name.trim()))
                .clicked()
            {
                chosen = Some(code.to_string());
            }
        }
        if ui.button(t("Fri (–)", "Off (–)")).clicked() {
            chosen = Some(OFF.to_string());
        }
        // Locks: a new solve from today's staff keeps these days as they are.
        let day_locked = row.locked_days.contains(&(day as u32 + 1));
        let day_lock_label = if day_locked {
            t("Lås opp dagen", "Unlock the day")
        } else {
            t("Lås dagen", "Lock the day")
        };
        if !row.locked && ui.button(day_lock_label).clicked() {
            lock = Some(LockChange::Day);
        }
        let line_lock_label = if row.locked {
            t("Lås opp linjen", "Unlock the line")
        } else {
            t("Lås linjen", "Lock the line")
        };
        if ui.button(line_lock_label).clicked() {
            lock = Some(LockChange::Line);
        }
        if ui.button(t("Ferdig", "Done")).clicked() {
            close = true;
        }
        ui.weak(t(
            "Regelsjekk, dekning og linjekvalitet følger endringen; Ctrl+Z angrer.",
            "The rule check, coverage and line quality follow the change; Ctrl+Z undoes it.",
        ));
    });
    if let (Some(code), Some(proposal)) = (chosen, scenario.proposal.as_mut()) {
        set_cell(proposal, line, day, &code);
    }
    if let (Some(change), Some(row)) = (
        lock,
        scenario
            .proposal
            .as_mut()
            .and_then(|p| p.rota.lines.get_mut(line)),
    ) {
        toggle_lock(row, day, change);
    }
    !close
}

/// What a lock button changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockChange {
    /// The selected day.
    Day,
    /// The whole line.
    Line,
}

/// Locks or unlocks a day or a whole line (a new solve from today's staff keeps locked days).
pub fn toggle_lock(row: &mut RotaLine, day: usize, change: LockChange) {
    match change {
        LockChange::Line => {
            row.locked = !row.locked;
            row.locked_days.clear();
        }
        LockChange::Day => {
            let number = day as u32 + 1;
            if let Some(at) = row.locked_days.iter().position(|&d| d == number) {
                row.locked_days.remove(at);
            } else {
                row.locked_days.push(number);
                row.locked_days.sort_unstable();
            }
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
