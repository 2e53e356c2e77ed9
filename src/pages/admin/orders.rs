//! `/admin/orders?status=…&q=…&payment_method=…&shipping_method=…&placed_from=…&placed_to=…&page=…`:
//! the orders console's list. The filters live in the URL (a view can be bookmarked and
//! shared); orders can be ticked and their pick lists or shipping slips printed at once.

use std::collections::BTreeSet;

use fourflow_core::admin::orders::{OrderList, OrderSummary};
use fourflow_core::catalog::encode_pairs;
use fourflow_core::checkout::PaymentMethod;
use fourflow_core::order::OrderStatus;
use fourflow_core::pricing::ShippingMethod;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;

use super::failure;
use crate::api::admin as api;
use crate::components::{use_title, Pager};
use crate::i18n::use_i18n;
use crate::state::remote::Remote;

const FILTERS: [&str; 6] = [
    "status",
    "q",
    "payment_method",
    "shipping_method",
    "placed_from",
    "placed_to",
];

#[component]
pub fn OrdersPage() -> impl IntoView {
    let i18n = use_i18n();
    let b = i18n.b();
    use_title(move || Some(b.orders.to_owned()));
    let query = use_query_map();
    // The query string the API is asked with: the filters and page, as the URL has them.
    let asked = Memo::new(move |_| query.with(|q| console_query(q, |_| true, None)));
    let orders = Remote::new(
        move || asked.get(),
        |q: String| async move { api::orders(&q).await },
    );
    let selected = RwSignal::new(BTreeSet::<String>::new());
    view! {
        <header class="admin-header">
            <h1>{b.orders}</h1>
            <Filters/>
        </header>
        {move || match orders.get() {
            None => view! { <p class="muted" aria-busy="true">{i18n.t().loading}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="form-problem" role="alert">{failure(b, &e)}</p> }.into_any(),
            Some(Ok(list)) => view! { <Results list selected/> }.into_any(),
        }}
    }
}

/// The status tabs (with counts), the search and the other filters.
#[component]
fn Filters() -> impl IntoView {
    let i18n = use_i18n();
    let b = i18n.b();
    let c = i18n.c();
    let query = use_query_map();
    let navigate = use_navigate();
    let value =
        move |name: &str| RwSignal::new(query.with_untracked(|q| q.get(name).unwrap_or_default()));
    let (status, q, payment) = (value("status"), value("q"), value("payment_method"));
    let (shipping, from, to) = (
        value("shipping_method"),
        value("placed_from"),
        value("placed_to"),
    );
    let inputs = [
        ("status", status),
        ("q", q),
        ("payment_method", payment),
        ("shipping_method", shipping),
        ("placed_from", from),
        ("placed_to", to),
    ];
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let pairs: Vec<(&str, String)> = inputs
            .iter()
            .map(|(name, value)| (*name, value.get_untracked().trim().to_owned()))
            .filter(|(_, value)| !value.is_empty())
            .collect();
        navigate(
            &format!("/admin/orders?{}", encode_pairs(pairs)),
            Default::default(),
        );
    };
    let payment_options = PaymentMethod::ALL
        .into_iter()
        .map(|m| view! { <option value=m.as_str()>{(c.payment_method)(m)}</option> })
        .collect_view();
    let shipping_options = ShippingMethod::ALL
        .into_iter()
        .map(|m| view! { <option value=m.as_str()>{(b.shipping_method)(m)}</option> })
        .collect_view();
    let status_options = OrderStatus::ALL
        .into_iter()
        .map(|s| view! { <option value=s.as_str()>{(c.status)(s)}</option> })
        .collect_view();
    view! {
        <form class="admin-filters" role="search" on:submit=submit>
            <label class="wide">
                <span class="visually-hidden">{b.search}</span>
                <input type="search" placeholder=b.search_placeholder bind:value=q/>
            </label>
            <label>
                <span>{b.status}</span>
                <select bind:value=status>
                    <option value="">{b.all}</option>
                    {status_options}
                </select>
            </label>
            <label>
                <span>{b.payment}</span>
                <select bind:value=payment>
                    <option value="">{b.all}</option>
                    {payment_options}
                </select>
            </label>
            <label>
                <span>{b.shipping}</span>
                <select bind:value=shipping>
                    <option value="">{b.all}</option>
                    {shipping_options}
                </select>
            </label>
            <label><span>{b.placed_from}</span><input type="date" bind:value=from/></label>
            <label><span>{b.placed_to}</span><input type="date" bind:value=to/></label>
            <button type="submit" class="button">{b.search}</button>
        </form>
    }
}

