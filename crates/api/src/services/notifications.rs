//! What the shop writes to its customers, and in which language: each email's letter, its
//! absolute links, and its recipient's language (the order's, or the account's). Run by the
//! outbox's email jobs (`jobs::Job`), after the change that called for them has committed.

use fourflow_core::checkout::Delivery;
use fourflow_core::delivery::{collect_by, taipei, Date};
use fourflow_core::pricing::ShippingMethod;
use fourflow_core::returns::RETURN_WINDOW_SECONDS;
use fourflow_core::{Locale, Money};
use serde::{Deserialize, Serialize};

use crate::email::{Day, Letter};
use crate::startup::AppState;
use crate::store;

/// What happened to an order that its shopper hears about, each at the step the order page
/// shows: the parcel leaves, waits at its store, arrives; a return is asked for; money goes
/// back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OrderUpdate {
    Shipped,
    /// On the pickup store's shelf since `at` (Unix seconds).
    ArrivedAtStore {
        at: i64,
    },
    /// Delivered or collected at `at` (Unix seconds).
    Delivered {
        at: i64,
    },
    ReturnRequested,
    Refunded {
        amount: Money,
    },
    /// The e-invoice is issued: its number, period and how it is kept.
    InvoiceIssued,
}

pub async fn order_placed(
    state: &AppState,
    number: &str,
    to: &str,
    token: &str,
) -> anyhow::Result<()> {
    let Some((_, locale)) = store::orders::recipient(state.db.pool(), number).await? else {
        return Ok(()); // the order is gone: nothing to say
    };
    let letter = Letter::OrderPlaced {
        number: number.to_owned(),
        order_link: state.email.link(&format!("/orders/{number}?token={token}")),
    };
    state.email.send(to, locale, &letter).await
}

pub async fn payment_received(state: &AppState, number: &str) -> anyhow::Result<()> {
    let Some((to, locale)) = store::orders::recipient(state.db.pool(), number).await? else {
        return Ok(());
    };
    let letter = Letter::PaymentReceived {
        number: number.to_owned(),
        order_link: state.email.link(&format!("/orders/{number}")),
    };
    state.email.send(&to, locale, &letter).await
}

pub async fn order_update(
    state: &AppState,
    number: &str,
    update: &OrderUpdate,
) -> anyhow::Result<()> {
    let Some((to, locale)) = store::orders::recipient(state.db.pool(), number).await? else {
        return Ok(());
    };
    let number_owned = number.to_owned();
    let order_link = state.email.link(&format!("/orders/{number}"));
    let letter = match update {
        OrderUpdate::Shipped => shipped(state, number, order_link).await?,
        OrderUpdate::ArrivedAtStore { at } => {
            let (store, address) = pickup_store(state, number).await?;
            Letter::ArrivedAtStore {
                number: number_owned,
                order_link,
                store,
                address,
                collect_by: collect_by(*at).into(),
            }
        }
        OrderUpdate::Delivered { at } => Letter::Delivered {
            number: number_owned,
            order_link,
            return_by: taipei(at + RETURN_WINDOW_SECONDS).0.into(),
        },
        OrderUpdate::ReturnRequested => Letter::ReturnRequested {
            number: number_owned,
            order_link,
        },
        OrderUpdate::Refunded { amount } => Letter::Refunded {
            number: number_owned,
            order_link,
            amount: amount.format(locale),
        },
        OrderUpdate::InvoiceIssued => invoice_issued(state, number, order_link, locale).await?,
    };
    state.email.send(&to, locale, &letter).await
}

/// The invoice as issued: its number and period, what it is for, and how it is kept.
async fn invoice_issued(
    state: &AppState,
    number: &str,
    order_link: String,
    locale: Locale,
) -> anyhow::Result<Letter> {
    let (order, _) = store::orders::by_number(state.db.pool(), number)
        .await?
        .ok_or_else(|| anyhow::anyhow!("order {number} vanished"))?;
    let invoice = crate::services::invoices::view(state, order.id).await?;
    let row = store::invoices::of_order(state.db.pool(), order.id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("order {number} has no invoice"))?;
    let amount = Money::new(
        row.amount,
        fourflow_core::Currency::parse(&row.currency).unwrap_or(fourflow_core::Currency::Twd),
    );
    Ok(Letter::InvoiceIssued {
        number: number.to_owned(),
        order_link,
        invoice_number: row.number,
        period: invoice.period.unwrap_or_default(),
        amount: amount.format(locale),
        choice: invoice.choice,
    })
}

/// The parcel's carrier, tracking number and arrival estimate, as stored at hand-over.
async fn shipped(state: &AppState, number: &str, order_link: String) -> anyhow::Result<Letter> {
    let (order, _) = store::orders::by_number(state.db.pool(), number)
        .await?
        .ok_or_else(|| anyhow::anyhow!("order {number} vanished"))?;
    let shipment = store::fulfilment::by_order(state.db.pool(), order.id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("order {number} has no shipment"))?;
    let day = |text: Option<&str>| -> anyhow::Result<Day> {
        text.and_then(Date::parse)
            .map(Day::from)
            .ok_or_else(|| anyhow::anyhow!("order {number}: no arrival estimate"))
    };
    Ok(Letter::Shipped {
        number: number.to_owned(),
        order_link,
        carrier: shipment.carrier.clone().unwrap_or_default(),
        tracking_number: shipment.tracking_number.clone().unwrap_or_default(),
        earliest: day(shipment.estimated_earliest.as_deref())?,
        latest: day(shipment.estimated_latest.as_deref())?,
        to_store: order.shipping_method == ShippingMethod::StorePickup.as_str(),
    })
}

/// The store an order is collected at: its chain and name, and its address.
async fn pickup_store(state: &AppState, number: &str) -> anyhow::Result<(String, String)> {
    let (order, _) = store::orders::by_number(state.db.pool(), number)
        .await?
        .ok_or_else(|| anyhow::anyhow!("order {number} vanished"))?;
    let Delivery::Store {
        chain,
        store_id,
        store_name,
    } = serde_json::from_str(&order.delivery)?
    else {
        anyhow::bail!("order {number} is not collected at a store");
    };
    let address = crate::fulfilment::stores::find(&store_id)
        .map(|s| s.address.clone())
        .unwrap_or_default();
    Ok((format!("{chain} {store_name}"), address))
}

pub async fn verify_email(state: &AppState, to: &str, token: &str) -> anyhow::Result<()> {
    let letter = Letter::VerifyEmail {
        verify_link: state.email.link(&format!("/account/verify?token={token}")),
    };
    state
        .email
        .send(to, account_locale(state, to).await?, &letter)
        .await
}

pub async fn password_reset(state: &AppState, to: &str, token: &str) -> anyhow::Result<()> {
    let letter = Letter::PasswordReset {
        reset_link: state.email.link(&format!("/account/reset?token={token}")),
    };
    state
        .email
        .send(to, account_locale(state, to).await?, &letter)
        .await
}

pub async fn account_exists(state: &AppState, to: &str) -> anyhow::Result<()> {
    let letter = Letter::AccountExists {
        sign_in_link: state.email.link("/account/login"),
        reset_link: state.email.link("/account/forgot"),
    };
    state
        .email
        .send(to, account_locale(state, to).await?, &letter)
        .await
}

/// The language the account at `email` was last used in; the shop's own for no account.
async fn account_locale(state: &AppState, email: &str) -> anyhow::Result<Locale> {
    Ok(store::accounts::customer_by_email(state.db.pool(), email)
        .await?
        .map(|c| c.locale())
        .unwrap_or_default())
}
