//! What changed about the cart while the shopper was away (or offline): each price change,
//! shortage or removal, said plainly, until they have seen it.

use fourflow_core::cart::CartChange;
use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::state::cart::use_cart;

#[component]
pub fn Notices() -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let cart = use_cart();
    move || {
        let notices = cart.with(|d| d.notices.clone());
        (!notices.is_empty()).then(|| {
            let items = notices
                .iter()
                .map(|change| {
                    let text = match change {
                        CartChange::PriceChanged { title, was, now, .. } => {
                            (t.change_price)(&i18n.text(title), &i18n.money(*was), &i18n.money(*now))
                        }
                        CartChange::ShortOfStock { title, available, .. } => {
                            (t.change_stock)(&i18n.text(title), *available)
                        }
                        CartChange::Gone { title, .. } => (t.change_gone)(&i18n.text(title)),
                    };
                    view! { <li>{text}</li> }
                })
                .collect_view();
            view! {
                <section class="cart-notices" role="alert" aria-labelledby="notices-title">
                    <h2 id="notices-title">{t.changes_title}</h2>
                    <ul>{items}</ul>
                    <button type="button" class="button button-small" on:click=move |_| cart.dismiss_notices()>{t.got_it}</button>
                </section>
            }
        })
    }
}
