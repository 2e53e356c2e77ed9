//! An SMTP server the tests start for themselves, on a free port of this machine, that keeps
//! every message it is handed: the shop sends its email as in production (lettre, over SMTP),
//! and a test reads what arrived — the envelope, and the message parsed as a mail client would
//! (subject decoded, the plain-text and HTML parts apart).
//!
//! It speaks what a submission client needs (EHLO/HELO, MAIL, RCPT, DATA with dot-unstuffing,
//! RSET, NOOP, QUIT) and no more: no TLS, no authentication.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// One message as it arrived.
#[derive(Debug, Clone)]
pub struct Delivered {
    /// `MAIL FROM`.
    pub sender: String,
    /// `RCPT TO`, each.
    pub recipients: Vec<String>,
    pub subject: String,
    pub from_header: String,
    pub text: String,
    pub html: String,
    /// The message as sent, headers and all.
    pub raw: String,
}

pub struct SmtpSink {
    pub port: u16,
    inbox: Arc<Mutex<Vec<Delivered>>>,
    /// How many messages to come are refused with a temporary failure (451), as a mail
    /// server that is busy or greylisting does.
    refusing: Arc<Mutex<usize>>,
    server: tokio::task::JoinHandle<()>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the SMTP sink");
        let port = listener.local_addr().unwrap().port();
        let inbox = Arc::new(Mutex::new(Vec::new()));
        let refusing = Arc::new(Mutex::new(0));
        let (kept, refuse) = (inbox.clone(), refusing.clone());
        let server = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(session(stream, kept.clone(), refuse.clone()));
            }
        });
        SmtpSink {
            port,
            inbox,
            refusing,
            server,
        }
    }

    /// The shop's `--smtp-url` for this sink.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Refuses the next `n` messages with "451 try again later".
    pub fn refuse_next(&self, n: usize) {
        *self.refusing.lock().unwrap() = n;
    }

    /// Every message received so far, in the order they arrived.
    pub fn delivered(&self) -> Vec<Delivered> {
        self.inbox.lock().unwrap().clone()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.server.abort();
    }
}

async fn session(
    stream: TcpStream,
    inbox: Arc<Mutex<Vec<Delivered>>>,
    refusing: Arc<Mutex<usize>>,
) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    let _ = write.write_all(b"220 fourflow-test-sink ESMTP\r\n").await;
    let mut sender = String::new();
    let mut recipients = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
            return;
        }
        let command = line.trim_end().to_owned();
        let verb = command
            .split([' ', ':'])
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let answer: &str = match verb.as_str() {
            "EHLO" => "250-fourflow-test-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n",
            "HELO" => "250 fourflow-test-sink\r\n",
            "MAIL" => {
                sender = address_in(&command);
                recipients.clear();
                "250 OK\r\n"
            }
            "RCPT" => {
                recipients.push(address_in(&command));
                "250 OK\r\n"
            }
            "DATA" => {
                let _ = write.write_all(b"354 end with <CRLF>.<CRLF>\r\n").await;
                let Some(raw) = read_data(&mut lines).await else {
                    return;
                };
                let mut refusing = refusing.lock().unwrap();
                if *refusing > 0 {
                    *refusing -= 1;
                    "451 busy: try again later\r\n"
                } else {
                    inbox.lock().unwrap().push(parse(&sender, &recipients, raw));
                    "250 OK: kept\r\n"
                }
            }
            "RSET" => {
                sender.clear();
                recipients.clear();
                "250 OK\r\n"
            }
            "NOOP" => "250 OK\r\n",
            "QUIT" => {
                let _ = write.write_all(b"221 bye\r\n").await;
                return;
            }
            _ => "502 not implemented\r\n",
        };
        if write.write_all(answer.as_bytes()).await.is_err() {
            return;
        }
    }
}

/// The message up to the lone `.`, with dot-stuffed lines restored.
async fn read_data(lines: &mut BufReader<tokio::net::tcp::OwnedReadHalf>) -> Option<String> {
    let mut raw = String::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        if line == ".\r\n" || line == ".\n" {
            return Some(raw);
        }
        raw.push_str(line.strip_prefix('.').unwrap_or(&line));
    }
}

/// `MAIL FROM:<a@b.tw> SIZE=…` → `a@b.tw`.
fn address_in(command: &str) -> String {
    command
        .split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map(|(address, _)| address.to_owned())
        .unwrap_or_default()
}

fn parse(sender: &str, recipients: &[String], raw: String) -> Delivered {
    let message = mail_parser::MessageParser::default()
        .parse(raw.as_bytes())
        .expect("the shop sends a message a mail client can read");
    let from_header = message
        .from()
        .and_then(|from| from.first())
        .map(|a| {
            format!(
                "{} <{}>",
                a.name().unwrap_or_default(),
                a.address().unwrap_or_default()
            )
        })
        .unwrap_or_default();
    Delivered {
        sender: sender.to_owned(),
        recipients: recipients.to_vec(),
        subject: message.subject().unwrap_or_default().to_owned(),
        from_header,
        text: message
            .body_text(0)
            .map(|t| t.into_owned())
            .unwrap_or_default(),
        html: message
            .body_html(0)
            .map(|h| h.into_owned())
            .unwrap_or_default(),
        raw,
    }
}
