//! The detector's quality bar on the labelled fixtures, through the same scorer as `make eval`.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../examples/eval.rs"]
mod eval;

#[test]
fn detection_meets_the_quality_bar_on_the_labelled_fixtures() {
    let truth = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/generated/truth.json");
    let score = eval::evaluate(&truth, false).expect("truth.json readable");
    let ratio = |a: usize, b: usize| a as f64 / b.max(1) as f64;
    let recall = ratio(score.streams_found, score.streams);
    let precision = ratio(score.reported_true, score.reported);
    let suspicious = ratio(score.suspicious_high, score.suspicious);
    assert!(
        score.streams >= 100,
        "the fixtures label streams ({})",
        score.streams
    );
    assert!(recall >= 0.97, "stream recall {recall:.3}");
    assert!(precision >= 0.95, "stream precision {precision:.3}");
    assert!(
        suspicious >= 0.95,
        "suspicious recall at high {suspicious:.3}"
    );
    assert_eq!(score.benign_high, 0, "expected streams flagged high");
}
