//! Recommendations: what shoppers bought together with a product (or with a cart), and what is
//! like it.
//!
//! Here are the response, the query a cart asks with, and the co-purchase arithmetic: which
//! pairs of products are bought together more often than chance, and how strongly. The server
//! builds its read model from the shop's order history with these functions; keeping them pure
//! keeps the rule in one place, where it can be read and tested.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{encode_pairs, ProductSummary, Slug};
use crate::FieldError;

/// Products shown as "frequently bought together" on a product page.
pub const FREQUENTLY_BOUGHT_TOGETHER: usize = 4;
/// Products shown as "frequently bought together" beside a cart.
pub const BOUGHT_WITH_CART: usize = 6;
/// Products shown as "similar items".
pub const SIMILAR: usize = 8;
/// The most products one cart may ask recommendations for.
pub const MAX_CART_PRODUCTS: usize = 50;
/// Below this many baskets holding both, a pair is a coincidence rather than a habit.
pub const MIN_BASKETS_TOGETHER: u32 = 3;

/// `GET /api/v1/products/{slug}/recommendations` and `GET /api/v1/recommendations`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Recommendations {
    /// Bought in the same orders as the product (or as any of the cart's products), strongest
    /// affinity first, products that can be bought now before sold-out ones. Never the
    /// product itself nor anything already in the cart.
    pub frequently_bought_together: Vec<ProductSummary>,
    /// Alike in category, brand, colours, sizes and price; buyable ones first.
    pub similar: Vec<ProductSummary>,
}

/// The cart's products, as `GET /api/v1/recommendations?product=a&product=b` names them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RecommendationQuery {
    /// Each once, in the order first given.
    pub products: Vec<Slug>,
}

impl RecommendationQuery {
    /// Reads already percent-decoded pairs: `product` repeated, at most
    /// [`MAX_CART_PRODUCTS`] times; other keys are ignored.
    pub fn from_pairs<K, V>(pairs: impl IntoIterator<Item = (K, V)>) -> Result<Self, FieldError>
    where
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let mut products: Vec<Slug> = Vec::new();
        let mut given = 0;
        for (key, value) in pairs {
            if key.as_ref() != "product" {
                continue;
            }
            given += 1;
            if given > MAX_CART_PRODUCTS {
                return Err(FieldError::new(
                    "product",
                    format!("must be given at most {MAX_CART_PRODUCTS} times"),
                ));
            }
            let slug = Slug::parse("product", value.as_ref().trim())?;
            if !products.contains(&slug) {
                products.push(slug);
            }
        }
        Ok(RecommendationQuery { products })
    }

    /// `product=a&product=b`: the query string for a URL, without the `?`.
    pub fn to_query_string(&self) -> String {
        encode_pairs(self.products.iter().map(|p| ("product", p.to_string())))
    }
}

/// How many baskets (orders) held two products, each of them, and in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PairCounts {
    /// Baskets holding both.
    pub together: u32,
    /// Baskets holding the one, and those holding the other (both counting `together`).
    pub one: u32,
    pub other: u32,
    /// All baskets.
    pub baskets: u32,
}

impl PairCounts {
    /// Counts that can describe real baskets.
    fn consistent(self) -> bool {
        self.together <= self.one.min(self.other) && self.one.max(self.other) <= self.baskets
    }

    /// The share of all baskets that hold both.
    pub fn support(self) -> f64 {
        if self.baskets == 0 {
            return 0.0;
        }
        f64::from(self.together) / f64::from(self.baskets)
    }

    /// How many times more often the two are bought together than if shoppers chose them
    /// independently: 1 is chance, above 1 an affinity.
    pub fn lift(self) -> f64 {
        let expected = f64::from(self.one) * f64::from(self.other);
        if expected == 0.0 {
            return 0.0;
        }
        f64::from(self.together) * f64::from(self.baskets) / expected
    }

    /// The strength of the affinity, in (0, 1]: √(support × lift), which is
    /// `together / √(one × other)`. Lift alone would crown two rarities bought together
    /// once; support alone would pair everything with the best seller; their geometric mean
    /// asks for both. `None` when the pair is no affinity: held by fewer than
    /// [`MIN_BASKETS_TOGETHER`] baskets, bought together no more often than chance, or
    /// counts that contradict each other.
    pub fn affinity(self) -> Option<f64> {
        let above_chance = u64::from(self.together) * u64::from(self.baskets)
            > u64::from(self.one) * u64::from(self.other);
        (self.consistent() && self.together >= MIN_BASKETS_TOGETHER && above_chance)
            .then(|| (self.support() * self.lift()).sqrt())
    }
}

