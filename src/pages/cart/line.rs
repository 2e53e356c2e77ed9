//! One line of the cart, and one saved for later.

use fourflow_core::cart::{max_qty, HeldLine};
use leptos::prelude::*;

use super::Removed;
use crate::components::{Price, QuantityStepper};
use crate::i18n::use_i18n;
use crate::state::cart::use_cart;
use crate::state::quote::use_cart_quote;

#[component]
pub fn CartLineRow(line: HeldLine, on_removed: Callback<Removed>) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let cart = use_cart();
    let quote = use_cart_quote();
    let item = line.item.clone();
    let sku = StoredValue::new(item.sku.clone());
    let title = i18n.text(&item.title);
    let href = format!("/products/{}?sku={}", item.product, item.sku);
    let available = item.available;
    let qty = line.qty;
    // The line's total after its share of every discount, from the quote.
    let total = move || {
        quote.quote.get().and_then(Result::ok).and_then(|q| {
            q.lines.into_iter().find(|l| l.sku == sku.get_value()).map(|l| {
                let discounted = l.discount.amount > 0;
                view! {
                    <p class="line-total">
                        <span class="visually-hidden">{t.line_total}</span>
                        <strong class:price-sale=discounted>{i18n.money(l.total)}</strong>
                        {discounted.then(|| view! { <s class="price-was">{i18n.money(l.subtotal)}</s> })}
                    </p>
                }
            })
        })
    };
    let remove_title = title.clone();
    let remove = move |_| {
        if let Some(line) = cart.remove(&sku.get_value()) {
            on_removed.run(Removed {
                title: remove_title.clone(),
                line,
            });
        }
    };
    let short = (qty > available).then(|| {
        let fix = move |_| cart.set_qty(&sku.get_value(), available);
        view! {
            <p class="line-warning" role="status">
                {(t.change_stock)(&title, available)}
                {(available > 0).then(|| view! {
                    <button type="button" class="button button-small button-quiet" on:click=fix>{(t.adjust_to)(available)}</button>
                })}
            </p>
        }
    });
    let label = i18n.text(&item.title);
    view! {
        <li class="cart-line">
            <a class="line-image" href=href.clone() tabindex="-1" aria-hidden="true">
                {item.image.clone().map(|src| view! { <img src=src alt="" width="96" height="96" loading="lazy"/> })}
            </a>
            <div class="line-body">
                <a class="line-title" href=href>{i18n.text(&item.title)}</a>
                <p class="line-options">{i18n.text(&item.options)}</p>
                <Price price=item.unit_price compare_at=item.compare_at/>
                {short}
                <div class="line-actions">
                    <QuantityStepper
                        value=qty
                        max=max_qty(available).max(qty)
                        on_change=Callback::new(move |n| cart.set_qty(&sku.get_value(), n))
                        label=label
                    />
                    <button type="button" class="link-button" on:click=move |_| cart.save_for_later(&sku.get_value())>{t.save_for_later}</button>
                    <button type="button" class="link-button" on:click=remove>{t.remove}</button>
                </div>
            </div>
            {total}
        </li>
    }
}

#[component]
pub fn SavedLineRow(line: HeldLine) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let cart = use_cart();
    let item = line.item;
    let sku = StoredValue::new(item.sku.clone());
    let href = format!("/products/{}?sku={}", item.product, item.sku);
    let buyable = item.available > 0;
    view! {
        <li class="cart-line saved">
            <a class="line-image" href=href.clone() tabindex="-1" aria-hidden="true">
                {item.image.clone().map(|src| view! { <img src=src alt="" width="96" height="96" loading="lazy"/> })}
            </a>
            <div class="line-body">
                <a class="line-title" href=href>{i18n.text(&item.title)}</a>
                <p class="line-options">{i18n.text(&item.options)}</p>
                <Price price=item.unit_price compare_at=item.compare_at/>
                <div class="line-actions">
                    <button type="button" class="button button-small" disabled=!buyable
                        on:click=move |_| cart.move_to_cart(&sku.get_value())>
                        {if buyable { t.move_to_cart } else { t.sold_out }}
                    </button>
                    <button type="button" class="link-button" on:click=move |_| cart.forget_saved(&sku.get_value())>{t.remove}</button>
                </div>
            </div>
        </li>
    }
}
