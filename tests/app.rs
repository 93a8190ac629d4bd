//! The app driven as a user would, by labels (egui_kittest; no display needed): open an example,
//! change the weekend frequency, solve, save under a new name, reopen and find the same proposal.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use heltid::app::files::{FileDialogs, FileKind, Picked};
use heltid::app::panels::Panel;
use heltid::app::{HeltidApp, Settings};
use std::path::{Path, PathBuf};

/// File dialogs that answer from a script.
struct Scripted {
    save_to: Option<PathBuf>,
}

impl FileDialogs for Scripted {
    fn pick_open(&mut self) -> Picked {
        Picked::Cancelled
    }
    fn pick_save(&mut self, _suggested_name: &str, _kind: FileKind) -> Picked {
        match &self.save_to {
            Some(path) => Picked::Path(path.clone()),
            None => Picked::Cancelled,
        }
    }
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("heltid-app-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

fn harness(app: HeltidApp) -> Harness<'static, HeltidApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut HeltidApp| app.show(ui), app);
    harness.run();
    harness
}

fn app_with(save_to: Option<PathBuf>, path: Option<PathBuf>) -> HeltidApp {
    HeltidApp::new(Settings::default(), Box::new(Scripted { save_to }), path)
}

/// The app on an example with these settings, and no file dialog.
fn example_with(settings: Settings, name: &str) -> HeltidApp {
    HeltidApp::new(
        settings,
        Box::new(Scripted { save_to: None }),
        Some(example(name)),
    )
}

/// Tooltips at once, as if the pointer had rested.
fn no_tooltip_delay(harness: &mut Harness<'_, HeltidApp>) {
    harness
        .ctx
        .all_styles_mut(|style| style.interaction.tooltip_delay = 0.0);
    harness.run();
}

fn click(harness: &mut Harness<'_, HeltidApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

fn solve_and_wait(harness: &mut Harness<'_, HeltidApp>) {
    // The spinner repaints while solving: step instead of waiting for the ui to settle.
    harness.get_by_label("Beregn forslag").click();
    harness.step();
    for _ in 0..600 {
        if !harness.state().is_solving() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        harness.step();
    }
    assert!(!harness.state().is_solving(), "the solve did not finish");
    harness.run();
}

#[test]
fn open_example_change_weekends_solve_save_and_reopen() {
    let dir = temp_dir("flow");
    let saved = dir.join("solsiden_hver_2_helg.ron");
    let mut harness = harness(app_with(Some(saved.clone()), None));

    // Open the example from the File menu.
    click(&mut harness, "Fil");
    harness.get_by_label("Åpne eksempel").hover();
    harness.run();
    click(&mut harness, "Solsiden sykehjem (D/A/N, hver 3. helg)");
    assert_eq!(harness.state().scenario().rota.weekend_frequency, 3);

    // Every 2nd weekend instead of every 3rd.
    click(&mut harness, "Enhet og regler");
    harness
        .get_by_label("Helgefrekvens (hver n. helg)")
        .set_value_accesskit(2.0);
    harness.run();
    assert_eq!(harness.state().scenario().rota.weekend_frequency, 2);
    assert!(harness.state().is_dirty());

    // The calculator follows at once.
    click(&mut harness, "Kalkulator");
    harness.get_by_label("20 (10 per helg × hver 2. helg)");
    assert_eq!(
        harness.get_all_by_label("84,2 %").count(),
        2,
        "highest average and the what-if row"
    );

    // Solve.
    click(&mut harness, "Forslag");
    solve_and_wait(&mut harness);
    harness.get_by_label("Alle regler holder (kontrollert uavhengig).");
    let proposal = harness
        .state()
        .scenario()
        .proposal
        .clone()
        .expect("a proposal");
    assert_eq!(proposal.rota.lines.len(), 20);
    let scenario = harness.state().scenario().clone();
    let positions = heltid::app::panels::proposal::line_positions(&scenario, &proposal.rota.lines);
    let after = positions.iter().sum::<f64>() / positions.len() as f64;
    let before =
        scenario.staff.iter().map(|e| e.position_pct).sum::<f64>() / scenario.staff.len() as f64;
    assert!(after > before + 30.0, "average {after} vs today {before}");
    // Coverage is met on every day: no red coverage cell means planned == need; check the data.
    for (code, need) in &scenario.needs {
        for day in 0..42 {
            let planned = proposal
                .rota
                .lines
                .iter()
                .filter(|l| l.cells()[day] == code.as_str())
                .count() as i64;
            assert_eq!(planned, need[day % 7], "{code} day {day}");
        }
    }

    // Save under a new name.
    click(&mut harness, "Fil");
    click(&mut harness, "Lagre som …");
    assert!(saved.exists());
    assert!(!harness.state().is_dirty());
    assert!(
        harness
            .state()
            .window_title()
            .starts_with("solsiden_hver_2_helg.ron")
    );
    drop(harness);

    // Reopen: the same proposal.
    let mut reopened = self::harness(app_with(None, Some(saved.clone())));
    assert_eq!(
        reopened.state().scenario().proposal.as_ref(),
        Some(&proposal)
    );
    click(&mut reopened, "Forslag");
    reopened.get_by_label("Alle regler holder (kontrollert uavhengig).");
    assert!(reopened.query_by_label_contains("utdatert").is_none());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_edit_after_solving_marks_the_proposal_out_of_date_and_undo_restores_it() {
    let mut harness = harness(app_with(None, Some(example("solsiden_langvakt.ron"))));
    click(&mut harness, "Forslag");
    solve_and_wait(&mut harness);
    assert!(harness.query_by_label_contains("utdatert").is_none());
    click(&mut harness, "Bemanningsbehov");
    harness.get_by_label("D man").set_value_accesskit(6.0);
    harness.run();
    click(&mut harness, "Forslag");
    harness.get_by_label_contains("Forslaget er utdatert");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(harness.state().scenario().needs["D"][0], 5);
    assert!(harness.query_by_label_contains("utdatert").is_none());
}

#[test]
fn editing_a_need_updates_the_calculator() {
    let mut harness = harness(app_with(None, Some(example("solsiden.ron"))));
    harness.get_by_label("597,5 t");
    click(&mut harness, "Bemanningsbehov");
    harness.get_by_label("N søn").set_value_accesskit(3.0);
    harness.run();
    click(&mut harness, "Kalkulator");
    // One more 10 h night shift per week, and 11 people on Sunday: 33 heads at every 3rd weekend.
    harness.get_by_label("607,5 t");
    harness.get_by_label("33 (11 per helg × hver 3. helg)");
}

#[test]
fn unsaved_changes_are_guarded() {
    let mut harness = harness(app_with(None, Some(example("solsiden.ron"))));
    click(&mut harness, "Enhet og regler");
    harness
        .get_by_label("Helgefrekvens (hver n. helg)")
        .set_value_accesskit(2.0);
    harness.run();
    assert!(harness.state().window_title().starts_with("* "));
    click(&mut harness, "Fil");
    click(&mut harness, "Ny");
    harness.get_by_label("Ulagrede endringer");
    click(&mut harness, "Avbryt");
    assert_eq!(
        harness.state().scenario().rota.weekend_frequency,
        2,
        "the work is kept"
    );
    click(&mut harness, "Fil");
    click(&mut harness, "Ny");
    click(&mut harness, "Forkast endringer");
    assert!(harness.state().scenario().shifts.is_empty());
    assert!(!harness.state().is_dirty());
}

#[test]
fn a_broken_file_shows_its_problems_and_keeps_the_work() {
    let dir = temp_dir("broken");
    let broken = dir.join("broken.ron");
    std::fs::write(
        &broken,
        r#"(shifts: [(code: "N", start: "21:45", end: "25:00", kind: Night)], needs: {"N": [1,1,1,1,1,1,-1]})"#,
    )
    .unwrap();
    let mut harness = harness(app_with(None, Some(example("solsiden.ron"))));
    click(&mut harness, "Enhet og regler");
    harness
        .get_by_label("Helgefrekvens (hver n. helg)")
        .set_value_accesskit(2.0);
    harness.run();
    harness.state_mut().open_file(&broken);
    harness.run();
    // In bokmål, with the app's own labels beside the file's field names.
    harness.get_by_label(
        r#"shifts[0].end («Slutt» under Vakttyper): "25:00" er ikke et klokkeslett (TT:MM)"#,
    );
    harness.get_by_label("needs.N[6] («Behov» under Bemanningsbehov): -1 er negativt");
    assert_eq!(
        harness.state().scenario().rota.weekend_frequency,
        2,
        "the edited scenario stays"
    );
    assert!(harness.state().is_dirty());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_file_that_cannot_be_read_is_explained_in_the_apps_language() {
    let dir = temp_dir("unreadable");
    let broken = dir.join("komma.ron");
    // A Norwegian decimal comma, and a text value where a number belongs.
    std::fs::write(
        &broken,
        "(\n  staff: [(name: \"Kari\", position_pct: 35,5)],\n)",
    )
    .unwrap();
    let typed = dir.join("tekst.ron");
    std::fs::write(&typed, "(\n  rota: (weeks: \"6\"),\n)").unwrap();
    let mut harness = harness(app_with(None, Some(example("solsiden.ron"))));
    harness.state_mut().open_file(&broken);
    harness.run();
    harness.get_by_label(&format!("Kunne ikke åpne {}:", broken.display()));
    harness.get_by_label(
        "staff[0].position_pct («Stilling %» under Ansatte, linje 2, kolonne 43): 35,5 leses som \
         to verdier; skriv desimaltall med punktum i filen: 35.5",
    );
    harness.state_mut().open_file(&typed);
    harness.run();
    harness.get_by_label(
        "rota.weeks («Turnusperiode (uker)» under Enhet og regler, linje 2, kolonne 16): ventet \
         et helt tall, for eksempel 6, men fant \"6\"",
    );
    assert_eq!(
        harness.state().scenario().unit.name,
        "Solsiden sykehjem, avdeling 2",
        "the open scenario stays"
    );

    // The same file in English.
    click(&mut harness, "Språk");
    click(&mut harness, "English");
    harness.state_mut().open_file(&typed);
    harness.run();
    harness.get_by_label(
        "rota.weeks (line 2, column 16): expected a whole number such as 6, found \"6\"",
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_language_switches_to_english() {
    let mut harness = harness(app_with(None, Some(example("solsiden.ron"))));
    click(&mut harness, "Språk");
    click(&mut harness, "English");
    harness.get_by_label("Highest possible average position");
    harness.get_by_label("Unit and rules");
    assert_eq!(
        harness.state().settings.language,
        heltid::i18n::Language::English
    );
}

#[test]
fn distribution_shows_before_and_after_and_compare_shows_differences() {
    let dir = temp_dir("compare");
    let other_path = dir.join("annen.ron");
    // The other side: Solsiden at every 2nd weekend, solved and saved.
    let mut other = heltid::io::load_scenario(&example("solsiden.ron")).expect("example");
    other.rota.weekend_frequency = 2;
    let report = heltid::solve::solve(
        &other,
        &heltid::solve::SolveOptions::default(),
        &heltid::solve::SolveControl::default(),
    );
    other.proposal = Some(heltid::model::Proposal {
        rota: report.rota(),
        ..Default::default()
    });
    heltid::io::save_scenario(&other, &other_path).expect("saved");

    struct OpenOther(PathBuf);
    impl FileDialogs for OpenOther {
        fn pick_open(&mut self) -> Picked {
            Picked::Path(self.0.clone())
        }
        fn pick_save(&mut self, _: &str, _: FileKind) -> Picked {
            Picked::Cancelled
        }
    }
    let app = HeltidApp::new(
        Settings::default(),
        Box::new(OpenOther(other_path)),
        Some(example("solsiden.ron")),
    );
    let mut harness = harness(app);
    click(&mut harness, "Forslag");
    solve_and_wait(&mut harness);
    click(&mut harness, "Fordeling");
    harness.get_by_label("Fordeling av stillingsstørrelser");
    // Today 34 heads, the proposal 30: both columns of the summary table.
    harness.get_by_label("34");
    harness.get_by_label("30");
    harness.get_by_label("Bemanning gjennom døgnet mot behov");
    click(&mut harness, "Sammenlign");
    click(&mut harness, "Velg fil å sammenligne med …");
    // 30 heads here, 20 at every 2nd weekend: the difference is shown.
    harness.get_by_label("Forskjell");
    assert!(
        harness.query_all_by_label("-10").count() >= 2,
        "heads and weekend bound differ by 10"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn review_status_and_comments_are_saved_in_the_file() {
    let dir = temp_dir("review");
    let saved = dir.join("drøftet.ron");
    let mut harness = harness(app_with(
        Some(saved.clone()),
        Some(example("solsiden_langvakt.ron")),
    ));
    click(&mut harness, "Forslag");
    solve_and_wait(&mut harness);
    click(&mut harness, "drøftet");
    for (field, text) in [
        ("Navn", "Tone (tillitsvalgt)"),
        ("Kommentar", "Godtar langvakter annenhver helg"),
    ] {
        harness.get_by_label(field).focus();
        harness.run();
        harness.get_by_label(field).type_text(text);
        harness.run();
    }
    click(&mut harness, "Legg til kommentar");
    click(&mut harness, "Fil");
    click(&mut harness, "Lagre som …");
    let loaded = heltid::io::load_scenario(&saved).expect("saved file loads");
    let review = &loaded.proposal.expect("proposal").review;
    assert_eq!(review.status, heltid::model::ReviewStatus::Droftet);
    assert_eq!(review.comments.len(), 1);
    assert_eq!(review.comments[0].author, "Tone (tillitsvalgt)");
    assert_eq!(review.comments[0].date.len(), 10);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn rotating_rota_sets_the_cycle_to_one_week_per_line() {
    let mut harness = harness(app_with(None, Some(example("fjellro.ron"))));
    assert_eq!(harness.state().scenario().rota.weeks, 12);
    click(&mut harness, "Forslag");
    click(&mut harness, "Rullerende turnus");
    solve_and_wait(&mut harness);
    // The new cycle length is asked about first; nothing changes before the answer.
    assert!(harness.state().asks_about_cycle());
    assert_eq!(harness.state().scenario().rota.weeks, 12);
    click(&mut harness, "Bruk forslaget, 42 uker");
    harness.get_by_label("Alle regler holder (kontrollert uavhengig).");
    let scenario = harness.state().scenario().clone();
    let proposal = scenario.proposal.clone().expect("a proposal");
    assert_eq!(proposal.mode, heltid::model::SolveMode::Rotating);
    // 42 lines (the weekend bound, 3 × 14) and a 42-week cycle, every line the same size.
    assert_eq!(proposal.rota.lines.len(), 42);
    assert_eq!(scenario.rota.weeks, 42);
    let positions = heltid::app::panels::proposal::line_positions(&scenario, &proposal.rota.lines);
    assert!(positions.iter().all(|p| (p - positions[0]).abs() < 1e-9));
    // Setting the cycle is part of the proposal, not an edit that makes it out of date.
    assert!(
        harness
            .query_by_label("Forslaget er utdatert: inndata er endret etter beregningen.")
            .is_none()
    );
    // One undo takes back the proposal and the cycle length together.
    click(&mut harness, "Rediger");
    click(&mut harness, "Angre (Ctrl+Z)");
    assert_eq!(harness.state().scenario().rota.weeks, 12);
    assert!(harness.state().scenario().proposal.is_none());
}

#[test]
fn todays_rota_shows_its_four_breaches_in_forslag() {
    let mut harness = harness(app_with(None, Some(example("solsiden_dagens_turnus.ron"))));
    assert!(harness.state().scenario().proposal.is_none());
    click(&mut harness, "Forslag");
    harness.get_by_label_contains("Dagens turnus (fra filen)");
    harness.get_by_label(
        "3 regelbrudd og 1 sted som krever lokal avtale, markert i rutenettet (pek for regelen).",
    );
    // Today's lines measured like a proposal's, so the two can be compared line for line.
    let scenario = harness.state().scenario().clone();
    let today = scenario.today.as_ref().expect("today's rota");
    let cells: Vec<Vec<String>> = today
        .lines
        .iter()
        .map(|l| l.cells().into_iter().map(str::to_string).collect())
        .collect();
    let quality = heltid::calc::rota_quality(&scenario, &cells);
    let singles = heltid::i18n::Language::Bokmal.number(quality.singles_per_line_per_6_weeks(), 1);
    harness.get_by_label_contains(&format!(
        "Linjekvalitet: {singles} enkeltvakter og enkeltfridager"
    ));
    // The four places `heltid verify` finds, each with its place and the rule's Norwegian name.
    for place in [
        "Linje 7 (Nora), ons uke 2 – tor uke 2: Daglig hviletid (AML § 10-8 (1))",
        "Linje 1 (Kari), man uke 4 – søn uke 4: Ukentlig arbeidsfri (AML § 10-8 (2))",
        "Linje 12 (Mona), lør uke 1 – søn uke 3: Helgefrekvens",
        "Linje 1 (Kari), man uke 4 – søn uke 4: Arbeidsdager på rad",
    ] {
        harness.get_by_label_contains(place);
    }
    // In the grid: Kari's week 4 (both breaches on the same seven days), Mona's two weekends,
    // and Nora's quick return, which needs a local agreement.
    assert_eq!(
        harness
            .query_all_by_label_contains("Regelbrudd, linje 1 (Kari)")
            .count(),
        7
    );
    assert_eq!(
        harness
            .query_all_by_label_contains("Regelbrudd, linje 12 (Mona)")
            .count(),
        4
    );
    assert_eq!(
        harness
            .query_all_by_label_contains("Krever lokal avtale, linje 7 (Nora)")
            .count(),
        2
    );
    // Fordeling calls it today's rota, not a proposal.
    click(&mut harness, "Fordeling");
    assert!(harness.query_all_by_label("Dagens turnus").count() >= 1);
    assert!(harness.query_by_label("Forslag").is_some(), "the tab");
    assert_eq!(
        harness.query_all_by_label("Forslag").count(),
        1,
        "only the tab"
    );
}

#[test]
fn a_breach_tooltip_names_the_rule_in_norwegian() {
    let mut harness = harness(app_with(None, Some(example("solsiden_dagens_turnus.ron"))));
    no_tooltip_delay(&mut harness);
    click(&mut harness, "Forslag");
    let rule = "Helgefrekvens (Turnusavtale: helgefrekvens (HTA kap. 1 § 4)), brudd:";
    assert!(
        harness.query_by_label_contains(rule).is_none(),
        "no tooltip before pointing"
    );
    harness
        .get_by_label("Regelbrudd, linje 12 (Mona), lør uke 3")
        .hover();
    harness.run();
    harness.get_by_label_contains(rule);
}

#[test]
fn undo_clears_a_stale_message() {
    let mut harness = harness(app_with(None, Some(example("solsiden_langvakt.ron"))));
    click(&mut harness, "Forslag");
    solve_and_wait(&mut harness);
    harness.get_by_label("Alle regler holder (kontrollert uavhengig).");
    // Shorter shifts than the unit has: no rota, and the reason is shown.
    click(&mut harness, "Enhet og regler");
    harness
        .get_by_label("Lengste vakt (timer)")
        .set_value_accesskit(9.0);
    harness.run();
    click(&mut harness, "Forslag");
    solve_and_wait(&mut harness);
    harness.get_by_label_contains(
        "Ingen turnus funnet: ingen turnus kan oppfylle behovet og reglene.",
    );
    // The reason, in Norwegian and with the field's label in the app.
    harness.get_by_label_contains(
        "Vakten N (Nattvakt) er 10,0 timer, lenger enn lengste tillatte vakt på 9,0 timer",
    );
    assert_eq!(
        harness
            .query_all_by_label_contains("«Lengste vakt (timer)» under Enhet og regler")
            .count(),
        2,
        "the night shift and the long shift"
    );
    harness.get_by_label_contains("Forslaget er utdatert");
    // Undo: the inputs are the proposal's again, and nothing stale stands beside it.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(harness.state().scenario().rules.max_shift_hours, 12.5);
    assert!(
        harness
            .query_by_label_contains("Ingen turnus funnet")
            .is_none()
    );
    assert!(harness.query_by_label_contains("utdatert").is_none());
    harness.get_by_label("Alle regler holder (kontrollert uavhengig).");
    // Redo brings the inputs back that had no rota, and the reason with them.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    harness.run();
    harness.get_by_label_contains("Ingen turnus funnet");
}

#[test]
fn undo_back_past_a_second_solve_makes_the_first_proposal_current_again() {
    let mut harness = harness(app_with(None, Some(example("solsiden.ron"))));
    click(&mut harness, "Forslag");
    solve_and_wait(&mut harness);
    let first = harness.state().scenario().proposal.clone().expect("first");
    click(&mut harness, "Enhet og regler");
    harness
        .get_by_label("Helgefrekvens (hver n. helg)")
        .set_value_accesskit(2.0);
    harness.run();
    click(&mut harness, "Forslag");
    solve_and_wait(&mut harness);
    assert!(harness.query_by_label_contains("utdatert").is_none());
    // Undo the second solve: the first proposal beside the edited inputs is out of date.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(harness.state().scenario().proposal.as_ref(), Some(&first));
    harness.get_by_label_contains("Forslaget er utdatert");
    // Undo the edit: exactly the inputs the first proposal was made from.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(harness.state().scenario().rota.weekend_frequency, 3);
    assert!(harness.query_by_label_contains("utdatert").is_none());
}

#[test]
fn review_comments_stay_visible_after_a_re_solve() {
    let mut harness = harness(app_with(None, Some(example("solsiden.ron"))));
    click(&mut harness, "Forslag");
    solve_and_wait(&mut harness);
    click(&mut harness, "enighet");
    for (field, text) in [("Navn", "Tone"), ("Kommentar", "Ser bra ut")] {
        harness.get_by_label(field).focus();
        harness.run();
        harness.get_by_label(field).type_text(text);
        harness.run();
    }
    click(&mut harness, "Legg til kommentar");
    harness.get_by_label_contains("Tone: Ser bra ut");
    click(&mut harness, "Enhet og regler");
    harness
        .get_by_label("Helgefrekvens (hver n. helg)")
        .set_value_accesskit(2.0);
    harness.run();
    click(&mut harness, "Forslag");
    solve_and_wait(&mut harness);
    harness.get_by_label_contains("Tone: Ser bra ut");
    let review = &harness
        .state()
        .scenario()
        .proposal
        .as_ref()
        .expect("proposal")
        .review;
    assert_eq!(review.comments.len(), 1);
    // The agreement was about the old rota: the new one is a draft until discussed.
    assert_eq!(review.status, heltid::model::ReviewStatus::Utkast);
    harness.get_by_label_contains("drøftingsstatus er satt tilbake til utkast");
}

#[test]
fn a_rotating_solve_asks_before_changing_the_cycle() {
    let mut harness = harness(app_with(None, Some(example("solsiden.ron"))));
    click(&mut harness, "Forslag");
    click(&mut harness, "Rullerende turnus");
    solve_and_wait(&mut harness);
    harness.get_by_label("Ny turnusperiode");
    assert!(harness.state().asks_about_cycle());
    let (weeks, proposal) = (
        harness.state().scenario().rota.weeks,
        harness.state().scenario().proposal.clone(),
    );
    assert_eq!(weeks, 6, "nothing changes before the answer");
    assert!(proposal.is_none());
    harness.get_by_label_contains("Turnusperioden er i dag 6 uker");
    click(&mut harness, "Behold 6 uker");
    assert!(!harness.state().asks_about_cycle());
    assert_eq!(harness.state().scenario().rota.weeks, 6);
    assert!(harness.state().scenario().proposal.is_none());
    harness.get_by_label_contains("turnusperioden er fortsatt 6 uker");
    // The next solve in another mode runs on the cycle the user kept.
    click(&mut harness, "Ideell struktur");
    solve_and_wait(&mut harness);
    assert!(!harness.state().asks_about_cycle());
    let scenario = harness.state().scenario().clone();
    assert_eq!(scenario.rota.weeks, 6);
    let proposal = scenario.proposal.expect("an ideal proposal");
    assert!(proposal.rota.lines.iter().all(|l| l.cells().len() == 42));
}

/// The example solved «Fra dagens ansatte» in Forslag, tooltips at once.
fn solved_from_todays_staff(name: &str, time_limit: f64) -> Harness<'static, HeltidApp> {
    let settings = Settings {
        time_limit,
        ..Settings::default()
    };
    let mut harness = harness(example_with(settings, name));
    no_tooltip_delay(&mut harness);
    click(&mut harness, "Forslag");
    click(&mut harness, "Fra dagens ansatte");
    solve_and_wait(&mut harness);
    harness
}

#[test]
fn each_line_is_compared_with_the_line_its_holder_works_today() {
    let mut harness = solved_from_todays_staff("solsiden_dagens_turnus.ron", 10.0);
    let scenario = harness.state().scenario().clone();
    let proposal = scenario.proposal.clone().expect("a proposal");
    let compared: Vec<(usize, String, bool)> = proposal
        .rota
        .lines
        .iter()
        .enumerate()
        .filter_map(|(index, line)| {
            let against = heltid::calc::against_today(&scenario, line)?;
            Some((index, line.employee.clone()?, against.worse()))
        })
        .collect();
    assert!(compared.len() >= 30, "every employee works a line today");
    let worse = compared.iter().filter(|(_, _, w)| *w).count();
    harness.get_by_label(&format!(
        "Mot dagens turnus: {} av {} linjer er like gode eller bedre å leve med, {worse} verre (pek på linjen for hvorfor).",
        compared.len() - worse,
        compared.len()
    ));
    // A line says how it compares, and a worse one says in what (among the first rows: the
    // grid draws only the rows in view).
    let in_view: Vec<&(usize, String, bool)> =
        compared.iter().filter(|(i, _, _)| *i < 12).collect();
    let (index, name, worse) = in_view
        .iter()
        .find(|(_, _, w)| *w)
        .or(in_view.first())
        .map(|&c| c.clone())
        .unwrap();
    harness
        .get_by_label_contains(&format!("{} {name}", index + 1))
        .hover();
    harness.run();
    if worse {
        harness.get_by_label_contains("Mot dagens linje: verre å leve med");
    } else {
        harness.get_by_label_contains("Mot dagens linje: like god eller bedre");
    }
}

#[test]
fn lines_say_unmet_wishes_and_full_time_within_the_tolerance() {
    let mut harness = solved_from_todays_staff("solsiden.ron", 5.0);
    let scenario = harness.state().scenario().clone();
    let proposal = scenario.proposal.clone().expect("a proposal");
    let positions = heltid::app::panels::proposal::line_positions(&scenario, &proposal.rota.lines);
    let ola = proposal
        .rota
        .lines
        .iter()
        .position(|l| l.employee.as_deref() == Some("Ola"))
        .expect("Ola has a line");
    assert!(positions[ola] < 98.0, "Ola's wish for 100 % is not met");
    let label = format!(
        "{} Ola {} % ønsker 100 %",
        ola + 1,
        heltid::i18n::Language::Bokmal.number(positions[ola], 1)
    );
    harness.get_by_label(&label).hover();
    harness.run();
    harness.get_by_label_contains("Ola ønsker 100,0 %");
    harness.get_by_label_contains("ønsker er ikke oppfylt");
    // Kari is full time today and keeps a line that counts as full time.
    let kari = proposal
        .rota
        .lines
        .iter()
        .position(|l| l.employee.as_deref() == Some("Kari"))
        .expect("Kari has a line");
    let tolerance = scenario.rules.full_time_tolerance_pct;
    assert!(positions[kari] >= 100.0 - tolerance);
    if positions[kari] < 99.95 {
        harness
            .get_by_label_contains(&format!("{} Kari", kari + 1))
            .hover();
        harness.run();
        harness.get_by_label_contains("regnes som heltid: en linje innenfor 2,0 prosentpoeng");
    }
}

#[test]
fn without_a_file_dialog_the_path_can_be_typed() {
    struct NoDialogs;
    impl FileDialogs for NoDialogs {
        fn pick_open(&mut self) -> Picked {
            Picked::Unavailable
        }
        fn pick_save(&mut self, _: &str, _: FileKind) -> Picked {
            Picked::Unavailable
        }
    }
    let dir = temp_dir("nodialog");
    let target = dir.join("kopi");
    let app = HeltidApp::new(
        Settings::default(),
        Box::new(NoDialogs),
        Some(example("solsiden.ron")),
    );
    let mut harness = harness(app);
    click(&mut harness, "Fil");
    click(&mut harness, "Lagre som …");
    harness.get_by_label("Filvelgeren kunne ikke åpnes");
    select_all_and_type(&mut harness, "Sti til filen", &target.display().to_string());
    click(&mut harness, "Lagre");
    let saved = dir.join("kopi.ron");
    assert!(saved.exists(), "saved with the scenario's extension");
    harness.get_by_label(&format!("Lagret til {}", saved.display()));
    // Export the same way: the format's own extension.
    click(&mut harness, "Fil");
    click(&mut harness, "Eksporter CSV …");
    harness.get_by_label("Filvelgeren kunne ikke åpnes");
    select_all_and_type(
        &mut harness,
        "Sti til filen",
        &dir.join("turnus").display().to_string(),
    );
    click(&mut harness, "Eksporter");
    // Solsiden has neither a proposal nor today's rota: the export fails and says so in red.
    assert!(!dir.join("turnus.csv").exists());
    assert!(
        harness
            .state()
            .notices()
            .iter()
            .all(|n| n.kind == heltid::app::NoticeKind::Error)
    );
    std::fs::remove_dir_all(&dir).ok();
}

fn select_all_and_type(harness: &mut Harness<'_, HeltidApp>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

#[test]
fn an_empty_scenario_shows_no_negative_zero_and_no_full_time_claim() {
    let mut harness = harness(app_with(None, None));
    click(&mut harness, "Fil");
    click(&mut harness, "Ny");
    assert_eq!(harness.state().settings.panel, Panel::Calculator);
    harness.get_by_label("0,0 t");
    assert!(harness.query_by_label_contains("-0").is_none());
    harness.get_by_label("– (ingen behov ennå)");
    assert!(harness.query_by_label("ja").is_none());
    harness.get_by_label("1. Vakttyper");
    click(&mut harness, "1. Vakttyper");
    harness.get_by_label("+ Ny vakttype");
}

#[test]
fn qualification_needs_can_be_added_and_removed() {
    let mut harness = harness(app_with(None, Some(example("solsiden.ron"))));
    let before = harness.state().scenario().qualified_needs.len();
    click(&mut harness, "Bemanningsbehov");
    harness.get_by_label("Kompetansekrav");
    click(&mut harness, "+ Nytt kompetansekrav");
    let needs = harness.state().scenario().qualified_needs.clone();
    assert_eq!(needs.len(), before + 1);
    let added = needs.last().expect("added");
    assert_eq!(
        added.qualification,
        heltid::model::Qualification::Sykepleier
    );
    assert_eq!(added.min, vec![1; 7]);
    assert!(heltid::model::validate(harness.state().scenario()).is_empty());
    harness
        .get_all_by_label("x")
        .last()
        .expect("a remove button")
        .click();
    harness.run();
    assert_eq!(harness.state().scenario().qualified_needs.len(), before);
}

#[test]
fn a_hand_edit_updates_the_check_and_is_undone_by_ctrl_z() {
    let mut harness = harness(app_with(None, Some(example("solsiden_langvakt.ron"))));
    click(&mut harness, "Forslag");
    solve_and_wait(&mut harness);
    harness.get_by_label("Alle regler holder (kontrollert uavhengig).");
    let solved = harness
        .state()
        .scenario()
        .proposal
        .clone()
        .expect("a proposal");
    let first = solved.rota.lines[0].cells()[0].to_string();
    // Click Monday of week 1 on line 1, then make it the opposite of what it is.
    harness
        .get_by_label_contains(", linje 1, man uke 1")
        .click();
    harness.run();
    harness.get_by_label_contains("Endre linje 1, man uke 1");
    if first == "-" {
        click(&mut harness, "D – Dagvakt");
    } else {
        click(&mut harness, "Fri (–)");
    }
    let edited = harness
        .state()
        .scenario()
        .proposal
        .clone()
        .expect("a proposal");
    assert_eq!(edited.status, "edited");
    assert_ne!(edited.rota.lines[0].cells()[0], first);
    // The check follows at once: Monday's coverage is now one off, in place and in the summary.
    assert!(
        harness
            .query_by_label("Alle regler holder (kontrollert uavhengig).")
            .is_none()
    );
    harness.get_by_label_contains("endret for hånd");
    harness.get_by_label_contains("regelbrudd, markert i rutenettet");
    assert!(
        harness
            .query_all_by_label_contains("Bemanning per vakt")
            .count()
            >= 1
    );
    // Ctrl+Z gives the solver's proposal back, and with it the clean check.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(harness.state().scenario().proposal.as_ref(), Some(&solved));
    harness.get_by_label("Alle regler holder (kontrollert uavhengig).");
}

#[test]
fn a_day_and_a_line_are_locked_from_the_grid_and_undo_unlocks() {
    let mut harness = harness(app_with(None, Some(example("solsiden_langvakt.ron"))));
    click(&mut harness, "Forslag");
    solve_and_wait(&mut harness);
    harness
        .get_by_label_contains(", linje 2, tir uke 1")
        .click();
    harness.run();
    click(&mut harness, "Lås dagen");
    let line = |harness: &Harness<'_, HeltidApp>| {
        harness
            .state()
            .scenario()
            .proposal
            .as_ref()
            .expect("a proposal")
            .rota
            .lines[1]
            .clone()
    };
    assert_eq!(line(&harness).locked_days, vec![2]);
    harness.get_by_label_contains(", linje 2, tir uke 1, låst");
    click(&mut harness, "Lås linjen");
    assert!(line(&harness).locked);
    assert_eq!(
        harness.query_all_by_label_contains(", linje 2, ").count(),
        harness.query_all_by_label_contains(", låst").count()
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert!(!line(&harness).locked);
}

/// After a solve, Forslag can show the proposal as it was before the quality phase: the same
/// lines and hours, checked against every rule, with its own line-quality numbers, which the
/// phase lowered. With the phase set to 0 s there is no such view.
#[test]
fn the_proposal_before_the_quality_phase_can_be_shown_and_the_phase_switched_off() {
    let settings = Settings {
        time_limit: 10.0,
        quality_seconds: 5.0,
        ..Settings::default()
    };
    let mut harness = harness(example_with(settings, "solsiden.ron"));
    click(&mut harness, "Forslag");
    solve_and_wait(&mut harness);
    use egui_kittest::kittest::NodeT;
    let singles = |harness: &Harness<'_, HeltidApp>| -> f64 {
        let label = harness
            .get_by_label_contains("Linjekvalitet:")
            .accesskit_node()
            .value()
            .unwrap_or_default();
        let number = label
            .trim_start_matches("Linjekvalitet: ")
            .split(' ')
            .next()
            .unwrap()
            .replace(',', ".");
        number.parse().unwrap()
    };
    let after = singles(&harness);
    click(&mut harness, "Før kvalitetsfasen");
    harness.get_by_label_contains("Forslaget før kvalitetsfasen");
    harness.get_by_label("Alle regler holder (kontrollert uavhengig).");
    let before = singles(&harness);
    assert!(after < before, "after {after}, before {before}");
    click(&mut harness, "Forslaget");
    assert!(
        harness
            .query_by_label_contains("Forslaget før kvalitetsfasen")
            .is_none()
    );

    // Switched off, the solve has no phase and offers no view of one.
    select_all_and_type(&mut harness, "Kvalitetsfase", "0");
    assert_eq!(harness.state().settings().quality_seconds, 0.0);
    solve_and_wait(&mut harness);
    assert!(harness.query_by_label("Før kvalitetsfasen").is_none());
}
