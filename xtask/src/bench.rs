//! `cargo xtask bench`: figures anyone can rerun — the shopper's bundle size, then latency and
//! throughput of the release server under load — printed against the targets, never asserted
//! in tests (timings vary by machine; a ratio to a baseline measured in the same run does not,
//! much).
//!
//! Each endpoint is a [`Scenario`]: requests to rotate through and targets to check. The first
//! scenario is the baseline (`/healthz`: the cost of the HTTP stack alone). Adding an endpoint
//! is adding one entry to [`scenarios`]. Checkout under contention is a run of its own (a
//! burst, not a closed loop: see [`crate::contention`]), on SQLite and, when a server is
//! configured, on PostgreSQL.

use std::net::SocketAddr;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use clap::Args;

use crate::contention::{self, Verdict};
use crate::load::{self, Measurement, Request};
use crate::server::RunningServer;
use crate::tools::Toolbox;
use crate::{build, bundle, process};

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// How long to measure each scenario, in seconds (after a warm-up of up to 1 s).
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// Concurrent keep-alive connections.
    #[arg(long, default_value_t = 64)]
    connections: usize,
    /// Measure what was built last (target/bench/dist and target/release/fourflow) without
    /// building again.
    #[arg(long)]
    skip_build: bool,
}

/// An endpoint under load: the requests it rotates through and what it should achieve.
struct Scenario {
    name: &'static str,
    requests: Vec<Request>,
    targets: Vec<Target>,
}

enum Target {
    /// The 99th percentile latency is at most this.
    P99AtMost(Duration),
    /// Throughput is at least this share of the baseline's.
    ShareOfBaseline(f64),
}

/// The product list's queries: what shoppers do most — browse all, a category, a short CJK
/// search (洋裝, the case trigram indexes miss), a sorted second page, facet filters.
const PRODUCT_QUERIES: [&str; 5] = [
    "/api/v1/products",
    "/api/v1/products?category=apparel",
    "/api/v1/products?q=%E6%B4%8B%E8%A3%9D",
    "/api/v1/products?sort=price_asc&page=2",
    "/api/v1/products?size=M&in_stock=1",
];

/// The scenarios, baseline first; `quotes` are the cart-quote requests (see [`quote_requests`]).
fn scenarios(quotes: Vec<Request>) -> Vec<Scenario> {
    vec![
        Scenario {
            name: "/healthz",
            requests: vec![Request::get("/healthz")],
            targets: vec![],
        },
        Scenario {
            name: "/api/v1/products",
            requests: PRODUCT_QUERIES.iter().map(|p| Request::get(p)).collect(),
            targets: vec![
                Target::P99AtMost(Duration::from_millis(10)),
                Target::ShareOfBaseline(0.40),
            ],
        },
        // The server remembers the JSON of listings it has answered (until the catalog or
        // stock changes). Every request here is a query not asked before — past what it
        // remembers — so this row is the cost of computing a listing: search, filters, facet
        // counts, sort and serialisation.
        Scenario {
            name: "/api/v1/products, never the same query",
            requests: (0..4096)
                .map(|n| {
                    let base = PRODUCT_QUERIES[n % PRODUCT_QUERIES.len()];
                    let join = if base.contains('?') { '&' } else { '?' };
                    Request::get(&format!("{base}{join}price_max={}", 1_000_000 + n))
                })
                .collect(),
            targets: vec![],
        },
        // The server prices every cart itself: stock read live for the cart's SKUs, the
        // promotions, shipping and VAT through the core engine.
        Scenario {
            name: "POST /api/v1/cart/quote",
            requests: quotes,
            targets: vec![],
        },
    ]
}

/// Carts of one to three single-variant products in stock, as the running shop lists them
/// (so the bench follows the demo catalog instead of naming SKUs).
async fn quote_requests(addr: SocketAddr) -> Result<Vec<Request>> {
    let listing = Request::get("/api/v1/products?per_page=60&in_stock=1");
    let (status, body) = load::send_once(addr, &listing).await?;
    if !status.is_success() {
        bail!("{} answered {status}", listing.path);
    }
    let list: serde_json::Value =
        serde_json::from_slice(&body).context("reading the product list")?;
    let skus: Vec<&str> = list["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|p| p["quick_add"]["sku"].as_str())
                .collect()
        })
        .unwrap_or_default();
    if skus.len() < 4 {
        bail!("the demo store has too few single-variant products for the quote bench");
    }
    let methods = ["home_delivery", "store_pickup", "express"];
    Ok((0..6)
        .map(|n| {
            let lines: Vec<serde_json::Value> = skus
                .iter()
                .cycle()
                .skip(n)
                .take(1 + n % 3)
                .map(|sku| serde_json::json!({ "sku": sku, "qty": 1 }))
                .collect();
            let body = serde_json::json!({ "lines": lines, "shipping_method": methods[n % 3] });
            Request::post_json("/api/v1/cart/quote", &body)
        })
        .collect())
}

