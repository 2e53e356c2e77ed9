//! The suite's own helpers, held to what the tests lean on: a helper that waits for something
//! fails when it never comes, instead of letting the test go on as if it had.

use crate::support::{at, TestApp, NOW};

#[tokio::test]
#[should_panic(expected = "still due")]
async fn moving_the_clock_fails_while_the_outbox_cannot_empty() {
    let app = TestApp::spawn().await;
    // A job another replica took and holds for an hour: due, and never run here.
    app.sql(&format!(
        "INSERT INTO outbox (kind, payload, run_at, locked_until) \
         VALUES ('email', '{{}}', {NOW}, {})",
        NOW + 3600
    ))
    .await;
    at(&app, NOW + 1).await;
}
