//! The demo store's purchase history: 600 past orders whose baskets follow real shopping
//! habits (earbuds with a cable or a case, a dress with a knit or a coat, tea with a mug or
//! pineapple cake, a skincare routine, a book with a notebook), so that "frequently bought
//! together" has something true to say.
//!
//! The orders come from a fixed-seed generator over the demo catalog: hand-picked companions
//! by slug, departments that go together, a brand's other products, and some noise. The same
//! catalog always gives the same orders, so seeding again writes nothing new.

use std::collections::HashMap;

use anyhow::Context;
use sqlx::{Any, Transaction};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

use super::DemoCatalog;
use crate::store::catalog::ProductInput;
use crate::store::purchase_history::{self, HistoryLine};

/// Past orders written.
pub const ORDERS: usize = 600;
const SEED: u64 = 0x4f4f_5746_4c4f_5721;
const MAX_BASKET: usize = 5;
/// Orders are spread over this window (or later, for a product not yet on sale at its start).
const FIRST_DAY: &str = "2026-01-05T00:00:00Z";
const WINDOW_DAYS: i64 = 320;

/// Products bought together, by slug: each with its companions, likeliest first. The relation
/// is read both ways (see [`companions`]).
#[rustfmt::skip]
pub const COMPANIONS: &[(&str, &[&str])] = &[
    ("true-wireless-earbuds", &["usb-c-braided-fast-charging-cable", "magnetic-shockproof-phone-case"]),
    ("anc-over-ear-headphones", &["slim-power-bank-10000", "usb-c-braided-fast-charging-cable"]),
    ("usb-c-wired-earphones", &["magnetic-shockproof-phone-case"]),
    ("sport-ear-hook-earphones", &["heart-rate-fitness-band", "insulated-stainless-bottle"]),
    ("open-ear-earphones", &["gps-sport-smartwatch"]),
    ("waterproof-bluetooth-speaker", &["slim-power-bank-10000"]),
    ("kids-volume-limited-headphones", &["kids-gps-smartwatch", "little-bears-rainy-day"]),
    ("gps-sport-smartwatch", &["silicone-sport-watch-strap", "wireless-charging-pad-15w"]),
    ("heart-rate-fitness-band", &["silicone-sport-watch-strap"]),
    ("magnetic-shockproof-phone-case", &["wireless-charging-pad-15w"]),
    ("floral-midi-dress", &["merino-crew-sweater", "waffle-knit-long-sleeve"]),
    ("linen-shirt-dress", &["stand-collar-work-jacket"]),
    ("satin-slip-dress", &["double-breasted-wool-coat", "velvet-matte-lipstick"]),
    ("long-sleeve-wrap-dress", &["packable-light-down-jacket"]),
    ("polka-dot-tea-dress", &["breton-stripe-top", "velvet-matte-lipstick"]),
    ("gingham-smock-dress", &["organic-cotton-tee"]),
    ("oxford-button-down-shirt", &["double-breasted-wool-coat", "merino-crew-sweater"]),
    ("waterproof-hooded-shell", &["insulated-stainless-bottle"]),
    ("alishan-high-mountain-oolong", &[
        "yingge-stoneware-mug", "native-pineapple-cake-gift-box", "tea-people-of-the-mountains",
    ]),
    ("sun-moon-lake-ruby-black-tea", &["handmade-peanut-nougat", "yingge-stoneware-mug"]),
    ("oriental-beauty-oolong", &["native-pineapple-cake-gift-box"]),
    ("cold-brew-tea-sampler", &["insulated-stainless-bottle"]),
    ("alishan-single-origin-coffee-beans", &["yingge-stoneware-mug"]),
    ("drip-bag-coffee-sampler", &["pingtung-irwin-dried-mango", "sanxing-scallion-crackers"]),
    ("gukeng-dark-roast-blend", &["handmade-peanut-nougat"]),
    ("amino-acid-gentle-cleanser", &["niacinamide-brightening-serum", "centella-repair-cream"]),
    ("niacinamide-brightening-serum", &["lightweight-sunscreen-spf50"]),
    ("hyaluronic-hydrating-sheet-masks", &["centella-repair-cream"]),
    ("breathable-cushion-foundation", &["lightweight-sunscreen-spf50"]),
    ("nine-shade-eyeshadow-palette", &["velvet-matte-lipstick"]),
    ("learn-rust-from-scratch", &["a5-dot-grid-notebook", "metal-rollerball-pen"]),
    ("slow-walks-taiwan-small-towns", &["taiwan-scenery-washi-tape-set"]),
    ("a-kitchen-for-one", &["cast-iron-skillet", "acacia-cutting-board", "glazed-rice-bowl-set"]),
    ("starter-fountain-pen", &["a5-dot-grid-notebook", "weekly-planner-2027"]),
    ("lyocell-all-season-duvet", &["combed-cotton-fitted-sheet-set", "washable-support-pillow"]),
    ("cotton-linen-storage-box", &["bamboo-drawer-organizer", "hand-woven-seagrass-basket"]),
];

