//! Accounts over HTTP: sign-up, sign-in, sign-out, email verification, password reset, and
//! the signed-in shopper's profile. The session travels in the `fourflow_session` cookie
//! (see `session.rs`); every call here that changes something needs `X-Fourflow-Csrf: 1`
//! (see `csrf.rs`). What each answer may reveal is written in `services/accounts.rs`.

use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use fourflow_core::account::{
    Accepted, EmailVerified, PasswordReset, PasswordResetRequest, Profile, ProfileUpdate, SignIn,
    SignUp, SignedIn, VerifyEmail,
};
use fourflow_core::ErrorBody;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::ApiJson;
use crate::error::ApiResult;
use crate::services::accounts;
use crate::session::{cookie_token, ClientIp, Shopper};
use crate::startup::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sign_up))
        .routes(routes!(sign_in))
        .routes(routes!(sign_out))
        .routes(routes!(verify_email))
        .routes(routes!(request_reset))
        .routes(routes!(reset_password))
        .routes(routes!(me, update_me))
}

/// Creates an account and mails a verification link. Always 202 with the same body, whether
/// or not the email already had an account (that one is mailed a reminder instead).
#[utoipa::path(post, path = "/auth/signup", tag = "accounts",
    request_body = SignUp,
    responses(
        (status = 202, body = Accepted),
        (status = 400, description = "`field` names the bad input", body = ErrorBody),
        (status = 403, description = "No `X-Fourflow-Csrf: 1`, or a foreign `Origin`", body = ErrorBody),
    ))]
async fn sign_up(
    State(state): State<AppState>,
    ApiJson(form): ApiJson<SignUp>,
) -> ApiResult<(StatusCode, Json<Accepted>)> {
    let accepted = accounts::sign_up(&state, &form).await?;
    Ok((StatusCode::ACCEPTED, Json(accepted)))
}

/// Signs in: sets a new session cookie (ending the request's old session) and answers the
/// profile with the browser's `cart` merged into the saved one. Wrong email or password: one
/// 401 for both. Too many failures for the account or the address: 429 with `Retry-After`.
#[utoipa::path(post, path = "/auth/login", tag = "accounts",
    request_body = SignIn,
    responses(
        (status = 200, body = SignedIn, headers(("Set-Cookie" = String))),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 429, body = ErrorBody, headers(("Retry-After" = u32))),
    ))]
async fn sign_in(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    ApiJson(form): ApiJson<SignIn>,
) -> ApiResult<impl IntoResponse> {
    let old = cookie_token(&headers);
    let session = accounts::sign_in(&state, &form, &ip, old.as_deref()).await?;
    let cookie = state.accounts.session_cookie(&session.token);
    Ok(([(SET_COOKIE, cookie)], Json(session.signed_in)))
}

/// Signs out: ends the session and clears the cookie. 204 even without a session.
#[utoipa::path(post, path = "/auth/logout", tag = "accounts",
    responses((status = 204, headers(("Set-Cookie" = String))), (status = 403, body = ErrorBody)))]
async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> ApiResult<impl IntoResponse> {
    accounts::sign_out(&state, cookie_token(&headers).as_deref()).await?;
    Ok((
        StatusCode::NO_CONTENT,
        [(SET_COOKIE, state.accounts.cleared_cookie())],
    ))
}

/// Proves the email with the token from the sign-up email; guest orders placed with that
/// email become the account's. A used, expired or unknown token: 400 on `token`.
#[utoipa::path(post, path = "/auth/verify-email", tag = "accounts",
    request_body = VerifyEmail,
    responses((status = 200, body = EmailVerified), (status = 400, body = ErrorBody)))]
async fn verify_email(
    State(state): State<AppState>,
    ApiJson(form): ApiJson<VerifyEmail>,
) -> ApiResult<Json<EmailVerified>> {
    let claimed_orders = accounts::verify_email(&state, &form).await?;
    Ok(Json(EmailVerified {
        email_verified: true,
        claimed_orders,
    }))
}

/// Mails a password-reset link if the email has an account. Always 202 with the same body.
#[utoipa::path(post, path = "/auth/password-reset", tag = "accounts",
    request_body = PasswordResetRequest,
    responses((status = 202, body = Accepted), (status = 400, body = ErrorBody)))]
async fn request_reset(
    State(state): State<AppState>,
    ApiJson(form): ApiJson<PasswordResetRequest>,
) -> ApiResult<(StatusCode, Json<Accepted>)> {
    let accepted = accounts::request_reset(&state, &form).await?;
    Ok((StatusCode::ACCEPTED, Json(accepted)))
}

/// Sets a new password with the mailed token (once, within the hour) and signs the account
/// out everywhere. A used, expired or unknown token: 400 on `token`.
#[utoipa::path(post, path = "/auth/password-reset/confirm", tag = "accounts",
    request_body = PasswordReset,
    responses((status = 200, body = Accepted), (status = 400, body = ErrorBody)))]
async fn reset_password(
    State(state): State<AppState>,
    ApiJson(form): ApiJson<PasswordReset>,
) -> ApiResult<Json<Accepted>> {
    accounts::reset_password(&state, &form).await.map(Json)
}

/// The signed-in shopper; 401 without a session.
#[utoipa::path(get, path = "/me", tag = "accounts",
    responses((status = 200, body = Profile), (status = 401, body = ErrorBody)))]
async fn me(State(state): State<AppState>, shopper: Shopper) -> ApiResult<Json<Profile>> {
    accounts::profile(&state, shopper.customer_id)
        .await
        .map(Json)
}

/// Changes the profile's given fields.
#[utoipa::path(patch, path = "/me", tag = "accounts",
    request_body = ProfileUpdate,
    responses((status = 200, body = Profile), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
async fn update_me(
    State(state): State<AppState>,
    shopper: Shopper,
    ApiJson(update): ApiJson<ProfileUpdate>,
) -> ApiResult<Json<Profile>> {
    accounts::update_profile(&state, shopper.customer_id, &update)
        .await
        .map(Json)
}
