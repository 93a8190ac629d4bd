//! Solver speed on the bundled examples (ideal mode): `cargo bench --bench solve`.
//! Recorded numbers live in bench/RESULTS.md.

use criterion::{Criterion, criterion_group, criterion_main};
use heltid::io::load_scenario;
use heltid::solve::{SolveControl, SolveOptions, solve};
use std::path::Path;
use std::time::Duration;

fn bench_examples(c: &mut Criterion) {
    let mut group = c.benchmark_group("solve_ideal");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    for name in ["solsiden", "solsiden_langvakt"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("examples/{name}.ron"));
        let Ok(scenario) = load_scenario(&path) else {
            panic!("{} does not load", path.display());
        };
        group.bench_function(name, |b| {
            b.iter(|| {
                let report = solve(
                    &scenario,
                    &SolveOptions::default(),
                    &SolveControl::default(),
                );
                assert!(report.status.has_proposal());
                report.lines.len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_examples);
criterion_main!(benches);
