//! The product listing query: what the shopper asked for, parsed once from a query string.
//!
//! The same parser reads the shopper's URL in the browser (`/search?q=洋裝&size=M`) and the API
//! request on the server (`/api/v1/products?q=洋裝&size=M`), so the two can never disagree about
//! what a link means, and a bad value is reported with its field.

use crate::FieldError;

use super::Slug;

pub const DEFAULT_PER_PAGE: u32 = 24;
/// Larger page sizes are capped to this rather than refused.
pub const MAX_PER_PAGE: u32 = 60;
pub const MAX_QUERY_CHARS: usize = 100;
/// Past this page there is nothing a shopper wants; refusing it bounds the work per request.
const MAX_PAGE: u32 = 1000;
const MAX_FILTER_VALUES: usize = 20;
const MAX_FILTER_CHARS: usize = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Sort {
    /// Best match for `q`; without `q`, featured products first, then the most popular.
    #[default]
    Relevance,
    PriceAsc,
    PriceDesc,
    Newest,
    Popularity,
}

impl Sort {
    pub const ALL: [Sort; 5] = [
        Sort::Relevance,
        Sort::PriceAsc,
        Sort::PriceDesc,
        Sort::Newest,
        Sort::Popularity,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::PriceAsc => "price_asc",
            Sort::PriceDesc => "price_desc",
            Sort::Newest => "newest",
            Sort::Popularity => "popularity",
        }
    }

    pub fn parse(raw: &str) -> Result<Sort, FieldError> {
        Sort::ALL
            .into_iter()
            .find(|s| s.as_str() == raw)
            .ok_or_else(|| {
                FieldError::new(
                    "sort",
                    "must be one of relevance, price_asc, price_desc, newest, popularity",
                )
            })
    }
}

/// Everything a listing can be asked for. Filters combine with AND across facets and OR within
/// one facet (`size=S&size=M` is "S or M").
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ProductQuery {
    pub q: Option<String>,
    pub category: Option<Slug>,
    pub sort: Sort,
    pub page: u32,
    pub per_page: u32,
    pub brands: Vec<String>,
    pub sizes: Vec<String>,
    pub colours: Vec<String>,
    /// Inclusive bounds on the price, in minor units.
    pub price_min: Option<i64>,
    pub price_max: Option<i64>,
    pub in_stock: bool,
}

impl Default for ProductQuery {
    fn default() -> Self {
        ProductQuery {
            q: None,
            category: None,
            sort: Sort::default(),
            page: 1,
            per_page: DEFAULT_PER_PAGE,
            brands: Vec::new(),
            sizes: Vec::new(),
            colours: Vec::new(),
            price_min: None,
            price_max: None,
            in_stock: false,
        }
    }
}