#[component]
fn Results(list: OrderList, selected: RwSignal<BTreeSet<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let b = i18n.b();
    let c = i18n.c();
    let query = use_query_map();
    // A tab keeps every other filter and starts again at page 1.
    let tab = move |status: Option<OrderStatus>| {
        let extra = status.map(|s| ("status", s.as_str().to_owned()));
        let q = query.with_untracked(|q| console_query(q, |n| n != "status" && n != "page", extra));
        format!("/admin/orders?{q}")
    };
    let current = query
        .with_untracked(|q| q.get("status"))
        .and_then(|s| OrderStatus::parse(&s));
    let all: u32 = list.by_status.iter().map(|s| s.count).sum();
    let tabs = std::iter::once((None, b.all.to_owned(), all))
        .chain(list.by_status.iter().map(|s| (Some(s.status), (c.status)(s.status).to_owned(), s.count)))
        .map(|(status, label, count)| {
            view! {
                <a href=tab(status) class="admin-tab" aria-current=(status == current).then_some("page")>
                    {label}<span class="count">{count}</span>
                </a>
            }
        })
        .collect_view();
    let pages = list.total.div_ceil(list.per_page.max(1));
    let href = Callback::new(move |page: u32| {
        let extra = Some(("page", page.to_string()));
        let q = query.with_untracked(|q| console_query(q, |n| n != "page", extra));
        format!("/admin/orders?{q}")
    });
    let print = move |document: &str| {
        let numbers: Vec<String> = selected.get().into_iter().collect();
        format!(
            "/admin/print/{document}?{}",
            encode_pairs([("orders", numbers.join(",").as_str())])
        )
    };
    let count = move || selected.with(BTreeSet::len);
    let rows = list
        .items
        .into_iter()
        .map(|order| view! { <OrderRow order selected/> })
        .collect_view();
    view! {
        <nav class="admin-tabs" aria-label=b.status>{tabs}</nav>
        <div class="admin-toolbar">
            <span class="muted">{(b.found)(list.total)}</span>
            <a class="button button-quiet" href=move || print("pick-lists") target="_blank"
                class:disabled=move || count() == 0 aria-disabled=move || (count() == 0).to_string()>
                {move || (b.print_pick_lists)(count())}
            </a>
            <a class="button button-quiet" href=move || print("shipping-slips") target="_blank"
                class:disabled=move || count() == 0 aria-disabled=move || (count() == 0).to_string()>
                {move || (b.print_slips)(count())}
            </a>
        </div>
        {if list.total == 0 {
            view! { <p class="admin-empty">{b.no_orders}</p> }.into_any()
        } else {
            view! {
                <div class="admin-table-wrap">
                    <table class="admin-table">
                        <thead>
                            <tr>
                                <th><span class="visually-hidden">{b.select}</span></th>
                                <th>{b.number}</th>
                                <th>{b.placed}</th>
                                <th>{b.customer}</th>
                                <th>{b.status}</th>
                                <th>{b.payment}</th>
                                <th>{b.shipping}</th>
                                <th class="num">{b.units}</th>
                                <th class="num">{b.total}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <Pager page=list.page pages href/>
            }
            .into_any()
        }}
    }
}

#[component]
fn OrderRow(order: OrderSummary, selected: RwSignal<BTreeSet<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let b = i18n.b();
    let c = i18n.c();
    let number = order.number.clone();
    let ticked = {
        let number = number.clone();
        move || selected.with(|s| s.contains(&number))
    };
    let toggle = {
        let number = number.clone();
        move |_| {
            selected.update(|s| {
                if !s.remove(&number) {
                    s.insert(number.clone());
                }
            })
        }
    };
    view! {
        <tr>
            <td>
                <input type="checkbox" aria-label=(b.select_order)(&number) prop:checked=ticked on:change=toggle/>
            </td>
            <td><a class="order-number" href=format!("/admin/orders/{number}")>{number.clone()}</a></td>
            <td>{(c.date_time)(&order.created_at)}</td>
            <td>{order.name}<br/><span class="muted small">{order.email}</span></td>
            <td><span class=format!("status-badge status-{}", order.status.as_str())>{(c.status)(order.status)}</span></td>
            <td>{(c.payment_method)(order.payment_method)}</td>
            <td>{(b.shipping_method)(order.shipping_method)}</td>
            <td class="num">{order.units}</td>
            <td class="num">{i18n.money(order.total)}</td>
        </tr>
    }
}

/// The console's query string: the URL's filters and page that `keep` keeps, then `extra`.
fn console_query(
    q: &ParamsMap,
    keep: impl Fn(&str) -> bool,
    extra: Option<(&'static str, String)>,
) -> String {
    let pairs: Vec<(&str, String)> = FILTERS
        .iter()
        .chain(&["page"])
        .filter(|name| keep(name))
        .filter_map(|name| q.get(name).filter(|v| !v.is_empty()).map(|v| (*name, v)))
        .chain(extra)
        .collect();
    encode_pairs(pairs)
}
