//! Returns in the orders console (operators and admins): declining a return the shopper
//! requested. Refunding it is the console's refund (`orders`). Needs `X-Fourflow-Csrf: 1`.

use crate::routes::extract::ApiPath;
use axum::extract::State;
use axum::Json;
use fourflow_core::admin::orders::ConsoleOrder;
use fourflow_core::returns::DeclineReturn;
use fourflow_core::ErrorBody;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::guard::{RunsOrders, Staff};
use crate::error::ApiResult;
use crate::routes::extract::ApiJson;
use crate::services::{order_console, returns};
use crate::startup::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(decline))
}

/// Declines the shopper's return request: the order is delivered again, the reason goes on
/// its history (the shopper reads it on the order page) and in the audit log.
#[utoipa::path(post, path = "/orders/{number}/refund-request/decline", tag = "admin",
    params(("number" = String, Path)),
    request_body = DeclineReturn,
    responses(
        (status = 200, body = ConsoleOrder),
        (status = 400, description = "`field` is `reason`", body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "`no_return_request`: the order is not in refund_requested", body = ErrorBody),
    ))]
async fn decline(
    State(state): State<AppState>,
    operator: Staff<RunsOrders>,
    ApiPath(number): ApiPath<String>,
    ApiJson(request): ApiJson<DeclineReturn>,
) -> ApiResult<Json<ConsoleOrder>> {
    returns::decline(&state, &number, operator.customer_id, &request).await?;
    order_console::detail(&state, &number).await.map(Json)
}
