//! The command line: `heltid check|verify|solve …`. Human output by default, `--json` for machines.

mod export;
mod rws;
mod solve;
mod verify;

use crate::calc;
use crate::i18n::Language;
use crate::io::{FileError, load_scenario};
use crate::model::Scenario;
use clap::{Parser, Subcommand};
use serde_json::{Value, json};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `eprintln!` that does not panic when standard error is closed.
macro_rules! tell {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}
pub(crate) use tell;

/// `--lang`: the language of what a command prints.
#[derive(clap::Args, Clone, Copy, Debug, Default)]
pub struct LangOpt {
    /// Language of the output: nb (norsk bokmål) or en (English). Text output and the message
    /// strings in --json follow it (the JSON keys, rule ids and status words stay English).
    /// Default: from LC_ALL, LC_MESSAGES or LANG (nb, nn or no… → nb), else en.
    #[arg(long, value_enum, value_name = "nb|en")]
    pub lang: Option<LangArg>,
}

/// `--lang` values.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LangArg {
    /// Norsk bokmål: decimal commas, the app's labels.
    Nb,
    /// English.
    En,
}

impl LangOpt {
    /// The language asked for, else the environment's.
    pub fn language(self) -> Language {
        match self.lang {
            Some(LangArg::Nb) => Language::Bokmal,
            Some(LangArg::En) => Language::English,
            None => Language::from_environment(),
        }
    }
}

/// Exit code when the input file has problems.
pub const EXIT_FILE_PROBLEM: u8 = 2;

/// Heltidskalkulator: fewer, larger positions for 24/7 care units.
#[derive(Parser, Debug)]
#[command(
    name = "heltid",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Scenario to open in the app (without a subcommand).
    pub file: Option<PathBuf>,
    /// A second scenario to show beside it in Sammenlign (the app).
    #[arg(long)]
    pub compare: Option<PathBuf>,
    /// What to do; without a subcommand the desktop app starts.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Validate a scenario and print the heltid calculator's bounds.
    ///
    /// Exit 0 when the file is valid, 2 when it has problems (each listed).
    Check {
        /// The scenario file (.ron).
        file: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        lang: LangOpt,
    },
    /// Check a rota against every rule (AML, HTA and the unit's own) and show where each fails.
    ///
    /// Checks the file's saved proposal, or else today's rota. Exit 0 when no rule is breached
    /// (places allowed only with a local agreement are listed but are not breaches), 1 when
    /// there are breaches, 2 when the file has problems or no rota. In JSON, `line` and `days`
    /// are 0-based (Monday of week 1 = day 0).
    Verify {
        /// The scenario or proposal file (.ron).
        file: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        lang: LangOpt,
    },
    /// Propose rota lines with HiGHS: cover every shift with fewer, larger positions.
    ///
    /// Every proposal passes the rule checker before it is shown. Exit 0 when a proposal was
    /// found, 1 when the scenario is infeasible or none was found in time (with a diagnosis),
    /// 2 when the file has problems. In JSON, `days` has one entry per day of the cycle,
    /// Monday of week 1 first, "-" for a day off.
    Solve {
        /// The scenario file (.ron).
        file: PathBuf,
        /// `ideal`: the best structure, ignoring today's staff; `today`: nobody is cut.
        #[arg(long, value_enum, default_value_t = ModeArg::Ideal)]
        mode: ModeArg,
        /// Seconds before the best proposal so far is returned.
        #[arg(long, default_value_t = 30.0, value_parser = parse_seconds)]
        time_limit: f64,
        /// Seconds of the quality phase (fewer single shifts and days off, even weeks), on top of
        /// the time limit; 0 skips it.
        #[arg(long, default_value_t = 10.0, value_parser = parse_seconds)]
        quality_seconds: f64,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Save the scenario with the proposal to this file (.ron), before anything is printed.
        /// It is checked before solving starts; it may be the scenario file itself.
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        lang: LangOpt,
    },
    /// Export the proposal (or else today's rota) to CSV, XLSX or a one-page PDF report.
    ///
    /// The same indicators every time: heads, FTE, mean, median, full-time share and share under
    /// 50 %, before and after. Exit 0 when written, 2 when the file has problems or no rota.
    Export(ExportArgs),
    /// Solve rotating workforce scheduling instances (the public RWS benchmark format).
    ///
    /// One cyclic chain of 7·N days that N employees follow a week apart: exact demand per
    /// weekday and shift, block lengths and forbidden sequences, across the wrap. Instance by
    /// instance prints the name, the status (feasible, infeasible, timeout or error) and the
    /// seconds; every schedule passes an independent checker first. Exit 0 when every instance
    /// was decided (feasible or infeasible), 1 when some were not, 2 when a file cannot be read
    /// or parsed (the others are still solved and reported). `--json`: `{"instances": [{"name",
    /// "status", "seconds", "schedule", "highs_runs"}]}`, `schedule` being N week rows of 7
    /// shift names, "-" for a day off, empty without a solution; `errors` lists what went
    /// wrong for an instance with status error.
    Rws {
        /// The instance files (e.g. Example1.txt).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Seconds per instance before giving up on it (status timeout).
        #[arg(long, default_value_t = 10.0, value_parser = parse_seconds)]
        time_limit: f64,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// The language of the headings, status words and summary (the RWS files' own read
        /// errors stay English; JSON keeps its English keys and status words).
        #[command(flatten)]
        lang: LangOpt,
    },
}

