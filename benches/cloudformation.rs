//! `host::cloudformation::scan` on hostile and large templates, each beside an ordinary template
//! in the same run: an alias bomb must cost no more than a template of its size, and ten times
//! the resources at most eleven times the time.
//!
//! Run with `cargo bench --bench cloudformation`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use dms_rules::host::cloudformation::scan;

/// A template of `n` replication tasks, each with a literal mapping.
fn tasks(n: usize) -> String {
    let mut out = String::from("Resources:\n");
    for i in 0..n {
        out.push_str(&format!(
            "  Task{i}:\n    Type: AWS::DMS::ReplicationTask\n    Properties:\n      TableMappings: |\n        {{\"rules\": [{{\"rule-type\": \"selection\", \"rule-id\": \"{i}\", \"rule-name\": \"r{i}\",\n          \"object-locator\": {{\"schema-name\": \"%\", \"table-name\": \"%\"}}, \"rule-action\": \"include\"}}]}}\n"
        ));
    }
    out
}

/// Thirty anchors, each a list of nine aliases to the one before: 9^30 nodes if expanded.
fn alias_bomb() -> String {
    let mut text = String::from("x: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for k in 1..30 {
        let refs = vec![format!("*a{}", k - 1); 9].join(", ");
        text.push_str(&format!("x{k}: &a{k} [{refs}]\n"));
    }
    text.push_str(
        "Resources:\n  T:\n    Type: AWS::DMS::ReplicationTask\n    Properties:\n      TableMappings: *a29\n",
    );
    text
}

/// The median of `rounds` timings of scanning `text`.
fn time(text: &str, rounds: usize) -> Duration {
    let mut times: Vec<Duration> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            black_box(scan(black_box(text)).mappings.len());
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let bomb = alias_bomb();
    // An ordinary template at least as long as the bomb.
    let mut ordinary = tasks(1);
    let mut n = 1;
    while ordinary.len() < bomb.len() {
        n += 1;
        ordinary = tasks(n);
    }
    let (b, o) = (time(&bomb, 51), time(&ordinary, 51));
    println!(
        "alias bomb ({} bytes): {b:.2?}; ordinary template ({} bytes): {o:.2?}; ratio {:.2}x",
        bomb.len(),
        ordinary.len(),
        b.as_secs_f64() / o.as_secs_f64()
    );
    let (small, large) = (tasks(500), tasks(5000));
    let (s, l) = (time(&small, 11), time(&large, 11));
    println!(
        "500 tasks: {s:.2?}; 5,000 tasks: {l:.2?}; growth {:.1}x",
        l.as_secs_f64() / s.as_secs_f64()
    );
}
