//! `/admin/orders/{number}`: one order in the console — who, where, what, the money and the
//! parcel, its whole history — and the actions the server says it allows now (pack, hand
//! over, cancel, refund whole or by line; a return the shopper requested, to refund or
//! decline). Every action answers the order as it now stands.

use fourflow_core::admin::orders::{ConsoleOrder, OrderAction};
use fourflow_core::order::Actor;
use fourflow_core::refund::{RefundLine, RefundRequest};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

use super::failure;
use super::return_request::ReturnRequest;
use crate::api::admin as api;
use crate::api::ApiError;
use crate::components::use_title;
use crate::i18n::use_i18n;
use crate::pages::Timeline;
use crate::state::checkout::new_key;

#[component]
pub fn ConsoleOrderPage() -> impl IntoView {
    let i18n = use_i18n();
    let b = i18n.b();
    let params = use_params_map();
    let number = move || params.with(|p| p.get("number").unwrap_or_default());
    use_title(move || Some(number()));
    let order: RwSignal<Option<Result<ConsoleOrder, ApiError>>> = RwSignal::new(None);
    Effect::new(move |_| {
        let number = number();
        spawn_local(async move { order.set(Some(api::order(&number).await)) });
    });
    view! {
        <p><a href="/admin/orders">{b.back_to_orders}</a></p>
        {move || match order.get() {
            None => view! { <p class="muted" aria-busy="true">{i18n.t().loading}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="form-problem" role="alert">{failure(b, &e)}</p> }.into_any(),
            Some(Ok(o)) => view! { <Detail o order/> }.into_any(),
        }}
    }
}