/// The export command's arguments.
#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// The scenario or proposal file (.ron).
    pub file: PathBuf,
    /// csv, xlsx or pdf.
    #[arg(long, value_enum)]
    pub format: export::FormatArg,
    /// The file to write.
    #[arg(long)]
    pub out: PathBuf,
    /// The language of the PDF report and of what is printed (CSV and XLSX keep their
    /// Norwegian column names and decimal commas).
    #[command(flatten)]
    pub lang: LangOpt,
}

/// `--mode` values.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModeArg {
    /// The best structure, ignoring today's staff.
    Ideal,
    /// From today's staff: nobody's position is cut.
    Today,
    /// One chain everyone follows a week apart; the cycle becomes one week per line.
    Rotating,
}

impl From<ModeArg> for crate::model::SolveMode {
    fn from(mode: ModeArg) -> Self {
        match mode {
            ModeArg::Ideal => Self::Ideal,
            ModeArg::Today => Self::Today,
            ModeArg::Rotating => Self::Rotating,
        }
    }
}

/// Runs a subcommand and returns the process exit code.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Check { file, json, lang } => check(&file, json, lang.language()),
        Command::Verify { file, json, lang } => verify::run(&file, json, lang.language()),
        Command::Export(args) => {
            export::run(&args.file, args.format, &args.out, args.lang.language())
        }
        Command::Rws {
            files,
            time_limit,
            json,
            lang,
        } => rws::run(&files, time_limit, json, lang.language()),
        Command::Solve {
            file,
            mode,
            time_limit,
            quality_seconds,
            json,
            out,
            lang,
        } => solve::run(
            &file,
            mode.into(),
            time_limit,
            quality_seconds,
            json,
            out.as_deref(),
            lang.language(),
        ),
    }
}

/// Writes to standard output through `write`. A closed pipe (`heltid … | head -1`) ends the
/// command quietly with exit 0: the reader has gone and nothing went wrong. Any other write
/// error is told on stderr and exits 2. Commands write `--out` files before printing.
pub(crate) fn print(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), ExitCode> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match write(&mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Err(ExitCode::SUCCESS),
        Err(error) => {
            tell!("heltid: cannot write the output: {error}");
            Err(ExitCode::from(EXIT_FILE_PROBLEM))
        }
    }
}

pub(crate) fn print_json(value: &Value) -> Result<(), ExitCode> {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    print(|out| writeln!(out, "{text}"))
}

/// `--time-limit`: seconds, a finite number of at least 0.
fn parse_seconds(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(seconds) if seconds.is_finite() && seconds >= 0.0 => Ok(seconds),
        _ => Err(format!(
            "{text:?} is not a number of seconds; give a number of 0 or more, such as 30"
        )),
    }
}

