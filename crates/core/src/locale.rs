//! The shop's languages, and text carried in all of them.

use serde::{Deserialize, Serialize};

/// A language the storefront speaks. zh-TW is the default market.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Locale {
    #[default]
    #[serde(rename = "zh-TW")]
    ZhTw,
    #[serde(rename = "en")]
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::ZhTw, Locale::En];

    /// The BCP 47 tag, as used in `<html lang>` and `Accept-Language`.
    pub const fn tag(self) -> &'static str {
        match self {
            Locale::ZhTw => "zh-TW",
            Locale::En => "en",
        }
    }

    /// Reads a BCP 47 tag leniently: `zh-TW`, `zh-Hant`, `zh` → zh-TW; `en-US` → en.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Locale::ZhTw),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The language an `Accept-Language` header prefers among the shop's, by its q-values
    /// (`en;q=0.5, zh-TW` → zh-TW); `None` when it names neither.
    pub fn preferred(accept_language: &str) -> Option<Locale> {
        let mut best: Option<(Locale, f32)> = None;
        for range in accept_language.split(',') {
            let mut parts = range.split(';');
            let Some(locale) = parts.next().and_then(|tag| Locale::from_tag(tag.trim())) else {
                continue;
            };
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())
                .unwrap_or(0.0);
            // The first of equal weights wins, as the header lists them by preference.
            if q > 0.0 && best.is_none_or(|(_, b)| q > b) {
                best = Some((locale, q));
            }
        }
        best.map(|(locale, _)| locale)
    }
}

/// Text (or anything else) written once per locale. Catalog content carries both languages so
/// that the shopper can switch language without another round trip, even offline.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Localized<T = String> {
    // Inlined: a generic field would be described as a reference to a schema named after its
    // type (`#/components/schemas/String`), which no spec defines.
    #[cfg_attr(feature = "openapi", schema(inline))]
    pub zh_tw: T,
    #[cfg_attr(feature = "openapi", schema(inline))]
    pub en: T,
}

impl<T> Localized<T> {
    pub fn get(&self, locale: Locale) -> &T {
        match locale {
            Locale::ZhTw => &self.zh_tw,
            Locale::En => &self.en,
        }
    }

    pub fn map<U>(&self, f: impl Fn(&T) -> U) -> Localized<U> {
        Localized {
            zh_tw: f(&self.zh_tw),
            en: f(&self.en),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tags_leniently() {
        assert_eq!(Locale::from_tag("zh-TW"), Some(Locale::ZhTw));
        assert_eq!(Locale::from_tag("zh-Hant-TW"), Some(Locale::ZhTw));
        assert_eq!(Locale::from_tag("EN-us"), Some(Locale::En));
        assert_eq!(Locale::from_tag("fr"), None);
        assert_eq!(Locale::from_tag(""), None);
    }

    #[test]
    fn prefers_by_quality_then_order() {
        assert_eq!(Locale::preferred("zh-TW"), Some(Locale::ZhTw));
        assert_eq!(
            Locale::preferred("en-US,en;q=0.9,zh;q=0.8"),
            Some(Locale::En)
        );
        assert_eq!(
            Locale::preferred("fr, en;q=0.5, zh-Hant;q=0.7"),
            Some(Locale::ZhTw)
        );
        assert_eq!(Locale::preferred("zh-TW;q=0, en;q=0.1"), Some(Locale::En));
        assert_eq!(Locale::preferred("en;q=0.5, zh-TW;q=0.5"), Some(Locale::En));
        assert_eq!(Locale::preferred("zh;q=oops, en;q=0.2"), Some(Locale::En));
        assert_eq!(Locale::preferred("fr, de"), None);
        assert_eq!(Locale::preferred(""), None);
    }

    #[test]
    fn serialises_with_bcp47_tags() {
        assert_eq!(serde_json::to_string(&Locale::ZhTw).unwrap(), r#""zh-TW""#);
        let text = Localized {
            zh_tw: "洋裝".to_string(),
            en: "Dress".to_string(),
        };
        assert_eq!(text.get(Locale::En), "Dress");
    }
}
