//! The development mailbox: emails kept in the shop's own database instead of sent, read at
//! `/dev/mailbox` (`--dev-mailbox`). What `cargo xtask run` uses, so that a developer follows
//! a sign-up or an order's emails without a mail server.

use crate::db::Db;
use crate::store;

use super::{Email, Mailer, Sending};

pub struct DevMailbox {
    db: Db,
    clock: crate::clock::Clock,
}

impl DevMailbox {
    pub fn new(db: Db, clock: crate::clock::Clock) -> DevMailbox {
        DevMailbox { db, clock }
    }
}

impl Mailer for DevMailbox {
    fn send<'a>(&'a self, email: &'a Email) -> Sending<'a> {
        Box::pin(async move {
            let sent_at = crate::clock::rfc3339(self.clock.now());
            store::mailbox::keep(self.db.pool(), email, &sent_at).await?;
            Ok(())
        })
    }
}