/// Leaf categories whose products go into the same basket as another's.
const DEPARTMENTS_TOGETHER: &[(&str, &[&str])] = &[
    ("dresses", &["outerwear", "tops", "makeup"]),
    ("tops", &["outerwear", "tops"]),
    ("outerwear", &["tops"]),
    ("audio", &["phone-accessories"]),
    ("phone-accessories", &["audio", "phone-accessories"]),
    ("wearables", &["phone-accessories", "wearables"]),
    ("kitchen", &["coffee", "tea", "kitchen"]),
    ("bedding", &["bedding", "storage"]),
    ("storage", &["storage", "bedding"]),
    ("tea", &["snacks", "kitchen"]),
    ("snacks", &["tea", "coffee", "snacks"]),
    ("coffee", &["snacks", "kitchen"]),
    ("skincare", &["skincare", "makeup"]),
    ("makeup", &["makeup", "skincare"]),
    ("books", &["stationery", "books"]),
    ("stationery", &["stationery", "books"]),
];

/// `slug`'s hand-picked companions, either way round: its own list first, then the products
/// that list it.
pub fn companions(slug: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = COMPANIONS
        .iter()
        .filter(|(p, _)| *p == slug)
        .flat_map(|(_, with)| with.iter().copied())
        .collect();
    for (p, with) in COMPANIONS {
        if with.contains(&slug) && !out.contains(p) {
            out.push(p);
        }
    }
    out
}

/// Writes the history in the seeding transaction; returns how many lines were new.
pub async fn seed(tx: &mut Transaction<'_, Any>, demo: &DemoCatalog) -> anyhow::Result<u64> {
    let lines = orders(demo)?;
    purchase_history::insert_lines(tx, &lines)
        .await
        .context("writing the demo purchase history")
}

/// The demo's past orders, one line per product per order.
pub fn orders(demo: &DemoCatalog) -> anyhow::Result<Vec<HistoryLine>> {
    let products = &demo.products;
    anyhow::ensure!(!products.is_empty(), "the demo catalog has no products");
    let by_slug: HashMap<&str, usize> = products
        .iter()
        .enumerate()
        .map(|(i, p)| (p.slug.as_str(), i))
        .collect();
    let index = |slug: &str| {
        by_slug
            .get(slug)
            .copied()
            .with_context(|| format!("the demo history names {slug}, which is not in the catalog"))
    };
    let mut companion_lists = Vec::with_capacity(products.len());
    for p in products {
        let list = companions(p.slug.as_str())
            .into_iter()
            .map(index)
            .collect::<anyhow::Result<Vec<usize>>>()?;
        companion_lists.push(list);
    }
    let mut in_category: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in products.iter().enumerate() {
        in_category.entry(p.category.as_str()).or_default().push(i);
    }
    let popularity: Vec<u64> = products
        .iter()
        .map(|p| u64::try_from(p.popularity.max(1)).unwrap_or(1))
        .collect();
    let first_day = OffsetDateTime::parse(FIRST_DAY, &Rfc3339).expect("FIRST_DAY is RFC 3339");

    let mut rng = Rng(SEED);
    let mut lines = Vec::new();
    for n in 1..=ORDERS {
        let anchor = rng.weighted(&popularity);
        let mut basket = vec![anchor];
        let own = &companion_lists[anchor];
        if !own.is_empty() && rng.chance(70) {
            // Likelier the earlier in the list: the smaller of two draws.
            let pick = rng.below(own.len()).min(rng.below(own.len()));
            add(&mut basket, own[pick]);
            if rng.chance(30) {
                add(&mut basket, own[rng.below(own.len())]);
            }
        }
        let together = DEPARTMENTS_TOGETHER
            .iter()
            .find(|(c, _)| *c == products[anchor].category.as_str())
            .map_or(&[][..], |(_, with)| *with);
        if !together.is_empty() && rng.chance(35) {
            let department = together[rng.below(together.len())];
            if let Some(choices) = in_category.get(department) {
                add(&mut basket, choices[rng.below(choices.len())]);
            }
        }
        if rng.chance(20) {
            let brand: Vec<usize> = (0..products.len())
                .filter(|&i| i != anchor && products[i].brand == products[anchor].brand)
                .collect();
            if !brand.is_empty() {
                add(&mut basket, brand[rng.below(brand.len())]);
            }
        }
        if rng.chance(12) {
            add(&mut basket, rng.weighted(&popularity));
        }

        let order_ref = format!("DEMO-{n:04}");
        let purchased_at = purchase_time(&mut rng, first_day, &basket, products)?;
        for &i in &basket {
            let bulk = matches!(
                products[i].category.as_str(),
                "tea" | "snacks" | "coffee" | "stationery"
            );
            let qty = if bulk && rng.chance(30) {
                2 + rng.below(2)
            } else {
                1
            };
            lines.push(HistoryLine {
                order_ref: order_ref.clone(),
                product: products[i].slug.to_string(),
                qty: qty as i64,
                purchased_at: purchased_at.clone(),
            });
        }
    }
    Ok(lines)
}

