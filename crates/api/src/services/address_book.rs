//! The signed-in shopper's own things: address book, saved cart, order history, and claiming
//! a guest order. Every function takes the customer from the session, never from the request
//! body, and scopes every lookup by it: another customer's id answers 404.

use fourflow_core::account::{
    Address, AddressInput, ClaimOrder, OrderList, OrderSummary, SavedCart, MAX_ADDRESSES,
};
use fourflow_core::order::OrderStatus;
use fourflow_core::{Currency, Money};

use crate::clock::rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::secrets;
use crate::startup::AppState;
use crate::store::{accounts, address_book};

pub async fn addresses(state: &AppState, customer_id: i64) -> ApiResult<Vec<Address>> {
    let rows = address_book::addresses(state.db.pool(), customer_id).await?;
    Ok(rows.into_iter().map(address_of).collect())
}

pub async fn add_address(
    state: &AppState,
    customer_id: i64,
    input: &AddressInput,
) -> ApiResult<Address> {
    input.check()?;
    input.check_place()?;
    let mut tx = state.db.begin_write().await?;
    let existing = address_book::addresses(&mut *tx, customer_id).await?;
    if existing.len() >= MAX_ADDRESSES {
        return Err(ApiError::Rejected {
            code: "too_many_addresses",
            field: "address".into(),
            message: format!("book is full ({MAX_ADDRESSES}): delete one first"),
        });
    }
    let now = rfc3339(state.clock.now());
    let id = address_book::insert_address(&mut tx, customer_id, input, false, &now).await?;
    // The first address, or one marked default, becomes the default.
    let default = (input.is_default || existing.is_empty()).then_some(id);
    address_book::settle_default(&mut tx, customer_id, default).await?;
    let saved = one(&mut tx, customer_id, id).await?;
    tx.commit().await?;
    Ok(saved)
}

pub async fn update_address(
    state: &AppState,
    customer_id: i64,
    id: i64,
    input: &AddressInput,
) -> ApiResult<Address> {
    input.check()?;
    input.check_place()?;
    let mut tx = state.db.begin_write().await?;
    if !address_book::update_address(&mut tx, customer_id, id, input).await? {
        return Err(ApiError::not_found("address"));
    }
    let default = input.is_default.then_some(id);
    address_book::settle_default(&mut tx, customer_id, default).await?;
    let saved = one(&mut tx, customer_id, id).await?;
    tx.commit().await?;
    Ok(saved)
}

pub async fn delete_address(state: &AppState, customer_id: i64, id: i64) -> ApiResult<()> {
    let mut tx = state.db.begin_write().await?;
    if !address_book::delete_address(&mut tx, customer_id, id).await? {
        return Err(ApiError::not_found("address"));
    }
    address_book::settle_default(&mut tx, customer_id, None).await?;
    tx.commit().await?;
    Ok(())
}

async fn one(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    customer_id: i64,
    id: i64,
) -> ApiResult<Address> {
    address_book::addresses(&mut **tx, customer_id)
        .await?
        .into_iter()
        .find(|a| a.id == id)
        .map(address_of)
        .ok_or(ApiError::not_found("address"))
}

fn address_of(row: address_book::AddressRow) -> Address {
    Address {
        id: row.id,
        fields: AddressInput {
            label: row.label,
            name: row.name,
            phone: row.phone,
            postal_code: row.postal_code,
            city: row.city,
            district: row.district,
            line: row.line,
            is_default: row.is_default != 0,
        },
    }
}

pub async fn cart(state: &AppState, customer_id: i64) -> ApiResult<SavedCart> {
    Ok(SavedCart {
        lines: super::accounts::saved_lines(state, customer_id).await?,
    })
}

/// Replaces the saved cart (the browser sends its whole cart after each change).
pub async fn save_cart(
    state: &AppState,
    customer_id: i64,
    cart: &SavedCart,
) -> ApiResult<SavedCart> {
    cart.check()?;
    // The merge rule also folds duplicate SKUs: one line per SKU, as everywhere else.
    let lines = fourflow_core::cart::merge(&cart.lines, &[]);
    let json = serde_json::to_string(&lines).map_err(anyhow::Error::from)?;
    let now = rfc3339(state.clock.now());
    address_book::save_cart(state.db.pool(), customer_id, &json, &now).await?;
    Ok(SavedCart { lines })
}

pub const DEFAULT_PER_PAGE: u32 = 20;
pub const MAX_PER_PAGE: u32 = 100;

pub async fn orders(
    state: &AppState,
    customer_id: i64,
    page: u32,
    per_page: u32,
) -> ApiResult<OrderList> {
    let (rows, total) = accounts::orders_of(
        state.db.pool(),
        customer_id,
        i64::from(per_page),
        i64::from(page - 1) * i64::from(per_page),
    )
    .await?;
    let items = rows
        .into_iter()
        .map(|r| {
            let corrupt =
                |what| anyhow::anyhow!("order {}: stored {what} does not read back", r.number);
            Ok(OrderSummary {
                status: OrderStatus::parse(&r.status).ok_or_else(|| corrupt("status"))?,
                total: Money {
                    amount: r.total,
                    currency: Currency::parse(&r.currency).ok_or_else(|| corrupt("currency"))?,
                },
                items: u32::try_from(r.items).unwrap_or(u32::MAX),
                created_at: r.created_at,
                number: r.number,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(OrderList {
        items,
        total: u32::try_from(total).unwrap_or(u32::MAX),
        page,
        per_page,
    })
}

/// Attaches a guest order to the account: the caller must hold its token, and the account's
/// email must be verified and be the order's. An order that is someone else's answers 404,
/// like one that does not exist.
pub async fn claim(state: &AppState, customer_id: i64, form: &ClaimOrder) -> ApiResult<()> {
    form.check()?;
    let not_found = || ApiError::not_found("order");
    let pool = state.db.pool();
    let order = accounts::order_owner(pool, form.number.trim())
        .await?
        .ok_or_else(not_found)?;
    let hash = secrets::sha256_hex(form.token.as_bytes());
    let token_ok = hash.len() == order.access_hash.len()
        && hash
            .bytes()
            .zip(order.access_hash.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    if !token_ok {
        return Err(not_found());
    }
    match order.customer_id {
        Some(owner) if owner == customer_id => return Ok(()),
        Some(_) => return Err(not_found()),
        None => {}
    }
    let customer = accounts::customer_by_id(pool, customer_id)
        .await?
        .ok_or(ApiError::Unauthorised("sign in first"))?;
    if customer.email_verified_at.is_none() {
        return Err(ApiError::Forbidden {
            code: "email_unverified",
            message: "confirm your email first (open the link we sent) to claim orders",
        });
    }
    if fourflow_core::account::normalize_email(&order.email) != customer.email {
        return Err(ApiError::Forbidden {
            code: "email_mismatch",
            message: "this order was placed with another email than your account's",
        });
    }
    if !accounts::claim_order(pool, order.id, customer_id).await? {
        return Err(not_found()); // claimed by someone else meanwhile
    }
    Ok(())
}
