//! Accounts: sign-up, email verification, sign-in (rate-limited, cart merged), sign-out,
//! profile, password reset, and the emails these send through the outbox.
//!
//! No answer tells whether an email has an account:
//! - sign-up always answers 202 "check your email". A new address gets a verification link;
//!   an address that already has an account gets a "you already have an account" email with
//!   a sign-in and a reset link instead. Both paths hash the password, so they take as long.
//! - a failed sign-in is one 401 for an unknown email and a wrong password alike; an unknown
//!   email's password is checked against a decoy hash (same time) and its failures count
//!   towards the same per-account limit (same 429).
//! - a reset request always answers 202; only an existing account is mailed.
//!
//! Sign-in may happen before the email is verified: the account's own data is the shopper's
//! either way. What a verified email unlocks is someone else's data, i.e. guest orders placed
//! with that email (claimed on verification). A reset link also proves the mailbox, so a
//! reset verifies the email too — and signs out every session, which also undoes an account
//! pre-registered by someone else with the shopper's email.

use fourflow_core::account::{
    normalize_email, Accepted, PasswordReset, PasswordResetRequest, Profile, ProfileUpdate, SignIn,
    SignUp, SignedIn, VerifyEmail,
};
use fourflow_core::cart::{merge, CartLine};
use fourflow_core::FieldError;

use crate::clock::rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::jobs::{self, Job};
use crate::session::{new_token, token_hash, SESSION_SECONDS};
use crate::startup::AppState;
use crate::store::accounts::{self as store, TokenKind};
use crate::store::address_book;

/// Sign-in failures allowed per account, and per client address, within [`WINDOW`].
pub const ACCOUNT_LIMIT: i64 = 5;
pub const IP_LIMIT: i64 = 20;
/// Reset emails sent per account within [`WINDOW`] (beyond it, requests are quietly dropped).
const RESET_LIMIT: i64 = 3;
pub const WINDOW: i64 = 15 * 60;
const VERIFY_SECONDS: i64 = 48 * 3600;
const RESET_SECONDS: i64 = 3600;

const CHECK_EMAIL: &str =
    "check your email: we have sent you a message with what to do next / 請至信箱收信";

pub async fn sign_up(state: &AppState, form: &SignUp) -> ApiResult<Accepted> {
    form.check()?;
    let email = normalize_email(&form.email);
    let hash = state.accounts.hasher.hash(&form.password).await?;
    let now = state.clock.now();
    let mut tx = state.db.begin_write().await?;
    match store::insert_customer(
        &mut tx,
        &email,
        &hash,
        form.name.trim(),
        crate::language::customer(),
        &rfc3339(now),
    )
    .await?
    {
        Some(id) => {
            let token = new_token();
            let expires = now + VERIFY_SECONDS;
            store::insert_token(
                &mut tx,
                TokenKind::EmailVerification,
                &token_hash(&token),
                id,
                expires,
            )
            .await?;
            let job = Job::VerifyEmail {
                to: email.clone(),
                token,
            };
            jobs::enqueue(&mut tx, &job, now).await?;
        }
        None => {
            let job = Job::AccountExistsEmail { to: email.clone() };
            jobs::enqueue(&mut tx, &job, now).await?;
        }
    }
    tx.commit().await?;
    Ok(Accepted {
        message: CHECK_EMAIL.into(),
    })
}

/// Proves the email; gives the account every guest order placed with it. Returns how many.
pub async fn verify_email(state: &AppState, form: &VerifyEmail) -> ApiResult<u64> {
    form.check()?;
    let now = state.clock.now();
    let mut tx = state.db.begin_write().await?;
    let id = store::use_token(
        &mut tx,
        TokenKind::EmailVerification,
        &token_hash(&form.token),
        now,
    )
    .await?
    .ok_or_else(spent)?;
    let claimed = prove_email(&mut tx, id, now).await?;
    tx.commit().await?;
    Ok(claimed)
}

async fn prove_email(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
    now: i64,
) -> ApiResult<u64> {
    store::mark_verified(tx, id, &rfc3339(now)).await?;
    let customer = store::customer_by_id(&mut **tx, id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("customer {id} vanished"))?;
    Ok(store::claim_orders_by_email(tx, id, &customer.email).await?)
}

fn spent() -> ApiError {
    FieldError::new(
        "token",
        "this link has expired or was already used: ask for a new one",
    )
    .into()
}

/// A new session: the shopper, the merged cart, and the session token for the cookie.
pub struct Session {
    pub signed_in: SignedIn,
    pub token: String,
}

