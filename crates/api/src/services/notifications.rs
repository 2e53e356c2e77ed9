//! What the shop writes to its customers, and in which language: each email's letter, its
//! absolute links, and its recipient's language (the order's, or the account's). Run by the
//! outbox's email jobs (`jobs::Job`), after the change that called for them has committed.

use fourflow_core::Locale;

use crate::email::Letter;
use crate::startup::AppState;
use crate::store;

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