#[component]
fn Detail(
    o: ConsoleOrder,
    order: RwSignal<Option<Result<ConsoleOrder, ApiError>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let b = i18n.b();
    let c = i18n.c();
    let view_ = &o.order;
    let number = view_.number.clone();
    let delivery = view_.delivery.one_line();
    let lines = view_
        .quote
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let refunded = o.lines.get(i).map_or(0, |r| r.refunded_qty);
            view! {
                <tr>
                    <td><code>{l.sku.as_str().to_owned()}</code></td>
                    <td>{i18n.text(&l.title)}<br/><span class="muted small">{i18n.text(&l.options)}</span></td>
                    <td class="num">{l.qty}</td>
                    <td class="num">{(refunded > 0).then_some(refunded)}</td>
                    <td class="num">{i18n.money(l.total)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <header class="admin-header">
            <h1>{number.clone()}" "<span class=format!("status-badge status-{}", view_.status.as_str())>{(c.status)(view_.status)}</span></h1>
            <p class="muted">{(c.date_time)(&view_.created_at)}</p>
        </header>
        <Actions o=o.clone() order/>
        <ReturnRequest o=o.clone() order/>
        <div class="admin-columns">
            <section class="admin-card">
                <h2>{b.customer}</h2>
                <p>{view_.contact.name.clone()}<br/>{view_.contact.email.clone()}<br/>{view_.contact.phone.clone()}</p>
                <h2>{b.shipping}</h2>
                <p>{(b.shipping_method)(view_.shipping_method)}<br/>{delivery}</p>
                {view_.shipment.as_ref().map(|s| view! {
                    <p>{c.tracking_number}": "<strong class="tracking">{s.tracking_number.clone()}</strong></p>
                })}
                <h2>{b.payment}</h2>
                <p>{(c.payment_method)(view_.payment_method)}</p>
                {o.provider_ledger.map(|l| view! {
                    <h3>{b.at_provider}</h3>
                    <dl class="admin-sums">
                        <dt>{b.authorised}</dt><dd>{i18n.money(l.authorised)}</dd>
                        <dt>{b.captured}</dt><dd>{i18n.money(l.captured)}</dd>
                        <dt>{b.voided}</dt><dd>{i18n.money(l.voided)}</dd>
                        <dt>{b.refunded}</dt><dd>{i18n.money(l.refunded)}</dd>
                    </dl>
                })}
                <p><a href=o.pick_list_url.clone() target="_blank">{b.print_pick_list}</a>" · "
                   <a href=o.shipping_slip_url.clone() target="_blank">{b.print_slip}</a></p>
            </section>
            <section class="admin-card">
                <h2>{b.lines}</h2>
                <table class="admin-table compact">
                    <thead><tr><th>"SKU"</th><th>{b.item}</th><th class="num">{b.units}</th><th class="num">{b.refunded}</th><th class="num">{b.total}</th></tr></thead>
                    <tbody>{lines}</tbody>
                </table>
                <dl class="admin-sums">
                    <dt>{b.total}</dt><dd>{i18n.money(view_.quote.total)}</dd>
                    <dt>{b.refunded}</dt><dd>{i18n.money(o.refunded)}</dd>
                    <dt>{b.refundable}</dt><dd>{i18n.money(o.refundable)}</dd>
                </dl>
            </section>
        </div>
        <div class="admin-columns">
            <Timeline order=view_.clone()/>
            <StaffHistory o=o.clone()/>
        </div>
    }
}

/// Who did what, every event with its actor (the shopper's timeline shows fewer).
#[component]
fn StaffHistory(o: ConsoleOrder) -> impl IntoView {
    let i18n = use_i18n();
    let b = i18n.b();
    let c = i18n.c();
    let items = o
        .order
        .events
        .iter()
        .rev()
        .map(|e| {
            let who = match &e.actor {
                Actor::Staff(id) => (b.staff)(*id),
                other => (b.actor)(other).to_owned(),
            };
            let what = match ((b.event)(&e.kind), e.to_status) {
                (Some(text), _) => text.to_owned(),
                (None, Some(status)) => (c.status)(status).to_owned(),
                (None, None) => e.kind.clone(),
            };
            view! {
                <li>
                    <time datetime=e.at.clone()>{(c.date_time)(&e.at)}</time>
                    <span class="timeline-what">{what}</span>
                    <span class="muted">{who}{e.note.clone().map(|n| format!(" · {n}"))}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="order-timeline staff-history">
            <h2>{b.history}</h2>
            <ol class="timeline">{items}</ol>
        </section>
    }
}

/// The buttons for what may be done now, and the forms a cancel or a refund needs.
#[component]
fn Actions(
    o: ConsoleOrder,
    order: RwSignal<Option<Result<ConsoleOrder, ApiError>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let b = i18n.b();
    let number = StoredValue::new(o.order.number.clone());
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let open = RwSignal::new(None::<OrderAction>);
    // Runs an action; its answer (the order as it stands now) replaces the page's.
    let act = move |call: std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<Option<ConsoleOrder>, ApiError>>>,
    >| {
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            match call.await {
                Ok(Some(updated)) => {
                    open.set(None);
                    order.set(Some(Ok(updated)));
                }
                Ok(None) => {
                    open.set(None);
                    let fresh = api::order(&number.get_value()).await;
                    order.set(Some(fresh));
                }
                Err(e) => problem.set(Some(failure(b, &e))),
            }
            busy.set(false);
        });
    };
    let buttons = o
        .actions
        .iter()
        .map(|action| {
            let action = *action;
            let label = match action {
                OrderAction::Pack => b.pack,
                OrderAction::HandOver => b.hand_over,
                OrderAction::Cancel => b.cancel,
                OrderAction::Refund => b.refund,
            };
            let click = move |_| match action {
                OrderAction::Pack | OrderAction::HandOver => {
                    let step = if action == OrderAction::Pack { "pack" } else { "hand-over" };
                    act(Box::pin(async move { api::move_parcel(&number.get_value(), step).await.map(Some) }));
                }
                _ => open.set(Some(action)),
            };
            let danger = matches!(action, OrderAction::Cancel | OrderAction::Refund);
            view! {
                <button type="button" class="button" class:button-quiet=danger disabled=move || busy.get() on:click=click>
                    {label}
                </button>
            }
        })
        .collect_view();
    let lines = o.order.quote.lines.clone();
    let refunded: Vec<u32> = o.lines.iter().map(|l| l.refunded_qty).collect();
    let refundable = o.refundable;
    view! {
        <div class="admin-actions">
            {if o.actions.is_empty() { Some(view! { <span class="muted">{b.nothing_to_do}</span> }) } else { None }}
            {buttons}
        </div>
        {move || problem.get().map(|p| view! { <p class="form-problem" role="alert">{p}</p> })}
        {move || match open.get() {
            Some(OrderAction::Cancel) => Some(view! { <CancelForm busy act=Callback::new(move |reason: String| {
                act(Box::pin(async move { api::cancel(&number.get_value(), &reason).await.map(Some) }))
            })/> }.into_any()),
            Some(OrderAction::Refund) => Some(view! { <RefundForm lines=lines.clone() refunded=refunded.clone() refundable busy act=Callback::new(move |request: RefundRequest| {
                let key = new_key("refund");
                act(Box::pin(async move { api::refund(&number.get_value(), &request, &key).await.map(|_| None) }))
            })/> }.into_any()),
            _ => None,
        }}
    }
}

#[component]
fn CancelForm(busy: RwSignal<bool>, act: Callback<String>) -> impl IntoView {
    let b = use_i18n().b();
    let reason = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        act.run(reason.get_untracked());
    };
    view! {
        <form class="admin-card admin-form" on:submit=submit>
            <h2>{b.cancel}</h2>
            <p class="muted">{b.cancel_note}</p>
            <label><span>{b.reason}</span><input type="text" required maxlength="500" bind:value=reason/></label>
            <button type="submit" class="button" disabled=move || busy.get()>{b.confirm_cancel}</button>
        </form>
    }
}

