//! Each type read as serde_json reads what the server writes, and kept values written as
//! serde_json writes them.

use std::fmt::Debug;

use fourflow_core::content::{PublishedBlock, PublishedContent};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::*;
use crate::api::answers::ContentAnswer;
use crate::json::read;

/// What the server writes for `value` reads back, here, as serde_json reads it.
pub(crate) fn same<T: FromJson + Serialize + DeserializeOwned + PartialEq + Debug>(value: T) {
    let text = serde_json::to_string(&value).unwrap();
    assert_eq!(read::<T>(&text), Some(value), "{text}");
}

/// What is kept is written here exactly as serde_json would write it, and reads back.
pub(crate) fn kept<T: FromJson + ToJson + Serialize + PartialEq + Debug>(value: T) {
    let text = crate::json::write(&value);
    assert_eq!(text, serde_json::to_string(&value).unwrap());
    assert_eq!(read::<T>(&text), Some(value), "{text}");
}

pub(crate) fn text(s: &str) -> Localized {
    Localized {
        zh_tw: format!("{s}（中）"),
        en: s.into(),
    }
}

pub(crate) fn slug(s: &str) -> Slug {
    Slug::parse("slug", s).unwrap()
}

fn sku(s: &str) -> Sku {
    Sku::parse("sku", s).unwrap()
}

fn priced() -> PricedSku {
    PricedSku {
        sku: sku("TEA-OOLONG-150"),
        product: slug("oolong"),
        title: text("Oolong"),
        options: text("150 g"),
        image: Some("/demo/oolong.svg".into()),
        categories: vec![slug("tea"), slug("oolong-tea")],
        unit_price: Money::twd(68000),
        compare_at: None,
        weight_grams: 150,
        available: 12,
    }
}

fn summary() -> ProductSummary {
    ProductSummary {
        slug: slug("oolong"),
        title: text("Oolong"),
        brand: "四流茶行".into(),
        category: slug("tea"),
        image: Some(Thumbnail {
            src: "/demo/oolong.svg".into(),
            width: 600,
            height: 600,
        }),
        price: Money::twd(68000),
        compare_at: Some(Money::twd(80000)),
        price_varies: false,
        in_stock: true,
        colours: vec![Swatch {
            code: "navy".into(),
            hex: "#1f2a44".into(),
        }],
        quick_add: Some(priced()),
    }
}

#[test]
fn the_catalog_reads_as_serde_reads_it() {
    let leaf = CategoryNode {
        slug: slug("oolong-tea"),
        name: text("Oolong tea"),
        description: text("Half-fermented"),
        image: "/demo/tea.svg".into(),
        product_count: 3,
        children: Vec::new(),
    };
    same(CategoryTree {
        items: vec![CategoryNode {
            children: vec![leaf.clone()],
            slug: slug("tea"),
            ..leaf
        }],
    });
    let facet = |value: &str, label| FacetCount {
        value: value.into(),
        label,
        count: 2,
        selected: true,
    };
    same(ProductList {
        items: vec![
            summary(),
            ProductSummary {
                image: None,
                quick_add: None,
                ..summary()
            },
        ],
        total: 2,
        page: 1,
        per_page: 24,
        facets: Facets {
            categories: vec![facet("tea", Some(text("Tea")))],
            brands: vec![facet("四流茶行", None)],
            sizes: Vec::new(),
            colours: vec![ColourFacet {
                code: "navy".into(),
                hex: "#1f2a44".into(),
                name: text("Navy"),
                count: 1,
                selected: false,
            }],
            price: vec![PriceBucket {
                min: Money::twd(50000),
                max: None,
                count: 2,
                selected: false,
            }],
            in_stock: 2,
        },
    });
    same(ProductDetail {
        slug: slug("oolong"),
        title: text("Oolong"),
        brand: "四流茶行".into(),
        summary: text("Roasted"),
        description_html: text("<p>Roasted</p>"),
        breadcrumbs: vec![CategoryRef {
            slug: slug("tea"),
            name: text("Tea"),
        }],
        images: vec![ProductImage {
            src: "/demo/oolong.svg".into(),
            alt: text("A tin"),
            width: 1200,
            height: 1200,
        }],
        specs: vec![Spec {
            name: text("Origin"),
            value: text("Nantou"),
        }],
        sizes: vec!["150 g".into()],
        colours: vec![Colour {
            code: "navy".into(),
            hex: "#1f2a44".into(),
            name: text("Navy"),
        }],
        variants: vec![Variant {
            sku: sku("TEA-OOLONG-150"),
            size: Some("150 g".into()),
            colour: None,
            price: Money::twd(68000),
            compare_at: None,
            available: 0,
            weight_grams: 150,
            image: Some(0),
        }],
        related: vec![summary()],
        created_at: "2026-11-25T08:00:00Z".into(),
        seo_title: text("Oolong tea from Nantou"),
        seo_description: Localized::default(),
    });
    same(Suggestions {
        items: vec![
            Suggestion {
                kind: SuggestionKind::Product,
                slug: slug("oolong"),
                label: text("Oolong"),
                image: Some("/demo/oolong.svg".into()),
                price: Some(Money::twd(68000)),
            },
            Suggestion {
                kind: SuggestionKind::Category,
                slug: slug("tea"),
                label: text("Tea"),
                image: None,
                price: None,
            },
        ],
    });
    same(Recommendations {
        frequently_bought_together: vec![summary()],
        similar: Vec::new(),
    });
}

