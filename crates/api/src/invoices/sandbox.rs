//! The sandbox invoice issuer: the e-invoice platform in miniature, for development, demos and
//! tests. It numbers each two-month period's invoices on a track of its own (two letters,
//! then eight digits from 00000001), keeps what it issued in the shop's database
//! (`store::sandbox_invoices`, so every replica sees the same issuer) and, like the platform,
//! refuses a void once the invoice's period has closed or after an allowance, an allowance on
//! a voided invoice or beyond its amount.

use fourflow_core::invoice::InvoicePeriod;
use fourflow_core::Money;

use super::{Call, InvoiceIssuer, IssueRequest, Issued, IssuerError};
use crate::db::Db;
use crate::store::sandbox_invoices::{self as books, Entry};

pub struct SandboxIssuer {
    db: Db,
}

impl SandboxIssuer {
    pub fn new(db: Db) -> SandboxIssuer {
        SandboxIssuer { db }
    }
}

/// The two letters of a period's track: a different pair each period, as the platform hands
/// them out.
fn track(period: InvoicePeriod) -> String {
    let n = (i64::from(period.year) * 6 + i64::from(period.period) - 1).rem_euclid(26 * 26);
    let letter = |i: i64| char::from(b'A' + u8::try_from(i).unwrap_or(0));
    format!("{}{}", letter(n / 26), letter(n % 26))
}

/// The invoice the books hold under `number`; a refusal when they hold none.
async fn issued(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    number: &str,
) -> Result<Entry, IssuerError> {
    books::by_number(tx, number)
        .await?
        .ok_or_else(|| refused(format!("no invoice {number}")))
}

fn refused(message: impl Into<String>) -> IssuerError {
    IssuerError::Refused(message.into())
}

impl InvoiceIssuer for SandboxIssuer {
    fn name(&self) -> &'static str {
        "sandbox"
    }

    fn issue<'a>(&'a self, request: &'a IssueRequest<'a>) -> Call<'a, Issued> {
        Box::pin(async move {
            if request.amount.amount <= 0 {
                return Err(refused("an invoice is for more than nothing"));
            }
            let mut tx = self.db.begin_write().await?;
            if let Some(entry) = books::by_order(&mut tx, request.order_number).await? {
                let period = InvoicePeriod::from_key(&entry.period)
                    .ok_or_else(|| refused(format!("period {} unreadable", entry.period)))?;
                return Ok(Issued {
                    number: entry.number,
                    period,
                    amount: Money {
                        amount: entry.amount,
                        ..request.amount
                    },
                });
            }
            let period = InvoicePeriod::at(request.at);
            let key = period.key();
            let (letters, n) = books::take_number(&mut tx, &key, &track(period)).await?;
            let entry = Entry {
                number: format!("{letters}{n:08}"),
                order_number: request.order_number.to_owned(),
                period: key,
                amount: request.amount.amount,
                voided_at: None,
                allowance: 0,
            };
            books::insert(&mut tx, &entry, request.at).await?;
            tx.commit().await?;
            Ok(Issued {
                number: entry.number,
                period,
                amount: request.amount,
            })
        })
    }

    fn void<'a>(&'a self, number: &'a str, at: i64) -> Call<'a, ()> {
        Box::pin(async move {
            let mut tx = self.db.begin_write().await?;
            let entry = issued(&mut tx, number).await?;
            if entry.voided_at.is_some() {
                return Ok(()); // voided already: the same answer
            }
            if entry.allowance > 0 {
                return Err(refused(format!(
                    "{number} has an allowance: it cannot be voided"
                )));
            }
            if entry.period != InvoicePeriod::at(at).key() {
                return Err(refused(format!(
                    "{number}'s period {} has closed: give an allowance instead",
                    entry.period
                )));
            }
            books::void(&mut tx, number, at).await?;
            tx.commit().await?;
            Ok(())
        })
    }

    fn allow<'a>(&'a self, number: &'a str, total: Money, _at: i64) -> Call<'a, ()> {
        Box::pin(async move {
            let mut tx = self.db.begin_write().await?;
            let entry = issued(&mut tx, number).await?;
            if entry.voided_at.is_some() {
                return Err(refused(format!("{number} is void: nothing to allow")));
            }
            if total.amount > entry.amount {
                return Err(refused(format!(
                    "{number} is for {}: no allowance can come to {}",
                    entry.amount, total.amount
                )));
            }
            if total.amount <= entry.allowance {
                return Ok(()); // allowed that far already
            }
            books::set_allowance(&mut tx, number, total.amount).await?;
            tx.commit().await?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_period_has_its_own_track() {
        let nov = InvoicePeriod::of(2026, 11);
        let jan = InvoicePeriod::of(2027, 1);
        assert_ne!(track(nov), track(jan));
        assert_eq!(track(nov).len(), 2);
        assert!(track(nov).bytes().all(|b| b.is_ascii_uppercase()));
    }
}
