//! Running HiGHS on a built model: time limit, cancel from another thread, progress, and an
//! early stop when the solution reaches a bound proven outside the MIP.

use super::model::RotaModel;
use ::highs::{HighsModelStatus, HighsSolutionStatus};
use good_lp::SolverModel;
use std::os::raw::{c_char, c_int, c_void};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// What a running solve reports, for a progress display.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Progress {
    /// What is being solved, e.g. "30 lines".
    pub phase: String,
    /// Seconds since the solve started.
    pub elapsed_seconds: f64,
    /// Objective of the best solution found in this phase, if any.
    pub best_objective: Option<f64>,
    /// Best proven bound in this phase.
    pub best_bound: Option<f64>,
}

/// Shared between the solving thread and whoever watches it.
#[derive(Clone, Debug, Default)]
pub struct SolveControl {
    /// Set to true to stop the solve; it returns the best solution so far.
    pub cancel: Arc<AtomicBool>,
    /// Updated while solving.
    pub progress: Arc<Mutex<Progress>>,
    /// Seconds the last model took to build (f64 bits): a run with less time left than that
    /// would end past the limit before HiGHS even starts.
    pub last_build_seconds: Arc<std::sync::atomic::AtomicU64>,
}

impl SolveControl {
    /// Asks the solve to stop.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether a cancel was asked for.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// A copy of the current progress.
    pub fn progress(&self) -> Progress {
        self.progress.lock().map(|p| p.clone()).unwrap_or_default()
    }

    /// Seconds the last model took to build.
    pub(super) fn build_estimate(&self) -> f64 {
        f64::from_bits(self.last_build_seconds.load(Ordering::Relaxed))
    }

    /// Records how long a model took to build.
    pub(super) fn record_build(&self, seconds: f64) {
        self.last_build_seconds
            .store(seconds.to_bits(), Ordering::Relaxed);
    }

    pub(super) fn set_phase(&self, phase: String, started: Instant) {
        trace(started, &phase);
        if let Ok(mut progress) = self.progress.lock() {
            progress.phase = phase;
            progress.elapsed_seconds = started.elapsed().as_secs_f64();
            progress.best_objective = None;
            progress.best_bound = None;
        }
    }
}

/// For whoever tunes the search: with HELTID_TRACE set, a step and when it began, on stderr.
pub(super) fn trace(started: Instant, step: &str) {
    if std::env::var_os("HELTID_TRACE").is_some() {
        eprintln!("[{:6.2} s] {step}", started.elapsed().as_secs_f64());
    }
}

/// How one HiGHS run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunStatus {
    /// Proven optimal (by HiGHS, or by reaching the bound given to [`run_model`]).
    Optimal,
    /// A solution, not proven optimal (time limit or cancel).
    Feasible,
    /// Proven infeasible.
    Infeasible,
    /// Time limit without a solution.
    TimeLimit,
    /// Cancelled without a solution.
    Cancelled,
    /// HiGHS failed.
    Error,
}

/// The result of one run: status, objective, bound and the column values.
#[derive(Clone, Debug)]
pub struct RunResult {
    /// How it ended.
    pub status: RunStatus,
    /// Objective of the solution (maximised).
    pub objective: f64,
    /// Best bound HiGHS proved (or the known bound when it was reached).
    pub bound: f64,
    /// Column values, by creation order.
    pub values: Vec<f64>,
}

struct CallbackState<'a> {
    control: &'a SolveControl,
    started: Instant,
    stop_at_objective: Option<f64>,
    reached_bound: AtomicBool,
    /// HiGHS checks its own time limit too rarely in a large LP (a root LP of a million rows ran
    /// 26 s past it): the simplex and interior-point callbacks stop it at this instant.
    deadline: Instant,
    timed_out: AtomicBool,
}

