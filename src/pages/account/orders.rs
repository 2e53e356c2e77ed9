//! `/account/orders?page=…`: the signed-in shopper's orders, newest first, each opening its
//! order page (which needs no token for its owner).

use fourflow_core::account::OrderSummary;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::AccountFrame;
use crate::api;
use crate::components::{use_title, ErrorView, Pager, Problem};
use crate::i18n::use_i18n;
use crate::state::remote::Remote;

#[component]
pub fn AccountOrdersPage() -> impl IntoView {
    let a = use_i18n().a();
    use_title(move || Some(a.orders.to_owned()));
    view! {
        <AccountFrame here="/account/orders">
            <OrderHistory/>
        </AccountFrame>
    }
}

#[component]
fn OrderHistory() -> impl IntoView {
    let i18n = use_i18n();
    let a = i18n.a();
    let query = use_query_map();
    let page = Memo::new(move |_| {
        query
            .with(|q| q.get("page"))
            .and_then(|p| p.parse::<u32>().ok())
            .filter(|p| *p >= 1)
            .unwrap_or(1)
    });
    let orders = Remote::new(move || page.get(), api::my_orders);
    let href = Callback::new(|n: u32| format!("/account/orders?page={n}"));
    move || match orders.get() {
        None => view! { <p class="muted" aria-busy="true">{i18n.t().loading}</p> }.into_any(),
        Some(Err(e)) => view! {
            <ErrorView problem=Problem::from(&e) retry=Callback::new(move |()| orders.refetch())/>
        }
        .into_any(),
        Some(Ok(list)) if list.items.is_empty() => view! {
            <section class="account-card empty-orders">
                <p>{a.no_orders}</p>
                <a class="button" href="/">{a.start_shopping}</a>
            </section>
        }
        .into_any(),
        Some(Ok(list)) => {
            let pages = list.total.div_ceil(list.per_page.max(1));
            let rows = list
                .items
                .into_iter()
                .map(|o| view! { <OrderRow order=o/> })
                .collect_view();
            view! {
                <ul class="account-orders">{rows}</ul>
                <Pager page=list.page pages href/>
            }
            .into_any()
        }
    }
}

#[component]
fn OrderRow(order: OrderSummary) -> impl IntoView {
    let i18n = use_i18n();
    let a = i18n.a();
    let c = i18n.c();
    view! {
        <li>
            <a class="account-order" href=format!("/orders/{}", order.number)>
                <strong class="order-number">{(c.order_title)(&order.number)}</strong>
                <span class="account-order-total">{i18n.money(order.total)}</span>
                <span class="account-order-meta">
                    <span class=format!("status-badge status-{}", order.status.as_str())>{(c.status)(order.status)}</span>
                    <span class="muted">{(c.date_time)(&order.created_at)}" · "{(a.items)(order.items)}</span>
                </span>
            </a>
        </li>
    }
}
