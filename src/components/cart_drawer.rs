//! The mini-cart: slides in when something is added, so the shopper sees it went in without
//! leaving the page.

use leptos::prelude::*;

use fourflow_core::cart::subtotal;

use super::Price;
use crate::i18n::use_i18n;
use crate::state::cart::use_cart;

/// Whether the drawer is open; any component can open it.
#[derive(Clone, Copy)]
pub struct CartDrawerOpen(pub RwSignal<bool>);

/// The storefront's drawer; `None` in the cart app, whose header badge and page show the cart.
pub fn use_cart_drawer() -> Option<CartDrawerOpen> {
    use_context::<CartDrawerOpen>()
}

#[component]
pub fn CartDrawer() -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.s();
    let cart = use_cart();
    let open = expect_context::<CartDrawerOpen>().0;
    let close_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if open.get() {
            if let Some(button) = close_button.get() {
                let _ = button.focus();
            }
        }
    });
    let lines = move || {
        cart.with(|d| {
            d.lines
                .iter()
                .take(4)
                .map(|line| {
                    let item = &line.item;
                    let href = format!("/products/{}?sku={}", item.product, item.sku);
                    let price = item.unit_price;
                    let compare_at = item.compare_at;
                    view! {
                        <li class="drawer-line">
                            {item.image.clone().map(|src| view! { <img src=src alt="" width="64" height="64"/> })}
                            <div>
                                <a href=href on:click=move |_| open.set(false)>{i18n.text(&item.title)}</a>
                                <p class="line-options">{i18n.text(&item.options)}" × "{line.qty}</p>
                                <Price price compare_at/>
                            </div>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let subtotal = move || cart.with(|d| i18n.money(subtotal(&d.lines)));
    view! {
        <div class="drawer-backdrop" class:open=move || open.get() on:click=move |_| open.set(false)></div>
        <aside
            class="cart-drawer"
            class:open=move || open.get()
            role="dialog"
            aria-modal="true"
            aria-labelledby="drawer-title"
            aria-hidden=move || (!open.get()).to_string()
            on:keydown=move |ev| if ev.key() == "Escape" { open.set(false) }
        >
            <div class="drawer-head">
                <h2 id="drawer-title">{t.added_to_cart}</h2>
                <button type="button" class="icon-button" node_ref=close_button aria-label=t.close_cart
                    on:click=move |_| open.set(false)>"×"</button>
            </div>
            <ul class="drawer-lines">{lines}</ul>
            <p class="drawer-total"><span>{t.subtotal}</span><strong>{subtotal}</strong></p>
            <div class="drawer-actions">
                <a class="button" href="/cart" on:click=move |_| open.set(false)>
                    {t.view_cart}" ("{move || cart.count.get()}")"
                </a>
                <button type="button" class="button button-quiet" on:click=move |_| open.set(false)>{t.continue_shopping}</button>
            </div>
        </aside>
    }
}
