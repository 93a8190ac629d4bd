//! HiGHS for the rotating models. The same plumbing as [`crate::solve::run::run_model`] (time
//! limit, cancel from another thread, one thread, fixed seed; about 50 lines duplicated) with
//! options chosen for these pure feasibility models, which `run_model` does not take: stop at
//! the first solution, and spend little on cutting planes, which a model whose objective is 0
//! does not need. It also never asks the highs bindings for the solution status of a model
//! HiGHS found infeasible (that call can panic).

use crate::solve::model::RotaModel;
use crate::solve::run::{RunResult, RunStatus, SolveControl};
use ::highs::HighsModelStatus;
use good_lp::SolverModel;
use std::os::raw::{c_char, c_int, c_void};

unsafe extern "C" fn on_highs_event(
    kind: c_int,
    _message: *const c_char,
    _data_out: *const highs_sys::HighsCallbackDataOut,
    data_in: *mut highs_sys::HighsCallbackDataIn,
    user: *mut c_void,
) {
    if user.is_null() || data_in.is_null() {
        return;
    }
    if kind as highs_sys::HighsInt == highs_sys::kHighsCallbackMipInterrupt {
        // SAFETY: `user` is the SolveControl that outlives the solve (see `run`), and HiGHS
        // passes a valid data_in during an interrupt callback.
        let control = unsafe { &*(user as *const SolveControl) };
        if control.is_cancelled() {
            unsafe { (*data_in).user_interrupt = 1 };
        }
    }
}

/// Solves `model` (objective 0) within `time_limit` seconds; stops at the first solution.
pub fn run(model: RotaModel, time_limit: f64, control: &SolveControl) -> RunResult {
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
    let mut problem = model.vars.minimise(model.objective).using(good_lp::highs);
    for constraint in model.constraints {
        problem.add_constraint(constraint);
    }
    let Ok(mut highs_model) = problem.try_into_inner() else {
        return failed(RunStatus::Error);
    };
    highs_model.make_quiet();
    if std::env::var_os("HELTID_HIGHS_LOG").is_some() {
        // For developers: HiGHS's own log on stdout.
        let _ = highs_model.try_set_option("output_flag", true);
        let _ = highs_model.try_set_option("log_to_console", true);
    }
    let _ = highs_model.try_set_option("time_limit", time_limit);
    let _ = highs_model.try_set_option("threads", 1);
    let _ = highs_model.try_set_option("random_seed", 1);
    // Any solution is optimal: stop at the first.
    let _ = highs_model.try_set_option("mip_max_improving_sols", 1);
    tune(&mut highs_model);
    // SAFETY: the model pointer is valid; `control` outlives the solve.
    unsafe {
        let pointer = highs_model.as_mut_ptr();
        highs_sys::Highs_setCallback(
            pointer,
            Some(on_highs_event),
            control as *const SolveControl as *mut c_void,
        );
        highs_sys::Highs_startCallback(pointer, highs_sys::kHighsCallbackMipInterrupt);
    }
    let Ok(solved) = highs_model.try_solve() else {
        return failed(RunStatus::Error);
    };
    let status = solved.status();
    let solution_found = matches!(
        status,
        HighsModelStatus::Optimal
            | HighsModelStatus::ReachedTimeLimit
            | HighsModelStatus::ReachedInterrupt
            | HighsModelStatus::ReachedSolutionLimit
            | HighsModelStatus::ObjectiveBound
            | HighsModelStatus::ObjectiveTarget
    ) && solved.primal_solution_status()
        == ::highs::HighsSolutionStatus::Feasible;
    let run_status = match status {
        _ if solution_found => RunStatus::Optimal,
        HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible => {
            RunStatus::Infeasible
        }
        HighsModelStatus::ReachedTimeLimit => RunStatus::TimeLimit,
        HighsModelStatus::ReachedInterrupt => RunStatus::Cancelled,
        _ if control.is_cancelled() => RunStatus::Cancelled,
        _ => RunStatus::Error,
    };
    RunResult {
        status: run_status,
        objective: if solution_found { 0.0 } else { f64::NAN },
        bound: 0.0,
        values: if solution_found {
            solved.get_solution().columns().to_vec()
        } else {
            Vec::new()
        },
    }
}

/// Options measured on Example1–50 and every 13th of the rest (200 instances): a small cut
/// pool, no separation below the root and a bit more heuristic effort halve the total time
/// against HiGHS's defaults. `HELTID_RWS_HIGHS_OPTIONS="name=value,…"` overrides them, for
/// developers trying others.
fn tune(highs_model: &mut ::highs::Model) {
    let _ = highs_model.try_set_option("mip_pool_soft_limit", 30);
    let _ = highs_model.try_set_option("mip_allow_cut_separation_at_nodes", false);
    let _ = highs_model.try_set_option("mip_heuristic_effort", 0.3);
    let Ok(spec) = std::env::var("HELTID_RWS_HIGHS_OPTIONS") else {
        return;
    };
    for item in spec.split(',').filter(|s| !s.is_empty()) {
        let Some((name, value)) = item.split_once('=') else {
            continue;
        };
        // The first type HiGHS accepts for the option.
        let _ = value
            .parse::<i32>()
            .ok()
            .and_then(|v| highs_model.try_set_option(name, v).ok())
            .or_else(|| {
                let v = value.parse::<f64>().ok()?;
                highs_model.try_set_option(name, v).ok()
            })
            .or_else(|| {
                let v = value.parse::<bool>().ok()?;
                highs_model.try_set_option(name, v).ok()
            })
            .or_else(|| highs_model.try_set_option(name, value).ok());
    }
}