fn add(basket: &mut Vec<usize>, product: usize) {
    if basket.len() < MAX_BASKET && !basket.contains(&product) {
        basket.push(product);
    }
}

/// A time in the window, and never before every product of the basket was on sale.
fn purchase_time(
    rng: &mut Rng,
    first_day: OffsetDateTime,
    basket: &[usize],
    products: &[ProductInput],
) -> anyhow::Result<String> {
    let mut at = first_day
        + Duration::days(rng.below(WINDOW_DAYS as usize) as i64)
        + Duration::minutes(rng.below(24 * 60) as i64);
    for &i in basket {
        let on_sale = OffsetDateTime::parse(&products[i].created_at, &Rfc3339)
            .with_context(|| format!("created_at of {}", products[i].slug))?;
        if at < on_sale {
            at = on_sale + Duration::hours(1 + rng.below(72) as i64);
        }
    }
    Ok(at.format(&Rfc3339)?)
}

/// SplitMix64: small, fast, and the same numbers on every platform for the same seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n` > 0); the modulo bias is far below what a demo can show.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// An index drawn in proportion to its weight.
    fn weighted(&mut self, weights: &[u64]) -> usize {
        let total: u64 = weights.iter().sum();
        let mut ticket = self.next() % total.max(1);
        for (i, &w) in weights.iter().enumerate() {
            if ticket < w {
                return i;
            }
            ticket -= w;
        }
        weights.len() - 1
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashSet};

    use fourflow_core::catalog::MIN_BASKETS_TOGETHER;

    use super::*;
    use crate::demo;

    #[test]
    fn the_history_is_the_same_every_time() {
        let demo = demo::catalog().unwrap();
        let first = orders(&demo).unwrap();
        assert_eq!(first, orders(&demo).unwrap());
        let refs: HashSet<&str> = first.iter().map(|l| l.order_ref.as_str()).collect();
        assert_eq!(refs.len(), ORDERS);
        let keys: HashSet<(&str, &str)> = first
            .iter()
            .map(|l| (l.order_ref.as_str(), l.product.as_str()))
            .collect();
        assert_eq!(keys.len(), first.len(), "one line per product per order");
        assert!(first.iter().all(|l| l.qty >= 1));
    }

    #[test]
    fn every_named_product_is_in_the_catalog() {
        let demo = demo::catalog().unwrap();
        let slugs: HashSet<&str> = demo.products.iter().map(|p| p.slug.as_str()).collect();
        let categories: HashSet<&str> = demo.categories.iter().map(|c| c.slug.as_str()).collect();
        for (p, with) in COMPANIONS {
            assert!(slugs.contains(p), "{p}");
            for w in *with {
                assert!(slugs.contains(w), "{w}");
                assert_ne!(p, w);
            }
        }
        for (c, with) in DEPARTMENTS_TOGETHER {
            assert!(categories.contains(c), "{c}");
            assert!(with.iter().all(|w| categories.contains(w)), "{with:?}");
        }
    }

    #[test]
    fn hand_picked_companions_are_bought_together_often_enough_to_count() {
        let demo = demo::catalog().unwrap();
        let mut baskets: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for line in orders(&demo).unwrap() {
            baskets
                .entry(line.order_ref)
                .or_default()
                .push(line.product);
        }
        let mut weak = Vec::new();
        for (p, with) in COMPANIONS {
            for w in *with {
                let together = baskets
                    .values()
                    .filter(|b| b.iter().any(|x| x == p) && b.iter().any(|x| x == w))
                    .count();
                if together < MIN_BASKETS_TOGETHER as usize {
                    weak.push((*p, *w, together));
                }
            }
        }
        assert!(weak.is_empty(), "{weak:?}");
        let sizes: Vec<usize> = baskets.values().map(Vec::len).collect();
        assert!(sizes.iter().all(|&n| (1..=MAX_BASKET).contains(&n)));
        let mean = sizes.iter().sum::<usize>() as f64 / sizes.len() as f64;
        assert!((1.5..3.5).contains(&mean), "{mean}");
    }

    #[test]
    fn companions_read_both_ways() {
        assert_eq!(
            companions("true-wireless-earbuds"),
            [
                "usb-c-braided-fast-charging-cable",
                "magnetic-shockproof-phone-case"
            ]
        );
        assert!(companions("usb-c-braided-fast-charging-cable").contains(&"true-wireless-earbuds"));
        assert!(companions("no-such-product").is_empty());
    }
}
