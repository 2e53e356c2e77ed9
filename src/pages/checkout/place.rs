//! Placing the order, then starting its payment: the one moment where the network matters.
//! The attempt's `Idempotency-Key` is kept until the order exists, so pressing again after a
//! lost answer (or after a reload) finds the first order instead of placing a second.

use fourflow_core::checkout::{PaymentMethod, PlaceOrder};
use fourflow_core::payment::{NextAction, StartPayment};
use fourflow_core::ErrorBody;

use super::payment::CardDetails;
use crate::api::{self, ApiError};
use crate::state::cart::Cart;
use crate::state::checkout::{new_key, Checkout};

/// Why placing stopped short.
#[derive(Debug, Clone, PartialEq)]
pub enum PlaceError {
    /// No answer: nothing is lost, pressing again is safe.
    Network,
    /// The shop refused the order (stock, coupon, a field): the body says what to fix.
    Refused(ErrorBody),
    Server,
}

/// Where the shopper goes next: the order's page, or a provider's page (3-D Secure, wallet).
pub struct Placed {
    pub next_url: String,
}

pub async fn place(
    checkout: Checkout,
    cart: Cart,
    order: PlaceOrder,
    card: CardDetails,
) -> Result<Placed, PlaceError> {
    let key = match checkout.draft.with(|d| d.attempt.clone()) {
        Some(key) => key,
        None => {
            let key = new_key("order");
            checkout.draft.update(|d| d.attempt = Some(key.clone()));
            key
        }
    };
    let placed = match api::place_order(&order, &key).await {
        Ok(placed) => placed,
        Err(ApiError::Network) => return Err(PlaceError::Network),
        Err(ApiError::Api { status, body }) => {
            // A refused order was not placed: the next press is a new attempt.
            if status != 409 {
                checkout.draft.update(|d| d.attempt = None);
            }
            return Err(PlaceError::Refused(body));
        }
        Err(ApiError::Unexpected { .. }) => return Err(PlaceError::Server),
    };
    let token = placed.access_token.clone().unwrap_or_default();
    checkout.placed(placed.number.clone(), token.clone());
    cart.clear_bought(&order.lines);
    let order_url = format!("/orders/{}?token={token}", placed.number);

    let payment = match order.payment_method {
        PaymentMethod::CashOnDelivery => None,
        PaymentMethod::Card => {
            let instalments = checkout.draft.with(|d| d.instalments.max(1));
            Some(StartPayment::Card {
                number: card.number,
                expiry: card.expiry,
                cvc: card.cvc,
                instalments,
            })
        }
        PaymentMethod::AtmTransfer => Some(StartPayment::AtmTransfer),
        PaymentMethod::StoreCode => Some(StartPayment::StoreCode),
        PaymentMethod::EWallet => Some(StartPayment::EWallet),
    };
    let Some(payment) = payment else {
        return Ok(Placed {
            next_url: order_url,
        });
    };
    // The order exists whatever happens to its payment: the order page shows how it went and
    // offers another try.
    let next_url =
        match api::start_payment(&placed.number, Some(&token), &payment, &new_key("pay")).await {
            Ok(payment) => match payment.next_action {
                Some(NextAction::Redirect { url }) => url,
                _ => order_url,
            },
            Err(_) => order_url,
        };
    Ok(Placed { next_url })
}
