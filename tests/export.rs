//! Exports read back: CSV and XLSX contain the lines, hours and indicators; the PDF renders
//! (pdftoppm) and shows the distribution plot.

use calamine::{Data, Reader, Xlsx, open_workbook};
use heltid::export::{Format, export, export_in};
use heltid::i18n::Language;
use heltid::io::load_scenario;
use heltid::model::{Proposal, Scenario};
use heltid::solve::{SolveControl, SolveOptions, solve};
use std::path::{Path, PathBuf};
use std::process::Command;

fn solved_solsiden() -> Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/solsiden.ron");
    let mut scenario = load_scenario(&path).expect("example");
    let report = solve(
        &scenario,
        &SolveOptions::default(),
        &SolveControl::default(),
    );
    scenario.proposal = Some(Proposal {
        rota: report.rota(),
        status: report.status.as_str().into(),
        ..Proposal::default()
    });
    scenario
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("heltid-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    dir.join(name)
}

fn number(text: &str) -> f64 {
    text.replace(',', ".")
        .parse()
        .unwrap_or_else(|_| panic!("{text:?} is not a number"))
}

#[test]
fn csv_has_every_line_with_hours_and_the_indicators() {
    let scenario = solved_solsiden();
    let path = temp("turnus.csv");
    export(&scenario, Format::Csv, &path).expect("exported");
    let text = std::fs::read_to_string(&path).expect("read");
    let mut rows = text.lines();
    let header: Vec<&str> = rows.next().expect("header").split(';').collect();
    assert_eq!(
        &header[..4],
        ["linje", "ansatt", "stilling_pct", "timer_per_uke"]
    );
    assert_eq!(header.len(), 4 + 42 + 6);
    assert_eq!(header[4 + 42], "enkeltvakter");
    let lines: Vec<Vec<&str>> = rows
        .by_ref()
        .take_while(|r| !r.is_empty())
        .map(|r| r.split(';').collect())
        .collect();
    assert_eq!(lines.len(), 30);
    let total_hours: f64 = lines.iter().map(|l| number(l[3])).sum();
    assert!(
        (total_hours - 597.5).abs() < 0.1,
        "weekly hours of all lines: {total_hours}"
    );
    assert!(lines.iter().all(|l| l.len() == 52));
    // Each line's quality after its days, the same measure Forslag shows.
    let first: Vec<String> = lines[0][4..46].iter().map(|c| c.to_string()).collect();
    let quality = heltid::calc::line_quality(&scenario, &first);
    assert_eq!(lines[0][46], quality.single_work_days.to_string());
    assert_eq!(lines[0][47], quality.single_days_off.to_string());
    let indicators: Vec<Vec<&str>> = rows.skip(1).map(|r| r.split(';').collect()).collect();
    let average = indicators
        .iter()
        .find(|r| r[0] == "Snittstilling %")
        .expect("average row");
    assert!(
        (number(average[1]) - 46.1).abs() < 0.06,
        "today {}",
        average[1]
    );
    assert!(
        (number(average[2]) - 56.1).abs() < 0.06,
        "after {}",
        average[2]
    );
}

#[test]
fn xlsx_has_rota_coverage_and_indicator_sheets() {
    let scenario = solved_solsiden();
    let path = temp("turnus.xlsx");
    export(&scenario, Format::Xlsx, &path).expect("exported");
    let mut workbook: Xlsx<_> = open_workbook(&path).expect("xlsx opens");
    assert_eq!(workbook.sheet_names(), ["Turnus", "Dekning", "Indikatorer"]);
    let rota = workbook.worksheet_range("Turnus").expect("Turnus");
    assert_eq!(rota.height(), 31);
    let hours: f64 = (1..31)
        .map(|r| match rota.get((r, 3)) {
            Some(Data::Float(h)) => *h,
            other => panic!("row {r}: {other:?}"),
        })
        .sum();
    assert!((hours - 597.5).abs() < 0.1);
    let coverage = workbook.worksheet_range("Dekning").expect("Dekning");
    // Need and planned per shift: equal on every day.
    for r in (1..coverage.height()).step_by(2) {
        for c in 2..coverage.width() {
            assert_eq!(
                coverage.get((r, c)),
                coverage.get((r + 1, c)),
                "row {r} column {c}"
            );
        }
    }
    let sheet = workbook
        .worksheet_range("Indikatorer")
        .expect("Indikatorer");
    let row = (0..sheet.height())
        .find(|&r| sheet.get((r, 0)) == Some(&Data::String("Hoder".into())))
        .expect("Hoder");
    assert_eq!(sheet.get((row, 2)), Some(&Data::Float(30.0)));
}

