//! Products and categories created and arranged by merchandising: checked by the core rules
//! and against the catalog (its categories, colours and SKUs), written in one transaction,
//! audited, and on sale at once.

use fourflow_core::admin::products::{CategoryEdit, NewProduct, NewVariant, ProductArrangement};
use fourflow_core::catalog::{ProductDetail, Sku, Slug};
use fourflow_core::FieldError;
use serde_json::json;

use super::staff::audit;
use crate::clock::rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::startup::AppState;
use crate::store::catalog::{self, CategoryInput, ProductInput, VariantInput};
use crate::store::skus;

/// Creates a product with its variants for `actor`; answers it as shoppers will see it.
pub async fn create(
    state: &AppState,
    actor: i64,
    product: &NewProduct,
) -> ApiResult<ProductDetail> {
    product.check()?;
    let snapshot = state.catalog.snapshot();
    if snapshot.product(&product.slug).is_some() {
        return Err(taken("slug".into(), "a product already has this slug"));
    }
    if snapshot.category(&product.category).is_none() {
        return Err(no_category());
    }
    let now_text = rfc3339(state.clock.now());
    let mut tx = state.db.begin_write().await?;
    for (i, v) in product.variants.iter().enumerate() {
        check_variant(state, &mut tx, v, &format!("variants[{i}]")).await?;
    }
    let input = ProductInput {
        slug: Slug::parse("slug", &product.slug)?,
        category: Slug::parse("category", &product.category)?,
        brand: product.brand.trim().to_owned(),
        title: product.title.clone(),
        summary: product.summary.clone(),
        description: product.description.clone(),
        created_at: now_text.clone(),
        popularity: 0,
        featured: product.featured,
        images: product.images.clone(),
        specs: product.specs.clone(),
        variants: product
            .variants
            .iter()
            .map(variant_input)
            .collect::<Result<_, _>>()?,
    };
    catalog::upsert_product(&mut tx, &input).await?;
    catalog::bump_version(&mut tx).await?;
    let subject = format!("product:{}", product.slug);
    audit(
        &mut tx,
        &now_text,
        actor,
        "product.create",
        &subject,
        None,
        &json!(product),
    )
    .await?;
    tx.commit().await?;
    state.catalog.refresh().await?;
    state.catalog.product(&product.slug).await
}

/// Changes where a product is shelved and how it is shown (its copy is content's).
pub async fn arrange(
    state: &AppState,
    actor: i64,
    slug: &str,
    arrangement: &ProductArrangement,
) -> ApiResult<ProductDetail> {
    arrangement.check()?;
    if state
        .catalog
        .snapshot()
        .category(&arrangement.category)
        .is_none()
    {
        return Err(no_category());
    }
    let now_text = rfc3339(state.clock.now());
    let mut tx = state.db.begin_write().await?;
    let id = catalog::arrange_product(
        &mut tx,
        slug,
        &arrangement.category,
        arrangement.brand.trim(),
        arrangement.featured,
    )
    .await?
    .ok_or(ApiError::not_found("product"))?;
    catalog::replace_images(&mut tx, id, &arrangement.images).await?;
    catalog::replace_specs(&mut tx, id, &arrangement.specs).await?;
    catalog::bump_version(&mut tx).await?;
    let subject = format!("product:{slug}");
    audit(
        &mut tx,
        &now_text,
        actor,
        "product.arrange",
        &subject,
        None,
        &json!(arrangement),
    )
    .await?;
    tx.commit().await?;
    state.catalog.refresh().await?;
    state.catalog.product(slug).await
}

