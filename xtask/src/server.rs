//! The release server as a child process, for measuring it: started on a free port, its address
//! read from the line it prints, its logs kept in a file, and killed when dropped — on success,
//! on error and on panic alike, so that no bench leaves a server running.

use std::fs::File;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::process;
use crate::tools::Toolbox;

/// How long the server may take to print its address (it migrates the database first).
const START_TIMEOUT: Duration = Duration::from_secs(60);

pub struct RunningServer {
    child: Child,
    pub addr: SocketAddr,
    pub log: PathBuf,
}

impl RunningServer {
    /// `fourflow serve --port 0 …`, with stdout and stderr going to `log`; waits until it says
    /// where it is open.
    pub fn start(
        toolbox: &Toolbox,
        binary: &Path,
        database_url: &str,
        dist: &Path,
        log: &Path,
    ) -> Result<RunningServer> {
        let output = File::create(log).with_context(|| format!("creating {}", log.display()))?;
        let mut command = toolbox.command(binary);
        command
            .args(["serve", "--host", "127.0.0.1", "--port", "0"])
            .args(["--database-url", database_url])
            .arg("--dist-dir")
            .arg(dist)
            .stdin(Stdio::null())
            .stdout(output.try_clone()?)
            .stderr(output);
        println!(
            "$ {}  (logs: {})",
            process::describe(&command),
            log.display()
        );
        let child = command
            .spawn()
            .with_context(|| format!("could not start `{}`", process::describe(&command)))?;
        let mut server = RunningServer {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            log: log.to_path_buf(),
        };
        server.addr = server.wait_for_address()?;
        Ok(server)
    }

    /// Polls the log for "Fourflow is open at http://HOST:PORT" (Rust's stdout is line-buffered,
    /// so the line is there as soon as it is printed).
    fn wait_for_address(&mut self) -> Result<SocketAddr> {
        let started = Instant::now();
        loop {
            let text = std::fs::read_to_string(&self.log).unwrap_or_default();
            if let Some(addr) = text.lines().find_map(open_address) {
                return Ok(addr);
            }
            if let Some(status) = self.child.try_wait()? {
                bail!(
                    "the server stopped before opening ({}); its last lines:\n{}",
                    process::exit_text(status),
                    tail(&text, 15)
                );
            }
            if started.elapsed() > START_TIMEOUT {
                bail!(
                    "the server did not open within {START_TIMEOUT:?}; its last lines:\n{}",
                    tail(&text, 15)
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The address in the server's "Fourflow is open at http://127.0.0.1:PORT" line.
fn open_address(line: &str) -> Option<SocketAddr> {
    let rest = line.trim().strip_prefix("Fourflow is open at http://")?;
    rest.trim_end_matches('/').parse().ok()
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_address_from_the_open_line_only() {
        assert_eq!(
            open_address("Fourflow is open at http://127.0.0.1:40123"),
            Some(SocketAddr::from(([127, 0, 0, 1], 40123)))
        );
        assert_eq!(
            open_address(
                r#"{"level":"INFO","url":"http://127.0.0.1:1","message":"Fourflow is open"}"#
            ),
            None
        );
        assert_eq!(
            open_address("Fourflow is open at http://localhost:8080"),
            None
        );
    }
}
