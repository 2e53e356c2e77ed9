//! Checkout under contention, part of `cargo xtask bench`: a thousand shoppers press "place
//! order" at the same moment for a product with a hundred units left. The shop must place
//! exactly a hundred orders and refuse the other nine hundred cleanly (`out_of_stock`), with no
//! server error and nothing left over or oversold — only then are its checkouts per second and
//! latency a result. A run that breaks those rules is printed as a FAIL and fails the bench.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use tokio::runtime::Runtime;

use crate::load::{self, Answer, Burst, Request};
use crate::process;
use crate::tools::Toolbox;

/// Shoppers checking out at once.
const SHOPPERS: usize = 1_000;
/// Units in stock when they do.
const STOCK: usize = 100;

/// A database engine under the contention run, with its throughput target on this machine.
pub struct Engine {
    pub name: &'static str,
    /// Checkouts answered per second (placed or refused) the shop should at least reach.
    pub target_per_second: f64,
}

pub const SQLITE: Engine = Engine {
    name: "SQLite",
    target_per_second: 200.0,
};

pub const POSTGRES: Engine = Engine {
    name: "PostgreSQL",
    target_per_second: 400.0,
};

/// Whether the shop kept its promises under the burst; the figures are printed either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Held,
    Broken,
}

/// Sets a SKU of the shop at `addr` (served from `database_url`) to [`STOCK`] units with
/// `fourflow set-stock`, sends [`SHOPPERS`] checkouts of one unit at once, then checks and
/// prints what happened.
pub fn run(
    runtime: &Runtime,
    toolbox: &Toolbox,
    binary: &Path,
    engine: &Engine,
    database_url: &str,
    addr: SocketAddr,
) -> Result<Verdict> {
    crate::step(&format!(
        "checkout contention on {}: {SHOPPERS} checkouts at the same moment, {STOCK} units in stock",
        engine.name
    ));
    let sku = runtime.block_on(pick_sku(addr))?;
    process::run(toolbox.command(binary).args([
        "set-stock",
        "--database-url",
        database_url,
        "--sku",
        &sku,
        "--on-hand",
        &STOCK.to_string(),
    ]))?;
    runtime.block_on(wait_for_stock(addr, &sku, STOCK))?;

    let requests = checkouts(&sku);
    println!("    {SHOPPERS} × POST /api/v1/orders for 1 × {sku}, each on its own connection, all at once…");
    let burst = runtime.block_on(load::burst(addr, &requests));
    let left = runtime.block_on(available(addr, &sku))?;
    Ok(report(engine, &Tally::of(&burst), left))
}

/// A single-variant product of the running shop (the first the listing offers), so that the
/// bench follows the demo catalog instead of naming a SKU.
async fn pick_sku(addr: SocketAddr) -> Result<String> {
    let listing = Request::get("/api/v1/products?per_page=60");
    let list = get_json(addr, &listing).await?;
    list["items"]
        .as_array()
        .into_iter()
        .flatten()
        .find_map(|p| p["quick_add"]["sku"].as_str())
        .map(str::to_owned)
        .context("the shop lists no single-variant product to check out")
}

