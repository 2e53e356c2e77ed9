//! The cart. It lives in this browser (`localStorage`, every tab in step) and answers at once:
//! adding and changing never wait on the network. It keeps what it last knew of each SKU, so
//! that the cart and checkout apps can price it here, offline too, with the engine the server runs
//! (`state::quote`).
//!
//! When the network is there, [`Cart::refresh`] fetches the SKUs as they are now and records
//! every price change, shortage or removal as a notice for the shopper.

use fourflow_core::cart::{changes, max_qty, CartChange, CartLine, HeldLine, MAX_LINES};
use fourflow_core::catalog::Sku;
use fourflow_core::pricing::{parcel_grams, PricedSku, ShippingMethod};
use leptos::prelude::*;

use super::persisted::Persisted;
use crate::api;

const KEY: &str = "fourflow.cart";
/// Bump when `CartData` changes shape (and teach `storage::read_versioned`'s caller to carry
/// the old shape over).
const SCHEMA: u32 = 1;

/// What is kept.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CartData {
    /// Newest first.
    pub lines: Vec<HeldLine>,
    pub saved_for_later: Vec<HeldLine>,
    pub shipping_method: ShippingMethod,
    /// What changed while the shopper was away, until they have seen it.
    pub notices: Vec<CartChange>,
}

crate::json_struct!(CartData {
    lines,
    saved_for_later,
    shipping_method,
    notices
});

#[derive(Clone, Copy)]
pub struct Cart {
    data: Persisted<CartData>,
    /// Units in the cart, for the header's badge.
    pub count: Memo<u32>,
}

pub fn use_cart() -> Cart {
    expect_context::<Cart>()
}

impl Cart {
    pub fn provide() -> Cart {
        let data = Persisted::<CartData>::new(KEY, SCHEMA);
        let count = Memo::new(move |_| data.with(|d| d.lines.iter().map(|l| l.qty).sum()));
        let cart = Cart { data, count };
        provide_context(cart);
        cart
    }

    /// What the cart's items weigh, as the pricing engine weighs a parcel (tracked).
    pub fn parcel_grams(&self) -> u32 {
        self.with(|d| parcel_grams(d.lines.iter().map(|l| (l.item.weight_grams, l.qty))))
    }

    pub fn with<R>(&self, f: impl FnOnce(&CartData) -> R) -> R {
        self.data.with(f)
    }

    /// Adds `qty` of `item` (or more of it, when already in), capped by its stock.
    pub fn add(&self, item: PricedSku, qty: u32) {
        self.data.update(|d| {
            let cap = max_qty(item.available);
            match d.lines.iter().position(|l| l.item.sku == item.sku) {
                Some(i) => {
                    let mut line = d.lines.remove(i);
                    line.qty = (line.qty + qty).min(cap);
                    line.item = item;
                    d.lines.insert(0, line);
                }
                None if d.lines.len() < MAX_LINES => d.lines.insert(
                    0,
                    HeldLine {
                        item,
                        qty: qty.min(cap),
                    },
                ),
                None => {}
            }
            d.saved_for_later
                .retain(|l| d.lines.iter().all(|c| c.item.sku != l.item.sku));
        });
    }

    pub fn set_qty(&self, sku: &Sku, qty: u32) {
        self.data.update(|d| {
            if let Some(line) = d.lines.iter_mut().find(|l| &l.item.sku == sku) {
                line.qty = qty.clamp(1, max_qty(line.item.available).max(1));
            }
            d.notices
                .retain(|n| !matches!(n, CartChange::ShortOfStock { sku: s, .. } if s == sku));
        });
    }

    /// Removes a line; what it returns puts it back where it was (undo).
    pub fn remove(&self, sku: &Sku) -> Option<(usize, HeldLine)> {
        let mut removed = None;
        self.data.update(|d| {
            if let Some(i) = d.lines.iter().position(|l| &l.item.sku == sku) {
                removed = Some((i, d.lines.remove(i)));
            }
            d.notices.retain(|n| n.sku() != sku);
        });
        removed
    }

