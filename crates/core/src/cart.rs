//! The cart as the shopper holds it: SKUs and quantities. Prices are never part of it — the
//! pricing engine derives them — so a cart cannot carry a tampered price anywhere.

use serde::{Deserialize, Serialize};

use crate::catalog::Sku;

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
