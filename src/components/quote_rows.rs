//! A quote's breakdown: subtotal, each discount by name, shipping (struck through when free),
//! the payment method's fee, the total and the VAT it includes.

use fourflow_core::pricing::Quote;
use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn QuoteRows(quote: Quote) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let q = quote;
    let discounts = q
        .discounts
        .iter()
        .map(|d| view! {
            <div class="summary-row discount"><dt>{i18n.text(&d.label)}</dt><dd>{format!("-{}", i18n.money(d.amount))}</dd></div>
        })
        .collect_view();
    let shipping = if q.shipping.fee.amount == 0 && q.shipping.full_fee.amount > 0 {
        view! { <dd><s class="price-was">{i18n.money(q.shipping.full_fee)}</s>" "<strong class="free">{t.free}</strong></dd> }.into_any()
    } else {
        view! { <dd>{i18n.money(q.shipping.fee)}</dd> }.into_any()
    };
    let fee = q.payment_fee.map(|fee| {
        view! {
            <div class="summary-row"><dt>{t.payment_fee}</dt><dd>{i18n.money(fee)}</dd></div>
        }
    });
    view! {
        <dl class="summary-rows">
            <div class="summary-row"><dt>{t.subtotal}</dt><dd>{i18n.money(q.subtotal)}</dd></div>
            {discounts}
            <div class="summary-row"><dt>{t.shipping}" · "{i18n.text(&q.shipping.label)}</dt>{shipping}</div>
            {fee}
            <div class="summary-row total"><dt>{t.total}</dt><dd>{i18n.money(q.total)}</dd></div>
        </dl>
        <p class="vat-note">{(t.vat_included)(&i18n.money(q.vat_included))}</p>
    }
}