#[test]
fn the_kept_cart_and_errors_read_back() {
    kept(HeldLine {
        item: PricedSku {
            title: Localized {
                zh_tw: "「凍頂」\"烏龍\" \\ \n\t\u{1}".into(),
                en: "Dong-ding oolong".into(),
            },
            image: None,
            compare_at: Some(Money::twd(-1)),
            ..priced()
        },
        qty: 2,
    });
    kept(vec![
        summary(),
        ProductSummary {
            image: None,
            quick_add: None,
            ..summary()
        },
    ]);
    kept(vec![
        CartChange::PriceChanged {
            sku: sku("TEA-OOLONG-150"),
            title: text("Oolong"),
            was: Money::twd(60000),
            now: Money::twd(68000),
        },
        CartChange::ShortOfStock {
            sku: sku("TEA-OOLONG-150"),
            title: text("Oolong"),
            wanted: 3,
            available: 1,
        },
        CartChange::Gone {
            sku: sku("TEA-OOLONG-150"),
            title: text("Oolong"),
        },
    ]);
    kept(ShippingMethod::StorePickup);
    same(ErrorBody {
        error: ErrorDetail {
            code: "out_of_stock".into(),
            message: "sold out".into(),
            field: Some("lines[0].qty".into()),
        },
    });
    same(ErrorBody {
        error: ErrorDetail {
            code: "not_found".into(),
            message: "product not found".into(),
            field: None,
        },
    });
}

#[test]
fn a_page_reads_with_every_kind_of_block() {
    let page = PublishedContent {
        kind: ContentKind::Landing,
        slug: "autumn-tea".into(),
        version: 3,
        title: text("Autumn tea"),
        summary: text("New season"),
        html: text("<p>Hi</p>"),
        seo_title: Localized::default(),
        seo_description: text("Tea"),
        blocks: vec![
            PublishedBlock::Hero {
                image: "/media/hero.webp".into(),
                headline: text("Autumn"),
                text: text("Oolong is in"),
                cta: text("Shop"),
                link: "/categories/tea".into(),
            },
            PublishedBlock::PromoStrip {
                text: text("Free shipping"),
                link: None,
            },
            PublishedBlock::Collection {
                title: text("Picks"),
                products: vec![summary()],
            },
            PublishedBlock::Text {
                html: text("<p>More</p>"),
            },
        ],
        preview: false,
    };
    let written = serde_json::to_string(&page).unwrap();
    let read = read::<ContentAnswer>(&written).map(PublishedContent::from);
    assert_eq!(read, Some(page), "{written}");
}

#[test]
fn what_is_not_the_shape_is_no_answer() {
    let ok = serde_json::to_string(&priced()).unwrap();
    assert!(read::<PricedSku>(&ok).is_some());
    for bad in [
        ok.replace("\"weight_grams\":150", "\"weight_grams\":-1"),
        ok.replace("\"weight_grams\":150", "\"weight_grams\":\"150\""),
        ok.replace("\"TEA-OOLONG-150\"", "\"tea oolong\""),
        ok.replace(",\"available\":12", ""),
        ok.replace("\"TWD\"", "\"USD\""),
        "[]".into(),
    ] {
        assert_eq!(read::<PricedSku>(&bad), None, "{bad}");
    }
    // Left out: an Option is None, a `default` member its default.
    let detail = r#"{"code":"x","message":"y"}"#;
    assert_eq!(read::<ErrorDetail>(detail).unwrap().field, None);
}
