//! The back office's API under `/api/v1/admin`: one file per area. Every handler takes a
//! [`guard::Staff`] extractor naming the capability it needs, so the role is checked on the
//! server before the handler runs: no session is a 401, a role without the capability a 403.

mod audit;
mod content;
mod guard;
mod media;
mod orders;
mod products;
mod promotions;
mod returns;
mod skus;
mod staff;

use utoipa_axum::router::OpenApiRouter;

use crate::startup::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    staff::router()
        .merge(audit::router())
        .merge(orders::router())
        .merge(returns::router())
        .merge(skus::router())
        .merge(promotions::router())
        .merge(content::router())
        .merge(media::router())
        .merge(products::router())
}

/// The back office's printable pages, outside the JSON API.
pub fn pages() -> axum::Router<AppState> {
    orders::print()
}