/// Reads a binary PPM (P6) as (width, height, pixels).
fn read_ppm(bytes: &[u8]) -> (usize, usize, Vec<[u8; 3]>) {
    let mut fields = Vec::new();
    let mut position = 0;
    while fields.len() < 4 {
        while bytes[position].is_ascii_whitespace() {
            position += 1;
        }
        let start = position;
        while !bytes[position].is_ascii_whitespace() {
            position += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..position]).to_string());
    }
    assert_eq!(fields[0], "P6");
    let (width, height): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = bytes[position + 1..]
        .chunks(3)
        .map(|c| [c[0], c[1], c[2]])
        .collect();
    (width, height, pixels)
}

#[test]
fn pdf_renders_with_the_distribution_plot() {
    let scenario = solved_solsiden();
    let path = temp("rapport.pdf");
    export(&scenario, Format::Pdf, &path).expect("exported");
    let prefix = temp("rapport");
    let status = Command::new("pdftoppm")
        .args(["-r", "40", "-singlefile"])
        .arg(&path)
        .arg(&prefix)
        .status()
        .expect("pdftoppm runs (poppler-utils; ./x.sh test installs it)");
    assert!(status.success());
    let image = std::fs::read(prefix.with_extension("ppm")).expect("rendered page");
    let (width, height, pixels) = read_ppm(&image);
    assert!(width > height, "landscape page");
    // The 'after' bars are blue (0.2, 0.4, 0.85) and sit in the chart at the top right.
    let blue = pixels
        .iter()
        .enumerate()
        .filter(|(i, p)| {
            let (x, y) = (i % width, i / width);
            x > width / 3 && y < height / 3 && p[2] > 180 && p[0] < 90 && p[1] < 130
        })
        .count();
    assert!(
        blue > 20,
        "expected blue bars in the chart, found {blue} pixels"
    );
}

#[test]
fn a_file_without_a_rota_is_refused_with_a_clear_message() {
    let output = Command::new(env!("CARGO_BIN_EXE_heltid"))
        // English whatever the machine's locale (--lang defaults to it).
        .env("LC_ALL", "C")
        .args([
            "export",
            concat!(env!("CARGO_MANIFEST_DIR"), "/examples/solsiden.ron"),
            "--format",
            "csv",
            "--out",
        ])
        .arg(temp("ingen.csv"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no rota to export"));
}

/// The text of a PDF, laid out as on the page (pdftotext, poppler-utils).
fn pdf_text(path: &Path) -> String {
    let output = Command::new("pdftotext")
        .args(["-layout"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils; ./x.sh test installs it)");
    assert!(output.status.success());
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn the_pdf_follows_the_language_it_is_exported_in() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/solsiden_dagens_turnus.ron");
    let scenario = load_scenario(&path).expect("example");
    let bokmal = temp("rapport_nb.pdf");
    export_in(&scenario, Format::Pdf, &bokmal, Language::Bokmal).expect("exported");
    let text = pdf_text(&bokmal);
    for expected in [
        "dagens turnus – 6 uker, hver 3. helg, heltid 35,50 t",
        "Stillingsstørrelser før (grå) og etter (blå)",
        "Snittstilling %",
        "46,1",
        "Helgegrense 30 hoder, høyeste mulige snitt 56,1 %",
        "uke 1",
    ] {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }
    // Heads are whole numbers: "Hoder  34  34", not "34,0".
    let heads = text
        .lines()
        .find(|l| l.starts_with("Hoder"))
        .expect("Hoder");
    // The chart's bar counts may share the line further right.
    assert_eq!(
        heads.split_whitespace().take(3).collect::<Vec<_>>(),
        ["Hoder", "34", "34"]
    );
    assert!(!text.contains("46.1"), "{text}");

    let english = temp("rapport_en.pdf");
    export_in(&scenario, Format::Pdf, &english, Language::English).expect("exported");
    let text = pdf_text(&english);
    for expected in [
        "today's rota – 6 weeks, every 3rd weekend, full time 35.50 h",
        "Position sizes before (grey) and after (blue)",
        "Average position %",
        "46.1",
        "Weekend bound 30 heads, highest possible average 56.1 %",
        "week 1",
    ] {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }
    assert!(!text.contains("46,1"), "{text}");
}

#[test]
fn csv_writes_decimal_commas_and_heads_as_whole_numbers() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/solsiden_dagens_turnus.ron");
    let scenario = load_scenario(&path).expect("example");
    let out = temp("dagens.csv");
    // The CSV is the same whatever the language: Norwegian spreadsheets read it.
    export_in(&scenario, Format::Csv, &out, Language::English).expect("exported");
    let text = std::fs::read_to_string(&out).expect("read");
    assert!(text.lines().any(|l| l == "Hoder;34;34"), "{text}");
    assert!(
        text.lines().any(|l| l == "Snittstilling %;46,09;49,50"),
        "{text}"
    );
    assert!(text.lines().skip(1).all(|l| !l.contains('.')), "{text}");
}
