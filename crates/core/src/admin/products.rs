//! Products, their variants and the categories they sit in, as merchandising creates and
//! arranges them (`/api/v1/admin/products…`, `/api/v1/admin/categories/…`). A product's copy
//! (title, description) is then edited as content, with versions (see [`crate::content`]).

use serde::{Deserialize, Serialize};

use super::stock::{PriceChange, MAX_UNITS};
use crate::catalog::{ProductImage, Sku, Slug, Spec};
use crate::{FieldError, Localized, Money};

/// `POST /api/v1/admin/products`: a new product with at least one variant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewProduct {
    pub slug: String,
    pub category: String,
    pub brand: String,
    pub title: Localized,
    #[serde(default)]
    pub summary: Localized,
    /// Markdown.
    #[serde(default)]
    pub description: Localized,
    #[serde(default)]
    pub featured: bool,
    #[serde(default)]
    pub images: Vec<ProductImage>,
    #[serde(default)]
    pub specs: Vec<Spec>,
    pub variants: Vec<NewVariant>,
}

/// A size × colour to sell, with its first stock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewVariant {
    pub sku: String,
    #[serde(default)]
    pub size: Option<String>,
    /// A colour code the shop knows (`white`, `indigo`).
    #[serde(default)]
    pub colour: Option<String>,
    pub price: Money,
    #[serde(default)]
    pub compare_at: Option<Money>,
    pub weight_grams: u32,
    #[serde(default)]
    pub on_hand: i64,
}

/// `PUT /api/v1/admin/products/{slug}`: where it is shelved and how it is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductArrangement {
    pub category: String,
    pub brand: String,
    pub featured: bool,
    pub images: Vec<ProductImage>,
    pub specs: Vec<Spec>,
}

/// `PUT /api/v1/admin/categories/{slug}`: a category, new or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryEdit {
    /// The category it sits under; none for a department.
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub position: u32,
    pub name: Localized,
    #[serde(default)]
    pub description: Localized,
    #[serde(default)]
    pub image: String,
}

impl NewProduct {
    pub fn check(&self) -> Result<(), FieldError> {
        Slug::parse("slug", &self.slug)?;
        Slug::parse("category", &self.category)?;
        text("title", &self.title, 1, 120)?;
        text("summary", &self.summary, 0, 300)?;
        text("description", &self.description, 0, 20_000)?;
        arrangement(&self.brand, &self.images, &self.specs)?;
        if self.variants.is_empty() || self.variants.len() > 100 {
            return Err(FieldError::said(
                "variants",
                "a product has 1 to 100 variants",
                "商品必須有 1 到 100 個規格",
            ));
        }
        for (i, v) in self.variants.iter().enumerate() {
            v.check(&format!("variants[{i}]"))?;
            if self.variants[..i].iter().any(|o| o.sku == v.sku) {
                return Err(FieldError::said(
                    format!("variants[{i}].sku"),
                    "appears twice",
                    "和前面的規格重複了",
                ));
            }
            let options = |o: &NewVariant| (o.size.clone(), o.colour.clone());
            if self.variants[..i].iter().any(|o| options(o) == options(v)) {
                return Err(FieldError::said(
                    format!("variants[{i}]"),
                    "another variant has the same size and colour",
                    "已有另一個規格是相同的尺寸和顏色",
                ));
            }
        }
        Ok(())
    }
}

impl NewVariant {
    /// The rules of a variant; errors name `at.field`.
    pub fn check(&self, at: &str) -> Result<(), FieldError> {
        let field = |name: &str| {
            if at.is_empty() {
                name.to_owned()
            } else {
                format!("{at}.{name}")
            }
        };
        Sku::parse(&field("sku"), &self.sku)?;
        for (name, value) in [("size", &self.size), ("colour", &self.colour)] {
            if value
                .as_ref()
                .is_some_and(|v| v.trim().is_empty() || v.chars().count() > 20)
            {
                return Err(FieldError::said(
                    field(name),
                    "must be 1 to 20 characters, or left out",
                    "必須是 1 到 20 個字，或留空",
                ));
            }
        }
        PriceChange {
            price: self.price,
            compare_at: self.compare_at,
            weight_grams: self.weight_grams,
        }
        .check()
        .map_err(|e| FieldError {
            field: field(&e.field),
            ..e
        })?;
        if !(0..=MAX_UNITS).contains(&self.on_hand) {
            return Err(FieldError::said(
                field("on_hand"),
                "must be from 0 to 1,000,000",
                "必須是 0 到 1,000,000",
            ));
        }
        Ok(())
    }
}