const BENCH_DIR: &str = "target/bench";
const DATABASE_URL: &str = "sqlite:target/bench/fourflow.db";
/// The PostgreSQL database the bench owns (dropped and created again on each run), on the
/// server of `FOURFLOW_BENCH_PG_URL` or else `FOURFLOW_TEST_PG_URL`.
const PG_DATABASE: &str = "fourflow_bench";

pub fn run(root: &Path, args: BenchArgs) -> Result<()> {
    if args.seconds == 0 || args.connections == 0 {
        bail!("--seconds and --connections must be at least 1");
    }
    let toolbox = Toolbox::new(root);
    // A folder of its own, as the tests' build: measuring never disturbs a shop that
    // `cargo xtask run` serves from dist/, nor a test run building meanwhile.
    let dist = root.join(build::BENCH_DIST);
    let binary = if args.skip_build {
        build::existing_server(root)?
    } else {
        crate::step("the web build's tools (installing only what is missing)");
        crate::tools::ensure_web_tools(&toolbox)?;
        build::web_app(&toolbox, &dist)?;
        crate::step("building the server (release; a first build takes several minutes)");
        build::server(&toolbox)?
    };

    crate::step("the shopper's bundle (what a phone downloads before the app starts)");
    match bundle::report(&dist) {
        Ok(_) => {}
        Err(error) if args.skip_build => println!("    not measured: {error:#}"),
        Err(error) => return Err(error),
    }

    crate::step("a fresh demo database under target/bench/");
    let dir = root.join(BENCH_DIR);
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    for file in ["fourflow.db", "fourflow.db-wal", "fourflow.db-shm"] {
        let _ = std::fs::remove_file(dir.join(file));
    }
    process::run(
        toolbox
            .command(&binary)
            .args(["seed", "--database-url", DATABASE_URL]),
    )?;

    crate::step("starting the release server on a free port");
    let server = RunningServer::start(
        &toolbox,
        &binary,
        DATABASE_URL,
        &dist,
        &dir.join("server.log"),
    )?;
    let client_threads = client_threads();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(client_threads)
        .enable_all()
        .build()?;
    let quotes = runtime.block_on(async {
        wait_ready(server.addr).await?;
        quote_requests(server.addr).await
    })?;
    let scenarios = scenarios(quotes);
    let measured = runtime.block_on(measure_all(&server, &scenarios, &args))?;

    println!(
        "\n==> results: {} s per scenario, {} keep-alive connections, load generator on {} \
         thread(s) of this machine's {} (compare rows within a run, not across machines)",
        args.seconds,
        args.connections,
        client_threads,
        cores()
    );
    print_table(&scenarios, &measured);
    print_targets(&scenarios, &measured);

    let mut broken = Vec::new();
    let sqlite = contention::run(
        &runtime,
        &toolbox,
        &binary,
        &contention::SQLITE,
        DATABASE_URL,
        server.addr,
    )?;
    if sqlite == Verdict::Broken {
        broken.push(contention::SQLITE.name);
    }
    drop(server);
    if contention_on_postgres(&runtime, &toolbox, &binary, &dist)? == Some(Verdict::Broken) {
        broken.push(contention::POSTGRES.name);
    }

    add_to_cart_in_the_browser(&toolbox, &dist)?;
    if !broken.is_empty() {
        bail!(
            "checkout contention FAILED on {}: orders, refusals or stock came out wrong (see \
             above) — an oversold shop is not a benchmark result",
            broken.join(" and ")
        );
    }
    Ok(())
}

