//! Structured logs: JSON lines with the request id on every line of a request's span.

use tracing_subscriber::{fmt, prelude::*, EnvFilter};

/// `RUST_LOG` chooses what is logged (default: info for Fourflow, warn for the rest);
/// `FOURFLOW_LOG_FORMAT=pretty` gives human-readable lines instead of JSON.
pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("warn,fourflow_api=info,fourflow=info,tower_http=info"));
    let pretty = std::env::var("FOURFLOW_LOG_FORMAT").is_ok_and(|f| f == "pretty");
    let registry = tracing_subscriber::registry().with(filter);
    let result = if pretty {
        registry.with(fmt::layer()).try_init()
    } else {
        registry
            .with(
                fmt::layer()
                    .json()
                    .flatten_event(true)
                    .with_current_span(true),
            )
            .try_init()
    };
    // A second initialisation (tests starting several servers) keeps the first subscriber.
    drop(result);
}