    pub fn restore(&self, (index, line): (usize, HeldLine)) {
        self.data.update(|d| {
            if d.lines.iter().all(|l| l.item.sku != line.item.sku) {
                d.lines.insert(index.min(d.lines.len()), line);
            }
        });
    }

    pub fn save_for_later(&self, sku: &Sku) {
        if let Some((_, line)) = self.remove(sku) {
            self.data.update(|d| d.saved_for_later.insert(0, line));
        }
    }

    pub fn move_to_cart(&self, sku: &Sku) {
        let line = self.data.with(|d| {
            d.saved_for_later
                .iter()
                .find(|l| &l.item.sku == sku)
                .cloned()
        });
        if let Some(line) = line {
            self.data
                .update(|d| d.saved_for_later.retain(|l| &l.item.sku != sku));
            self.add(line.item, line.qty);
        }
    }

    pub fn forget_saved(&self, sku: &Sku) {
        self.data
            .update(|d| d.saved_for_later.retain(|l| &l.item.sku != sku));
    }

    /// Takes out of the cart what an order just bought: each SKU's bought quantity (a line
    /// added in another tab meanwhile stays, and so does anything more of a SKU).
    pub fn clear_bought(&self, bought: &[CartLine]) {
        self.data.update(|d| {
            for line in bought {
                if let Some(held) = d.lines.iter_mut().find(|l| l.item.sku == line.sku) {
                    held.qty = held.qty.saturating_sub(line.qty);
                }
            }
            d.lines.retain(|l| l.qty > 0);
        });
    }

    /// Puts `lines` in place of the cart's lines (the merged cart a sign-in answers), in their
    /// order. What was saved for later and is now in the cart leaves that list; notices about
    /// SKUs no longer in the cart are dropped.
    pub fn replace_lines(&self, lines: Vec<HeldLine>) {
        self.data.update(|d| {
            d.lines = lines;
            d.lines.truncate(MAX_LINES);
            d.saved_for_later
                .retain(|l| d.lines.iter().all(|c| c.item.sku != l.item.sku));
            d.notices
                .retain(|n| d.lines.iter().any(|l| &l.item.sku == n.sku()));
        });
    }

    /// Replaces the cart's lines with `lines` (SKUs and quantities, as the API answers a
    /// cart), priced as the shop sells them now; a SKU no longer sold is left out. Fails when
    /// the SKUs cannot be fetched, leaving the cart as it was.
    pub async fn replace_with(&self, lines: &[CartLine]) -> Result<(), api::ApiError> {
        let skus: Vec<String> = lines.iter().map(|l| l.sku.to_string()).collect();
        let fresh = api::variants(&skus).await?;
        let held = lines
            .iter()
            .filter_map(|line| {
                let item = fresh.iter().find(|f| f.sku == line.sku)?.clone();
                Some(HeldLine {
                    item,
                    qty: line.qty.clamp(1, fourflow_core::cart::MAX_QTY),
                })
            })
            .collect();
        self.replace_lines(held);
        Ok(())
    }

    pub fn set_shipping_method(&self, method: ShippingMethod) {
        self.data.update(|d| d.shipping_method = method);
    }

    pub fn dismiss_notices(&self) {
        self.data.update(|d| d.notices.clear());
    }

    /// Brings the cart up to date with the shop: fresh SKUs, every difference becoming a
    /// notice. Offline it fails quietly: the cart keeps what it knew.
    pub async fn refresh(&self) {
        let skus: Vec<String> = self.data.with(|d| {
            d.lines
                .iter()
                .chain(&d.saved_for_later)
                .map(|l| l.item.sku.to_string())
                .collect()
        });
        if let Ok(fresh) = api::variants(&skus).await {
            self.data.update(|d| {
                for change in changes(&d.lines, &fresh) {
                    if !d.notices.contains(&change) {
                        d.notices.push(change);
                    }
                }
                for line in d.lines.iter_mut().chain(d.saved_for_later.iter_mut()) {
                    if let Some(now) = fresh.iter().find(|f| f.sku == line.item.sku) {
                        line.item = now.clone();
                    }
                }
            });
        }
    }
}
