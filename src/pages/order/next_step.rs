//! What the shopper has to do now, if anything: finish paying (a transfer's account, a
//! counter code, a verification page, another try after a refusal) before the hold runs
//! out, or collect the parcel at the store.

use fourflow_core::checkout::Delivery;
use fourflow_core::delivery::ShipmentView;
use fourflow_core::order::{OrderStatus, OrderView};
use fourflow_core::payment::{NextAction, PaymentStatus};
use leptos::prelude::*;

use super::pay_again::PayAgain;
use crate::i18n::use_i18n;

#[component]
pub fn NextStep(order: OrderView, token: Option<String>, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let c = i18n.c();
    let when = c.date_time;
    let amount = i18n.money(order.quote.total);
    let hold = order
        .hold_until
        .as_ref()
        .map(|until| view! { <p class="hold-note">{(c.held_until)(&when(until))}</p> });
    let body = match (order.status, order.payment.as_ref()) {
        (OrderStatus::PendingPayment, Some(p)) if p.status == PaymentStatus::RequiresAction => {
            match p.next_action.clone() {
                Some(NextAction::AtmTransfer {
                    bank_code,
                    account,
                    expires_at,
                }) => view! {
                    <h2>{c.pay_by_transfer}</h2>
                    <dl class="pay-details">
                        <div><dt>{c.bank_code}</dt><dd>{bank_code}</dd></div>
                        <div><dt>{c.account_number}</dt><dd class="copyable">{account}</dd></div>
                        <div><dt>{c.amount}</dt><dd>{amount}</dd></div>
                        <div><dt>{c.pay_before}</dt><dd>{when(&expires_at)}</dd></div>
                    </dl>
                    <p class="muted">{c.transfer_note}</p>
                }
                .into_any(),
                Some(NextAction::StoreCode { code, expires_at }) => view! {
                    <h2>{c.pay_at_store}</h2>
                    <dl class="pay-details">
                        <div><dt>{c.payment_code}</dt><dd class="copyable">{code}</dd></div>
                        <div><dt>{c.amount}</dt><dd>{amount}</dd></div>
                        <div><dt>{c.pay_before}</dt><dd>{when(&expires_at)}</dd></div>
                    </dl>
                    <p class="muted">{c.store_code_note}</p>
                }
                .into_any(),
                Some(NextAction::Redirect { url }) => view! {
                    <h2>{c.finish_payment}</h2>
                    <p><a class="button" href=url>{c.continue_payment}</a></p>
                }
                .into_any(),
                None => view! { <h2>{c.payment_pending}</h2> }.into_any(),
            }
        }
        (OrderStatus::PendingPayment, Some(p)) if p.status == PaymentStatus::Pending => {
            view! { <h2>{c.payment_pending}</h2><p class="muted">{c.payment_pending_note}</p> }
                .into_any()
        }
        (OrderStatus::PendingPayment, payment) => {
            let failure = payment.and_then(|p| p.failure).map(|reason| {
                view! { <p class="place-error" role="alert">{(c.payment_failed)(reason)}</p> }
            });
            view! {
                <h2>{c.pay_now}</h2>
                {failure}
                <PayAgain order=order.clone() token=token reload/>
            }
            .into_any()
        }
        (OrderStatus::Paid | OrderStatus::Processing, _) => {
            view! { <h2>{c.preparing}</h2><p class="muted">{c.preparing_note}</p> }.into_any()
        }
        (status, _)
            if !status.is_final()
                && order
                    .shipment
                    .as_ref()
                    .is_some_and(ShipmentView::waiting_at_store) =>
        {
            let store = match &order.delivery {
                Delivery::Store {
                    chain, store_name, ..
                } => format!("{chain} {store_name}"),
                Delivery::Address { .. } => String::new(),
            };
            view! { <h2>{(c.collect_at)(&store)}</h2><p class="muted">{c.collect_note}</p> }
                .into_any()
        }
        _ => return None,
    };
    Some(view! {
        <section class="next-step" aria-live="polite">
            {body}
            {hold}
        </section>
    })
}