/// The contention run on PostgreSQL, when a server is configured: a fresh `fourflow_bench`
/// database on it (dropped, then created by `fourflow seed`), served by a second release
/// server. `None` when no server is configured.
fn contention_on_postgres(
    runtime: &tokio::runtime::Runtime,
    toolbox: &Toolbox,
    binary: &Path,
    dist: &Path,
) -> Result<Option<Verdict>> {
    let Some(server_url) = ["FOURFLOW_BENCH_PG_URL", "FOURFLOW_TEST_PG_URL"]
        .into_iter()
        .find_map(|name| {
            std::env::var(name)
                .ok()
                .filter(|url| !url.trim().is_empty())
        })
    else {
        crate::step("checkout contention on PostgreSQL");
        println!("    PostgreSQL: not run (set FOURFLOW_BENCH_PG_URL or FOURFLOW_TEST_PG_URL)");
        return Ok(None);
    };
    let url = with_database(&server_url, PG_DATABASE)?;
    crate::step(&format!(
        "a fresh demo database `{PG_DATABASE}` on the PostgreSQL server, and a second release server"
    ));
    process::run(
        toolbox
            .command(binary)
            .args(["drop-database", "--database-url", &url]),
    )?;
    process::run(
        toolbox
            .command(binary)
            .args(["seed", "--database-url", &url]),
    )?;
    let log = toolbox.root().join(BENCH_DIR).join("server-postgres.log");
    let server = RunningServer::start(toolbox, binary, &url, dist, &log)?;
    runtime.block_on(wait_ready(server.addr))?;
    let verdict = contention::run(
        runtime,
        toolbox,
        binary,
        &contention::POSTGRES,
        &url,
        server.addr,
    )?;
    Ok(Some(verdict))
}

/// `postgres://user@host:5432/anything?opts` → the same server and options, database `name`.
fn with_database(url: &str, name: &str) -> Result<String> {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let Some((scheme, rest)) = base.split_once("://") else {
        bail!("{url:?} is not a postgres://… URL");
    };
    if !scheme.starts_with("postgres") {
        bail!("{url:?} is not a postgres://… URL");
    }
    let authority = rest
        .split_once('/')
        .map_or(rest, |(authority, _)| authority);
    let query = query.map(|q| format!("?{q}")).unwrap_or_default();
    Ok(format!("{scheme}://{authority}/{name}{query}"))
}

/// The click on "add to cart" to the updated badge, in headless Chromium on the release
/// storefront: the e2e suite's `bench::add_to_cart_latency`, which only prints figures.
fn add_to_cart_in_the_browser(toolbox: &Toolbox, dist: &Path) -> Result<()> {
    crate::step("add to cart in the browser: click → updated badge (Performance API, 45 clicks)");
    let chromium = crate::tools::ensure_browser(toolbox)?;
    let mut command = toolbox.cargo();
    command
        .args([
            "test",
            "-p",
            "fourflow-web",
            "--test",
            "e2e",
            "--",
            "--ignored",
            "--exact",
        ])
        .args(["bench::add_to_cart_latency", "--nocapture"])
        .env("FOURFLOW_E2E_DIST", dist)
        .env("FOURFLOW_E2E_CHROME", &chromium);
    let output = process::probe(&mut command).ok_or_else(|| {
        anyhow::anyhow!("the browser bench failed: {}", process::describe(&command))
    })?;
    let line = output
        .lines()
        .find(|l| l.starts_with("BENCH add-to-cart"))
        .ok_or_else(|| anyhow::anyhow!("the browser bench printed no figures"))?;
    let field = |name: &str| -> f64 {
        line.split_whitespace()
            .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
            .and_then(|v| v.parse().ok())
            .unwrap_or(f64::NAN)
    };
    let (p50, p95, max, requests) = (
        field("p50_ms"),
        field("p95_ms"),
        field("max_ms"),
        field("api_requests_in_between"),
    );
    println!("    samples {}, p50 {p50:.1} ms, p95 {p95:.1} ms, max {max:.1} ms, API requests between click and badge: {requests}", field("samples"));
    let verdict = |ok: bool| if ok { "PASS" } else { "MISS" };
    println!(
        "    target: p95 ≤ 50 ms → {p95:.1} ms  {}",
        verdict(p95 <= 50.0)
    );
    println!(
        "    target: no request on the critical path → {requests}  {}",
        verdict(requests == 0.0)
    );
    Ok(())
}

/// Readiness, then for each scenario: one checked request per query, a warm-up, the run.
async fn measure_all(
    server: &RunningServer,
    scenarios: &[Scenario],
    args: &BenchArgs,
) -> Result<Vec<Measurement>> {
    wait_ready(server.addr).await?;
    let duration = Duration::from_secs(args.seconds);
    let warm_up = duration.min(Duration::from_secs(1));
    let mut results = Vec::new();
    for scenario in scenarios {
        for request in &scenario.requests {
            let (status, body) = load::send_once(server.addr, request).await?;
            if !status.is_success() {
                let body = String::from_utf8_lossy(&body);
                bail!(
                    "{} {} answered {status} before the bench even started: {}",
                    request.method,
                    request.path,
                    body.chars().take(300).collect::<String>()
                );
            }
        }
        println!(
            "    {}: warming up {warm_up:?}, then measuring {duration:?}…",
            scenario.name
        );
        load::measure(server.addr, &scenario.requests, args.connections, warm_up).await;
        let measured =
            load::measure(server.addr, &scenario.requests, args.connections, duration).await;
        results.push(measured);
    }
    Ok(results)
}