/// Why `--out` cannot be written, checked before any work is done: `None` when it can.
///
/// The target must not be a directory, its folder must exist and take a new file, and it
/// must not be `input` unless `may_be_input` (`solve --out` on its own file saves the
/// proposal into it; an export there would replace the scenario).
pub(crate) fn out_problem(out: &Path, input: &Path, may_be_input: bool) -> Option<String> {
    let shown = out.display();
    if out.is_dir() {
        return Some(format!(
            "--out {shown}: is a folder; give a file name such as {}",
            out.join("proposal.ron").display()
        ));
    }
    if !may_be_input && crate::io::same_file(out, input) {
        return Some(format!(
            "--out {shown}: is the input file {}; writing there would replace it, so give \
             another file name",
            input.display()
        ));
    }
    crate::io::check_writable(out)
        .err()
        .map(|error| format!("--out {error}"))
}

/// Loads a file; on problems prints them (as text or JSON, in `language`) and returns the
/// exit code.
pub fn load_or_report(
    file: &Path,
    json: bool,
    language: Language,
    json_on_error: impl FnOnce(Vec<String>) -> Value,
) -> Result<Scenario, ExitCode> {
    load_scenario(file).map_err(|error: FileError| {
        let messages = error.messages_in(language);
        if json {
            // The exit code says it either way, also when nobody reads the output.
            let _ = print_json(&json_on_error(messages));
        } else {
            let count = messages.len();
            tell!(
                "{}: {}",
                file.display(),
                match language {
                    Language::Bokmal => format!("{count} feil"),
                    Language::English => format!("{count} problem(s)"),
                }
            );
            for message in messages {
                tell!("  {message}");
            }
        }
        ExitCode::from(EXIT_FILE_PROBLEM)
    })
}

pub(crate) fn bounds_json(bounds: &calc::Bounds) -> Value {
    json!({
        "weekly_need_hours": bounds.weekly_need_hours,
        "full_time_hours": bounds.full_time_hours,
        "fte": bounds.fte,
        "hours_bound_heads": bounds.hours_bound_heads,
        "weekend_heads": bounds.weekend_heads,
        "weekend_frequency": bounds.weekend_frequency,
        "weekend_bound_heads": bounds.weekend_bound_heads,
        "heads_needed": bounds.heads_needed,
        "max_average_position_pct": bounds.max_average_position_pct,
        "all_full_time_possible": bounds.all_full_time_possible,
    })
}

/// Statistics of the scenario's current staff.
pub fn today_stats(scenario: &Scenario) -> calc::PositionStats {
    let positions: Vec<f64> = scenario.staff.iter().map(|e| e.position_pct).collect();
    calc::position_stats(&positions, 100.0 - scenario.rules.full_time_tolerance_pct)
}

/// Position statistics as JSON.
pub fn stats_json(stats: &calc::PositionStats) -> Value {
    json!({
        "heads": stats.heads,
        "fte": stats.fte,
        "average_position_pct": stats.average_pct,
        "median_position_pct": stats.median_pct,
        "full_time_share_pct": stats.full_time_share_pct,
        "under_50_share_pct": stats.under_50_share_pct,
        "histogram": stats.histogram,
    })
}

fn check(file: &Path, json: bool, language: Language) -> ExitCode {
    let scenario = match load_or_report(
        file,
        json,
        language,
        |errors| json!({"valid": false, "errors": errors}),
    ) {
        Ok(scenario) => scenario,
        Err(code) => return code,
    };
    let bounds = calc::bounds(&scenario);
    let today = today_stats(&scenario);
    let what_if = calc::what_if(&scenario);
    let warnings = crate::model::warnings(&scenario);
    let printed = if json {
        print_json(&json!({
            "valid": true,
            "errors": [],
            "warnings": warnings.iter().map(|w| json!({
                "path": w.path(),
                "message": w.text(language),
            })).collect::<Vec<_>>(),
            "bounds": bounds_json(&bounds),
            "today": stats_json(&today),
            "what_if": what_if.iter().map(|row| json!({
                "weekend_frequency": row.bounds.weekend_frequency,
                "long_weekend_shifts": row.long_weekend_shifts,
                "weekend_bound_heads": row.bounds.weekend_bound_heads,
                "hours_bound_heads": row.bounds.hours_bound_heads,
                "weekly_need_hours": row.bounds.weekly_need_hours,
                "max_average_position_pct": row.bounds.max_average_position_pct,
                "all_full_time_possible": row.bounds.all_full_time_possible,
            })).collect::<Vec<_>>(),
        }))
    } else {
        print(|out| {
            print_check_text(out, &scenario, &bounds, &today, &what_if, language)?;
            for warning in &warnings {
                writeln!(
                    out,
                    "{}: {}: {}",
                    language.pick("advarsel", "warning"),
                    warning.path(),
                    warning.text(language)
                )?;
            }
            Ok(())
        })
    };
    printed.err().unwrap_or(ExitCode::SUCCESS)
}

