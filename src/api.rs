//! The transport: every call to the Fourflow API goes through here, and comes back typed —
//! the response body, or an [`ApiError`] that says what went wrong.

use fourflow_core::account::{
    Accepted, Address, AddressInput, EmailVerified, OrderList as MyOrders, PasswordReset,
    PasswordResetRequest, Profile, ProfileUpdate, SavedCart, SignIn, SignUp, SignedIn, VerifyEmail,
};
use fourflow_core::catalog::{
    encode_pairs, CategoryTree, ProductDetail, ProductList, ProductQuery, Recommendations,
    Suggestions,
};
use fourflow_core::checkout::PlaceOrder;
use fourflow_core::delivery::{PickupStoreList, StoreChain};
use fourflow_core::order::OrderView;
use fourflow_core::payment::{NextAction, StartPayment};
use fourflow_core::pricing::{Coupon, PricedSku, PricingRules, QuoteRequest};
use fourflow_core::returns::RefundRequestInput;
use fourflow_core::ErrorBody;
use gloo_net::http::Request;

use crate::json::FromJson;
use serde::de::DeserializeOwned;
use serde::Serialize;

pub mod admin;
pub mod answers;
pub mod content;

use answers::OrderAnswer;

const BASE: &str = "/api/v1";

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The request never got an answer: offline, DNS, connection reset.
    Network,
    /// The API answered with an error body.
    Api { status: u16, body: ErrorBody },
    /// The API answered with something that is not what this version of the app expects.
    Unexpected { status: u16 },
}

impl ApiError {
    pub fn is_not_found(&self) -> bool {
        matches!(self, ApiError::Api { status: 404, .. })
    }
}

/// How a call reaches the API: a read, or one of the mutations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verb {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

/// What a request carries: its content type and the bytes (JSON text for the shop's own
/// types; a file as it is for the back office's uploads).
struct Body {
    content_type: &'static str,
    data: wasm_bindgen::JsValue,
}

impl Body {
    fn json(text: String) -> Body {
        Body {
            content_type: "application/json",
            data: text.into(),
        }
    }
}

/// The body of a successful call. Not generic, so that the request code exists once in the
/// bundle rather than once per response type. Every mutation (anything but a GET) carries the
/// header the API requires of browsers' mutations (its CSRF defence) and, when given, the
/// `Idempotency-Key` that makes a retry safe.
async fn fetch(
    verb: Verb,
    path: &str,
    body: Option<Body>,
    idempotency_key: Option<&str>,
) -> Result<(u16, String), ApiError> {
    let url = format!("{BASE}{path}");
    let mut builder = match verb {
        Verb::Get => Request::get(&url),
        Verb::Post => Request::post(&url),
        Verb::Put => Request::put(&url),
        Verb::Patch => Request::patch(&url),
        Verb::Delete => Request::delete(&url),
    }
    .header("accept", "application/json");
    // The API words its refusals in the language on screen (the back office's checks speak
    // zh-TW); `i18n` keeps it on `<html lang>`.
    if let Some(lang) = leptos::prelude::document()
        .document_element()
        .and_then(|root| root.get_attribute("lang"))
    {
        builder = builder.header("accept-language", &lang);
    }
    if verb != Verb::Get {
        builder = builder.header("x-fourflow-csrf", "1");
    }
    if let Some(key) = idempotency_key {
        builder = builder.header("idempotency-key", key);
    }
    let request = match body {
        None => builder.build(),
        Some(body) => builder
            .header("content-type", body.content_type)
            .body(body.data),
    };
    let response = request
        .map_err(|_| ApiError::Network)?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    let status = response.status();
    let text = response.text().await.map_err(|_| ApiError::Network)?;
    if response.ok() {
        return Ok((status, text));
    }
    Err(match crate::json::read::<ErrorBody>(&text) {
        Some(body) => ApiError::Api { status, body },
        None => ApiError::Unexpected { status },
    })
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let (status, text) = fetch(Verb::Get, path, None, None).await?;
    crate::json::decode(&text).ok_or(ApiError::Unexpected { status })
}

/// A read of the storefront's, whose answer skips serde (see `json::from`).
async fn read<T: FromJson>(path: &str) -> Result<T, ApiError> {
    let (status, text) = fetch(Verb::Get, path, None, None).await?;
    crate::json::read(&text).ok_or(ApiError::Unexpected { status })
}

/// Sends `body` as JSON: the answer's status and text, for the callers below to read.
async fn send_json<B: Serialize>(
    verb: Verb,
    path: &str,
    body: &B,
    idempotency_key: Option<&str>,
) -> Result<(u16, String), ApiError> {
    let body = serde_json::to_string(body).map_err(|_| ApiError::Unexpected { status: 0 })?;
    fetch(verb, path, Some(Body::json(body)), idempotency_key).await
}

async fn post<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
    idempotency_key: Option<&str>,
) -> Result<T, ApiError> {
    let (status, text) = send_json(Verb::Post, path, body, idempotency_key).await?;
    crate::json::decode(&text).ok_or(ApiError::Unexpected { status })
}