unsafe extern "C" fn on_highs_event(
    kind: c_int,
    _message: *const c_char,
    data_out: *const highs_sys::HighsCallbackDataOut,
    data_in: *mut highs_sys::HighsCallbackDataIn,
    user: *mut c_void,
) {
    if user.is_null() || data_out.is_null() {
        return;
    }
    // SAFETY: `user` is the CallbackState that outlives the solve (see `run_model`), and HiGHS
    // passes valid data pointers for the callback kinds we start.
    let (state, out) = unsafe { (&*(user as *const CallbackState), &*data_out) };
    let kind = kind as highs_sys::HighsInt;
    if (kind == highs_sys::kHighsCallbackSimplexInterrupt
        || kind == highs_sys::kHighsCallbackIpmInterrupt)
        && !data_in.is_null()
    {
        let late = Instant::now() >= state.deadline;
        if late {
            state.timed_out.store(true, Ordering::Relaxed);
        }
        if late || state.control.is_cancelled() {
            // SAFETY: data_in is non-null and valid during an interrupt callback.
            unsafe { (*data_in).user_interrupt = 1 };
        }
        return;
    }
    if kind == highs_sys::kHighsCallbackMipImprovingSolution
        || kind == highs_sys::kHighsCallbackMipInterrupt
    {
        // The model is solved as a minimisation of the negated objective.
        let primal = -out.mip_primal_bound;
        let dual = -out.mip_dual_bound;
        if let Ok(mut progress) = state.control.progress.lock() {
            progress.elapsed_seconds = state.started.elapsed().as_secs_f64();
            if primal.is_finite() && primal.abs() < 1e20 {
                progress.best_objective = Some(primal);
            }
            if dual.is_finite() && dual.abs() < 1e20 {
                progress.best_bound = Some(dual);
            }
        }
        if kind == highs_sys::kHighsCallbackMipInterrupt && !data_in.is_null() {
            let reached = state
                .stop_at_objective
                .is_some_and(|target| primal.is_finite() && primal >= target - 1e-6);
            if reached {
                state.reached_bound.store(true, Ordering::Relaxed);
            }
            if reached || state.control.is_cancelled() {
                // SAFETY: data_in is non-null and valid during an interrupt callback.
                unsafe { (*data_in).user_interrupt = 1 };
            }
        }
    }
}

/// Presolve's cost per constraint row, measured on the largest units (see `run_model`).
const PRESOLVE_SECONDS_PER_ROW: f64 = 4e-5;

/// Solves `model` (maximising its objective) within `time_limit` seconds.
///
/// `stop_at_objective`: a bound proven outside the MIP; a solution reaching it is optimal, so the
/// run stops there instead of proving it again.
pub fn run_model(
    model: RotaModel,
    time_limit: f64,
    stop_at_objective: Option<f64>,
    initial: Option<&[f64]>,
    control: &SolveControl,
    started: Instant,
) -> RunResult {
    let options = RunOptions {
        stop_at_objective,
        initial,
        ..RunOptions::default()
    };
    run_with(model, time_limit, &options, control, started)
}

/// How a run is set up besides its time limit.
#[derive(Clone, Copy, Default)]
pub struct RunOptions<'a> {
    /// A bound proven outside the MIP: a solution reaching it is optimal (see [`run_model`]).
    pub stop_at_objective: Option<f64>,
    /// A start; entries HiGHS should work out itself are infinite (see `neighbourhood`).
    pub initial: Option<&'a [f64]>,
    /// A pure feasibility model (objective 0, the rotating models): the first solution is
    /// optimal, so the run stops there.
    pub first_solution: bool,
    /// HiGHS options of the caller's own, set last.
    pub configure: Option<fn(&mut ::highs::Model)>,
}

