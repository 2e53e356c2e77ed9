//! Email through an SMTP server (`--smtp-url`): `smtp://user:pass@host:587` (STARTTLS when
//! the server offers it; add `?tls=required` to insist), `smtps://user:pass@host:465` (TLS
//! from the start). Each email goes as `multipart/alternative`: plain text, then HTML.

use anyhow::Context;
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::{Email, Mailer, Sending};

pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
}

impl Smtp {
    pub fn from_url(url: &str) -> anyhow::Result<Smtp> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .context("reading --smtp-url (smtp://user:pass@host:587 or smtps://…)")?
            .build();
        Ok(Smtp { transport })
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