impl ProductQuery {
    /// Reads already percent-decoded `key=value` pairs. Keys may repeat for multi-value filters;
    /// unknown keys (`utm_source`, …) are ignored so that tracking links keep working.
    pub fn from_pairs<K, V>(pairs: impl IntoIterator<Item = (K, V)>) -> Result<Self, FieldError>
    where
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let mut query = ProductQuery::default();
        for (key, value) in pairs {
            let (key, value) = (key.as_ref(), value.as_ref().trim());
            match key {
                "q" => query.q = parse_text(value)?,
                "category" if !value.is_empty() => {
                    query.category = Some(Slug::parse("category", value)?)
                }
                "sort" if !value.is_empty() => query.sort = Sort::parse(value)?,
                "page" => query.page = parse_count("page", value, MAX_PAGE)?,
                "per_page" => {
                    query.per_page = parse_count("per_page", value, u32::MAX)?.min(MAX_PER_PAGE)
                }
                "brand" => push_filter(&mut query.brands, "brand", value)?,
                "size" => push_filter(&mut query.sizes, "size", value)?,
                "colour" => push_filter(&mut query.colours, "colour", value)?,
                "price_min" => query.price_min = parse_price("price_min", value)?,
                "price_max" => query.price_max = parse_price("price_max", value)?,
                "in_stock" => query.in_stock = parse_flag(value)?,
                _ => {}
            }
        }
        if let (Some(min), Some(max)) = (query.price_min, query.price_max) {
            if min > max {
                return Err(FieldError::new(
                    "price_max",
                    "must not be less than price_min",
                ));
            }
        }
        Ok(query)
    }

    /// The canonical pairs, defaults left out: the inverse of [`ProductQuery::from_pairs`].
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(q) = &self.q {
            pairs.push(("q", q.clone()));
        }
        if let Some(category) = &self.category {
            pairs.push(("category", category.to_string()));
        }
        for (key, values) in [
            ("brand", &self.brands),
            ("size", &self.sizes),
            ("colour", &self.colours),
        ] {
            pairs.extend(values.iter().map(|v| (key, v.clone())));
        }
        if let Some(min) = self.price_min {
            pairs.push(("price_min", min.to_string()));
        }
        if let Some(max) = self.price_max {
            pairs.push(("price_max", max.to_string()));
        }
        if self.in_stock {
            pairs.push(("in_stock", "1".into()));
        }
        if self.sort != Sort::default() {
            pairs.push(("sort", self.sort.as_str().into()));
        }
        if self.page != 1 {
            pairs.push(("page", self.page.to_string()));
        }
        if self.per_page != DEFAULT_PER_PAGE {
            pairs.push(("per_page", self.per_page.to_string()));
        }
        pairs
    }

    /// `q=%E6%B4%8B%E8%A3%9D&size=M`: the query string for a URL, without the `?`.
    pub fn to_query_string(&self) -> String {
        encode_pairs(self.to_pairs())
    }

    /// The keys [`ProductQuery::from_pairs`] reads, for callers that hold a map of them.
    pub const KEYS: [&'static str; 11] = [
        "q",
        "category",
        "sort",
        "page",
        "per_page",
        "brand",
        "size",
        "colour",
        "price_min",
        "price_max",
        "in_stock",
    ];

    /// Whether any facet filter narrows the listing (for a "clear filters" control).
    pub fn has_filters(&self) -> bool {
        !self.brands.is_empty()
            || !self.sizes.is_empty()
            || !self.colours.is_empty()
            || self.price_min.is_some()
            || self.price_max.is_some()
            || self.in_stock
    }

    /// The same query with every facet filter removed and paging reset.
    pub fn without_filters(&self) -> ProductQuery {
        ProductQuery {
            q: self.q.clone(),
            category: self.category.clone(),
            sort: self.sort,
            per_page: self.per_page,
            ..ProductQuery::default()
        }
    }
}

fn parse_text(value: &str) -> Result<Option<String>, FieldError> {
    if value.chars().count() > MAX_QUERY_CHARS {
        return Err(FieldError::new(
            "q",
            format!("must be at most {MAX_QUERY_CHARS} characters"),
        ));
    }
    Ok((!value.is_empty()).then(|| value.to_owned()))
}

fn parse_count(field: &str, value: &str, max: u32) -> Result<u32, FieldError> {
    match value.parse::<u32>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        Ok(0) => Err(FieldError::new(field, "must be at least 1")),
        Ok(_) => Err(FieldError::new(field, format!("must be at most {max}"))),
        Err(_) => Err(FieldError::new(field, "must be a whole number, 1 or more")),
    }
}

fn parse_price(field: &str, value: &str) -> Result<Option<i64>, FieldError> {
    if value.is_empty() {
        return Ok(None);
    }
    value
        .parse::<i64>()
        .ok()
        .filter(|n| *n >= 0)
        .map(Some)
        .ok_or_else(|| {
            FieldError::new(
                field,
                "must be a whole number of minor units (NT$1 = 100), 0 or more",
            )
        })
}

fn parse_flag(value: &str) -> Result<bool, FieldError> {
    match value {
        "1" | "true" => Ok(true),
        "0" | "false" | "" => Ok(false),
        _ => Err(FieldError::new("in_stock", "must be 1, 0, true or false")),
    }
}

fn push_filter(values: &mut Vec<String>, field: &str, value: &str) -> Result<(), FieldError> {
    if value.is_empty() {
        return Ok(());
    }
    if value.chars().count() > MAX_FILTER_CHARS {
        return Err(FieldError::new(
            field,
            format!("each value must be at most {MAX_FILTER_CHARS} characters"),
        ));
    }
    if values.iter().any(|v| v == value) {
        return Ok(());
    }
    if values.len() == MAX_FILTER_VALUES {
        return Err(FieldError::new(
            field,
            format!("at most {MAX_FILTER_VALUES} values"),
        ));
    }
    values.push(value.to_owned());
    Ok(())
}

/// `application/x-www-form-urlencoded` encoding of pairs (spaces as `%20`, which both browsers
/// and servers read back).
pub fn encode_pairs<K: AsRef<str>, V: AsRef<str>>(
    pairs: impl IntoIterator<Item = (K, V)>,
) -> String {
    let mut out = String::new();
    for (key, value) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        encode_component(key.as_ref(), &mut out);
        out.push('=');
        encode_component(value.as_ref(), &mut out);
    }
    out
}

