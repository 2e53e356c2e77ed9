//! `/orders/{number}`: one order as its shopper sees it — where it stands, what to do next
//! (pay the transfer, enter the code, try another card, collect at the store), when it should
//! arrive, every step so far, and what was bought. A guest opens it with the link's token
//! (kept in this browser for the orders it placed); anyone else gets "not found".
//! `/orders` lists the orders placed from this browser.

mod next_step;
mod pay_again;
mod return_request;
mod timeline;

use fourflow_core::delivery::ShipmentView;
use fourflow_core::order::{OrderStatus, OrderView};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api;
use crate::components::{use_title, ErrorView, NotFoundView, Problem, QuoteRows};
use crate::i18n::use_i18n;
use crate::state::checkout::use_placed_orders;
use crate::state::remote::Remote;
use next_step::NextStep;
use return_request::ReturnRequest;
pub use timeline::Timeline;

/// How often an order that is still moving is read again while its page is open.
const POLL_MS: u32 = 4_000;

#[component]
pub fn OrderPage() -> impl IntoView {
    let i18n = use_i18n();
    let c = i18n.c();
    let placed = use_placed_orders();
    let params = use_params_map();
    let query = use_query_map();
    let number = Memo::new(move |_| params.read().get("number").unwrap_or_default());
    let token = Memo::new(move |_| {
        query
            .read()
            .get("token")
            .or_else(|| placed.token_of(&number.get()))
    });
    use_title(move || Some((c.order_title)(&number.get())));
    let order = Remote::new(
        move || (number.get(), token.get()),
        |(number, token): (String, Option<String>)| async move {
            api::order(&number, token.as_deref()).await
        },
    );
    // Payments, hand-overs and parcels move on their own: follow them while the page is open.
    let poll = set_interval_with_handle(
        move || {
            let moving = order
                .get()
                .and_then(Result::ok)
                .is_some_and(|o| o.status.still_moving());
            if moving && !document().hidden() {
                order.refetch();
            }
        },
        std::time::Duration::from_millis(u64::from(POLL_MS)),
    );
    on_cleanup(move || {
        if let Ok(handle) = poll {
            handle.clear();
        }
    });
    let reload = Callback::new(move |()| order.refetch());

    view! {
        <div class="page order-page">
            {move || match order.get() {
                None => view! { <p class="muted" aria-busy="true">{i18n.t().loading}</p> }.into_any(),
                Some(Err(e)) if e.is_not_found() => view! { <NotFoundView message=i18n.t().order_not_found/> }.into_any(),
                Some(Err(e)) => view! { <ErrorView problem=Problem::from(&e) retry=reload/> }.into_any(),
                Some(Ok(o)) => view! { <OrderDetail order=o token=token.get() reload/> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn OrderDetail(order: OrderView, token: Option<String>, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let c = i18n.c();
    let placed = i18n.c().date_time;
    let eta = order
        .shipment
        .as_ref()
        .and_then(|s| s.estimated_delivery.clone())
        .or_else(|| order.estimated_delivery.clone())
        .filter(|_| order.status.still_moving() && order.status != OrderStatus::RefundRequested);
    let label = i18n.t().label_value;
    let shipment = order.shipment.clone().map(|s| view! {
        <p>
            {label(c.carrier, &(c.carrier_name)(&s.carrier))}<br/>
            {label(c.tracking_number, "")}<strong class="tracking-number">{s.tracking_number}</strong>
        </p>
    });
    // A parcel on the pickup store's shelf is "out for delivery" to the order, "ready" to
    // the shopper.
    let status = if order
        .shipment
        .as_ref()
        .is_some_and(ShipmentView::waiting_at_store)
    {
        c.ready_for_pickup
    } else {
        (c.status)(order.status)
    };
    let delivery = order.delivery.one_line();
    let invoice = order.invoice.clone().map(|invoice| {
        let state = match (&invoice.number, invoice.voided, invoice.allowance) {
            (None, ..) => c.invoice_pending.to_owned(),
            (Some(_), true, _) => c.invoice_voided.to_owned(),
            (Some(_), false, Some(allowed)) => (c.invoice_allowance)(&i18n.money(allowed)),
            (Some(_), false, None) => String::new(),
        };
        let number = invoice
            .number
            .map(|n| format!("{n}（{}）", invoice.period.unwrap_or_default()));
        view! {
            <p class="order-invoice small">
                <strong>{c.invoice}</strong>" "{number}" "<span class="muted">{state}</span><br/>
                <span class="muted">{c.invoice_choice(&invoice.choice)}</span>
            </p>
        }
    });
    let lines = order
        .quote
        .lines
        .iter()
        .map(|l| view! {
            <li class="summary-line">
                <span class="summary-thumb">
                    {l.image.clone().map(|src| view! { <img src=src alt="" width="48" height="48" loading="lazy"/> })}
                    <span class="summary-qty">{l.qty}</span>
                </span>
                <a class="summary-title" href=format!("/products/{}?sku={}", l.product, l.sku)>
                    {i18n.text(&l.title)}<small>{i18n.text(&l.options)}</small>
                </a>
                <span>{i18n.money(l.total)}</span>
            </li>
        })
        .collect_view();
    view! {
        <header class="order-header">
            <h1 class="page-title">{(c.order_title)(&order.number)}</h1>
            <p class="order-meta">
                <span class=format!("status-badge status-{}", order.status.as_str())>{status}</span>
                " "<span class="muted">{(c.placed_at)(&placed(&order.created_at))}</span>
            </p>
        </header>
        <div class="order-layout">
            <div class="order-main">
                <NextStep order=order.clone() token=token.clone() reload/>
                <ReturnRequest order=order.clone() token=token reload/>
                {eta.map(|eta| view! {
                    <section class="order-eta">
                        <h2>{c.estimated_delivery}</h2>
                        <p class="eta">{(c.date_range)(&eta.earliest, &eta.latest)}</p>
                    </section>
                })}
                <section class="order-delivery">
                    <h2>{c.delivery_to}</h2>
                    <p>{order.contact.name.clone()}" · "{order.contact.phone.clone()}<br/>{delivery}</p>
                    {shipment}
                </section>
                <Timeline order=order.clone()/>
            </div>
            <aside class="cart-summary">
                <h2>{i18n.t().order_summary}</h2>
                <ul class="summary-lines">{lines}</ul>
                <QuoteRows quote=order.quote.clone()/>
                <p class="muted small">{(c.payment_method)(order.payment_method)}</p>
                {invoice}
            </aside>
        </div>
    }
}

/// `/orders`: the orders placed from this browser, newest first.
#[component]
pub fn OrderList() -> impl IntoView {
    let c = use_i18n().c();
    let placed = use_placed_orders();
    use_title(move || Some(c.my_orders.to_string()));
    let orders = move || {
        placed.with(|orders| {
            orders
                .iter()
                .map(|o| view! {
                    <li><a href=format!("/orders/{}?token={}", o.number, o.token)>{(c.order_title)(&o.number)}</a></li>
                })
                .collect_view()
        })
    };
    let empty = move || placed.with(Vec::is_empty);
    view! {
        <div class="page orders-page">
            <h1 class="page-title">{c.my_orders}</h1>
            <p class="muted">{c.orders_on_this_device}</p>
            {move || if empty() {
                view! { <p>{c.no_orders}</p> }.into_any()
            } else {
                view! { <ul class="order-list">{orders}</ul> }.into_any()
            }}
        </div>
    }
}