/// A POST whose answer skips serde (see `json::from`).
async fn post_and_read<B: Serialize, T: FromJson>(
    path: &str,
    body: &B,
    idempotency_key: Option<&str>,
) -> Result<T, ApiError> {
    let (status, text) = send_json(Verb::Post, path, body, idempotency_key).await?;
    crate::json::read(&text).ok_or(ApiError::Unexpected { status })
}

/// A mutation other than a POST whose answer skips serde.
async fn send_and_read<B: Serialize, T: FromJson>(
    verb: Verb,
    path: &str,
    body: &B,
) -> Result<T, ApiError> {
    let (status, text) = send_json(verb, path, body, None).await?;
    crate::json::read(&text).ok_or(ApiError::Unexpected { status })
}

/// A mutation other than a POST with a JSON body and a JSON answer (PUT, PATCH).
async fn send<B: Serialize, T: DeserializeOwned>(
    verb: Verb,
    path: &str,
    body: &B,
) -> Result<T, ApiError> {
    let (status, text) = send_json(verb, path, body, None).await?;
    crate::json::decode(&text).ok_or(ApiError::Unexpected { status })
}

/// A mutation without a body whose answer has none either (sign-out, delete: 204).
async fn send_empty(verb: Verb, path: &str) -> Result<(), ApiError> {
    fetch(verb, path, None, None).await.map(|_| ())
}

pub async fn categories() -> Result<CategoryTree, ApiError> {
    read("/categories").await
}

pub async fn products(query: &ProductQuery) -> Result<ProductList, ApiError> {
    read(&format!("/products?{}", query.to_query_string())).await
}

pub async fn product(slug: &str) -> Result<ProductDetail, ApiError> {
    read(&format!("/products/{slug}")).await
}

pub async fn suggestions(text: &str) -> Result<Suggestions, ApiError> {
    let query = ProductQuery {
        q: Some(text.to_owned()),
        ..ProductQuery::default()
    };
    read(&format!("/search/suggestions?{}", query.to_query_string())).await
}

/// What goes with a product (frequently bought together) and what resembles it.
pub async fn recommendations(slug: &str) -> Result<Recommendations, ApiError> {
    read(&format!("/products/{slug}/recommendations")).await
}

/// What goes with the products in a cart.
pub async fn cart_recommendations(products: &[String]) -> Result<Recommendations, ApiError> {
    let query = encode_pairs(products.iter().map(|p| ("product", p.as_str())));
    read(&format!("/recommendations?{query}")).await
}

/// What the shopper's apps read of the server's quote: the coupon it accepted (with its rule,
/// so that the cart prices offline). The cart itself is priced in the browser by the same
/// engine, so the rest of the answer (lines, discounts, shipping, totals) is not decoded.
pub struct QuotedCoupon {
    pub coupon: Option<Coupon>,
}

impl FromJson for QuotedCoupon {
    fn from_json(json: &crate::json::Json) -> Option<Self> {
        crate::json::member(json, "coupon", FromJson::absent).map(|coupon| QuotedCoupon { coupon })
    }
}

/// The server's quote of a cart: whether it accepts the coupon, or why not.
pub async fn quote(request: &QuoteRequest) -> Result<QuotedCoupon, ApiError> {
    post_and_read("/cart/quote", request, None).await
}

/// `{"items": […]}`.
struct Variants(Vec<PricedSku>);

impl FromJson for Variants {
    fn from_json(json: &crate::json::Json) -> Option<Self> {
        crate::json::member(json, "items", FromJson::absent).map(Variants)
    }
}

/// Current price and stock of these SKUs; the ones no longer sold are absent.
pub async fn variants(skus: &[String]) -> Result<Vec<PricedSku>, ApiError> {
    if skus.is_empty() {
        return Ok(Vec::new());
    }
    let query = encode_pairs(skus.iter().map(|s| ("sku", s.as_str())));
    read::<Variants>(&format!("/variants?{query}"))
        .await
        .map(|v| v.0)
}

pub async fn promotions() -> Result<PricingRules, ApiError> {
    read("/promotions").await
}

/// What checkout reads of the order it just placed. The API answers the whole `OrderView`;
/// decoding only these fields keeps the order view's decoder (lines, quote, events, delivery)
/// out of the checkout app, which never shows it (the orders app does).
pub struct OrderPlaced {
    pub number: String,
    /// The guest's key to the order (a signed-in owner needs none).
    pub access_token: Option<String>,
}

crate::json_struct!(OrderPlaced {
    number,
    access_token
});

/// Places an order. The same `key` for a retry of the same order (a lost answer, a reload)
/// gives back the order placed the first time, never a second one.
pub async fn place_order(order: &PlaceOrder, key: &str) -> Result<OrderPlaced, ApiError> {
    post_and_read("/orders", order, Some(key)).await
}

/// An order, with the guest's access token (a signed-in owner needs none).
pub async fn order(number: &str, token: Option<&str>) -> Result<OrderView, ApiError> {
    get::<OrderAnswer>(&format!("/orders/{number}{}", token_query(token)))
        .await
        .map(OrderView::from)
}

