//! Building a quote, step by step (see the module documentation for the order).

use std::collections::HashMap;

use super::rounding::{allocate_in_units, round_down_to_unit, vat_included};
use super::sort::sort_by;
use super::{
    parcel_grams, AppliedDiscount, Coupon, FreeShippingProgress, Offer, PricedSku, Promotion,
    Quote, QuoteError, QuoteErrorCode, QuoteLine, Scope, ShippingMethod, ShippingQuote,
    ShippingRate,
};
use crate::cart::{CartLine, MAX_LINES, MAX_QTY};
use crate::{Currency, Money};

/// Everything a quote depends on besides the cart: the catalog's prices and stock, the live
/// promotions, the shipping rates, and the time.
#[derive(Debug, Clone, Copy)]
pub struct Pricing<'a> {
    pub skus: &'a [PricedSku],
    pub promotions: &'a [Promotion],
    pub rates: &'a [ShippingRate],
    /// Unix seconds, for promotion and coupon windows.
    pub now: i64,
    /// Refuse quantities beyond stock (the server, taking an order). The browser quotes what
    /// the shopper holds and shows shortages beside it instead.
    pub enforce_stock: bool,
}

const CURRENCY: Currency = Currency::Twd;

/// A line being priced: what is left of its amount after the discounts so far.
struct Working<'a> {
    sku: &'a PricedSku,
    qty: u32,
    subtotal: i64,
    remaining: i64,
}

