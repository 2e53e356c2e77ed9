//! Promotions and coupons as marketers edit them (`/api/v1/admin/promotions…`,
//! `/api/v1/admin/coupons/…`): what a promotion must be for the pricing engine to run it
//! sensibly, and the preview of what a sample cart would pay with it.

use serde::{Deserialize, Serialize};

use crate::cart::CartLine;
use crate::catalog::Slug;
use crate::pricing::{Coupon, Offer, Promotion, Quote, Scope, ShippingMethod};
use crate::{FieldError, Money};

/// A promotion as the back office lists it: automatic or behind coupons, with their use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PromotionRecord {
    pub promotion: Promotion,
    /// Applies by itself to every cart; otherwise only through one of `coupons`.
    pub automatic: bool,
    pub coupons: Vec<CouponRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CouponRecord {
    pub code: String,
    pub promotion_id: String,
    pub usage_limit: Option<u32>,
    pub times_used: u32,
}

/// `PUT /api/v1/admin/promotions/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PromotionEdit {
    pub promotion: Promotion,
    pub automatic: bool,
}

/// `PUT /api/v1/admin/coupons/{code}`: which promotion the code unlocks, how many times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CouponEdit {
    pub promotion_id: String,
    #[serde(default)]
    pub usage_limit: Option<u32>,
}

/// `POST /api/v1/admin/promotions/preview`: a sample cart priced by the live promotions, and
/// again with `promotion` added (or replacing the live one of its id) — as a coupon when
/// `as_coupon`. The draft is judged at its start when that is still to come.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PromotionPreview {
    pub promotion: Promotion,
    #[serde(default)]
    pub as_coupon: bool,
    pub lines: Vec<CartLine>,
    #[serde(default)]
    pub shipping_method: Option<ShippingMethod>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PreviewAnswer {
    pub without: Quote,
    pub with: Quote,
}

/// Checks a promotion a marketer wrote; the error names the field under `promotion.`.
pub fn check_promotion(p: &Promotion) -> Result<(), FieldError> {
    let field = |name: &str| format!("promotion.{name}");
    Slug::parse(&field("id"), &p.id)?;
    for (name, label) in [("label.zh_tw", &p.label.zh_tw), ("label.en", &p.label.en)] {
        let length = label.trim().chars().count();
        if length == 0 || length > 60 {
            return Err(FieldError::said(
                field(name),
                "must be 1 to 60 characters",
                "必須是 1 到 60 個字",
            ));
        }
    }
    let whole_dollars = |name: &str, m: Money, least: i64| {
        if m.amount < least || m.amount % m.currency.unit() != 0 || m.amount > 10_000_000 {
            Err(FieldError::said(
                field(name),
                format!(
                    "must be whole dollars from NT${} to NT$100,000",
                    least / 100
                ),
                format!("必須是 NT${} 到 NT$100,000 的整數金額", least / 100),
            ))
        } else {
            Ok(())
        }
    };
    match &p.offer {
        Offer::PercentOff { percent } if !(1..=90).contains(percent) => {
            return Err(FieldError::said(
                field("offer.percent"),
                "must be from 1 to 90",
                "必須是 1 到 90",
            ));
        }
        Offer::AmountOff { amount } => whole_dollars("offer.amount", *amount, 100)?,
        Offer::BuyXGetY { buy, get } => {
            if !(1..=20).contains(buy) {
                return Err(FieldError::said(
                    field("offer.buy"),
                    "must be from 1 to 20",
                    "必須是 1 到 20",
                ));
            }
            if !(1..=20).contains(get) {
                return Err(FieldError::said(
                    field("offer.get"),
                    "must be from 1 to 20",
                    "必須是 1 到 20",
                ));
            }
        }
        Offer::BundlePrice { qty, price } => {
            if !(2..=20).contains(qty) {
                return Err(FieldError::said(
                    field("offer.qty"),
                    "must be from 2 to 20",
                    "必須是 2 到 20",
                ));
            }
            whole_dollars("offer.price", *price, 100)?;
        }
        Offer::FreeShipping { methods } if methods.is_empty() => {
            return Err(FieldError::said(
                field("offer.methods"),
                "name at least one shipping method",
                "請至少選一種配送方式",
            ));
        }
        _ => {}
    }
    match &p.scope {
        Scope::Categories(slugs) | Scope::Products(slugs) if slugs.is_empty() => {
            return Err(FieldError::said(
                field("scope.slugs"),
                "name at least one",
                "請至少指定一項",
            ));
        }
        _ => {}
    }
    if let Some(min) = p.min_spend {
        whole_dollars("min_spend", min, 0)?;
    }
    if let (Some(start), Some(end)) = (p.starts_at, p.ends_at) {
        if end <= start {
            return Err(FieldError::said(
                field("ends_at"),
                "must be after starts_at",
                "必須晚於開始時間",
            ));
        }
    }
    Ok(())
}

