//! How the storefront's answers and kept values read (see [`super::from`]): the catalog,
//! the cart as a browser keeps it, and errors.

use fourflow_core::cart::{CartChange, HeldLine};
use fourflow_core::catalog::{
    CategoryNode, CategoryRef, CategoryTree, Colour, ColourFacet, FacetCount, Facets, PriceBucket,
    ProductDetail, ProductImage, ProductList, ProductSummary, Recommendations, Sku, Slug, Spec,
    Suggestion, SuggestionKind, Suggestions, Swatch, Thumbnail, Variant,
};
use fourflow_core::content::ContentKind;
use fourflow_core::delivery::areas::{AddressAreas, County, District};
use fourflow_core::pricing::{PricedSku, ShippingMethod};
use fourflow_core::{Currency, ErrorBody, ErrorDetail, Localized, Money};

use super::{member, FromJson, Json, Object, ToJson};
use crate::{json_enum, json_struct};

json_struct!(Money { amount, currency });
json_enum!(Currency { Twd = "TWD" });

impl<T: FromJson> FromJson for Localized<T> {
    fn from_json(json: &Json) -> Option<Self> {
        Some(Localized {
            zh_tw: member(json, "zh_tw", T::absent)?,
            en: member(json, "en", T::absent)?,
        })
    }
}

impl<T: ToJson> ToJson for Localized<T> {
    fn write_json(&self, out: &mut String) {
        let mut object = Object::open(out);
        object.member("zh_tw", &self.zh_tw);
        object.member("en", &self.en);
        object.close();
    }
}

/// Identifiers are checked as serde checks them (`try_from`): a malformed one is no answer.
impl FromJson for Slug {
    fn from_json(json: &Json) -> Option<Self> {
        Slug::parse("", json.str()?).ok()
    }
}

impl FromJson for Sku {
    fn from_json(json: &Json) -> Option<Self> {
        Sku::parse("", json.str()?).ok()
    }
}

impl ToJson for Slug {
    fn write_json(&self, out: &mut String) {
        self.as_str().write_json(out)
    }
}

impl ToJson for Sku {
    fn write_json(&self, out: &mut String) {
        self.as_str().write_json(out)
    }
}

json_struct!(CategoryTree { items });
json_struct!(CategoryNode {
    slug,
    name,
    description,
    image,
    product_count,
    children
});
json_struct!(CategoryRef { slug, name });

json_struct!(ProductList {
    items,
    total,
    page,
    per_page,
    facets
});
json_struct!(Facets {
    categories,
    brands,
    sizes,
    colours,
    price,
    in_stock
});
json_struct!(FacetCount {
    value,
    label,
    count,
    selected
});
json_struct!(ColourFacet {
    code,
    hex,
    name,
    count,
    selected
});
json_struct!(PriceBucket {
    min,
    max,
    count,
    selected
});

json_struct!(ProductSummary {
    slug,
    title,
    brand,
    category,
    image,
    price,
    compare_at,
    price_varies,
    in_stock,
    colours,
    quick_add
});
json_struct!(Thumbnail { src, width, height });
json_struct!(Swatch { code, hex });
json_struct!(PricedSku {
    sku,
    product,
    title,
    options,
    image,
    categories,
    unit_price,
    compare_at,
    weight_grams,
    available
});

json_struct!(ProductDetail {
    slug, title, brand, summary, description_html, breadcrumbs, images, specs, sizes, colours,
    variants, related, created_at, seo_title = default, seo_description = default
});
json_struct!(ProductImage {
    src,
    alt,
    width,
    height
});
json_struct!(Spec { name, value });
json_struct!(Colour { code, hex, name });
json_struct!(Variant {
    sku,
    size,
    colour,
    price,
    compare_at,
    available,
    weight_grams,
    image
});

json_struct!(Suggestions { items });
json_struct!(Suggestion {
    kind,
    slug,
    label,
    image,
    price
});
json_enum!(SuggestionKind { Product = "product", Category = "category" });
json_struct!(Recommendations {
    frequently_bought_together,
    similar
});

json_struct!(HeldLine { item, qty });
json_struct!(AddressAreas { counties });
json_struct!(County { name, districts });
json_struct!(District { name, postal_code });
json_enum!(ShippingMethod {
    HomeDelivery = "home_delivery",
    Express = "express",
    StorePickup = "store_pickup",
});

// As for the enums above: a new kind of change stops the build until it is read below.
const _: fn(&CartChange) = |change| match change {
    CartChange::PriceChanged { .. } | CartChange::ShortOfStock { .. } | CartChange::Gone { .. } => {
    }
};

/// Externally tagged, as serde writes it: `{"price_changed": {…}}`.
impl FromJson for CartChange {
    fn from_json(json: &Json) -> Option<Self> {
        let [(tag, fields)] = json.members()? else {
            return None;
        };
        let sku = member(fields, "sku", Sku::absent)?;
        let title = member(fields, "title", Localized::absent)?;
        Some(match tag.as_str() {
            "price_changed" => CartChange::PriceChanged {
                sku,
                title,
                was: member(fields, "was", Money::absent)?,
                now: member(fields, "now", Money::absent)?,
            },
            "short_of_stock" => CartChange::ShortOfStock {
                sku,
                title,
                wanted: member(fields, "wanted", u32::absent)?,
                available: member(fields, "available", u32::absent)?,
            },
            "gone" => CartChange::Gone { sku, title },
            _ => return None,
        })
    }
}

impl ToJson for CartChange {
    fn write_json(&self, out: &mut String) {
        let mut tagged = Object::open(out);
        match self {
            CartChange::PriceChanged {
                sku,
                title,
                was,
                now,
            } => tagged.member(
                "price_changed",
                &ChangeFields(sku, title, &[("was", was), ("now", now)], &[]),
            ),
            CartChange::ShortOfStock {
                sku,
                title,
                wanted,
                available,
            } => tagged.member(
                "short_of_stock",
                &ChangeFields(
                    sku,
                    title,
                    &[],
                    &[("wanted", wanted), ("available", available)],
                ),
            ),
            CartChange::Gone { sku, title } => {
                tagged.member("gone", &ChangeFields(sku, title, &[], &[]))
            }
        }
        tagged.close();
    }
}

/// A change's fields: what every change has, then its own amounts and counts.
struct ChangeFields<'a>(
    &'a Sku,
    &'a Localized,
    &'a [(&'static str, &'a Money)],
    &'a [(&'static str, &'a u32)],
);

impl ToJson for ChangeFields<'_> {
    fn write_json(&self, out: &mut String) {
        let mut object = Object::open(out);
        object.member("sku", self.0);
        object.member("title", self.1);
        for (name, money) in self.2 {
            object.member(name, *money);
        }
        for (name, count) in self.3 {
            object.member(name, *count);
        }
        object.close();
    }
}

json_enum!(ContentKind {
    Home = "home",
    Landing = "landing",
    Help = "help",
    Product = "product",
});

json_struct!(ErrorBody { error });
json_struct!(ErrorDetail { code, message, field = default });

#[cfg(test)]
pub(crate) mod tests;