#[component]
fn RefundForm(
    lines: Vec<fourflow_core::pricing::QuoteLine>,
    refunded: Vec<u32>,
    refundable: fourflow_core::Money,
    busy: RwSignal<bool>,
    act: Callback<RefundRequest>,
) -> impl IntoView {
    let i18n = use_i18n();
    let b = i18n.b();
    let reason = RwSignal::new(String::new());
    let quantities: Vec<RwSignal<u32>> = lines.iter().map(|_| RwSignal::new(0)).collect();
    let rows = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let left = l.qty - refunded.get(i).copied().unwrap_or(0).min(l.qty);
            let qty = quantities[i];
            view! {
                <tr>
                    <td>{i18n.text(&l.title)}" "<span class="muted small">{i18n.text(&l.options)}</span></td>
                    <td class="num">
                        <input type="number" min="0" max=left.to_string() disabled=left == 0
                            aria-label=(b.refund_units_of)(&i18n.text(&l.title))
                            prop:value=move || qty.get().to_string()
                            on:input=move |ev| qty.set(event_target_value(&ev).parse().unwrap_or(0).min(left))/>
                        <span class="muted small">" / "{left}</span>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let request = move |whole: bool| RefundRequest {
        lines: if whole {
            Vec::new()
        } else {
            quantities
                .iter()
                .enumerate()
                .filter(|(_, q)| q.get_untracked() > 0)
                .map(|(i, q)| RefundLine {
                    position: i as u32,
                    qty: q.get_untracked(),
                })
                .collect()
        },
        reason: reason.get_untracked(),
    };
    let whole = request.clone();
    view! {
        <form class="admin-card admin-form" on:submit=move |ev| { ev.prevent_default(); act.run(request(false)); }>
            <h2>{b.refund}</h2>
            <p class="muted">{(b.refundable_note)(&i18n.money(refundable))}</p>
            <table class="admin-table compact"><tbody>{rows}</tbody></table>
            <label><span>{b.reason}</span><input type="text" required maxlength="500" bind:value=reason/></label>
            <div class="admin-actions">
                <button type="submit" class="button" disabled=move || busy.get()>{b.refund_lines}</button>
                <button type="button" class="button button-quiet" disabled=move || busy.get()
                    on:click=move |_| act.run(whole(true))>
                    {(b.refund_whole)(&i18n.money(refundable))}
                </button>
            </div>
        </form>
    }
}
