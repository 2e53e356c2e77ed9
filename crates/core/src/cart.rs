//! The cart as the shopper holds it: SKUs and quantities. Prices are never part of it — the
//! pricing engine derives them — so a cart cannot carry a tampered price anywhere.

use serde::{Deserialize, Serialize};

use crate::catalog::Sku;
use crate::pricing::PricedSku;
use crate::{Localized, Money};

/// Most units of one SKU a single order may hold.
pub const MAX_QTY: u32 = 99;
/// Most distinct lines a cart may hold.
pub const MAX_LINES: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CartLine {
    pub sku: Sku,
    pub qty: u32,
}

/// The rule for combining the cart kept in this browser with the one saved on the shopper's
/// account when they sign in: every SKU in either is kept, in the browser's order first; a SKU
/// in both keeps the larger quantity (not the sum: the same cart seen twice must not double),
/// capped at [`MAX_QTY`]; lines past [`MAX_LINES`] are dropped, the saved ones first.
pub fn merge(local: &[CartLine], saved: &[CartLine]) -> Vec<CartLine> {
    let mut merged: Vec<CartLine> = Vec::new();
    for line in local.iter().chain(saved) {
        if line.qty == 0 {
            continue;
        }
        match merged.iter_mut().find(|l| l.sku == line.sku) {
            Some(existing) => existing.qty = existing.qty.max(line.qty),
            None => merged.push(line.clone()),
        }
    }
    for line in &mut merged {
        line.qty = line.qty.min(MAX_QTY);
    }
    merged.truncate(MAX_LINES);
    merged
}

/// A line of the cart as a browser keeps it: the SKU as it was last seen, so that the cart can
/// be shown and priced offline, and so that what changed since can be told to the shopper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldLine {
    pub item: PricedSku,
    pub qty: u32,
}

impl HeldLine {
    pub fn line(&self) -> CartLine {
        CartLine {
            sku: self.item.sku.clone(),
            qty: self.qty,
        }
    }
}

/// Something that changed about a held line since it was last seen. Changes are shown to the
/// shopper, never applied silently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CartChange {
    PriceChanged {
        sku: Sku,
        title: Localized,
        was: Money,
        now: Money,
    },
    /// Fewer units can be bought than the cart holds (zero: sold out).
    ShortOfStock {
        sku: Sku,
        title: Localized,
        wanted: u32,
        available: u32,
    },
    /// The SKU is no longer sold.
    Gone { sku: Sku, title: Localized },
}

impl CartChange {
    pub fn sku(&self) -> &Sku {
        match self {
            CartChange::PriceChanged { sku, .. }
            | CartChange::ShortOfStock { sku, .. }
            | CartChange::Gone { sku, .. } => sku,
        }
    }
}

/// Compares what the cart holds with the catalog as it is now (`fresh`: the SKUs that still
/// exist), in the cart's order.
pub fn changes(held: &[HeldLine], fresh: &[PricedSku]) -> Vec<CartChange> {
    let mut out = Vec::new();
    for line in held {
        let was = &line.item;
        match fresh.iter().find(|f| f.sku == was.sku) {
            None => out.push(CartChange::Gone {
                sku: was.sku.clone(),
                title: was.title.clone(),
            }),
            Some(now) => {
                if now.unit_price != was.unit_price {
                    out.push(CartChange::PriceChanged {
                        sku: was.sku.clone(),
                        title: was.title.clone(),
                        was: was.unit_price,
                        now: now.unit_price,
                    });
                }
                if now.available < line.qty {
                    out.push(CartChange::ShortOfStock {
                        sku: was.sku.clone(),
                        title: was.title.clone(),
                        wanted: line.qty,
                        available: now.available,
                    });
                }
            }
        }
    }
    out
}

/// What the lines cost before any offer: the sum of unit price × quantity.
pub fn subtotal(lines: &[HeldLine]) -> Money {
    Money::twd(
        lines
            .iter()
            .map(|l| l.item.unit_price.amount * i64::from(l.qty))
            .sum(),
    )
}

/// The most of one SKU a shopper can put in the cart now.
pub fn max_qty(available: u32) -> u32 {
    available.min(MAX_QTY)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn line(sku: &str, qty: u32) -> CartLine {
        CartLine {
            sku: Sku::parse("sku", sku).unwrap(),
            qty,
        }
    }

    #[test]
    fn keeps_everything_once_with_the_larger_quantity() {
        let local = [line("A", 1), line("B", 3)];
        let saved = [line("B", 2), line("C", 1), line("A", 4)];
        assert_eq!(
            merge(&local, &saved),
            [line("A", 4), line("B", 3), line("C", 1)]
        );
    }

    fn priced(code: &str, price: i64, available: u32) -> PricedSku {
        PricedSku {
            sku: Sku::parse("sku", code).unwrap(),
            product: crate::catalog::Slug::parse("slug", "p").unwrap(),
            title: Localized::default(),
            options: Localized::default(),
            image: None,
            categories: Vec::new(),
            unit_price: Money::twd(price),
            compare_at: None,
            weight_grams: 100,
            available,
        }
    }

    #[test]
    fn tells_every_change_since_last_seen() {
        let held = [
            HeldLine {
                item: priced("A", 100, 9),
                qty: 2,
            },
            HeldLine {
                item: priced("B", 200, 9),
                qty: 3,
            },
            HeldLine {
                item: priced("C", 300, 9),
                qty: 1,
            },
            HeldLine {
                item: priced("D", 400, 9),
                qty: 1,
            },
        ];
        let fresh = [
            priced("A", 100, 9),
            priced("B", 250, 1),
            priced("D", 400, 0),
        ];
        let kinds: Vec<(String, &str)> = changes(&held, &fresh)
            .iter()
            .map(|c| {
                let kind = match c {
                    CartChange::PriceChanged { .. } => "price",
                    CartChange::ShortOfStock { .. } => "stock",
                    CartChange::Gone { .. } => "gone",
                };
                (c.sku().to_string(), kind)
            })
            .collect();
        assert_eq!(
            kinds,
            [
                ("B".into(), "price"),
                ("B".into(), "stock"),
                ("C".into(), "gone"),
                ("D".into(), "stock")
            ]
        );
        assert!(changes(&held[..1], &fresh).is_empty());
        assert_eq!(max_qty(500), MAX_QTY);
        assert_eq!(max_qty(3), 3);
    }

    #[test]
    fn drops_empty_lines_and_caps_quantities() {
        assert_eq!(
            merge(&[line("A", 0)], &[line("B", 500)]),
            [line("B", MAX_QTY)]
        );
    }

    fn arb_lines() -> impl Strategy<Value = Vec<CartLine>> {
        proptest::collection::vec(("[A-E]", 0u32..120), 0..8)
            .prop_map(|v| v.into_iter().map(|(s, q)| line(&s, q)).collect())
    }

    proptest! {
        #[test]
        fn merging_is_idempotent_and_loses_nothing(local in arb_lines(), saved in arb_lines()) {
            let merged = merge(&local, &saved);
            prop_assert_eq!(merge(&merged, &merged), merged.clone());
            prop_assert_eq!(merge(&merged, &saved), merged.clone());
            for l in local.iter().chain(&saved).filter(|l| l.qty > 0) {
                let m = merged.iter().find(|m| m.sku == l.sku).unwrap();
                prop_assert!(m.qty >= l.qty.min(MAX_QTY));
            }
            let mut skus: Vec<_> = merged.iter().map(|l| &l.sku).collect();
            skus.sort();
            skus.dedup();
            prop_assert_eq!(skus.len(), merged.len());
        }
    }
}