/// Adds a variant (a new size or colour) to a product.
pub async fn add_variant(
    state: &AppState,
    actor: i64,
    slug: &str,
    variant: &NewVariant,
) -> ApiResult<ProductDetail> {
    variant.check("")?;
    let current = state.catalog.product(slug).await?;
    if current
        .variants
        .iter()
        .any(|v| v.size == variant.size && v.colour == variant.colour)
    {
        return Err(FieldError::said(
            "size",
            "the product already has this size and colour",
            "這個商品已經有相同尺寸和顏色的規格",
        )
        .into());
    }
    let now_text = rfc3339(state.clock.now());
    let mut tx = state.db.begin_write().await?;
    check_variant(state, &mut tx, variant, "").await?;
    let product_id = skus::product_id(&mut tx, slug)
        .await?
        .ok_or(ApiError::not_found("product"))?;
    let position = i64::try_from(current.variants.len()).unwrap_or(i64::MAX);
    catalog::upsert_variant(&mut tx, product_id, position, &variant_input(variant)?).await?;
    catalog::bump_version(&mut tx).await?;
    let subject = format!("sku:{}", variant.sku);
    audit(
        &mut tx,
        &now_text,
        actor,
        "sku.create",
        &subject,
        None,
        &json!(variant),
    )
    .await?;
    tx.commit().await?;
    state.catalog.refresh().await?;
    state.catalog.product(slug).await
}

/// Creates or changes a category; a parent must exist and never be one of its own children.
pub async fn save_category(
    state: &AppState,
    actor: i64,
    slug: &str,
    edit: &CategoryEdit,
) -> ApiResult<fourflow_core::catalog::CategoryTree> {
    edit.check(slug)?;
    let snapshot = state.catalog.snapshot();
    edit.check_place(slug, |at| {
        let category = &snapshot.categories[snapshot.category(at)?];
        Some(
            category
                .parent
                .map(|up| snapshot.categories[up].slug.as_str()),
        )
    })?;
    let input = CategoryInput {
        slug: Slug::parse("slug", slug)?,
        parent: edit
            .parent
            .as_deref()
            .map(|p| Slug::parse("parent", p))
            .transpose()?,
        position: i64::from(edit.position),
        name: edit.name.clone(),
        description: edit.description.clone(),
        image: edit.image.clone(),
    };
    let now_text = rfc3339(state.clock.now());
    let mut tx = state.db.begin_write().await?;
    catalog::upsert_category(&mut tx, &input).await?;
    catalog::bump_version(&mut tx).await?;
    let subject = format!("category:{slug}");
    audit(
        &mut tx,
        &now_text,
        actor,
        "category.save",
        &subject,
        None,
        &json!(edit),
    )
    .await?;
    tx.commit().await?;
    state.catalog.refresh().await?;
    Ok(state.catalog.categories())
}

/// A variant's SKU must be new and its colour one the shop knows.
async fn check_variant(
    state: &AppState,
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    v: &NewVariant,
    at: &str,
) -> ApiResult<()> {
    let field = |name: &str| {
        if at.is_empty() {
            name.to_owned()
        } else {
            format!("{at}.{name}")
        }
    };
    if skus::one(tx, &v.sku).await?.is_some() {
        return Err(taken(
            field("sku"),
            "another product already sells this SKU",
        ));
    }
    if let Some(colour) = &v.colour {
        if !state.catalog.snapshot().colours.contains_key(colour) {
            return Err(FieldError::said(
                field("colour"),
                "not a colour the shop knows",
                "不是本店已設定的顏色",
            )
            .into());
        }
    }
    Ok(())
}

fn variant_input(v: &NewVariant) -> Result<VariantInput, FieldError> {
    Ok(VariantInput {
        sku: Sku::parse("sku", &v.sku)?,
        size: v.size.as_ref().map(|s| s.trim().to_owned()),
        colour: v.colour.clone(),
        price: v.price.amount,
        compare_at: v.compare_at.map(|m| m.amount),
        stock: v.on_hand,
        weight_grams: i64::from(v.weight_grams),
        image: None,
    })
}

/// A name already in use: 422, like any unique key clash.
fn no_category() -> ApiError {
    FieldError::said(
        "category",
        "there is no category with this slug",
        "找不到這個分類代稱（slug）",
    )
    .into()
}

fn taken(field: String, message: &str) -> ApiError {
    ApiError::Rejected {
        code: "already_exists",
        field,
        message: message.to_owned(),
    }
}