fn encode_component(text: &str, out: &mut String) {
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse(pairs: &[(&str, &str)]) -> Result<ProductQuery, FieldError> {
        ProductQuery::from_pairs(pairs.iter().copied())
    }

    #[test]
    fn reads_every_parameter() {
        let q = parse(&[
            ("q", " 洋裝 "),
            ("category", "dresses"),
            ("sort", "price_desc"),
            ("page", "2"),
            ("per_page", "12"),
            ("brand", "Lin & Co."),
            ("size", "S"),
            ("size", "M"),
            ("size", "M"),
            ("colour", "navy"),
            ("price_min", "50000"),
            ("price_max", "200000"),
            ("in_stock", "1"),
            ("utm_source", "line"),
        ])
        .unwrap();
        assert_eq!(q.q.as_deref(), Some("洋裝"));
        assert_eq!(q.category.unwrap().as_str(), "dresses");
        assert_eq!(q.sort, Sort::PriceDesc);
        assert_eq!((q.page, q.per_page), (2, 12));
        assert_eq!(q.sizes, ["S", "M"]);
        assert_eq!(q.brands, ["Lin & Co."]);
        assert_eq!((q.price_min, q.price_max), (Some(50000), Some(200000)));
        assert!(q.in_stock);
    }

    #[test]
    fn names_the_field_at_fault() {
        for (pairs, field) in [
            (vec![("per_page", "-1")], "per_page"),
            (vec![("per_page", "0")], "per_page"),
            (vec![("page", "abc")], "page"),
            (vec![("page", "0")], "page"),
            (vec![("page", "1001")], "page"),
            (vec![("sort", "bogus")], "sort"),
            (vec![("category", "Not A Slug")], "category"),
            (vec![("price_min", "-5")], "price_min"),
            (vec![("price_max", "1.5")], "price_max"),
            (
                vec![("price_min", "500"), ("price_max", "100")],
                "price_max",
            ),
            (vec![("in_stock", "maybe")], "in_stock"),
        ] {
            assert_eq!(parse(&pairs).unwrap_err().field, field, "{pairs:?}");
        }
        let long = "字".repeat(MAX_QUERY_CHARS + 1);
        assert_eq!(parse(&[("q", &long)]).unwrap_err().field, "q");
    }

    #[test]
    fn caps_large_pages_instead_of_refusing() {
        assert_eq!(
            parse(&[("per_page", "1000")]).unwrap().per_page,
            MAX_PER_PAGE
        );
    }

    #[test]
    fn empty_values_mean_absent() {
        let q = parse(&[("q", ""), ("sort", ""), ("category", ""), ("price_min", "")]).unwrap();
        assert_eq!(q, ProductQuery::default());
    }

    #[test]
    fn encodes_for_urls() {
        let q = parse(&[("q", "洋裝 & more"), ("page", "3")]).unwrap();
        assert_eq!(
            q.to_query_string(),
            "q=%E6%B4%8B%E8%A3%9D%20%26%20more&page=3"
        );
        assert_eq!(ProductQuery::default().to_query_string(), "");
    }

    fn arb_query() -> impl Strategy<Value = ProductQuery> {
        (
            proptest::option::of("[a-z 洋裝耳機]{1,20}"),
            proptest::option::of("[a-z]{1,10}"),
            proptest::sample::select(Sort::ALL.to_vec()),
            1u32..MAX_PAGE,
            1u32..=MAX_PER_PAGE,
            proptest::collection::vec("[A-Za-z0-9]{1,8}", 0..3),
            proptest::option::of(0i64..1_000_000),
            any::<bool>(),
        )
            .prop_map(
                |(q, category, sort, page, per_page, sizes, price_min, in_stock)| {
                    let mut sizes = sizes;
                    let mut seen = Vec::new();
                    sizes.retain(|s| {
                        if seen.contains(s) {
                            false
                        } else {
                            seen.push(s.clone());
                            true
                        }
                    });
                    ProductQuery {
                        q: q.map(|q| q.trim().to_owned()).filter(|q| !q.is_empty()),
                        category: category.map(|c| Slug::parse("category", &c).unwrap()),
                        sort,
                        page,
                        per_page,
                        sizes,
                        price_min,
                        in_stock,
                        ..ProductQuery::default()
                    }
                },
            )
    }

    proptest! {
        #[test]
        fn pairs_round_trip(query in arb_query()) {
            prop_assert_eq!(ProductQuery::from_pairs(query.to_pairs()).unwrap(), query);
        }

        #[test]
        fn never_panics_on_any_input(key in "[a-z_]{1,10}", value in "\\PC{0,120}") {
            let _ = ProductQuery::from_pairs([(key, value)]);
        }
    }
}