impl Pricing<'_> {
    pub fn quote(
        &self,
        cart: &[CartLine],
        coupon: Option<&Coupon>,
        method: ShippingMethod,
    ) -> Result<Quote, QuoteError> {
        let mut lines = self.lines(cart)?;
        let subtotal: i64 = lines.iter().map(|l| l.subtotal).sum();

        // Promotions in a fixed order: item offers, then order offers, each by id; the coupon
        // last. Free shipping is decided with shipping, on what is left.
        let mut live: Vec<&Promotion> = self
            .promotions
            .iter()
            .filter(|p| p.is_live(self.now))
            .collect();
        sort_by(&mut live, |a, b| {
            (stage(&a.offer), &a.id).cmp(&(stage(&b.offer), &b.id))
        });
        let mut discounts = Vec::new();
        for promotion in &live {
            if let Some(applied) = apply(promotion, &mut lines, false) {
                discounts.push(applied);
            }
        }
        if let Some(coupon) = coupon {
            self.check_coupon(coupon, &lines)?;
            if let Some(applied) = apply(&coupon.promotion, &mut lines, true) {
                discounts.push(applied);
            }
        }

        let merchandise: i64 = lines.iter().map(|l| l.remaining).sum();
        let free_offers: Vec<&Promotion> = live
            .iter()
            .copied()
            .chain(coupon.map(|c| &c.promotion))
            .filter(|p| matches!(&p.offer, Offer::FreeShipping { methods } if methods.contains(&method)))
            .collect();
        let shipping = self.shipping(&lines, method, &free_offers)?;
        let free_shipping = progress(&free_offers, &lines);

        let discount_total = subtotal - merchandise;
        let total = merchandise + shipping.fee.amount;
        Ok(Quote {
            lines: lines
                .into_iter()
                .map(|l| QuoteLine {
                    sku: l.sku.sku.clone(),
                    qty: l.qty,
                    product: l.sku.product.clone(),
                    title: l.sku.title.clone(),
                    options: l.sku.options.clone(),
                    image: l.sku.image.clone(),
                    unit_price: l.sku.unit_price,
                    compare_at: l.sku.compare_at,
                    available: l.sku.available,
                    subtotal: money(l.subtotal),
                    discount: money(l.subtotal - l.remaining),
                    total: money(l.remaining),
                })
                .collect(),
            subtotal: money(subtotal),
            discounts,
            discount_total: money(discount_total),
            shipping,
            payment_fee: None,
            total: money(total),
            vat_included: money(vat_included(total, CURRENCY.unit())),
            coupon: coupon.cloned(),
            free_shipping,
        })
    }

    /// Validates the cart against the catalog: every error names its line.
    fn lines<'s>(&'s self, cart: &[CartLine]) -> Result<Vec<Working<'s>>, QuoteError> {
        if cart.len() > MAX_LINES {
            return Err(QuoteError::new(
                QuoteErrorCode::Invalid,
                "lines",
                format!("a cart holds at most {MAX_LINES} lines"),
            ));
        }
        let by_sku: HashMap<&str, &PricedSku> =
            self.skus.iter().map(|s| (s.sku.as_str(), s)).collect();
        let mut lines = Vec::with_capacity(cart.len());
        for (i, line) in cart.iter().enumerate() {
            if !(1..=MAX_QTY).contains(&line.qty) {
                return Err(QuoteError::new(
                    QuoteErrorCode::Invalid,
                    format!("lines[{i}].qty"),
                    format!("must be between 1 and {MAX_QTY}"),
                ));
            }
            if cart[..i].iter().any(|l| l.sku == line.sku) {
                return Err(QuoteError::new(
                    QuoteErrorCode::Invalid,
                    format!("lines[{i}].sku"),
                    "appears on an earlier line: one line per SKU",
                ));
            }
            let Some(sku) = by_sku.get(line.sku.as_str()) else {
                return Err(QuoteError::new(
                    QuoteErrorCode::UnknownSku,
                    format!("lines[{i}].sku"),
                    format!("{} is not sold here", line.sku),
                ));
            };
            if self.enforce_stock && line.qty > sku.available {
                return Err(QuoteError::new(
                    QuoteErrorCode::OutOfStock,
                    format!("lines[{i}].qty"),
                    match sku.available {
                        0 => format!("{} is sold out", line.sku),
                        n => format!("only {n} of {} can be bought now", line.sku),
                    },
                ));
            }
            let subtotal = sku.unit_price.amount * i64::from(line.qty);
            lines.push(Working {
                sku,
                qty: line.qty,
                subtotal,
                remaining: subtotal,
            });
        }
        Ok(lines)
    }

    fn check_coupon(&self, coupon: &Coupon, lines: &[Working]) -> Result<(), QuoteError> {
        let promotion = &coupon.promotion;
        let fail = |code, message: String| Err(QuoteError::new(code, "coupon", message));
        if promotion.starts_at.is_some_and(|s| self.now < s) {
            return fail(
                QuoteErrorCode::CouponNotYetValid,
                format!("{} is not valid yet", coupon.code),
            );
        }
        if promotion.ends_at.is_some_and(|e| self.now >= e) {
            return fail(
                QuoteErrorCode::CouponExpired,
                format!("{} has expired", coupon.code),
            );
        }
        let qualifying = lines.iter().filter(|l| in_scope(&promotion.scope, l.sku));
        let amount: i64 = qualifying.clone().map(|l| l.remaining).sum();
        if qualifying.count() == 0 {
            return fail(
                QuoteErrorCode::CouponNotApplicable,
                format!("{} does not apply to anything in the cart", coupon.code),
            );
        }
        if let Some(min) = promotion.min_spend.filter(|min| amount < min.amount) {
            return fail(
                QuoteErrorCode::CouponMinSpend,
                format!(
                    "{} needs a spend of at least {}",
                    coupon.code,
                    min.format(crate::Locale::En)
                ),
            );
        }
        Ok(())
    }

    fn shipping(
        &self,
        lines: &[Working],
        method: ShippingMethod,
        free_offers: &[&Promotion],
    ) -> Result<ShippingQuote, QuoteError> {
        let rate = self
            .rates
            .iter()
            .find(|r| r.method == method)
            .ok_or_else(|| {
                QuoteError::new(
                    QuoteErrorCode::ShippingUnavailable,
                    "shipping_method",
                    "is not offered",
                )
            })?;
        let weight = parcel_grams(lines.iter().map(|l| (l.sku.weight_grams, l.qty)));
        if lines.is_empty() {
            // Nothing to send, nothing to pay for sending it.
            return Ok(ShippingQuote {
                method,
                label: rate.label.clone(),
                weight_grams: 0,
                full_fee: money(0),
                fee: money(0),
                free_by: None,
            });
        }
        let full_fee = rate.fee(weight).ok_or_else(|| {
            QuoteError::new(
                QuoteErrorCode::ShippingUnavailable,
                "shipping_method",
                format!("cannot carry a parcel of {weight} g; choose another method"),
            )
        })?;
        let free_by = free_offers
            .iter()
            .find(|p| qualifies(p, lines))
            .map(|p| p.id.clone());
        Ok(ShippingQuote {
            method,
            label: rate.label.clone(),
            weight_grams: weight,
            full_fee,
            fee: if free_by.is_some() {
                money(0)
            } else {
                full_fee
            },
            free_by,
        })
    }
}

/// Item offers before order offers.
fn stage(offer: &Offer) -> u8 {
    match offer {
        Offer::BuyXGetY { .. } | Offer::BundlePrice { .. } => 0,
        Offer::PercentOff { .. } | Offer::AmountOff { .. } => 1,
        Offer::FreeShipping { .. } => 2,
    }
}

fn in_scope(scope: &Scope, sku: &PricedSku) -> bool {
    match scope {
        Scope::All => true,
        Scope::Categories(slugs) => sku.categories.iter().any(|c| slugs.contains(c)),
        Scope::Products(slugs) => slugs.contains(&sku.product),
    }
}

/// Whether the items `promotion` counts reach its minimum spend.
fn qualifies(promotion: &Promotion, lines: &[Working]) -> bool {
    let amount: i64 = lines
        .iter()
        .filter(|l| in_scope(&promotion.scope, l.sku))
        .map(|l| l.remaining)
        .sum();
    amount > 0 && promotion.min_spend.is_none_or(|min| amount >= min.amount)
}