/// Waits until the shop answers `units` available for `sku` (`set-stock` wrote it; the read is
/// live, so this is at once unless something is wrong).
async fn wait_for_stock(addr: SocketAddr, sku: &str, units: usize) -> Result<()> {
    let started = Instant::now();
    loop {
        let now = available(addr, sku).await?;
        if now == units {
            return Ok(());
        }
        if started.elapsed() > Duration::from_secs(5) {
            bail!("after set-stock, {sku} still shows {now} available instead of {units}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// `available` of `GET /api/v1/variants?sku=…`.
async fn available(addr: SocketAddr, sku: &str) -> Result<usize> {
    let variants = get_json(addr, &Request::get(&format!("/api/v1/variants?sku={sku}"))).await?;
    variants["items"][0]["available"]
        .as_u64()
        .and_then(|n| usize::try_from(n).ok())
        .with_context(|| format!("/api/v1/variants has no `available` for {sku}: {variants}"))
}

async fn get_json(addr: SocketAddr, request: &Request) -> Result<serde_json::Value> {
    let (status, body) = load::send_once(addr, request).await?;
    if !status.is_success() {
        bail!(
            "{} answered {status}: {}",
            request.path,
            String::from_utf8_lossy(&body)
        );
    }
    serde_json::from_slice(&body).with_context(|| format!("reading the answer of {}", request.path))
}

/// One order per shopper: one unit, card payment, home delivery, each with its own
/// idempotency key (unique to this run, so that nothing is a replay).
fn checkouts(sku: &str) -> Vec<Request> {
    let body = serde_json::json!({
        "lines": [{ "sku": sku, "qty": 1 }],
        "shipping_method": "home_delivery",
        "payment_method": "card",
        "contact": { "name": "林小美", "email": "mei@example.tw", "phone": "0912345678" },
        "delivery": {
            "type": "address", "postal_code": "106", "city": "台北市", "district": "大安區",
            "line": "復興南路一段 1 號"
        }
    });
    let run = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    (0..SHOPPERS)
        .map(|n| {
            Request::post_json("/api/v1/orders", &body)
                .with_header("idempotency-key", format!("bench-contention-{run}-{n:04}"))
        })
        .collect()
}

/// The burst, sorted into what the rules expect and everything else.
struct Tally<'a> {
    placed: Vec<&'a Answer>,
    refused: Vec<&'a Answer>,
    /// Any other answer or failure, grouped as "422 coupon_used_up", "500 internal", "no
    /// answer: …", with a count and the first message seen.
    other: BTreeMap<String, (usize, String)>,
    wall: Duration,
}

impl<'a> Tally<'a> {
    fn of(burst: &'a Burst) -> Tally<'a> {
        let mut tally = Tally {
            placed: Vec::new(),
            refused: Vec::new(),
            other: BTreeMap::new(),
            wall: burst.wall,
        };
        for answer in &burst.answers {
            let (kind, message) = match &answer.outcome {
                Ok((status, _)) if status.as_u16() == 201 => {
                    tally.placed.push(answer);
                    continue;
                }
                Ok((status, body)) => {
                    let json: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
                    let code = json["error"]["code"].as_str().unwrap_or("-");
                    if status.as_u16() == 422 && code == "out_of_stock" {
                        tally.refused.push(answer);
                        continue;
                    }
                    let message = json["error"]["message"]
                        .as_str()
                        .map(str::to_owned)
                        .unwrap_or_else(|| String::from_utf8_lossy(body).into_owned());
                    (format!("{} {code}", status.as_u16()), message)
                }
                Err(error) => ("no answer".to_owned(), error.clone()),
            };
            let entry = tally.other.entry(kind).or_insert((0, message));
            entry.0 += 1;
        }
        tally
    }

    fn others(&self) -> usize {
        self.other.values().map(|(count, _)| count).sum()
    }
}

/// Prints the counts against the rules, then the figures against the target.
fn report(engine: &Engine, tally: &Tally, left: usize) -> Verdict {
    let (placed, refused, others) = (tally.placed.len(), tally.refused.len(), tally.others());
    let oversold = placed.saturating_sub(STOCK);
    let row = |label: &str, actual: usize, expected: usize| {
        let check = if actual == expected { "ok" } else { "WRONG" };
        println!("    {label:<27} {actual:>5}   expected {expected:>4}  {check}");
    };
    row("placed (201)", placed, STOCK);
    row("refused (422 out_of_stock)", refused, SHOPPERS - STOCK);
    row("anything else", others, 0);
    for (kind, (count, message)) in &tally.other {
        let message: String = message.chars().take(160).collect();
        println!("        {count} × {kind}: {message}");
    }
    row("oversold", oversold, 0);
    row("stock left (available)", left, 0);

    let wall = tally.wall.as_secs_f64().max(f64::EPSILON);
    let answered = placed + refused;
    let per_second = answered as f64 / wall;
    let last_placed = tally.placed.iter().map(|a| a.ended_at).max();
    println!(
        "    wall time (first connection → last answer): {:.0} ms",
        wall * 1000.0
    );
    println!("    checkouts/s (placed + refused answers per second of wall time): {per_second:.0}");
    if let Some(last) = last_placed {
        println!(
            "    orders placed/s (201s per second, first connection → last 201 at {:.0} ms): {:.0}",
            last.as_secs_f64() * 1000.0,
            placed as f64 / last.as_secs_f64().max(f64::EPSILON)
        );
    }
    let all: Vec<Duration> = tally
        .placed
        .iter()
        .chain(&tally.refused)
        .map(|a| a.latency)
        .collect();
    let latency = |answers: &[&Answer]| {
        let latencies: Vec<Duration> = answers.iter().map(|a| a.latency).collect();
        format!(
            "p50 {}, p99 {}",
            ms(load::percentile_of(&latencies, 50.0)),
            ms(load::percentile_of(&latencies, 99.0))
        )
    };
    println!(
        "    latency, connection → last byte: all p50 {}, p99 {}; placed {}; refused {}",
        ms(load::percentile_of(&all, 50.0)),
        ms(load::percentile_of(&all, 99.0)),
        latency(&tally.placed),
        latency(&tally.refused)
    );

    let held = placed == STOCK && refused == SHOPPERS - STOCK && others == 0 && left == 0;
    if held {
        let verdict = if per_second >= engine.target_per_second {
            "PASS"
        } else {
            "MISS"
        };
        println!(
            "    target: ≥ {:.0} checkouts/s on {} → {per_second:.0}/s  {verdict}",
            engine.target_per_second, engine.name
        );
        Verdict::Held
    } else {
        println!("    !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
        println!(
            "    !!! FAIL on {}: the shop must place exactly {STOCK} orders, refuse {} with \
             out_of_stock, answer nothing else and end with 0 available — the figures above \
             are not a result",
            engine.name,
            SHOPPERS - STOCK
        );
        println!("    !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
        Verdict::Broken
    }
}

fn ms(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}
