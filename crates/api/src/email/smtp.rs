//! Email through an SMTP server (`--smtp-url`): `smtps://user:pass@host:465` (TLS from the
//! start) or `smtp://user:pass@host:587` (STARTTLS, required: a server elsewhere never gets
//! the password in the clear; only a relay on this machine, `smtp://127.0.0.1:25`, is spoken
//! to in plain text, as is an explicit `?tls=opportunistic`). Each email goes as
//! `multipart/alternative`: plain text, then HTML.

use anyhow::Context;
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::{Email, Mailer, Sending};

pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
}

impl Smtp {
    pub fn from_url(url: &str) -> anyhow::Result<Smtp> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&secured(url))
            .context("reading --smtp-url (smtp://user:pass@host:587 or smtps://…)")?
            .build();
        Ok(Smtp { transport })
    }
}

/// `url`, with STARTTLS required where it would otherwise be plain text to another machine.
fn secured(url: &str) -> String {
    let Some(rest) = url.strip_prefix("smtp://") else {
        return url.to_owned();
    };
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host_port.split(':').next().unwrap_or_default(),
    };
    let local = matches!(host, "localhost" | "127.0.0.1" | "::1");
    if local || url.contains("tls=") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&tls=required")
    } else {
        format!("{url}?tls=required")
    }
}

impl Mailer for Smtp {
    fn send<'a>(&'a self, email: &'a Email) -> Sending<'a> {
        Box::pin(async move {
            let from: Mailbox = email.from.parse().context("the sender's address")?;
            let to: Mailbox = email.to.parse().context("the recipient's address")?;
            let message = Message::builder()
                .from(from)
                .to(to)
                .subject(&email.subject)
                .multipart(MultiPart::alternative_plain_html(
                    email.text.clone(),
                    email.html.clone(),
                ))
                .context("building the email")?;
            self.transport
                .send(message)
                .await
                .context("handing the email to the SMTP server")?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::secured;

    #[test]
    fn only_this_machine_is_spoken_to_in_plain_text() {
        assert_eq!(
            secured("smtp://shop:pw@smtp.example.tw:587"),
            "smtp://shop:pw@smtp.example.tw:587?tls=required"
        );
        assert_eq!(
            secured("smtp://smtp.example.tw?hello=x"),
            "smtp://smtp.example.tw?hello=x&tls=required"
        );
        for kept in [
            "smtp://127.0.0.1:2525",
            "smtp://user:pw@localhost:25",
            "smtp://[::1]:25",
            "smtp://relay.lan:25?tls=opportunistic",
            "smtps://shop:pw@smtp.example.tw:465",
        ] {
            assert_eq!(secured(kept), kept);
        }
    }
}