/// [`run_model`] with all its options.
pub fn run_with(
    model: RotaModel,
    time_limit: f64,
    options: &RunOptions<'_>,
    control: &SolveControl,
    started: Instant,
) -> RunResult {
    let RunOptions {
        stop_at_objective,
        initial,
        first_solution,
        configure,
    } = *options;
    let failed = |status| RunResult {
        status,
        objective: f64::NAN,
        bound: f64::NAN,
        values: Vec::new(),
    };
    if control.is_cancelled() {
        return failed(RunStatus::Cancelled);
    }
    if time_limit <= 0.0 {
        return failed(RunStatus::TimeLimit);
    }
    if model.var_count == 0 {
        // The highs bindings cannot report on a model without columns.
        return failed(RunStatus::Error);
    }
    // Handing the model to HiGHS takes time too: the limit counts from here.
    let entered = Instant::now();
    let var_count = model.var_count;
    let rows = model.constraints.len();
    // Minimise the negated objective so HiGHS's internal sense and its callback numbers agree.
    let mut problem = model
        .vars
        .minimise(model.objective * -1.0)
        .using(good_lp::highs);
    for constraint in model.constraints {
        problem.add_constraint(constraint);
    }
    let Ok(mut highs_model) = problem.try_into_inner() else {
        return failed(RunStatus::Error);
    };
    highs_model.make_quiet();
    if std::env::var_os("HELTID_HIGHS_LOG").is_some() {
        // For developers: HiGHS's own log on stdout.
        highs_model.set_option("output_flag", true);
        highs_model.set_option("log_to_console", true);
    }
    let time_limit = time_limit - entered.elapsed().as_secs_f64();
    if time_limit <= 0.0 {
        return failed(RunStatus::TimeLimit);
    }
    highs_model.set_option("time_limit", time_limit);
    // HiGHS's presolve does not stop at the time limit: on a 52-week, 300-line model (about a
    // million rows) it ran 45 s past a 28 s limit. Measured: about 40 µs per row. When presolve
    // alone would take more than 70 % of the time, the run goes without it (a short first try
    // at a mid-sized unit needs it: Fjellro's 3.4 s try found no rota without it).
    let presolve_seconds = rows as f64 * PRESOLVE_SECONDS_PER_ROW;
    if presolve_seconds > 0.7 * time_limit {
        highs_model.set_option("presolve", "off");
    }
    // The feasibility-jump heuristic does not stop at the limit either (46 s on the same model,
    // again about 40 µs per row), nor does symmetry detection: only under 60 % of the time, so
    // that with presolve they end within 1.3 times the limit by the estimate (measured, they
    // take a fraction of it). Fjellro's 3.4 s first try, at an estimate of 1.8 s, finds its
    // rota only with the heuristic.
    if presolve_seconds > 0.6 * time_limit {
        highs_model.set_option("mip_heuristic_run_feasibility_jump", false);
        highs_model.set_option("mip_detect_symmetry", false);
    }
    highs_model.set_option("threads", 1);
    highs_model.set_option("random_seed", 1);
    highs_model.set_option("mip_rel_gap", 1e-6);
    if first_solution {
        highs_model.set_option("mip_max_improving_sols", 1);
    }
    if let Some(configure) = configure {
        configure(&mut highs_model);
    }
    if let Some(values) = initial.filter(|v| v.len() == var_count) {
        // A start that does not fit is simply not used.
        let _ = highs_model.try_set_solution(Some(values), None, None, None);
    }
    let state = CallbackState {
        control,
        started,
        stop_at_objective,
        reached_bound: AtomicBool::new(false),
        deadline: Instant::now() + std::time::Duration::from_secs_f64(time_limit),
        timed_out: AtomicBool::new(false),
    };
    // SAFETY: the model pointer is valid; `state` lives on this stack frame until the solve returns.
    unsafe {
        let pointer = highs_model.as_mut_ptr();
        highs_sys::Highs_setCallback(
            pointer,
            Some(on_highs_event),
            &state as *const CallbackState as *mut c_void,
        );
        highs_sys::Highs_startCallback(pointer, highs_sys::kHighsCallbackMipInterrupt);
        highs_sys::Highs_startCallback(pointer, highs_sys::kHighsCallbackSimplexInterrupt);
        highs_sys::Highs_startCallback(pointer, highs_sys::kHighsCallbackIpmInterrupt);
        highs_sys::Highs_startCallback(pointer, highs_sys::kHighsCallbackMipImprovingSolution);
    }
    let Ok(solved) = highs_model.try_solve() else {
        return failed(RunStatus::Error);
    };
    let status = solved.status();
    // The bindings' solution status can panic on a model HiGHS found infeasible: not asked then.
    let infeasible = matches!(
        status,
        HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible
    );
    let has_solution =
        !infeasible && solved.primal_solution_status() == HighsSolutionStatus::Feasible;
    let values = if has_solution {
        solved.get_solution().columns().to_vec()
    } else {
        Vec::new()
    };
    let objective = if has_solution {
        -solved.objective_value()
    } else {
        f64::NAN
    };
    let reached_bound = state.reached_bound.load(Ordering::Relaxed);
    // HiGHS minimises the negated objective: its dual bound, negated, bounds the objective above.
    let dual_bound = solved
        .double_info_value(c"mip_dual_bound")
        .map(|bound| -bound)
        .unwrap_or(f64::NAN);
    let bound = if reached_bound || status == HighsModelStatus::Optimal || !dual_bound.is_finite() {
        objective
    } else {
        dual_bound.max(objective)
    };
    let run_status = match status {
        HighsModelStatus::Optimal
        | HighsModelStatus::ObjectiveBound
        | HighsModelStatus::ObjectiveTarget
            if has_solution =>
        {
            RunStatus::Optimal
        }
        HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible => {
            RunStatus::Infeasible
        }
        _ if has_solution && (reached_bound || first_solution) => RunStatus::Optimal,
        _ if has_solution => RunStatus::Feasible,
        HighsModelStatus::ReachedInterrupt if state.timed_out.load(Ordering::Relaxed) => {
            RunStatus::TimeLimit
        }
        HighsModelStatus::ReachedInterrupt => RunStatus::Cancelled,
        HighsModelStatus::ReachedTimeLimit => RunStatus::TimeLimit,
        _ if control.is_cancelled() => RunStatus::Cancelled,
        _ => RunStatus::Error,
    };
    RunResult {
        status: run_status,
        objective,
        bound,
        values,
    }
}