/// The calculator as a table, labelled as in the app's Kalkulator panel in bokmål.
fn print_check_text(
    out: &mut dyn Write,
    scenario: &Scenario,
    bounds: &calc::Bounds,
    today: &calc::PositionStats,
    what_if: &[calc::WhatIf],
    language: Language,
) -> io::Result<()> {
    let t = |nb, en| language.pick(nb, en);
    let n = |value: f64, decimals: usize| language.number(value, decimals);
    let hours = t("t", "h");
    let name = if scenario.unit.name.is_empty() {
        t("scenario", "scenario")
    } else {
        &scenario.unit.name
    };
    writeln!(out, "{name}: {}", t("gyldig", "valid"))?;
    writeln!(out)?;
    let rows = [
        (
            t("Behov per uke", "Need per week"),
            format!("{} {hours}", n(bounds.weekly_need_hours, 1)),
        ),
        (
            t("Heltid per uke", "Full-time week"),
            format!("{} {hours}", n(bounds.full_time_hours, 2)),
        ),
        (t("Årsverk", "FTE (årsverk)"), n(bounds.fte, 3)),
        (
            t("Hoder, timegrense", "Hours bound"),
            match language {
                Language::Bokmal => bounds.hours_bound_heads.to_string(),
                Language::English => format!("{} heads", bounds.hours_bound_heads),
            },
        ),
        (
            t("Hoder, helgegrense", "Weekend bound"),
            format!(
                "{}{} ({})",
                bounds.weekend_bound_heads,
                t("", " heads"),
                language.weekend_bound_reason(bounds)
            ),
        ),
        (
            t("Høyeste snitt", "Highest average"),
            format!("{} %", n(bounds.max_average_position_pct, 1)),
        ),
        (
            t("Alle kan ha heltid", "All full time possible"),
            language.yes_no(bounds.all_full_time_possible).to_string(),
        ),
    ];
    for (label, value) in rows {
        writeln!(out, "{label:<22} {value}")?;
    }
    writeln!(out)?;
    if today.heads > 0 {
        writeln!(
            out,
            "{}: {} {}, {} {} %, median {} %, {} {} %, under 50 % {} %",
            t("I dag", "Today"),
            today.heads,
            t("hoder", "heads"),
            t("snitt", "average"),
            n(today.average_pct, 1),
            n(today.median_pct, 1),
            t("heltid", "full time"),
            n(today.full_time_share_pct, 0),
            n(today.under_50_share_pct, 0)
        )?;
        writeln!(out)?;
    }
    writeln!(
        out,
        "{:<18} {:<21} {:>5}   {}",
        t("Hva om", "What if"),
        t("langvakter i helg", "long weekend shifts"),
        t("hoder", "heads"),
        t("høyeste snitt", "highest average")
    )?;
    for row in what_if {
        let every = format!(
            "{} {}",
            language.every_nth(row.bounds.weekend_frequency),
            t("helg", "weekend")
        );
        writeln!(
            out,
            "{every:<18} {:<21} {:>5}   {:>6} %",
            language.yes_no(row.long_weekend_shifts),
            row.bounds.heads_needed,
            n(row.bounds.max_average_position_pct, 1)
        )?;
    }
    Ok(())
}
