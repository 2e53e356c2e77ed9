//! HTTP: one router assembled from each area's `router()`, the API under `/api/v1`, its
//! OpenAPI description at `/api/openapi.json`, probes for load balancers, and the storefront
//! SPA for every other path.

mod accounts;
mod admin;
mod cart;
mod catalog;
mod content;
pub mod contract;
mod dev_mailbox;
mod extract;
mod fulfilment;
mod health;
mod me;
mod media;
mod orders;
mod paging;
mod payments;
mod recommendations;
mod spa;

use std::path::Path;

use axum::routing::{any, get};
use axum::{Json, Router};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::error::ApiError;
use crate::startup::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Fourflow API",
        description = "The storefront's JSON API. Money is integer minor units with a currency; \
                       every error is `{\"error\":{\"code\",\"message\",\"field\"?}}`."
    ),
    tags(
        (name = "accounts", description = "Sign-up, sign-in, sessions, profile, address book, saved cart, order history"),
        (name = "catalog", description = "Categories, products, search"),
        (name = "cart", description = "Pricing a cart: quotes, SKU facts, promotions"),
        (name = "orders", description = "Placing and reading orders"),
        (name = "fulfilment", description = "Pickup stores, delivery estimates"),
        (name = "payments", description = "Paying for orders; providers' webhooks"),
        (name = "recommendations", description = "Frequently bought together, similar items"),
        (name = "content", description = "Pages marketers publish: home, landing pages, help articles"),
        (name = "admin", description = "The back office: staff and audit log, orders console, merchandising, promotions, content (role checked on every route)")
    )
)]
struct ApiDoc;

/// The API's routes with their OpenAPI description.
fn api() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .nest(
            "/api/v1",
            catalog::router()
                .merge(cart::router())
                .merge(orders::router())
                .merge(payments::router()),
        )
        .nest("/api/v1", recommendations::router())
        .nest("/api/v1", content::router())
        .nest("/api/v1", fulfilment::router())
        .nest("/api/v1", accounts::router().merge(me::router()))
        .nest("/api/v1/admin", admin::router())
        .split_for_parts()
}

/// The OpenAPI description, as served at `/api/openapi.json`.
pub fn openapi() -> utoipa::openapi::OpenApi {
    api().1
}

pub fn router(state: AppState, dist_dir: &Path) -> Router {
    let (api, spec) = api();
    let storefront = spa::service(dist_dir, state.catalog.clone());
    api.route("/api/openapi.json", get(move || async move { Json(spec) }))
        .route(
            "/api/{*rest}",
            any(|| async { ApiError::not_found("API route") }),
        )
        .merge(health::router())
        .merge(payments::sandbox_pages())
        .merge(fulfilment::documents())
        .merge(admin::pages())
        .merge(media::files(&state.media_dir))
        .merge(dev_mailbox::pages())
        .fallback_service(storefront)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::csrf::guard,
        ))
        .layer(axum::middleware::from_fn(crate::language::negotiate))
        .with_state(state)
}
