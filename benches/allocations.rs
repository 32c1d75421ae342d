//! Allocations and bytes a rule for `check`, `lint` and `serde_json::Value`, at each size.
//!
//! Run with `cargo bench --bench allocations`. The global allocator is the system's, counted;
//! each phase runs once per size after one warm-up run, and the counts are divided by the rule
//! count. Counts do not depend on the machine's load. When they are the same at every size,
//! the work a rule is the same, and what a larger document costs above 10x in time comes from
//! where the memory lies (caches, pages given back to the system and taken again), not from
//! more work (see `benches/README.md`, "Where `check`'s growth above 10x comes from").

use std::hint::black_box;

use dms_rules::Options;
use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};

mod support;

use support::generate::{document, Dialect};

#[global_allocator]
static GLOBAL: &StatsAlloc<std::alloc::System> = &INSTRUMENTED_SYSTEM;

/// What one run of a phase allocated.
struct Counts {
    allocations: usize,
    reallocations: usize,
    /// Bytes asked for, by allocations and by the growth of reallocations.
    allocated: usize,
    /// Bytes still allocated when the phase's result is in hand: what it keeps.
    kept: usize,
}

/// Counts one run of `f`; its result is dropped after the count.
fn count<T>(f: impl FnOnce() -> T) -> Counts {
    let region = Region::new(GLOBAL);
    let result = black_box(f());
    let change = region.change();
    drop(result);
    Counts {
        allocations: change.allocations,
        reallocations: change.reallocations,
        allocated: change.bytes_allocated,
        kept: change
            .bytes_allocated
            .saturating_sub(change.bytes_deallocated),
    }
}

fn main() {
    let options = Options::default();
    println!(
        "| dialect | rules | phase | allocations a rule | reallocations a rule | bytes allocated a rule | bytes kept a rule |"
    );
    println!("|---|---:|---|---:|---:|---:|---:|");
    for (name, dialect) in [
        ("table mapping", Dialect::TableMapping),
        ("schema conversion", Dialect::SchemaConversion),
    ] {
        for rules in [100, 1_000, 10_000, 100_000] {
            let text = document(dialect, rules);
            let phases: [(&str, &dyn Fn() -> Counts); 3] = [
                ("serde_json", &|| {
                    count(|| serde_json::from_str::<serde_json::Value>(&text))
                }),
                ("check", &|| count(|| dms_rules::check(&text, &options))),
                ("lint", &|| count(|| dms_rules::lint(&text, &options))),
            ];
            for (phase, run) in phases {
                // The first run sets up what is set up once; the second is counted.
                run();
                let counts = run();
                let per = |n: usize| n as f64 / rules as f64;
                println!(
                    "| {name} | {rules} | {phase} | {:.2} | {:.2} | {:.0} | {:.0} |",
                    per(counts.allocations),
                    per(counts.reallocations),
                    per(counts.allocated),
                    per(counts.kept),
                );
            }
        }
    }
}