/// Which products go with which, from the order history: for each product, its partners with
/// their affinity, strongest first.
#[derive(Debug, Clone, PartialEq)]
pub struct CoPurchases<K> {
    partners: BTreeMap<K, Vec<(K, f64)>>,
}

impl<K> Default for CoPurchases<K> {
    fn default() -> Self {
        CoPurchases {
            partners: BTreeMap::new(),
        }
    }
}

impl<K: Copy + Ord> CoPurchases<K> {
    /// From the counts: `baskets` in all, how many held each product, and how many held each
    /// pair (each unordered pair once, in either order). Pairs that are no affinity, or that
    /// name a product without a count, are left out.
    pub fn from_counts(
        baskets: u32,
        per_product: &BTreeMap<K, u32>,
        pairs: impl IntoIterator<Item = (K, K, u32)>,
    ) -> Self {
        let mut partners: BTreeMap<K, Vec<(K, f64)>> = BTreeMap::new();
        for (a, b, together) in pairs {
            let (Some(&one), Some(&other)) = (per_product.get(&a), per_product.get(&b)) else {
                continue;
            };
            if a == b {
                continue;
            }
            let counts = PairCounts {
                together,
                one,
                other,
                baskets,
            };
            if let Some(affinity) = counts.affinity() {
                partners.entry(a).or_default().push((b, affinity));
                partners.entry(b).or_default().push((a, affinity));
            }
        }
        for list in partners.values_mut() {
            list.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            list.dedup_by(|x, y| x.0 == y.0);
        }
        CoPurchases { partners }
    }

    /// `product`'s partners, strongest first.
    pub fn partners(&self, product: K) -> &[(K, f64)] {
        self.partners.get(&product).map_or(&[], Vec::as_slice)
    }