/// Applies a money-off offer to the lines it covers; `None` when it takes nothing off.
fn apply(
    promotion: &Promotion,
    lines: &mut [Working],
    from_coupon: bool,
) -> Option<AppliedDiscount> {
    if !qualifies(promotion, lines) {
        return None;
    }
    // Lines in SKU order, so that the result does not depend on the order of the cart.
    let mut covered: Vec<usize> = (0..lines.len())
        .filter(|&i| in_scope(&promotion.scope, lines[i].sku))
        .collect();
    sort_by(&mut covered, |&a, &b| {
        lines[a].sku.sku.cmp(&lines[b].sku.sku)
    });
    let available: i64 = covered.iter().map(|&i| lines[i].remaining).sum();
    let unit = CURRENCY.unit();

    let shares: Vec<i64> = match &promotion.offer {
        Offer::PercentOff { percent } => {
            let amount = round_down_to_unit(available * i64::from((*percent).min(100)) / 100, unit);
            allocate_in_units(
                amount,
                &covered
                    .iter()
                    .map(|&i| lines[i].remaining)
                    .collect::<Vec<_>>(),
                unit,
            )
        }
        Offer::AmountOff { amount } => {
            let amount = amount.amount.clamp(0, available);
            allocate_in_units(
                amount,
                &covered
                    .iter()
                    .map(|&i| lines[i].remaining)
                    .collect::<Vec<_>>(),
                unit,
            )
        }
        Offer::BuyXGetY { buy, get } => per_unit(lines, &covered, |units| {
            group_discounts(units, buy + get, |group| {
                // Dearest first: the last `get` units of a group are its cheapest, and free.
                let free = (*get as usize).min(group.len());
                group[group.len() - free..].iter().map(|u| u.1).collect()
            })
        }),
        Offer::BundlePrice { qty, price } => per_unit(lines, &covered, |units| {
            group_discounts(units, *qty, |group| {
                let full: i64 = group.iter().map(|u| u.1).sum();
                let off = (full - price.amount).max(0);
                allocate_in_units(off, &group.iter().map(|u| u.1).collect::<Vec<_>>(), unit)
            })
        }),
        Offer::FreeShipping { .. } => return None,
    };

    let mut total = 0;
    for (&i, share) in covered.iter().zip(shares) {
        let share = share.clamp(0, lines[i].remaining);
        lines[i].remaining -= share;
        total += share;
    }
    (total > 0).then(|| AppliedDiscount {
        id: promotion.id.clone(),
        label: promotion.label.clone(),
        amount: money(total),
        from_coupon,
    })
}

/// For item offers: lays the covered lines out as single units, dearest first (ties by SKU),
/// lets `discount` price them, and sums each unit's discount back onto its line.
fn per_unit(
    lines: &[Working],
    covered: &[usize],
    discount: impl Fn(&[(usize, i64)]) -> Vec<i64>,
) -> Vec<i64> {
    // A unit is worth its share of what is left of its line.
    let mut units: Vec<(usize, i64)> = Vec::new();
    for (k, &i) in covered.iter().enumerate() {
        let line = &lines[i];
        let unit = CURRENCY.unit();
        let shares = allocate_in_units(line.remaining, &vec![unit; line.qty as usize], unit);
        units.extend(shares.into_iter().map(|value| (k, value)));
    }
    sort_by(&mut units, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let per_unit = discount(&units);
    let mut per_line = vec![0; covered.len()];
    for (unit, off) in units.iter().zip(per_unit) {
        per_line[unit.0] += off.min(unit.1);
    }
    per_line
}

/// Cuts units (dearest first) into full groups of `size` and prices each group's discount.
fn group_discounts(
    units: &[(usize, i64)],
    size: u32,
    group_discount: impl Fn(&[(usize, i64)]) -> Vec<i64>,
) -> Vec<i64> {
    let size = size.max(1) as usize;
    let mut out = vec![0; units.len()];
    for (g, group) in units.chunks(size).enumerate() {
        if group.len() < size {
            break;
        }
        let offs = group_discount(group);
        // `offs` may be shorter than the group (buy X get Y lists only the free units, from
        // the cheapest up): it lines up with the group's tail.
        let start = g * size + size - offs.len();
        for (k, off) in offs.into_iter().enumerate() {
            out[start + k] += off;
        }
    }
    out
}

/// The nearest free-shipping threshold not yet reached, or the one reached.
fn progress(free_offers: &[&Promotion], lines: &[Working]) -> Option<FreeShippingProgress> {
    free_offers
        .iter()
        .filter_map(|p| {
            let min = p.min_spend?;
            let amount: i64 = lines
                .iter()
                .filter(|l| in_scope(&p.scope, l.sku))
                .map(|l| l.remaining)
                .sum();
            Some(FreeShippingProgress {
                threshold: min,
                remaining: money((min.amount - amount).max(0)),
                label: p.label.clone(),
            })
        })
        .min_by_key(|p| p.remaining.amount)
}

fn money(amount: i64) -> Money {
    Money::new(amount, CURRENCY)
}