/// Waits for `/readyz` (the server answers and reaches its database).
async fn wait_ready(addr: SocketAddr) -> Result<()> {
    let started = Instant::now();
    let readyz = Request::get("/readyz");
    loop {
        match load::send_once(addr, &readyz).await {
            Ok((status, _)) if status.is_success() => return Ok(()),
            _ if started.elapsed() > Duration::from_secs(30) => {
                bail!(
                    "the server at {addr} was not ready within 30 s (see target/bench/server.log)"
                )
            }
            _ => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

fn print_table(scenarios: &[Scenario], measured: &[Measurement]) {
    let baseline = measured.first().map_or(0.0, Measurement::per_second);
    let header = [
        "scenario", "requests", "req/s", "p50", "p90", "p99", "max", "errors", "vs base",
    ]
    .map(str::to_owned);
    let rows: Vec<[String; 9]> = scenarios
        .iter()
        .zip(measured)
        .map(|(scenario, m)| {
            [
                scenario.name.to_owned(),
                m.requests().to_string(),
                format!("{:.0}", m.per_second()),
                ms(m.percentile(50.0)),
                ms(m.percentile(90.0)),
                ms(m.percentile(99.0)),
                ms(m.max()),
                m.errors.to_string(),
                percent(m.per_second(), baseline),
            ]
        })
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .chain([&header])
                .map(|row| row[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in [&header].into_iter().chain(&rows) {
        let mut line = format!("    {:<w$}", row[0], w = widths[0]);
        for (cell, width) in row.iter().zip(&widths).skip(1) {
            line.push_str(&format!("  {cell:>width$}"));
        }
        println!("{line}");
    }
}

fn print_targets(scenarios: &[Scenario], measured: &[Measurement]) {
    let (Some(base_scenario), Some(base)) = (scenarios.first(), measured.first()) else {
        return;
    };
    println!("\n==> targets");
    for (scenario, m) in scenarios.iter().zip(measured) {
        for target in &scenario.targets {
            let (goal, actual, met) = match *target {
                Target::P99AtMost(limit) => (
                    format!("p99 ≤ {}", ms(limit)),
                    ms(m.percentile(99.0)),
                    m.percentile(99.0) <= limit,
                ),
                Target::ShareOfBaseline(share) => (
                    format!(
                        "≥ {:.0}% of {} throughput",
                        share * 100.0,
                        base_scenario.name
                    ),
                    percent(m.per_second(), base.per_second()),
                    m.per_second() >= share * base.per_second(),
                ),
            };
            let verdict = if met { "PASS" } else { "MISS" };
            println!("    {}: {goal} → {actual}  {verdict}", scenario.name);
        }
    }
    if measured.iter().any(|m| m.errors > 0) {
        println!("    note: some requests failed (errors column); see target/bench/server.log");
    }
}

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

fn percent(value: f64, of: f64) -> String {
    if of > 0.0 {
        format!("{:.0}%", value / of * 100.0)
    } else {
        "-".to_owned()
    }
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// The load generator shares the machine with the server: it gets half the cores (at least
/// one), so that the server, not the client, is what runs out first.
fn client_threads() -> usize {
    (cores() / 2).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_bench_database_on_the_same_server() {
        assert_eq!(
            with_database(
                "postgres://postgres@127.0.0.1:5432/postgres",
                "fourflow_bench"
            )
            .unwrap(),
            "postgres://postgres@127.0.0.1:5432/fourflow_bench"
        );
        assert_eq!(
            with_database("postgresql://u:p@db/shop?sslmode=disable", "fourflow_bench").unwrap(),
            "postgresql://u:p@db/fourflow_bench?sslmode=disable"
        );
        assert_eq!(
            with_database("postgres://db:5432", "fourflow_bench").unwrap(),
            "postgres://db:5432/fourflow_bench"
        );
        assert!(with_database("sqlite:target/bench/fourflow.db", "x").is_err());
    }
}