    /// What to offer beside a basket (one product on its page, or a cart's products): each
    /// candidate's affinities with the basket's products summed, so that what goes with
    /// several of them ranks above what goes with one; the basket's own products left out;
    /// strongest first, ties in key order. The basket's order and repeats do not matter.
    pub fn bought_with(&self, basket: &[K]) -> Vec<(K, f64)> {
        let mut basket = basket.to_vec();
        basket.sort();
        basket.dedup();
        let mut scores: BTreeMap<K, f64> = BTreeMap::new();
        for &product in &basket {
            for &(partner, affinity) in self.partners(product) {
                if basket.binary_search(&partner).is_err() {
                    *scores.entry(partner).or_default() += affinity;
                }
            }
        }
        let mut ranked: Vec<(K, f64)> = scores.into_iter().collect();
        ranked.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        ranked
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn counts(together: u32, one: u32, other: u32, baskets: u32) -> PairCounts {
        PairCounts {
            together,
            one,
            other,
            baskets,
        }
    }

    #[test]
    fn support_and_lift() {
        let c = counts(10, 20, 25, 500);
        assert!((c.support() - 0.02).abs() < 1e-12);
        assert!((c.lift() - 10.0).abs() < 1e-12);
        let affinity = c.affinity().unwrap();
        assert!((affinity - 10.0 / (20.0f64 * 25.0).sqrt()).abs() < 1e-12);
        assert_eq!(counts(0, 0, 0, 0).lift(), 0.0);
        assert_eq!(counts(0, 0, 0, 0).support(), 0.0);
    }

    #[test]
    fn too_few_baskets_together_is_no_affinity() {
        assert!(counts(MIN_BASKETS_TOGETHER - 1, 3, 3, 600)
            .affinity()
            .is_none());
        assert!(counts(MIN_BASKETS_TOGETHER, 3, 3, 600).affinity().is_some());
    }

    #[test]
    fn chance_or_less_is_no_affinity() {
        // Half the baskets hold each; a quarter hold both: exactly chance.
        assert!(counts(25, 50, 50, 100).affinity().is_none());
        assert!(counts(20, 50, 50, 100).affinity().is_none());
        assert!(counts(26, 50, 50, 100).affinity().is_some());
    }

    #[test]
    fn impossible_counts_are_no_affinity() {
        assert!(counts(9, 5, 20, 100).affinity().is_none());
        assert!(counts(5, 5, 200, 100).affinity().is_none());
    }

    #[test]
    fn a_steady_pair_beats_a_best_seller_bought_alongside_by_chance() {
        // The cable sells with everything; the case mostly with these earbuds.
        let cable = counts(24, 40, 300, 600);
        let case = counts(8, 40, 20, 600);
        assert!(cable.support() > case.support());
        assert!(case.affinity().unwrap() > cable.affinity().unwrap());
    }

    fn model() -> CoPurchases<u32> {
        let per_product = BTreeMap::from([(1, 30), (2, 20), (3, 25), (4, 10), (5, 300)]);
        CoPurchases::from_counts(
            600,
            &per_product,
            [
                (1, 2, 12),
                (3, 1, 6),
                (2, 3, 5),
                (1, 4, 2),  // too few together
                (1, 5, 10), // chance: 30 × 300 / 600 = 15 expected
                (4, 9, 5),  // 9 has no count
                (3, 3, 7),  // a product with itself
            ],
        )
    }

    #[test]
    fn partners_are_symmetric_and_strongest_first() {
        let m = model();
        let ids = |k| m.partners(k).iter().map(|p| p.0).collect::<Vec<_>>();
        assert_eq!(ids(1), [2, 3]);
        assert_eq!(ids(2), [1, 3]);
        assert_eq!(ids(3), [2, 1]);
        assert!(ids(4).is_empty() && ids(5).is_empty() && ids(9).is_empty());
        assert_eq!(m.partners(1)[0].1, m.partners(2)[0].1);
    }

    #[test]
    fn a_basket_never_gets_its_own_products_back() {
        let m = model();
        let ranked = m.bought_with(&[1]);
        assert_eq!(ranked.iter().map(|r| r.0).collect::<Vec<_>>(), [2, 3]);
        let ranked = m.bought_with(&[1, 2]);
        assert_eq!(ranked.iter().map(|r| r.0).collect::<Vec<_>>(), [3]);
        // Going with both of the cart's products adds up.
        let with_both = ranked[0].1;
        let with_one = m.partners(1).iter().find(|p| p.0 == 3).unwrap().1;
        assert!(with_both > with_one);
        assert!(m.bought_with(&[]).is_empty());
        assert!(m.bought_with(&[1, 2, 3]).is_empty());
    }

    #[test]
    fn the_cart_query_reads_repeated_products() {
        let q = RecommendationQuery::from_pairs([
            ("product", "floral-midi-dress"),
            ("utm_source", "line"),
            ("product", "true-wireless-earbuds"),
            ("product", "floral-midi-dress"),
        ])
        .unwrap();
        let slugs: Vec<&str> = q.products.iter().map(Slug::as_str).collect();
        assert_eq!(slugs, ["floral-midi-dress", "true-wireless-earbuds"]);
        assert_eq!(
            q.to_query_string(),
            "product=floral-midi-dress&product=true-wireless-earbuds"
        );
        let none = RecommendationQuery::from_pairs(Vec::<(&str, &str)>::new()).unwrap();
        assert!(none.products.is_empty());
    }

    #[test]
    fn a_bad_cart_query_names_the_field() {
        for pairs in [
            vec![("product", "Not A Slug")],
            vec![("product", "")],
            vec![("product", "a"); MAX_CART_PRODUCTS + 1],
        ] {
            let err = RecommendationQuery::from_pairs(pairs).unwrap_err();
            assert_eq!(err.field, "product");
        }
        assert!(RecommendationQuery::from_pairs(vec![("product", "a"); MAX_CART_PRODUCTS]).is_ok());
    }

    proptest! {
        #[test]
        fn an_affinity_is_a_share_and_never_below_chance(
            baskets in 1u32..2000,
            one in 0u32..2000,
            other in 0u32..2000,
            together in 0u32..2000,
        ) {
            let c = counts(together, one, other, baskets);
            if let Some(a) = c.affinity() {
                prop_assert!(a > 0.0 && a <= 1.0 + 1e-12, "{a}");
                prop_assert!(c.lift() > 1.0);
                prop_assert!(together >= MIN_BASKETS_TOGETHER);
            }
        }

        #[test]
        fn basket_order_does_not_change_the_answer(
            mut basket in proptest::collection::vec(0u32..8, 0..6),
            pairs in proptest::collection::vec((0u32..8, 0u32..8, 0u32..40), 0..30),
        ) {
            let per_product: BTreeMap<u32, u32> = (0..8).map(|k| (k, 40)).collect();
            let m = CoPurchases::from_counts(400, &per_product, pairs);
            let forward = m.bought_with(&basket);
            basket.reverse();
            prop_assert_eq!(&forward, &m.bought_with(&basket));
            for (k, score) in forward {
                prop_assert!(!basket.contains(&k));
                prop_assert!(score > 0.0);
            }
        }
    }
}
