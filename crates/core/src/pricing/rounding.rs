//! Rounding, written once. Taiwan has no coin below NT$1, so every amount the engine derives
//! (a percentage off, the VAT share) is a whole number of dollars: discounts round down (the
//! shop never gives more than it promised), the VAT rounds half up (as on a uniform invoice).

use super::sort::sort_by;

/// VAT included in Taiwanese prices.
pub const VAT_PERCENT: i64 = 5;

/// `amount` rounded down to a multiple of `unit`.
pub fn round_down_to_unit(amount: i64, unit: i64) -> i64 {
    amount.div_euclid(unit) * unit
}

/// The VAT inside a VAT-inclusive `total`: total × 5 / 105, rounded half up to `unit`.
pub fn vat_included(total: i64, unit: i64) -> i64 {
    let exact_times_105 = total * VAT_PERCENT; // the VAT × 105
    let divisor = (100 + VAT_PERCENT) * unit;
    (exact_times_105 + divisor / 2).div_euclid(divisor) * unit
}

/// Splits `amount` over parts in proportion to `weights` (all ≥ 0), exactly: the shares sum
/// to `amount` and, when `amount` ≤ the weights' sum, no share exceeds its weight. Remainders
/// go to the largest fractional parts, ties to the earlier part — callers order parts by
/// something stable (the SKU), never by the order the shopper added them.
pub fn allocate(amount: i64, weights: &[i64]) -> Vec<i64> {
    let total: i64 = weights.iter().sum();
    if total <= 0 || amount == 0 {
        return vec![0; weights.len()];
    }
    let amount_wide = i128::from(amount);
    let total_wide = i128::from(total);
    let mut shares: Vec<i64> = Vec::with_capacity(weights.len());
    let mut remainders: Vec<(i128, usize)> = Vec::with_capacity(weights.len());
    for (i, &w) in weights.iter().enumerate() {
        let exact = amount_wide * i128::from(w);
        shares.push((exact / total_wide) as i64);
        remainders.push((exact % total_wide, i));
    }
    let mut left = amount - shares.iter().sum::<i64>();
    sort_by(&mut remainders, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in remainders {
        if left == 0 {
            break;
        }
        shares[i] += 1;
        left -= 1;
    }
    shares
}

/// As [`allocate`], in whole multiples of `unit` when the amount and every weight are whole
/// multiples of it: a discount spread over lines priced in dollars leaves each line in whole
/// dollars, never NT$283.03. Otherwise, as [`allocate`].
pub fn allocate_in_units(amount: i64, weights: &[i64], unit: i64) -> Vec<i64> {
    let whole = |n: i64| n % unit == 0;
    if unit > 1 && whole(amount) && weights.iter().all(|&w| whole(w)) {
        let units: Vec<i64> = weights.iter().map(|w| w / unit).collect();
        allocate(amount / unit, &units)
            .into_iter()
            .map(|s| s * unit)
            .collect()
    } else {
        allocate(amount, weights)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn vat_is_five_parts_in_a_hundred_and_five() {
        assert_eq!(vat_included(105_000, 100), 5_000);
        assert_eq!(vat_included(129_000, 100), 6_100); // 6,142.86 → NT$61
        assert_eq!(vat_included(0, 100), 0);
        assert_eq!(vat_included(3_150, 100), 200); // 150 → NT$2 (1.5 rounds up)
    }

    #[test]
    fn discounts_round_down() {
        assert_eq!(round_down_to_unit(19_350, 100), 19_300);
        assert_eq!(round_down_to_unit(19_300, 100), 19_300);
    }

    #[test]
    fn whole_dollars_stay_whole() {
        assert_eq!(
            allocate_in_units(10_000, &[387_000, 29_000], 100),
            [9_300, 700]
        );
        assert_eq!(allocate(10_000, &[387_000, 29_000]), [9_303, 697]);
        assert_eq!(
            allocate_in_units(10_050, &[387_000, 29_000], 100),
            allocate(10_050, &[387_000, 29_000])
        );
    }

    #[test]
    fn allocation_is_exact_and_proportional() {
        assert_eq!(allocate(100, &[1, 1, 1]), [34, 33, 33]);
        assert_eq!(allocate(10, &[0, 5, 5]), [0, 5, 5]);
        assert_eq!(allocate(7, &[]), Vec::<i64>::new());
    }

    proptest! {
        #[test]
        fn shares_sum_to_the_amount_and_stay_within_weights(
            weights in proptest::collection::vec(0i64..1_000_000, 1..10),
            fraction in 0.0f64..=1.0,
        ) {
            let total: i64 = weights.iter().sum();
            let amount = (total as f64 * fraction) as i64;
            let shares = allocate(amount, &weights);
            if total > 0 {
                prop_assert_eq!(shares.iter().sum::<i64>(), amount);
            }
            // One share per weight: a short answer would leave weights unchecked.
            prop_assert_eq!(shares.len(), weights.len());
            for (s, w) in shares.iter().zip(&weights) {
                prop_assert!(*s >= 0 && s <= w);
            }
        }
    }
}
