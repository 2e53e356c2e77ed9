//! The preview: a sample cart priced twice by the server's own engine — with today's
//! promotions, and with the draft added (or as a coupon) — side by side, before anything is
//! saved.

use fourflow_core::admin::promotions::{PreviewAnswer, PromotionPreview};
use fourflow_core::cart::CartLine;
use fourflow_core::catalog::Sku;
use fourflow_core::pricing::{Quote, ShippingMethod};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::draft::Draft;
use crate::api::admin::promotions as api;
use crate::i18n::{use_i18n, PromoStrings};
use crate::pages::admin::problem::{FieldProblem, FormProblem, Problem};

#[component]
pub fn PreviewPanel(draft: Draft) -> impl IntoView {
    let i18n = use_i18n();
    let b = i18n.b();
    let p = b.promo;
    let sample = RwSignal::new("QAO-75G 2".to_owned());
    let shipping = RwSignal::new(ShippingMethod::HomeDelivery.as_str().to_owned());
    let as_coupon = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    let answer = RwSignal::new(None::<PreviewAnswer>);
    let run = move |_| {
        let request = (|| {
            let lines = cart_lines(p, &sample.get_untracked())?;
            let picked = shipping.get_untracked();
            Ok::<_, Problem>(PromotionPreview {
                promotion: draft.promotion(b.merch)?,
                as_coupon: as_coupon.get_untracked(),
                lines,
                shipping_method: ShippingMethod::ALL
                    .into_iter()
                    .find(|m| m.as_str() == picked),
            })
        })();
        let request = match request {
            Ok(r) => r,
            Err(e) => return problem.set(Some(e)),
        };
        problem.set(None);
        spawn_local(async move {
            match api::preview(&request).await {
                Ok(a) => answer.set(Some(a)),
                Err(e) => {
                    answer.set(None);
                    problem.set(Some(Problem::from_api(b, &e)));
                }
            }
        });
    };
    let shipping_options = ShippingMethod::ALL
        .into_iter()
        .map(|m| view! { <option value=m.as_str()>{(b.shipping_method)(m)}</option> })
        .collect_view();
    view! {
        <section class="admin-card promotion-preview" aria-labelledby="preview-title">
            <h2 id="preview-title">{p.preview}</h2>
            <p class="muted small">{p.preview_note}</p>
            <div class="admin-form">
                <label>
                    <span>{p.sample_cart}</span>
                    <textarea name="lines" rows="3" spellcheck="false" placeholder=p.sample_hint bind:value=sample></textarea>
                    <FieldProblem problem field="lines"/>
                </label>
                <label>
                    <span>{b.shipping}</span>
                    <select bind:value=shipping>{shipping_options}</select>
                </label>
                <label class="check">
                    <input type="checkbox" bind:checked=as_coupon/>
                    <span>{p.as_coupon}</span>
                </label>
            </div>
            <FormProblem problem fields=&["lines"]/>
            <div class="admin-actions">
                <button type="button" class="button button-quiet" on:click=run>{p.run_preview}</button>
            </div>
            {move || answer.get().map(|a| {
                let saved = a.without.total.amount - a.with.total.amount;
                view! {
                    <div class="preview-quotes">
                        <QuoteCard title=p.without quote=a.without/>
                        <QuoteCard title=p.with quote=a.with/>
                    </div>
                    <p class="form-ok" role="status">
                        {(p.saves)(&i18n.money(fourflow_core::Money::twd(saved)))}
                    </p>
                }
            })}
        </section>
    }
}

/// `SKU qty` per line; a line without a quantity is one unit.
fn cart_lines(p: &PromoStrings, text: &str) -> Result<Vec<CartLine>, Problem> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, line)| {
            let bad = || Problem::at("lines", &(p.bad_line)(n + 1));
            let mut words = line.split_whitespace();
            let sku = words.next().ok_or_else(bad)?.to_ascii_uppercase();
            let qty = match words.next() {
                Some(q) => q
                    .trim_start_matches(['×', 'x'])
                    .parse()
                    .map_err(|_| bad())?,
                None => 1,
            };
            let sku = Sku::parse("lines", &sku).map_err(|_| bad())?;
            Ok(CartLine { sku, qty })
        })
        .collect()
}

#[component]
fn QuoteCard(title: &'static str, quote: Quote) -> impl IntoView {
    let i18n = use_i18n();
    let p = i18n.b().promo;
    let discounts = if quote.discounts.is_empty() {
        view! { <dt class="muted">{p.no_discount}</dt><dd></dd> }.into_any()
    } else {
        quote
            .discounts
            .iter()
            .map(|d| {
                view! {
                    <dt>{i18n.text(&d.label)}</dt>
                    <dd>"−"{i18n.money(d.amount)}</dd>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="quote-card">
            <h3>{title}</h3>
            <dl class="admin-sums">
                <dt>{p.subtotal}</dt><dd>{i18n.money(quote.subtotal)}</dd>
                {discounts}
                <dt>{p.shipping}" · "{i18n.text(&quote.shipping.label)}</dt><dd>{i18n.money(quote.shipping.fee)}</dd>
                <dt class="total">{p.total}</dt><dd class="total">{i18n.money(quote.total)}</dd>
            </dl>
        </div>
    }
}