impl ProductArrangement {
    pub fn check(&self) -> Result<(), FieldError> {
        Slug::parse("category", &self.category)?;
        arrangement(&self.brand, &self.images, &self.specs)
    }
}

impl CategoryEdit {
    pub fn check(&self, slug: &str) -> Result<(), FieldError> {
        Slug::parse("slug", slug)?;
        if let Some(parent) = &self.parent {
            Slug::parse("parent", parent)?;
            if parent == slug {
                return Err(FieldError::said(
                    "parent",
                    "a category cannot sit under itself",
                    "分類不能放在自己底下",
                ));
            }
        }
        text("name", &self.name, 1, 40)?;
        text("description", &self.description, 0, 300)?;
        if !self.image.is_empty() {
            shop_image("image", &self.image)?;
        }
        Ok(())
    }

    /// Where the category would sit in the tree (after [`check`](Self::check)): its parent
    /// must exist, and walking up from the parent must never meet the category itself — under
    /// its own child, a whole branch would hang off nothing. `parent_of` answers for a slug: `None` if there is no such
    /// category, `Some(None)` for a top-level one.
    pub fn check_place<'a>(
        &self,
        slug: &str,
        parent_of: impl Fn(&str) -> Option<Option<&'a str>>,
    ) -> Result<(), FieldError> {
        let Some(parent) = self.parent.as_deref() else {
            return Ok(());
        };
        let mut above = parent_of(parent).ok_or_else(|| {
            FieldError::said(
                "parent",
                "there is no category with this slug",
                "找不到這個分類代稱（slug）",
            )
        })?;
        let mut seen = vec![parent];
        while let Some(up) = above {
            if up == slug || seen.contains(&up) {
                return Err(FieldError::said(
                    "parent",
                    "this would put the category under its own child",
                    "這樣會把分類放到它自己的子分類底下",
                ));
            }
            seen.push(up);
            above = parent_of(up).flatten();
        }
        Ok(())
    }
}

fn arrangement(brand: &str, images: &[ProductImage], specs: &[Spec]) -> Result<(), FieldError> {
    if brand.trim().is_empty() || brand.chars().count() > 60 {
        return Err(FieldError::said(
            "brand",
            "must be 1 to 60 characters",
            "必須是 1 到 60 個字",
        ));
    }
    if images.len() > 12 {
        return Err(FieldError::said(
            "images",
            "at most 12 images",
            "最多 12 張圖片",
        ));
    }
    for (i, image) in images.iter().enumerate() {
        shop_image(&format!("images[{i}].src"), &image.src)?;
        if image.width == 0 || image.height == 0 {
            return Err(FieldError::said(
                format!("images[{i}].width"),
                "give the image's size",
                "請填寫圖片的尺寸",
            ));
        }
        text(&format!("images[{i}].alt"), &image.alt, 0, 120)?;
    }
    if specs.len() > 40 {
        return Err(FieldError::said("specs", "at most 40 rows", "最多 40 列"));
    }
    for (i, spec) in specs.iter().enumerate() {
        text(&format!("specs[{i}].name"), &spec.name, 1, 40)?;
        text(&format!("specs[{i}].value"), &spec.value, 1, 200)?;
    }
    Ok(())
}

/// An image of this shop: uploaded (`/media/…`) or the demo store's (`/demo/…`).
fn shop_image(field: &str, src: &str) -> Result<(), FieldError> {
    let ok = (src.starts_with("/media/") || src.starts_with("/demo/"))
        && src.len() <= 300
        && src
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/-_.".contains(c))
        && !src.contains("..");
    if ok {
        Ok(())
    } else {
        Err(FieldError::said(
            field,
            "must be an uploaded image (/media/…)",
            "必須是已上傳的圖片（/media/…）",
        ))
    }
}

