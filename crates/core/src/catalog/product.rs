//! Products as the storefront shows them: a summary for listings, the full detail for the
//! product page, and the variants (size × colour) that are what is actually sold.

use serde::{Deserialize, Serialize};

use super::{CategoryRef, Sku, Slug};
use crate::pricing::PricedSku;
use crate::{Locale, Localized, Money};

/// At or below this many units a variant is shown as "only N left".
pub const LOW_STOCK_THRESHOLD: u32 = 5;

/// What a shopper is told about availability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum StockLevel {
    InStock,
    Low { left: u32 },
    OutOfStock,
}

impl StockLevel {
    pub fn from_available(available: u32) -> StockLevel {
        match available {
            0 => StockLevel::OutOfStock,
            n if n <= LOW_STOCK_THRESHOLD => StockLevel::Low { left: n },
            _ => StockLevel::InStock,
        }
    }

    pub fn can_buy(self) -> bool {
        !matches!(self, StockLevel::OutOfStock)
    }
}

/// A named colour with its swatch.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Colour {
    pub code: String,
    /// `#rrggbb`, for the swatch.
    pub hex: String,
    pub name: Localized,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductImage {
    pub src: String,
    pub alt: Localized,
    pub width: u32,
    pub height: u32,
}

/// One row of a specification table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Spec {
    pub name: Localized,
    pub value: Localized,
}

/// What is actually sold and stocked: one size × colour of a product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Variant {
    pub sku: Sku,
    pub size: Option<String>,
    /// A colour `code`; its name and swatch are in the product's `colours`.
    pub colour: Option<String>,
    pub price: Money,
    /// The crossed-out "was" price, when the variant is on sale.
    pub compare_at: Option<Money>,
    /// Units that can be bought now (on hand minus reserved); see [`Variant::stock`].
    pub available: u32,
    pub weight_grams: u32,
    /// Index into the product's `images` showing this variant.
    pub image: Option<u32>,
}

/// A colour as a dot on a product card.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Swatch {
    pub code: String,
    pub hex: String,
}

/// A picture on a product card. It has no alt text of its own: the card's title is right
/// beside it, and a screen reader should not read the name twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Thumbnail {
    pub src: String,
    pub width: u32,
    pub height: u32,
}

/// A product as a card in a listing: only what the card shows, since a listing carries many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductSummary {
    pub slug: Slug,
    pub title: Localized,
    pub brand: String,
    pub category: Slug,
    pub image: Option<Thumbnail>,
    /// The lowest variant price ("from NT$…").
    pub price: Money,
    /// The "was" price of that cheapest variant, when on sale.
    pub compare_at: Option<Money>,
    /// True when the variants do not all cost the same.
    pub price_varies: bool,
    pub in_stock: bool,
    /// The colours on offer.
    pub colours: Vec<Swatch>,
    /// When the product has a single variant, everything needed to add it to a cart straight
    /// from the listing, with no further request.
    pub quick_add: Option<PricedSku>,
}

/// `GET /api/v1/products/{slug}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductDetail {
    pub slug: Slug,
    pub title: Localized,
    pub brand: String,
    pub summary: Localized,
    /// Rendered from Markdown and sanitised on the server: safe to insert as HTML.
    pub description_html: Localized,
    /// Root-to-leaf category path.
    pub breadcrumbs: Vec<CategoryRef>,
    pub images: Vec<ProductImage>,
    pub specs: Vec<Spec>,
    /// Sizes in display order, for the picker.
    pub sizes: Vec<String>,
    pub colours: Vec<Colour>,
    pub variants: Vec<Variant>,
    pub related: Vec<ProductSummary>,
    pub created_at: String,
    /// What search engines and link previews show, as the product copy sets it; empty where it
    /// sets none (see [`ProductDetail::head_title`]).
    #[serde(default)]
    pub seo_title: Localized,
    #[serde(default)]
    pub seo_description: Localized,
}

impl Variant {
    /// What the shopper is told about availability (derived, so never out of step).
    pub fn stock(&self) -> StockLevel {
        StockLevel::from_available(self.available)
    }
}

impl ProductDetail {
    /// The page's `<title>` text (before the store's name): the SEO title, else the title.
    pub fn head_title(&self, locale: Locale) -> &str {
        first_filled(&self.seo_title, &self.title, locale)
    }

