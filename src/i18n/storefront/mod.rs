//! The words only the storefront shows (home, listings, product pages, wishlist, compare),
//! apart from the shared [`Strings`] so that the checkout and account apps do not carry them.
//! A [`StorefrontStrings`] reads as the shared strings too.
//!
//! [`Strings`]: super::Strings

mod en;
mod zh_tw;

use std::ops::Deref;

use fourflow_core::catalog::Sort;
use fourflow_core::Locale;

use super::Strings;

pub struct StorefrontStrings {
    /// The strings every app shows (header, cart, errors …).
    pub shared: &'static Strings,
    pub home: &'static str,

    pub hero_title: &'static str,
    pub hero_text: &'static str,
    pub hero_cta: &'static str,
    /// Over a draft seen through its preview link.
    pub preview_note: &'static str,
    pub shop_by_category: &'static str,
    pub featured: &'static str,
    pub new_arrivals: &'static str,
    pub view_all: &'static str,
    pub promises: [(&'static str, &'static str); 3],

    pub results_heading: &'static str,
    pub results_count: fn(u32) -> String,
    pub results_for: fn(&str) -> String,
    pub search_title: &'static str,
    pub no_results: &'static str,
    pub no_results_hint: &'static str,
    pub sort_label: &'static str,
    pub sort: fn(Sort) -> &'static str,
    pub filters: &'static str,
    pub filters_count: fn(usize) -> String,
    pub clear_filters: &'static str,
    pub show_results: fn(u32) -> String,
    pub close: &'static str,
    pub facet_category: &'static str,
    pub facet_brand: &'static str,
    pub facet_size: &'static str,
    pub facet_colour: &'static str,
    pub facet_price: &'static str,
    pub in_stock_only: &'static str,
    pub price_range: fn(&str, Option<&str>) -> String,
    pub only_left: fn(u32) -> String,
    pub size: &'static str,
    pub colour: &'static str,
    pub not_in_this_combination: &'static str,
    pub specs: &'static str,
    pub description: &'static str,
    pub breadcrumbs: &'static str,
    pub gallery: &'static str,
    pub show_image: fn(usize, usize) -> String,
    pub compare: &'static str,
    pub added_to_cart: &'static str,
    pub add_to_wishlist: &'static str,
    pub in_wishlist: &'static str,
    pub add_to_compare: &'static str,
    pub in_compare: &'static str,
    pub compare_full: &'static str,
    pub view_cart: &'static str,
    pub recently_viewed: &'static str,
    pub wishlist_empty: &'static str,
    pub compare_empty: &'static str,
    pub compare_only_differences: &'static str,
    pub compare_brand: &'static str,
    pub compare_stock: &'static str,
    pub compare_hint: &'static str,
    pub remove_from_compare: &'static str,
    pub close_cart: &'static str,
    pub product_not_found: &'static str,
    pub category_not_found: &'static str,
}

impl Deref for StorefrontStrings {
    type Target = Strings;

    fn deref(&self) -> &Strings {
        self.shared
    }
}

pub fn storefront_strings(locale: Locale) -> &'static StorefrontStrings {
    match locale {
        Locale::ZhTw => &zh_tw::STOREFRONT,
        Locale::En => &en::STOREFRONT,
    }
}