/// Text in both languages, zh-TW at least `least` characters (English may be left empty:
/// the shop falls back to zh-TW), each at most `most`.
fn text(field: &str, t: &Localized, least: usize, most: usize) -> Result<(), FieldError> {
    if t.zh_tw.trim().chars().count() < least {
        return Err(FieldError::said(
            format!("{field}.zh_tw"),
            "is required",
            "必填",
        ));
    }
    for (locale, value) in [("zh_tw", &t.zh_tw), ("en", &t.en)] {
        if value.chars().count() > most {
            return Err(FieldError::said(
                format!("{field}.{locale}"),
                format!("must be at most {most} characters"),
                format!("最多 {most} 個字"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn variant(sku: &str, size: &str) -> NewVariant {
        NewVariant {
            sku: sku.into(),
            size: Some(size.into()),
            colour: None,
            price: Money::twd(98_000),
            compare_at: None,
            weight_grams: 350,
            on_hand: 12,
        }
    }

    fn product() -> NewProduct {
        NewProduct {
            slug: "linen-apron".into(),
            category: "kitchen".into(),
            brand: "木生".into(),
            title: Localized {
                zh_tw: "亞麻圍裙".into(),
                en: "Linen apron".into(),
            },
            summary: Localized::default(),
            description: Localized::default(),
            featured: false,
            images: vec![ProductImage {
                src: "/media/ab12.jpg".into(),
                alt: Localized::default(),
                width: 1200,
                height: 1200,
            }],
            specs: vec![],
            variants: vec![variant("LA-S", "S"), variant("LA-M", "M")],
        }
    }

    #[test]
    fn a_new_product_is_checked_down_to_its_variants() {
        assert_eq!(product().check(), Ok(()));
        let field = |change: fn(&mut NewProduct)| {
            let mut p = product();
            change(&mut p);
            p.check().unwrap_err().field
        };
        assert_eq!(field(|p| p.slug = "Linen Apron".into()), "slug");
        assert_eq!(field(|p| p.variants.clear()), "variants");
        assert_eq!(
            field(|p| p.variants[1].sku = "LA-S".into()),
            "variants[1].sku"
        );
        assert_eq!(
            field(|p| p.variants[1].size = Some("S".into())),
            "variants[1]"
        );
        assert_eq!(
            field(|p| p.variants[0].sku = "la-s".into()),
            "variants[0].sku"
        );
        assert_eq!(
            field(|p| p.variants[0].price = Money::twd(-100)),
            "variants[0].price"
        );
        assert_eq!(field(|p| p.variants[0].on_hand = -1), "variants[0].on_hand");
        assert_eq!(
            field(|p| p.images[0].src = "https://evil.example/x.jpg".into()),
            "images[0].src"
        );
        assert_eq!(
            field(|p| p.images[0].src = "/media/../../etc/passwd".into()),
            "images[0].src"
        );
        assert_eq!(field(|p| p.title.zh_tw = String::new()), "title.zh_tw");
    }

    fn category() -> CategoryEdit {
        CategoryEdit {
            parent: Some("tea".into()),
            position: 0,
            name: Localized {
                zh_tw: "茶".into(),
                en: "Tea".into(),
            },
            description: Localized::default(),
            image: String::new(),
        }
    }

    #[test]
    fn a_category_never_sits_under_itself() {
        let edit = category();
        assert_eq!(edit.check("oolong"), Ok(()));
        assert_eq!(edit.check("tea").unwrap_err().field, "parent");
        assert_eq!(edit.check("Tea Room").unwrap_err().field, "slug");
    }

    #[test]
    fn a_category_never_moves_under_its_own_branch() {
        // clothing ─ tops ─ shirts; tea
        let parent_of = |slug: &str| match slug {
            "clothing" | "tea" => Some(None),
            "tops" => Some(Some("clothing")),
            "shirts" => Some(Some("tops")),
            _ => None,
        };
        let under = |parent: &str| CategoryEdit {
            parent: Some(parent.into()),
            ..category()
        };
        assert!(under("tea").check_place("clothing", parent_of).is_ok());
        assert!(under("clothing").check_place("shirts", parent_of).is_ok());
        for (slug, parent) in [
            ("clothing", "shirts"),
            ("clothing", "tops"),
            ("tops", "shirts"),
        ] {
            let refused = under(parent).check_place(slug, parent_of).unwrap_err();
            assert_eq!(refused.field, "parent", "{slug} under {parent}");
        }
        let unknown = under("toys").check_place("tea", parent_of).unwrap_err();
        assert!(unknown.message.contains("no category"));
        let top = CategoryEdit {
            parent: None,
            ..category()
        };
        assert!(top.check_place("shirts", parent_of).is_ok());
    }
}
