//! Email that leaves the shop: what to say ([`Letter`], written from templates in the
//! customer's language, HTML with a plain-text part) and how it goes ([`Mailer`]: SMTP in
//! production, the development mailbox when no SMTP server is given).
//!
//! Emails are sent by outbox jobs, never inside a request: a slow or failing mail server costs
//! the shopper nothing, and a failed send is tried again.

mod letter;
mod mailbox;
mod smtp;
mod templates;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use fourflow_core::Locale;

pub use letter::{Day, Letter};
pub use mailbox::DevMailbox;
pub use smtp::Smtp;

/// One email, rendered and addressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    /// `四流選物 Fourflow <shop@example.tw>`.
    pub from: String,
    pub to: String,
    pub subject: String,
    pub html: String,
    pub text: String,
}

pub type Sending<'a> = Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send + 'a>>;

/// A way for email to leave the shop.
pub trait Mailer: Send + Sync {
    fn send<'a>(&'a self, email: &'a Email) -> Sending<'a>;
}

/// The shop's outgoing mail: the mailer, whom it is from, and the origin its links start with,
/// so that every link in every email is absolute and leads back to this shop.
#[derive(Clone)]
pub struct Sender {
    mailer: Arc<dyn Mailer>,
    from: Arc<str>,
    origin: Arc<str>,
}

impl Sender {
    /// `origin` is `https://shop.example.tw`, without a trailing slash.
    pub fn new(mailer: Arc<dyn Mailer>, from: &str, origin: &str) -> Sender {
        Sender {
            mailer,
            from: from.into(),
            origin: origin.trim_end_matches('/').into(),
        }
    }

    /// The absolute address of a page of the shop.
    pub fn link(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.origin)
    }

    /// Writes `letter` in `locale` and sends it to `to`.
    pub async fn send(&self, to: &str, locale: Locale, letter: &Letter) -> anyhow::Result<()> {
        let written = templates::write(letter, locale, &self.origin)?;
        let email = Email {
            from: self.from.to_string(),
            to: to.to_owned(),
            subject: written.subject,
            html: written.html,
            text: written.text,
        };
        self.mailer.send(&email).await
    }
}