/// A coupon code as stored (upper-case): 3 to 40 letters, digits or `-`.
pub fn coupon_code(raw: &str) -> Result<String, FieldError> {
    let code = Coupon::normalize_code(raw);
    let ok = (3..=40).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(code)
    } else {
        Err(FieldError::said(
            "code",
            "must be 3 to 40 letters, digits or -",
            "必須是 3 到 40 個英文字母、數字或 -",
        ))
    }
}

/// When to judge a draft promotion: now, or its start if that is still to come.
pub fn preview_time(p: &Promotion, now: i64) -> i64 {
    p.starts_at.filter(|s| *s > now).unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Localized;

    fn promotion(offer: Offer) -> Promotion {
        Promotion {
            id: "tea-3-for-999".into(),
            label: Localized {
                zh_tw: "茶品任選 3 件 NT$999".into(),
                en: "Any 3 teas for NT$999".into(),
            },
            offer,
            scope: Scope::Categories(vec![Slug::parse("s", "tea").unwrap()]),
            min_spend: None,
            starts_at: Some(100),
            ends_at: Some(200),
        }
    }

    #[test]
    fn a_promotion_is_checked_field_by_field() {
        let bundle = Offer::BundlePrice {
            qty: 3,
            price: Money::twd(99_900),
        };
        assert_eq!(check_promotion(&promotion(bundle.clone())), Ok(()));
        let field = |p: Promotion| check_promotion(&p).unwrap_err().field;
        assert_eq!(
            field(promotion(Offer::PercentOff { percent: 95 })),
            "promotion.offer.percent"
        );
        assert_eq!(
            field(promotion(Offer::AmountOff {
                amount: Money::twd(5_050)
            })),
            "promotion.offer.amount"
        );
        assert_eq!(
            field(promotion(Offer::BuyXGetY { buy: 0, get: 1 })),
            "promotion.offer.buy"
        );
        assert_eq!(
            field(promotion(Offer::FreeShipping { methods: vec![] })),
            "promotion.offer.methods"
        );
        let mut bad = promotion(bundle.clone());
        bad.id = "Tea Sale".into();
        assert_eq!(field(bad), "promotion.id");
        let mut bad = promotion(bundle.clone());
        bad.label.en = " ".into();
        assert_eq!(field(bad), "promotion.label.en");
        let mut bad = promotion(bundle.clone());
        bad.scope = Scope::Products(vec![]);
        assert_eq!(field(bad), "promotion.scope.slugs");
        let mut bad = promotion(bundle);
        bad.ends_at = Some(50);
        assert_eq!(field(bad), "promotion.ends_at");
    }

    #[test]
    fn codes_are_upper_case_and_plain() {
        assert_eq!(coupon_code(" welcome100 "), Ok("WELCOME100".into()));
        assert_eq!(coupon_code("NEW-YEAR-2027"), Ok("NEW-YEAR-2027".into()));
        assert!(coupon_code("ab").is_err());
        assert!(coupon_code("半價").is_err());
        assert!(coupon_code("10% OFF").is_err());
    }

    #[test]
    fn a_draft_is_previewed_at_its_start() {
        let p = promotion(Offer::PercentOff { percent: 10 });
        assert_eq!(preview_time(&p, 10), 100);
        assert_eq!(preview_time(&p, 150), 150);
    }
}
