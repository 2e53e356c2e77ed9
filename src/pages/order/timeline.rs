//! Everything that happened to the order, newest first: its own events (placed, paid,
//! shipped…) and the carrier's tracking steps, in one list.

use fourflow_core::order::{Actor, OrderStatus, OrderView};
use fourflow_core::Locale;
use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn Timeline(order: OrderView) -> impl IntoView {
    let i18n = use_i18n();
    let c = i18n.c();
    // (time, what, where or why)
    let mut entries: Vec<(String, String, String)> = order
        .events
        .iter()
        // The carrier's moves are told by its own tracking steps, in more detail; its taking
        // the parcel (shipped) is the one kept.
        .filter(|e| e.actor != Actor::Carrier || e.to_status == Some(OrderStatus::Shipped))
        .filter_map(|e| {
            let what = match ((c.event)(&e.kind), e.to_status) {
                (Some(event), _) => event.to_owned(),
                (None, Some(status)) => (c.status)(status).to_owned(),
                (None, None) => return None,
            };
            // Why a return was asked for, or declined, is written for the shopper to read.
            let said = match e.kind.as_str() {
                "return_requested" | "return_declined" => e.note.clone().unwrap_or_default(),
                _ => String::new(),
            };
            Some((e.at.clone(), what, said))
        })
        .collect();
    if let Some(shipment) = &order.shipment {
        entries.extend(shipment.events.iter().map(|e| {
            let what = match i18n.locale() {
                Locale::ZhTw => e.description_zh.clone(),
                Locale::En => e.description_en.clone(),
            };
            (e.at.clone(), what, e.location.clone())
        }));
    }
    // Newest first: RFC 3339 UTC times sort as text, and what was recorded later in the same
    // second comes first.
    entries.reverse();
    entries.sort_by(|a, b| b.0.cmp(&a.0));
    let items = entries
        .into_iter()
        .enumerate()
        .map(|(i, (at, what, place))| {
            view! {
                <li class:latest=i == 0>
                    <time datetime=at.clone()>{(c.date_time)(&at)}</time>
                    <span class="timeline-what">{what}</span>
                    {(!place.is_empty()).then(|| view! { <span class="muted">{place}</span> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="order-timeline">
            <h2>{c.timeline}</h2>
            <ol class="timeline">{items}</ol>
        </section>
    }
}
