//! Identifiers that arrive from outside (URLs, carts, CSV) and so are parsed before use.

use serde::{Deserialize, Serialize};

use crate::FieldError;

/// A URL-safe name: lowercase ASCII letters, digits and single hyphens, 1–80 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

impl Slug {
    pub fn parse(field: &str, raw: &str) -> Result<Slug, FieldError> {
        let ok = (1..=80).contains(&raw.len())
            && raw
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !raw.starts_with('-')
            && !raw.ends_with('-')
            && !raw.contains("--");
        if ok {
            Ok(Slug(raw.to_owned()))
        } else {
            Err(FieldError::said(
                field,
                "must be 1–80 lowercase letters, digits and single hyphens",
                "必須是 1–80 個小寫英文字母、數字或單一連字號（-）",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A stock-keeping unit: uppercase ASCII letters, digits and hyphens, 1–32 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct Sku(String);

impl Sku {
    pub fn parse(field: &str, raw: &str) -> Result<Sku, FieldError> {
        let ok = (1..=32).contains(&raw.len())
            && raw
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-');
        if ok {
            Ok(Sku(raw.to_owned()))
        } else {
            Err(FieldError::said(
                field,
                "must be 1–32 uppercase letters, digits and hyphens",
                "必須是 1–32 個大寫英文字母、數字或連字號（-）",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

macro_rules! string_newtype_conversions {
    ($ty:ident, $field:literal) => {
        impl TryFrom<String> for $ty {
            type Error = FieldError;
            fn try_from(raw: String) -> Result<Self, FieldError> {
                $ty::parse($field, &raw)
            }
        }
        impl From<$ty> for String {
            fn from(value: $ty) -> String {
                value.0
            }
        }
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}
string_newtype_conversions!(Slug, "slug");
string_newtype_conversions!(Sku, "sku");

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn slugs() {
        assert!(Slug::parse("slug", "floral-midi-dress").is_ok());
        for bad in [
            "",
            "Floral",
            "a--b",
            "-a",
            "a-",
            "a b",
            "洋裝",
            &"a".repeat(81),
        ] {
            assert_eq!(Slug::parse("slug", bad).unwrap_err().field, "slug", "{bad}");
        }
    }

    #[test]
    fn skus() {
        assert!(Sku::parse("sku", "FMD-NAVY-S").is_ok());
        for bad in ["", "fmd", "A_B", &"A".repeat(33)] {
            assert!(Sku::parse("sku", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn json_refuses_a_bad_sku() {
        assert!(serde_json::from_str::<Sku>(r#""bad sku""#).is_err());
        assert_eq!(
            serde_json::from_str::<Sku>(r#""A-1""#).unwrap().as_str(),
            "A-1"
        );
    }

    proptest! {
        #[test]
        fn a_parsed_slug_is_always_url_safe(raw in "\\PC{0,90}") {
            if let Ok(slug) = Slug::parse("slug", &raw) {
                prop_assert!(slug.as_str().bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
                prop_assert_eq!(slug.as_str(), raw.as_str());
            }
        }
    }
}