/// What the shopper's apps read of a payment just started: where to go next, if anywhere.
/// The API answers the whole `PaymentView`; checkout, which shows nothing else of it, then
/// carries no decoder for the rest.
pub struct PaymentStarted {
    pub next_action: Option<NextAction>,
}

impl FromJson for PaymentStarted {
    fn from_json(json: &crate::json::Json) -> Option<Self> {
        let next_action = crate::json::member(json, "next_action", FromJson::absent)?;
        Some(PaymentStarted { next_action })
    }
}

/// Starts paying for an order; a fresh `key` per attempt (a retry after a decline is a new
/// attempt, a lost answer is not).
pub async fn start_payment(
    number: &str,
    token: Option<&str>,
    payment: &StartPayment,
    key: &str,
) -> Result<PaymentStarted, ApiError> {
    let path = format!("/orders/{number}/payments{}", token_query(token));
    post_and_read(&path, payment, Some(key)).await
}

/// Asks for a delivered order to be taken back and refunded (七天鑑賞期); answers the order as
/// it now stands.
pub async fn request_return(
    number: &str,
    token: Option<&str>,
    reason: &str,
) -> Result<OrderView, ApiError> {
    let path = format!("/orders/{number}/refund-request{}", token_query(token));
    let body = RefundRequestInput {
        reason: reason.to_owned(),
    };
    post::<_, OrderAnswer>(&path, &body, None)
        .await
        .map(OrderView::from)
}

fn token_query(token: Option<&str>) -> String {
    token
        .map(|t| format!("?{}", encode_pairs([("token", t)])))
        .unwrap_or_default()
}

/// Taiwan's counties and districts with their postal codes, for address forms.
pub async fn address_areas() -> Result<fourflow_core::delivery::areas::AddressAreas, ApiError> {
    read("/address-areas").await
}

/// Convenience stores for pickup, of `chain` if one is given, whose name, number, address or
/// district holds `text`.
pub async fn pickup_stores(
    text: &str,
    chain: Option<StoreChain>,
) -> Result<PickupStoreList, ApiError> {
    let chain = chain.map_or("", StoreChain::as_str);
    read(&format!(
        "/pickup-stores?{}",
        encode_pairs([("q", text), ("chain", chain)])
    ))
    .await
}

// Accounts: sign-up and sign-in, the signed-in shopper and their own things. The session is
// the `fourflow_session` cookie, which the server sets and the browser sends by itself.

pub async fn sign_up(form: &SignUp) -> Result<Accepted, ApiError> {
    post("/auth/signup", form, None).await
}

/// Signs in with this browser's cart, and answers the profile and the cart merged with the
/// one saved on the account (`fourflow_core::cart::merge`, done by the server).
pub async fn sign_in(form: &SignIn) -> Result<SignedIn, ApiError> {
    post("/auth/login", form, None).await
}

pub async fn sign_out() -> Result<(), ApiError> {
    send_empty(Verb::Post, "/auth/logout").await
}

pub async fn verify_email(form: &VerifyEmail) -> Result<EmailVerified, ApiError> {
    post("/auth/verify-email", form, None).await
}

pub async fn request_password_reset(form: &PasswordResetRequest) -> Result<Accepted, ApiError> {
    post("/auth/password-reset", form, None).await
}

pub async fn reset_password(form: &PasswordReset) -> Result<Accepted, ApiError> {
    post("/auth/password-reset/confirm", form, None).await
}

/// Who is signed in: a 401 when nobody is.
pub async fn me() -> Result<Profile, ApiError> {
    read("/me").await
}

pub async fn update_me(update: &ProfileUpdate) -> Result<Profile, ApiError> {
    send(Verb::Patch, "/me", update).await
}

/// The address book, the default first.
pub async fn addresses() -> Result<Vec<Address>, ApiError> {
    read("/me/addresses").await
}

pub async fn add_address(address: &AddressInput) -> Result<Address, ApiError> {
    post_and_read("/me/addresses", address, None).await
}

pub async fn update_address(id: i64, address: &AddressInput) -> Result<Address, ApiError> {
    send_and_read(Verb::Put, &format!("/me/addresses/{id}"), address).await
}

pub async fn delete_address(id: i64) -> Result<(), ApiError> {
    send_empty(Verb::Delete, &format!("/me/addresses/{id}")).await
}

/// Replaces the cart kept on the account with this one. The answer (the cart as saved) is
/// not read, so not decoded.
pub async fn save_cart(cart: &SavedCart) -> Result<(), ApiError> {
    let body = serde_json::to_string(cart).map_err(|_| ApiError::Unexpected { status: 0 })?;
    fetch(Verb::Put, "/me/cart", Some(Body::json(body)), None)
        .await
        .map(|_| ())
}

/// The signed-in shopper's orders, newest first; `page` from 1.
pub async fn my_orders(page: u32) -> Result<MyOrders, ApiError> {
    get(&format!("/me/orders?page={page}")).await
}
