//! The load generator: N workers, each holding one keep-alive HTTP/1.1 connection, sending
//! requests back to back (closed loop) until a deadline, timing each one from send to the last
//! byte of the body. Its own code rather than wrk or oha so that `cargo xtask bench` needs
//! nothing installed, and so that a scenario can be any request (a POST with a body, a header)
//! written next to the others in Rust.
//!
//! It sends no `Accept-Encoding`: the server's compression of API responses is not what is
//! being measured, its request handling is.
//!
//! Beside the closed loop, a [`burst`]: every request at the same moment, each on a new
//! connection, as when a crowd presses "place order" at once.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::SendRequest;
use hyper::{Method, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

/// One request of a scenario; a scenario rotates through several.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: Method,
    pub path: String,
    /// Content type and body, for POSTs.
    pub body: Option<(&'static str, Bytes)>,
    /// Further headers (an `Idempotency-Key`, say).
    pub headers: Vec<(&'static str, String)>,
}

impl Request {
    pub fn get(path: &str) -> Request {
        Request {
            method: Method::GET,
            path: path.to_owned(),
            body: None,
            headers: Vec::new(),
        }
    }

    pub fn post_json(path: &str, body: &serde_json::Value) -> Request {
        Request {
            method: Method::POST,
            path: path.to_owned(),
            body: Some(("application/json", Bytes::from(body.to_string()))),
            headers: Vec::new(),
        }
    }

    /// The same request with one more header.
    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Request {
        self.headers.push((name, value.into()));
        self
    }

    fn to_hyper(&self, addr: SocketAddr) -> hyper::Request<Full<Bytes>> {
        let mut builder = hyper::Request::builder()
            .method(self.method.clone())
            .uri(self.path.as_str())
            .header(hyper::header::HOST, addr.to_string())
            .header(hyper::header::USER_AGENT, "fourflow-xtask-bench");
        for (name, value) in &self.headers {
            builder = builder.header(*name, value.as_str());
        }
        let request = match &self.body {
            Some((content_type, body)) => builder
                .header(hyper::header::CONTENT_TYPE, *content_type)
                .body(Full::new(body.clone())),
            None => builder.body(Full::new(Bytes::new())),
        };
        request.expect("a scenario's request is well-formed")
    }
}

/// What one run of a scenario saw.
#[derive(Debug, Default)]
pub struct Measurement {
    /// Latency of every answered request, in microseconds, sorted.
    latencies_us: Vec<u64>,
    /// Non-2xx answers plus failed connections and requests.
    pub errors: u64,
    pub elapsed: Duration,
}

impl Measurement {
    /// Requests that got an answer (any status).
    pub fn requests(&self) -> u64 {
        self.latencies_us.len() as u64
    }

    pub fn per_second(&self) -> f64 {
        self.requests() as f64 / self.elapsed.as_secs_f64().max(f64::EPSILON)
    }

    /// The exact `p`-th percentile (nearest rank) of the recorded latencies.
    pub fn percentile(&self, p: f64) -> Duration {
        Duration::from_micros(nearest_rank(&self.latencies_us, p))
    }

    pub fn max(&self) -> Duration {
        Duration::from_micros(self.latencies_us.last().copied().unwrap_or(0))
    }
}

/// Nearest-rank percentile of sorted samples: the smallest sample with at least `p`% of the
/// samples at or below it. No interpolation, so the figure is a latency that really happened.
fn nearest_rank(sorted: &[u64], p: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = (p / 100.0 * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Runs `requests` (rotating) over `connections` connections to `addr` for `duration`.
pub async fn measure(
    addr: SocketAddr,
    requests: &[Request],
    connections: usize,
    duration: Duration,
) -> Measurement {
    let requests: Arc<[Request]> = requests.into();
    let started = Instant::now();
    let deadline = started + duration;
    let workers: Vec<_> = (0..connections)
        .map(|worker| tokio::spawn(work(addr, requests.clone(), worker, deadline)))
        .collect();
    let mut total = Measurement::default();
    for worker in workers {
        match worker.await {
            Ok(tally) => {
                total.latencies_us.extend(tally.latencies_us);
                total.errors += tally.errors;
            }
            Err(_) => total.errors += 1,
        }
    }
    total.elapsed = started.elapsed();
    total.latencies_us.sort_unstable();
    total
}

/// What a [`burst`] saw.
#[derive(Debug)]
pub struct Burst {
    /// One per request, in the order the requests were given.
    pub answers: Vec<Answer>,
    /// From the first connection attempt to the last answer (or failure).
    pub wall: Duration,
}

/// One request of a burst: its answer (or why there was none) and when.
#[derive(Debug)]
pub struct Answer {
    /// Status and body, or the connection or protocol error that prevented an answer.
    pub outcome: Result<(StatusCode, Bytes), String>,
    /// From the connection attempt to the last byte of the answer.
    pub latency: Duration,
    /// When it ended, counted from the burst's first connection attempt.
    pub ended_at: Duration,
}

/// Sends every request at the same moment, each on a connection of its own opened for it
/// (no pooling: a crowd of shoppers, not one client), and waits for all the answers. Each is
/// timed from its connection attempt to the last byte of the body. The caller's runtime needs
/// a file descriptor per request; a thousand is well within the usual limits.
pub async fn burst(addr: SocketAddr, requests: &[Request]) -> Burst {
    // Every task is spawned and waiting before any connects, so that they start together.
    let gate = Arc::new(tokio::sync::Barrier::new(requests.len() + 1));
    let tasks: Vec<_> = requests
        .iter()
        .map(|request| {
            let request = request.to_hyper(addr);
            let gate = gate.clone();
            tokio::spawn(async move {
                gate.wait().await;
                let started = Instant::now();
                let outcome = match connect(addr).await {
                    Ok(mut sender) => send(&mut sender, request).await,
                    Err(error) => Err(error),
                };
                (
                    started,
                    Instant::now(),
                    outcome.map_err(|e| format!("{e:#}")),
                )
            })
        })
        .collect();
    gate.wait().await;
    let released = Instant::now();
    let mut ends = Vec::with_capacity(tasks.len());
    for task in tasks {
        ends.push(match task.await {
            Ok(end) => end,
            Err(error) => (
                released,
                Instant::now(),
                Err(format!("the task failed: {error}")),
            ),
        });
    }
    let first = ends
        .iter()
        .map(|(started, ..)| *started)
        .min()
        .unwrap_or(released);
    let last = ends
        .iter()
        .map(|(_, ended, _)| *ended)
        .max()
        .unwrap_or(first);
    Burst {
        answers: ends
            .into_iter()
            .map(|(started, ended, outcome)| Answer {
                outcome,
                latency: ended - started,
                ended_at: ended.saturating_duration_since(first),
            })
            .collect(),
        wall: last - first,
    }
}

/// The exact `p`-th percentile (nearest rank) of some latencies, in any order.
pub fn percentile_of(latencies: &[Duration], p: f64) -> Duration {
    let mut micros: Vec<u64> = latencies.iter().map(|d| d.as_micros() as u64).collect();
    micros.sort_unstable();
    Duration::from_micros(nearest_rank(&micros, p))
}

/// Sends one request on a fresh connection: for readiness checks and for checking a scenario
/// before timing it. Returns the status and the body.
pub async fn send_once(addr: SocketAddr, request: &Request) -> Result<(StatusCode, Bytes)> {
    let mut sender = connect(addr).await?;
    send(&mut sender, request.to_hyper(addr)).await
}

#[derive(Default)]
struct Tally {
    latencies_us: Vec<u64>,
    errors: u64,
}

/// One worker: one connection, reopened after an I/O error; starts at its own place in the
/// rotation so that the mix of requests in flight is even from the first moment.
async fn work(
    addr: SocketAddr,
    requests: Arc<[Request]>,
    worker: usize,
    deadline: Instant,
) -> Tally {
    let mut tally = Tally::default();
    let mut connection: Option<SendRequest<Full<Bytes>>> = None;
    let mut next = worker;
    while Instant::now() < deadline {
        let sender = match connection.as_mut() {
            Some(sender) => sender,
            None => match connect(addr).await {
                Ok(sender) => connection.insert(sender),
                Err(_) => {
                    tally.errors += 1;
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
        };
        let request = requests[next % requests.len()].to_hyper(addr);
        next += 1;
        let sent = Instant::now();
        match send(sender, request).await {
            Ok((status, _body)) => {
                tally.latencies_us.push(sent.elapsed().as_micros() as u64);
                if !status.is_success() {
                    tally.errors += 1;
                }
            }
            Err(_) => {
                tally.errors += 1;
                connection = None;
            }
        }
    }
    tally
}

async fn connect(addr: SocketAddr) -> Result<SendRequest<Full<Bytes>>> {
    let stream = TcpStream::connect(addr)
        .await
        .with_context(|| format!("connecting to {addr}"))?;
    // Requests are small and answered at once: no Nagle delay on either side of the timing.
    stream.set_nodelay(true)?;
    let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(async move {
        // Ends when the sender is dropped or the server closes; errors surface on the sender.
        let _ = connection.await;
    });
    Ok(sender)
}

async fn send(
    sender: &mut SendRequest<Full<Bytes>>,
    request: hyper::Request<Full<Bytes>>,
) -> Result<(StatusCode, Bytes)> {
    sender.ready().await?;
    let response = sender.send_request(request).await?;
    let status = response.status();
    // Read the whole body: the latency is to the last byte, and keep-alive needs it drained.
    let body = response.into_body().collect().await?.to_bytes();
    Ok((status, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_samples_by_nearest_rank() {
        let samples: Vec<u64> = (1..=100).collect();
        assert_eq!(nearest_rank(&samples, 50.0), 50);
        assert_eq!(nearest_rank(&samples, 90.0), 90);
        assert_eq!(nearest_rank(&samples, 99.0), 99);
        assert_eq!(nearest_rank(&samples, 100.0), 100);
        assert_eq!(nearest_rank(&samples, 0.0), 1);
        assert_eq!(nearest_rank(&[7], 99.0), 7);
        assert_eq!(nearest_rank(&[], 99.0), 0);
        // 10 samples: p99 is the largest, p50 the 5th.
        let ten: Vec<u64> = (1..=10).map(|i| i * 10).collect();
        assert_eq!(nearest_rank(&ten, 99.0), 100);
        assert_eq!(nearest_rank(&ten, 50.0), 50);
    }

    /// A tiny keep-alive server answering 200 to /ok and 404 to anything else, to check that
    /// the generator counts answers, errors and connections as it should.
    #[tokio::test]
    async fn counts_answers_and_non_2xx_as_errors() {
        use hyper::server::conn::http1;
        use hyper::service::service_fn;

        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            loop {
                let (stream, _) = listener.accept().await.unwrap();
                tokio::spawn(async move {
                    let service =
                        service_fn(|req: hyper::Request<hyper::body::Incoming>| async move {
                            let status = if req.uri().path() == "/ok" { 200 } else { 404 };
                            let response = hyper::Response::builder()
                                .status(status)
                                .body(Full::new(Bytes::from_static(b"hello")))
                                .unwrap();
                            Ok::<_, std::convert::Infallible>(response)
                        });
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });

        let requests = [Request::get("/ok"), Request::get("/missing")];
        let measured = measure(addr, &requests, 4, Duration::from_millis(200)).await;
        assert!(measured.requests() > 10, "{measured:?}");
        let half = measured.requests() / 2;
        assert!(measured.errors.abs_diff(half) <= 4, "{measured:?}");
        assert!(measured.percentile(50.0) <= measured.max());

        let (status, body) = send_once(addr, &requests[0]).await.unwrap();
        assert_eq!((status.as_u16(), &body[..]), (200, &b"hello"[..]));
    }

    /// A burst: every request answered on its own connection, in the order given, with its
    /// headers sent; the wall time covers them all.
    #[tokio::test]
    async fn a_burst_answers_each_request_on_its_own_connection() {
        use hyper::server::conn::http1;
        use hyper::service::service_fn;
        use std::sync::atomic::{AtomicUsize, Ordering};

        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let connections = Arc::new(AtomicUsize::new(0));
        let accepted = connections.clone();
        tokio::spawn(async move {
            loop {
                let (stream, _) = listener.accept().await.unwrap();
                accepted.fetch_add(1, Ordering::Relaxed);
                tokio::spawn(async move {
                    let service =
                        service_fn(|req: hyper::Request<hyper::body::Incoming>| async move {
                            let key = req
                                .headers()
                                .get("idempotency-key")
                                .map(|v| v.as_bytes().to_vec())
                                .unwrap_or_default();
                            let status = if key.is_empty() { 400 } else { 201 };
                            let response = hyper::Response::builder()
                                .status(status)
                                .body(Full::new(Bytes::from(key)))
                                .unwrap();
                            Ok::<_, std::convert::Infallible>(response)
                        });
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });

        let mut requests: Vec<Request> = (0..50)
            .map(|n| {
                Request::post_json("/orders", &serde_json::json!({ "n": n }))
                    .with_header("idempotency-key", format!("key-{n}"))
            })
            .collect();
        requests.push(Request::get("/no-key"));
        let burst = burst(addr, &requests).await;
        assert_eq!(burst.answers.len(), 51);
        for (n, answer) in burst.answers.iter().take(50).enumerate() {
            let (status, body) = answer.outcome.as_ref().unwrap();
            assert_eq!(
                (status.as_u16(), &body[..]),
                (201, format!("key-{n}").as_bytes())
            );
            assert!(answer.latency <= burst.wall && answer.ended_at <= burst.wall);
        }
        let (status, _) = burst.answers[50].outcome.as_ref().unwrap();
        assert_eq!(status.as_u16(), 400);
        assert_eq!(connections.load(Ordering::Relaxed), 51);
        let latencies: Vec<Duration> = burst.answers.iter().map(|a| a.latency).collect();
        assert!(percentile_of(&latencies, 50.0) <= percentile_of(&latencies, 99.0));
    }
}
