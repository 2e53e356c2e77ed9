//! Payments: starting one for an order, providers' webhooks, and the sandbox provider's own
//! pages (3-D Secure challenge, e-wallet, transfer simulation) where a tester plays the bank.

use super::extract::{ApiPath, ApiQuery};
use axum::extract::{Form, Request, State};
use axum::http::header::{CONTENT_TYPE, LOCATION};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use axum::Router;
use fourflow_core::checkout::PaymentMethod;
use fourflow_core::payment::{PaymentStatus, PaymentView, StartPayment};
use fourflow_core::{ErrorBody, FieldError};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract;
use crate::error::{ApiError, ApiResult};
use crate::payments::sandbox::WALLETS;
use crate::payments::webhook;
use crate::services::payments;
use crate::startup::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(start))
        .routes(routes!(receive))
}

/// The sandbox provider's pages, outside the API.
pub fn sandbox_pages() -> Router<AppState> {
    Router::new().route(
        "/payments/sandbox/{id}",
        get(sandbox_page).post(sandbox_answer),
    )
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct Access {
    /// The order's access token.
    token: Option<String>,
}

/// Starts paying for an order. Card numbers go to the provider and are never stored (only the
/// last four digits are kept). Send a fresh `Idempotency-Key`: a repeat replays the answer.
#[utoipa::path(post, path = "/orders/{number}/payments", tag = "payments",
    request_body = StartPayment,
    params(("number" = String, Path), Access, ("Idempotency-Key" = String, Header)),
    responses(
        (status = 201, body = PaymentView),
        (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Not waiting for a payment, or the key reused", body = ErrorBody),
    ))]
async fn start(
    State(state): State<AppState>,
    ApiPath(number): ApiPath<String>,
    ApiQuery(access): ApiQuery<Access>,
    request: Request,
) -> ApiResult<impl IntoResponse> {
    let token = access.token.ok_or(ApiError::not_found("order"))?;
    let key = super::orders::idempotency_key(request.headers())?;
    let (payment, body) = extract::read::<StartPayment>(request).await?;
    let (status, response) =
        payments::start(&state, &number, &token, &key, &body, &payment).await?;
    Ok((
        StatusCode::from_u16(status).unwrap_or(StatusCode::OK),
        [(CONTENT_TYPE, "application/json")],
        response,
    ))
}

/// A provider's webhook: `Fourflow-Signature: t=…,v1=…` (HMAC-SHA256 over `t.body`). Forged →
/// 401, older than five minutes → 400, an event seen before → 200 with no second effect.
#[utoipa::path(post, path = "/payments/webhooks/{provider}", tag = "payments",
    params(("provider" = String, Path)),
    responses(
        (status = 200, description = "Applied, or seen before"),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
    ))]
async fn receive(
    State(state): State<AppState>,
    ApiPath(provider): ApiPath<String>,
    request: Request,
) -> ApiResult<StatusCode> {
    let signature = signature(request.headers());
    let body = axum::body::to_bytes(request.into_body(), 64 * 1024)
        .await
        .map_err(|_| ApiError::BadRequest("the webhook body is too large".into()))?;
    payments::receive_webhook(&state, &provider, signature.as_deref(), &body).await?;
    Ok(StatusCode::OK)
}

fn signature(headers: &HeaderMap) -> Option<String> {
    headers
        .get(webhook::HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

async fn sandbox_page(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Html<String>> {
    let payment = payments::view(&state, &id).await?;
    let waiting = payment.status == PaymentStatus::RequiresAction;
    let amount = payment.amount.format(fourflow_core::Locale::ZhTw);
    let wallet = payments::method(&state, &id).await? == PaymentMethod::EWallet;
    let buttons = match (waiting, wallet) {
        // As a gateway's wallet page: the shopper picks the wallet that pays.
        (true, true) => {
            let pay: String = WALLETS
                .iter()
                .map(|w| {
                    format!(
                        r#"<button name="wallet" value="{w}" class="ok wallet">{w} 付款 Pay</button>"#
                    )
                })
                .collect();
            format!(
                r#"<form method="post"><input type="hidden" name="outcome" value="approve">{pay}</form>
                   <form method="post"><button name="outcome" value="reject" class="no">取消付款 Cancel</button></form>"#
            )
        }
        (true, false) => r#"<form method="post"><button name="outcome" value="approve" class="ok">核准 Approve</button>
           <button name="outcome" value="reject" class="no">拒絕 Reject</button></form>"#
            .to_owned(),
        (false, _) => "<p>這筆付款已處理。This payment has been handled.</p>".to_owned(),
    };
    Ok(Html(format!(
        r#"<!doctype html><html lang="zh-TW"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Sandbox · {id}</title>
<style>body{{font-family:system-ui,"Noto Sans TC",sans-serif;background:#eef1f5;margin:0;display:grid;place-items:center;min-height:100vh}}
main{{background:#fff;padding:28px;border-radius:14px;box-shadow:0 4px 24px #0002;max-width:360px;width:90%}}
h1{{font-size:1.1rem;margin:0 0 4px}}p{{color:#555}}strong{{font-size:1.6rem;display:block;margin:12px 0}}
button{{font:inherit;padding:12px 18px;border-radius:10px;border:0;margin:6px 6px 0 0;cursor:pointer}}
.wallet{{display:block;width:100%;margin:8px 0 0}}
.ok{{background:#1f4d3a;color:#fff}}.no{{background:#eee}}</style></head>
<body><main><h1>Fourflow Sandbox 測試付款</h1><p>付款編號 {id}</p><strong>{amount}</strong>
<p>這是測試環境的付款頁：請選擇結果。This is the sandbox: choose the outcome.</p>{buttons}</main></body></html>"#
    )))
}

#[derive(Debug, Deserialize)]
struct Answer {
    outcome: String,
    /// The wallet that paid, on the wallet page.
    wallet: Option<String>,
}

async fn sandbox_answer(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    Form(answer): Form<Answer>,
) -> ApiResult<impl IntoResponse> {
    let approve = match answer.outcome.as_str() {
        "approve" => true,
        "reject" => false,
        _ => return Err(FieldError::new("outcome", "must be approve or reject").into()),
    };
    if answer
        .wallet
        .as_deref()
        .is_some_and(|w| !WALLETS.contains(&w))
    {
        return Err(
            FieldError::new("wallet", format!("must be one of {}", WALLETS.join(", "))).into(),
        );
    }
    let back = payments::sandbox_outcome(&state, &id, approve).await?;
    Ok((StatusCode::SEE_OTHER, [(LOCATION, back)]))
}
