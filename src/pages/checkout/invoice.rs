//! The e-invoice (電子發票), chosen on the payment step as Taiwanese shops ask for it: the shop's
//! member carrier unless the shopper picks a mobile barcode, a citizen certificate, a donation
//! (a charity shoppers know, or any 愛心碼) or a company invoice with its 統一編號. Checked as
//! typed by the same rules the server applies (`fourflow_core::invoice`); a signed-in
//! shopper starts from the choice they made last time.

use fourflow_core::invoice::{InvoiceChoice, WELL_KNOWN_CHARITIES};
use fourflow_core::Locale;
use leptos::prelude::*;

use super::field::TextField;
use crate::i18n::use_i18n;
use crate::state::checkout::use_checkout;
use crate::state::session::use_session;

/// The kinds in the order they are offered, with the choice each starts from.
const KINDS: [&str; 5] = [
    "member_carrier",
    "mobile_barcode",
    "certificate",
    "donation",
    "company",
];

fn empty(kind: &str) -> InvoiceChoice {
    match kind {
        "mobile_barcode" => InvoiceChoice::MobileBarcode {
            carrier: String::new(),
        },
        "certificate" => InvoiceChoice::Certificate {
            carrier: String::new(),
        },
        "donation" => InvoiceChoice::Donation {
            love_code: String::new(),
        },
        "company" => InvoiceChoice::Company {
            tax_id: String::new(),
            title: String::new(),
        },
        _ => InvoiceChoice::MemberCarrier,
    }
}

/// The field at fault in the choice as it stands, if any.
pub fn invoice_error(choice: &InvoiceChoice) -> Option<String> {
    choice.normalized().check().err().map(|e| e.field)
}

#[component]
pub fn InvoiceFields() -> impl IntoView {
    let i18n = use_i18n();
    let c = i18n.c();
    let draft = use_checkout().draft;
    // A signed-in shopper's last choice, once, while this checkout still has the default.
    let session = use_session();
    Effect::new(move |offered: Option<bool>| {
        if offered == Some(true) {
            return true;
        }
        match session.profile().and_then(|p| p.invoice) {
            Some(last) => {
                if draft.with(|d| d.invoice == InvoiceChoice::MemberCarrier) {
                    draft.update(|d| d.invoice = last);
                }
                true
            }
            None => false,
        }
    });
    let kind = move || draft.with(|d| d.invoice.kind());
    let error = move |field: &'static str| {
        Signal::derive(move || {
            draft
                .with(|d| invoice_error(&d.invoice))
                .filter(|f| f == field)
                .map(|_| (c.field_error)(field))
        })
    };
    let kinds = KINDS
        .into_iter()
        .map(|k| {
            view! {
                <label class="choice choice-inline">
                    <input type="radio" name="invoice_kind" value=k
                        prop:checked=move || kind() == k
                        on:change=move |_| draft.update(|d| if d.invoice.kind() != k { d.invoice = empty(k) })/>
                    <span>{(c.invoice_kind)(k)}</span>
                </label>
            }
        })
        .collect_view();
    let text = move |get: fn(&InvoiceChoice) -> Option<&String>| {
        Signal::derive(move || draft.with(|d| get(&d.invoice).cloned().unwrap_or_default()))
    };
    let fields = move || {
        match kind() {
        "mobile_barcode" => view! {
            <TextField id="invoice-barcode" label=c.invoice_barcode placeholder="/ABC+123"
                autocomplete="off" hint=c.invoice_barcode_hint
                value=text(|i| match i { InvoiceChoice::MobileBarcode { carrier } => Some(carrier), _ => None })
                on_input=move |v: String| draft.update(|d| d.invoice = InvoiceChoice::MobileBarcode { carrier: v.to_ascii_uppercase() })
                error=error("invoice.carrier")/>
        }
        .into_any(),
        "certificate" => view! {
            <TextField id="invoice-certificate" label=c.invoice_certificate placeholder="AB12345678901234"
                autocomplete="off"
                value=text(|i| match i { InvoiceChoice::Certificate { carrier } => Some(carrier), _ => None })
                on_input=move |v: String| draft.update(|d| d.invoice = InvoiceChoice::Certificate { carrier: v.to_ascii_uppercase() })
                error=error("invoice.carrier")/>
        }
        .into_any(),
        "donation" => {
            let charities = WELL_KNOWN_CHARITIES
                .into_iter()
                .map(|(code, zh, en)| {
                    let name = move || if i18n.locale() == Locale::En { en } else { zh };
                    view! {
                        <label class="choice choice-inline">
                            <input type="radio" name="love_code" value=code
                                prop:checked=move || draft.with(|d| matches!(&d.invoice, InvoiceChoice::Donation { love_code } if love_code == code))
                                on:change=move |_| draft.update(|d| d.invoice = InvoiceChoice::Donation { love_code: code.into() })/>
                            <span>{move || format!("{}（{code}）", name())}</span>
                        </label>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="charities"><legend>{c.invoice_charity}</legend>{charities}</fieldset>
                <TextField id="invoice-love-code" label=c.invoice_love_code inputmode="numeric" autocomplete="off"
                    value=text(|i| match i { InvoiceChoice::Donation { love_code } => Some(love_code), _ => None })
                    on_input=move |v: String| draft.update(|d| d.invoice = InvoiceChoice::Donation { love_code: v.trim().to_owned() })
                    error=error("invoice.love_code")/>
            }
            .into_any()
        }
        "company" => {
            let tax_id = move || draft.with(|d| match &d.invoice { InvoiceChoice::Company { tax_id, .. } => tax_id.clone(), _ => String::new() });
            let title = move || draft.with(|d| match &d.invoice { InvoiceChoice::Company { title, .. } => title.clone(), _ => String::new() });
            view! {
                <div class="field-row">
                    <TextField id="invoice-tax-id" label=c.invoice_tax_id inputmode="numeric" autocomplete="off" placeholder="12345675"
                        value=Signal::derive(tax_id)
                        on_input=move |v: String| {
                            let title = title();
                            draft.update(|d| d.invoice = InvoiceChoice::Company { tax_id: v.trim().to_owned(), title });
                        }
                        error=error("invoice.tax_id")/>
                    <TextField id="invoice-title" label=c.invoice_title autocomplete="organization"
                        value=Signal::derive(title)
                        on_input=move |v: String| {
                            let tax_id = tax_id();
                            draft.update(|d| d.invoice = InvoiceChoice::Company { tax_id, title: v });
                        }
                        error=error("invoice.title")/>
                </div>
            }
            .into_any()
        }
        _ => view! { <p class="field-hint">{c.invoice_member_note}</p> }.into_any(),
    }
    };
    view! {
        <fieldset class="choices invoice">
            <legend>{c.invoice}</legend>
            <div class="invoice-kinds">{kinds}</div>
            {fields}
        </fieldset>
    }
}