/// Signs in: refused while the account or the client address has too many recent failures;
/// on success the request's old session (if any) is ended and a new one begins.
pub async fn sign_in(
    state: &AppState,
    form: &SignIn,
    ip: &str,
    old_session: Option<&str>,
) -> ApiResult<Session> {
    form.check()?;
    let email = normalize_email(&form.email);
    let now = state.clock.now();
    let since = now - WINDOW;
    let pool = state.db.pool();
    let account_key = format!("account:{email}");
    let ip_key = format!("ip:{ip}");
    // The attempt is counted before the password is checked, and the count read after: a
    // burst of guesses sent side by side cannot all slip under the limit before any of them
    // is on record. Refused ones, and a right password, are then forgotten again.
    let mut recorded = Vec::with_capacity(2);
    for (key, limit) in [(&account_key, ACCOUNT_LIMIT), (&ip_key, IP_LIMIT)] {
        recorded.push(store::record_attempt(pool, key, now, since).await?);
        let (count, oldest) = store::attempts(pool, key, since).await?;
        if count > limit {
            for id in recorded {
                store::forget_attempt(pool, id).await?;
            }
            let retry_after = oldest.map_or(WINDOW, |t| t + WINDOW - now);
            return Err(ApiError::TooManyRequests { retry_after });
        }
    }
    let customer = store::customer_by_email(pool, &email).await?;
    // An unknown email is checked against a decoy hash: the same time, the same answer.
    let stored = customer.as_ref().map(|c| c.password_hash.as_str());
    let matches = state.accounts.hasher.verify(&form.password, stored).await?;
    let Some(customer) = customer.filter(|_| matches) else {
        return Err(ApiError::Unauthorised(
            "the email or the password is not right",
        ));
    };
    store::clear_attempts(pool, &account_key).await?;
    store::forget_attempt(pool, recorded[1]).await?;

    let saved = saved_lines(state, customer.id).await?;
    let cart = match &form.cart {
        Some(local) => merge(local, &saved),
        None => saved.clone(),
    };
    if cart != saved {
        let json = serde_json::to_string(&cart).map_err(anyhow::Error::from)?;
        address_book::save_cart(pool, customer.id, &json, &rfc3339(now)).await?;
    }

    let token = new_token();
    let mut tx = state.db.begin_write().await?;
    if let Some(old) = old_session {
        store::delete_session(&mut *tx, &token_hash(old)).await?;
    }
    if let Some(locale) = crate::language::preferred() {
        store::set_locale(&mut tx, customer.id, locale).await?;
    }
    let now_text = rfc3339(now);
    store::insert_session(
        &mut tx,
        &token_hash(&token),
        customer.id,
        now,
        &now_text,
        now + SESSION_SECONDS,
    )
    .await?;
    tx.commit().await?;
    Ok(Session {
        signed_in: SignedIn {
            profile: profile_of(customer),
            cart,
        },
        token,
    })
}

pub async fn sign_out(state: &AppState, token: Option<&str>) -> ApiResult<()> {
    if let Some(token) = token {
        store::delete_session(state.db.pool(), &token_hash(token)).await?;
    }
    Ok(())
}

pub async fn profile(state: &AppState, customer_id: i64) -> ApiResult<Profile> {
    store::customer_by_id(state.db.pool(), customer_id)
        .await?
        .map(profile_of)
        .ok_or(ApiError::Unauthorised("sign in first"))
}

pub async fn update_profile(
    state: &AppState,
    customer_id: i64,
    update: &ProfileUpdate,
) -> ApiResult<Profile> {
    update.check()?;
    if let Some(name) = &update.name {
        let now = rfc3339(state.clock.now());
        store::set_name(state.db.pool(), customer_id, name.trim(), &now).await?;
    }
    profile(state, customer_id).await
}

pub async fn request_reset(state: &AppState, form: &PasswordResetRequest) -> ApiResult<Accepted> {
    form.check()?;
    let email = normalize_email(&form.email);
    let now = state.clock.now();
    let pool = state.db.pool();
    let key = format!("reset:{email}");
    let (sent, _) = store::attempts(pool, &key, now - WINDOW).await?;
    if sent < RESET_LIMIT {
        if let Some(customer) = store::customer_by_email(pool, &email).await? {
            store::record_attempt(pool, &key, now, now - WINDOW).await?;
            let token = new_token();
            let mut tx = state.db.begin_write().await?;
            store::insert_token(
                &mut tx,
                TokenKind::PasswordReset,
                &token_hash(&token),
                customer.id,
                now + RESET_SECONDS,
            )
            .await?;
            let job = Job::PasswordResetEmail {
                to: email.clone(),
                token,
            };
            jobs::enqueue(&mut tx, &job, now).await?;
            tx.commit().await?;
        }
    }
    Ok(Accepted {
        message: CHECK_EMAIL.into(),
    })
}

/// Sets the new password, spends the link, proves the email, and ends every session.
pub async fn reset_password(state: &AppState, form: &PasswordReset) -> ApiResult<Accepted> {
    form.check()?;
    let hash = state.accounts.hasher.hash(&form.password).await?;
    let now = state.clock.now();
    let mut tx = state.db.begin_write().await?;
    let id = store::use_token(
        &mut tx,
        TokenKind::PasswordReset,
        &token_hash(&form.token),
        now,
    )
    .await?
    .ok_or_else(spent)?;
    store::set_password(&mut tx, id, &hash, &rfc3339(now)).await?;
    store::delete_sessions_of(&mut tx, id).await?;
    prove_email(&mut tx, id, now).await?;
    let customer = store::customer_by_id(&mut *tx, id).await?;
    tx.commit().await?;
    if let Some(c) = customer {
        // A shopper locked out by failures (maybe someone else's) gets back in with the reset.
        store::clear_attempts(state.db.pool(), &format!("account:{}", c.email)).await?;
    }
    Ok(Accepted {
        message: "your password has been changed: sign in with it / 密碼已更新，請重新登入".into(),
    })
}

pub(crate) async fn saved_lines(state: &AppState, customer_id: i64) -> ApiResult<Vec<CartLine>> {
    match address_book::saved_cart(state.db.pool(), customer_id).await? {
        // A saved cart that no longer parses (a SKU format change) is dropped, not fatal.
        Some(json) => Ok(serde_json::from_str(&json).unwrap_or_default()),
        None => Ok(Vec::new()),
    }
}

fn profile_of(c: store::CustomerRow) -> Profile {
    Profile {
        email: c.email,
        name: c.name,
        email_verified: c.email_verified_at.is_some(),
        role: c.role,
        created_at: c.created_at,
        // A choice that no longer reads (a rule changed) is not offered, not an error.
        invoice: c.invoice.and_then(|json| serde_json::from_str(&json).ok()),
    }
}
