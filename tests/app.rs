//! The app driven as a user would, by labels (egui_kittest; no display needed): open an example,
//! change the weekend frequency, solve, save under a new name, reopen and find the same proposal.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use heltid::app::files::{FileDialogs, FileKind, Picked};
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
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut HeltidApp| app.show(ui), app);
    harness.run();
    harness
}

fn app_with(save_to: Option<PathBuf>, path: Option<PathBuf>) -> HeltidApp {
    HeltidApp::new(Settings::default(), Box::new(Scripted { save_to }), path)
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
    harness.get_by_label(r#"shifts[0].end: "25:00" is not a time of day (HH:MM)"#);
    harness.get_by_label("needs.N[6]: -1 is negative");
    assert_eq!(
        harness.state().scenario().rota.weekend_frequency,
        2,
        "the edited scenario stays"
    );
    assert!(harness.state().is_dirty());
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
    harness.get_by_label("34.0");
    harness.get_by_label("30.0");
    harness.get_by_label("Bemanning gjennom døgnet mot behov");
    click(&mut harness, "Sammenlign");
    click(&mut harness, "Velg fil å sammenligne med …");
    // 30 heads here, 20 at every 2nd weekend: the difference is shown.
    harness.get_by_label("Forskjell");
    assert!(
        harness.query_all_by_label("-10.0").count() >= 2,
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
