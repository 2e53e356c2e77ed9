//! The back office's words, zh-TW and English, for the admin app only (shoppers never
//! download them). Statuses, payment methods and times are checkout's (`CheckoutStrings`).

mod en;
mod media;
mod merchandising;
mod people;
mod promotions;
mod returns;
mod zh_tw;

pub use media::MediaStrings;
pub use merchandising::MerchStrings;
pub use people::PeopleStrings;
pub use promotions::PromoStrings;
pub use returns::ReturnStrings;

use fourflow_core::content::ContentKind;
use fourflow_core::order::Actor;
use fourflow_core::pricing::ShippingMethod;
use fourflow_core::Locale;

pub struct AdminStrings {
    pub app_title: &'static str,
    pub nav: &'static str,
    pub orders: &'static str,
    pub content: &'static str,
    pub to_shop: &'static str,
    pub checking: &'static str,
    pub sign_in_needed: &'static str,
    pub sign_in: &'static str,
    pub not_staff: &'static str,
    /// A screen the role cannot use (the server would refuse it anyway).
    pub not_allowed: &'static str,
    /// A role by its code (`operator`).
    pub role: fn(&str) -> &'static str,
    pub offline: &'static str,
    pub unexpected: fn(u16) -> String,
    /// A refusal by its code (`own_admin_role`), in this language; `None` leaves the server's
    /// own (English) message. Field checks (`invalid`) are still the server's words.
    pub refusal: fn(&str) -> Option<&'static str>,

    pub search: &'static str,
    pub search_placeholder: &'static str,
    pub status: &'static str,
    pub all: &'static str,
    pub payment: &'static str,
    pub shipping: &'static str,
    pub placed_from: &'static str,
    pub placed_to: &'static str,
    pub shipping_method: fn(ShippingMethod) -> &'static str,
    /// Orders matching.
    pub found: fn(u32) -> String,
    pub print_pick_lists: fn(usize) -> String,
    pub print_slips: fn(usize) -> String,
    pub no_orders: &'static str,
    pub select: &'static str,
    pub select_order: fn(&str) -> String,
    pub number: &'static str,
    pub placed: &'static str,
    pub customer: &'static str,
    pub units: &'static str,
    pub total: &'static str,

    pub back_to_orders: &'static str,
    pub print_pick_list: &'static str,
    pub print_slip: &'static str,
    pub lines: &'static str,
    pub item: &'static str,
    pub refunded: &'static str,
    pub refundable: &'static str,
    /// What the payment provider holds for the order's payment (its own books).
    pub at_provider: &'static str,
    pub authorised: &'static str,
    pub captured: &'static str,
    pub voided: &'static str,
    pub history: &'static str,
    /// A staff member by account id.
    pub staff: fn(i64) -> String,
    /// Who else acts on orders.
    pub actor: fn(&Actor) -> &'static str,
    /// An order event that is not a status change, by kind.
    pub event: fn(&str) -> Option<&'static str>,
    pub pack: &'static str,
    pub hand_over: &'static str,
    pub cancel: &'static str,
    pub refund: &'static str,
    pub nothing_to_do: &'static str,
    pub cancel_note: &'static str,
    pub reason: &'static str,
    pub confirm_cancel: &'static str,
    pub refund_units_of: fn(&str) -> String,
    /// What can still be refunded (formatted money).
    pub refundable_note: fn(&str) -> String,
    pub refund_lines: &'static str,
    pub refund_whole: fn(&str) -> String,

    pub home_page: &'static str,
    pub home_note: &'static str,
    pub edit_home: &'static str,
    pub open_document: &'static str,
    pub kind: &'static str,
    pub product_copy: &'static str,
    pub landing_page: &'static str,
    pub help_article: &'static str,
    pub slug: &'static str,
    pub open: &'static str,
    pub unknown_kind: &'static str,
    pub back_to_content: &'static str,
    pub kind_name: fn(ContentKind) -> &'static str,
    pub new_document: &'static str,
    pub version: fn(u32) -> String,
    pub live_version: fn(u32) -> String,
    pub not_published: &'static str,
    /// The time field of a scheduled publish.
    pub schedule_at: &'static str,
    /// When a scheduled version goes live (already formatted).
    pub scheduled_for: fn(&str) -> String,
    pub publication: &'static str,
    /// The end a publish may carry.
    pub publish_until: &'static str,
    /// The time field of taking a page down.
    pub unpublish_at: &'static str,
    pub unpublish: &'static str,
    pub unpublished: &'static str,
    /// When a live page comes down (already formatted).
    pub unpublish_scheduled_for: fn(&str) -> String,
    pub product_copy_stays: &'static str,
    pub save_draft: &'static str,
    pub saved: fn(u32) -> String,
    pub preview: &'static str,
    pub publish: fn(u32) -> String,
    pub published: fn(u32) -> String,
    pub view_live: &'static str,
    pub reload: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    pub markdown: &'static str,
    pub seo_title: &'static str,
    pub seo_description: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub blocks: &'static str,
    pub add_block: fn(&str) -> String,
    pub hero: &'static str,
    pub promo_strip: &'static str,
    pub collection: &'static str,
    pub text_block: &'static str,
    pub image: &'static str,
    pub headline: &'static str,
    pub text: &'static str,
    pub cta: &'static str,
    pub link: &'static str,
    pub products: &'static str,
    pub move_up: &'static str,
    pub remove: &'static str,
    pub versions: &'static str,
    pub compare: &'static str,
    pub revert: &'static str,
    pub changes_in: fn(u32) -> String,

    pub merch: &'static MerchStrings,
    pub promo: &'static PromoStrings,
    pub media: &'static MediaStrings,
    pub people: &'static PeopleStrings,
    pub returns: &'static ReturnStrings,
}

pub fn admin_strings(locale: Locale) -> &'static AdminStrings {
    match locale {
        Locale::ZhTw => &zh_tw::STRINGS,
        Locale::En => &en::STRINGS,
    }
}