    /// The page's meta description: the SEO description, else the summary.
    pub fn head_description(&self, locale: Locale) -> &str {
        first_filled(&self.seo_description, &self.summary, locale)
    }

    /// The product as a card in a listing.
    pub fn summary(&self) -> ProductSummary {
        let cheapest = self.variants.iter().min_by_key(|v| v.price.amount);
        let price = cheapest.map(|v| v.price).unwrap_or(Money::twd(0));
        ProductSummary {
            slug: self.slug.clone(),
            title: self.title.clone(),
            brand: self.brand.clone(),
            category: self
                .breadcrumbs
                .last()
                .map(|c| c.slug.clone())
                .unwrap_or_else(|| self.slug.clone()),
            image: self.images.first().map(|img| Thumbnail {
                src: img.src.clone(),
                width: img.width,
                height: img.height,
            }),
            price,
            compare_at: cheapest.and_then(|v| v.compare_at),
            price_varies: self.variants.iter().any(|v| v.price != price),
            in_stock: self.variants.iter().any(|v| v.available > 0),
            colours: self
                .colours
                .iter()
                .map(|c| Swatch {
                    code: c.code.clone(),
                    hex: c.hex.clone(),
                })
                .collect(),
            quick_add: match self.variants.as_slice() {
                [only] => self.priced(only.sku.as_str()),
                _ => None,
            },
        }
    }

    /// What pricing needs of one of this product's SKUs, as this page knows it.
    pub fn priced(&self, sku: &str) -> Option<PricedSku> {
        let variant = self.variants.iter().find(|v| v.sku.as_str() == sku)?;
        let colour = variant
            .colour
            .as_ref()
            .and_then(|code| self.colours.iter().find(|c| &c.code == code));
        let options = |locale: Locale, separator: &str| {
            let parts: Vec<&str> = variant
                .size
                .as_deref()
                .into_iter()
                .chain(colour.map(|c| c.name.get(locale).as_str()))
                .collect();
            parts.join(separator)
        };
        let image = variant
            .image
            .and_then(|i| self.images.get(i as usize))
            .or(self.images.first())
            .map(|img| img.src.clone());
        Some(PricedSku {
            sku: variant.sku.clone(),
            product: self.slug.clone(),
            title: self.title.clone(),
            options: Localized {
                zh_tw: options(Locale::ZhTw, "・"),
                en: options(Locale::En, " · "),
            },
            image,
            categories: self.breadcrumbs.iter().map(|c| c.slug.clone()).collect(),
            unit_price: variant.price,
            compare_at: variant.compare_at,
            weight_grams: variant.weight_grams,
            available: variant.available,
        })
    }
}

/// `preferred` in `locale` unless it is blank there, else `fallback`.
fn first_filled<'a>(preferred: &'a Localized, fallback: &'a Localized, locale: Locale) -> &'a str {
    let text = preferred.get(locale);
    if text.trim().is_empty() {
        fallback.get(locale)
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seo_text_stands_before_the_title_and_summary_where_it_is_set() {
        let text = |zh: &str, en: &str| Localized {
            zh_tw: zh.to_owned(),
            en: en.to_owned(),
        };
        let (seo, title) = (text("冬茶限量", " "), text("阿里山烏龍", "Alishan oolong"));
        assert_eq!(first_filled(&seo, &title, Locale::ZhTw), "冬茶限量");
        assert_eq!(
            first_filled(&seo, &title, Locale::En),
            "Alishan oolong",
            "blank in English: the English title"
        );
    }

    #[test]
    fn stock_levels() {
        assert_eq!(StockLevel::from_available(0), StockLevel::OutOfStock);
        assert_eq!(StockLevel::from_available(1), StockLevel::Low { left: 1 });
        assert_eq!(
            StockLevel::from_available(LOW_STOCK_THRESHOLD),
            StockLevel::Low {
                left: LOW_STOCK_THRESHOLD
            }
        );
        assert_eq!(
            StockLevel::from_available(LOW_STOCK_THRESHOLD + 1),
            StockLevel::InStock
        );
        assert!(!StockLevel::OutOfStock.can_buy());
        let json = serde_json::to_string(&StockLevel::Low { left: 2 }).unwrap();
        assert_eq!(json, r#"{"status":"low","left":2}"#);
    }
}
