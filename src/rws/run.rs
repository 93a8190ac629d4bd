//! HiGHS for the rotating models: [`crate::solve::run::run_with`] as a pure feasibility run (stop
//! at the first solution), with options measured on the RWS benchmark.

use crate::solve::model::RotaModel;
use crate::solve::run::{RunOptions, RunResult, SolveControl, run_with};
use std::time::Instant;

/// Solves `model` (objective 0) within `time_limit` seconds; stops at the first solution.
pub fn run(model: RotaModel, time_limit: f64, control: &SolveControl) -> RunResult {
    let options = RunOptions {
        first_solution: true,
        configure: Some(tune),
        ..RunOptions::default()
    };
    let mut result = run_with(model, time_limit, &options, control, Instant::now());
    // Any solution of a model without an objective is as good as another.
    result.objective = if result.values.is_empty() {
        f64::NAN
    } else {
        0.0
    };
    result.bound = 0.0;
    result
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
