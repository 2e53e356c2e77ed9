//! The warehouse's paperwork as printable HTML pages: the pick list (what to take from the
//! shelves) and the shipping slip stuck on the parcel (A6, with the order's and the tracking
//! number's barcodes). zh-TW first, English beneath, as the shop speaks; a print stylesheet
//! drops the screen chrome.

use fourflow_core::checkout::{Contact, Delivery, PaymentMethod};
use fourflow_core::delivery::DeliveryEstimate;
use fourflow_core::pricing::{Quote, ShippingMethod};
use fourflow_core::Money;

use super::barcode;
use super::escape_html as esc;

/// What both documents are made from.
pub struct Paperwork<'a> {
    pub number: &'a str,
    pub created_at: &'a str,
    pub method: ShippingMethod,
    pub payment: PaymentMethod,
    pub contact: &'a Contact,
    pub delivery: &'a Delivery,
    pub quote: &'a Quote,
    /// Once the carrier took the parcel.
    pub tracking_number: Option<&'a str>,
    pub carrier: Option<&'a str>,
    pub estimate: Option<&'a DeliveryEstimate>,
}

const STYLE: &str = r#"
body { font-family: "Noto Sans TC", "PingFang TC", "Microsoft JhengHei", sans-serif; margin: 1.5rem; color: #111; }
.sheet { max-width: 40rem; margin: 0 auto; }
.slip { width: 105mm; min-height: 148mm; border: 1px dashed #999; padding: 5mm; box-sizing: border-box; }
h1 { font-size: 1.3rem; margin: 0 0 .5rem; }
h2 { font-size: .95rem; margin: .8rem 0 .2rem; }
.en { display: block; font-size: .7em; color: #555; font-weight: normal; }
table { width: 100%; border-collapse: collapse; font-size: .9rem; }
th, td { border-bottom: 1px solid #ccc; padding: .3rem; text-align: left; vertical-align: top; }
td.qty, th.qty { text-align: right; width: 3rem; }
td.check { width: 1.5rem; }
.barcode { display: block; width: 100%; max-width: 90mm; height: 18mm; margin: .3rem 0; }
.cod { border: 2px solid #000; padding: .3rem; font-weight: bold; }
.no-print { margin-bottom: 1rem; }
.sheet-break { break-after: page; height: 0; margin: 2rem 0; border-top: 1px dashed #999; }
@page { size: A6; margin: 4mm; }
@media print {
  body { margin: 0; }
  .no-print { display: none; }
  .sheet-break { margin: 0; border: none; }
  .slip { border: none; width: auto; min-height: 0; padding: 0; }
  .sheet { max-width: none; }
  @page pick { size: A4; }
  .pick-list { page: pick; }
}
"#;

/// A printable page of one or more documents, each starting on a sheet of its own.
pub fn page(title: &str, class: &str, documents: &[String]) -> String {
    let body = documents.join(r#"<div class="sheet-break"></div>"#);
    format!(
        r#"<!doctype html><html lang="zh-TW"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{}</title><style>{STYLE}</style></head><body><div class="sheet {class}"><p class="no-print"><button onclick="window.print()">列印 Print</button></p>{body}</div></body></html>"#,
        esc(title)
    )
}

fn label(zh: &str, en: &str) -> String {
    format!(r#"{zh}<span class="en">{en}</span>"#)
}

fn method_label(method: ShippingMethod) -> String {
    match method {
        ShippingMethod::HomeDelivery => label("宅配", "Home delivery"),
        ShippingMethod::Express => label("快速到貨", "Express"),
        ShippingMethod::StorePickup => label("超商取貨", "Convenience-store pickup"),
    }
}

fn barcode_or_note(text: &str) -> String {
    // Order and tracking numbers are ASCII by construction; say so rather than fail the page.
    barcode::svg(text, 40).unwrap_or_else(|_| format!("<p>{}</p>", esc(text)))
}

fn destination(delivery: &Delivery) -> String {
    match delivery {
        Delivery::Address {
            postal_code,
            city,
            district,
            line,
        } => format!(
            "<p>{} {}{}{}</p>",
            esc(postal_code),
            esc(city),
            esc(district),
            esc(line)
        ),
        Delivery::Store {
            chain,
            store_id,
            store_name,
        } => {
            let address = super::stores::find(store_id)
                .map(|s| format!("<br>{}", esc(&s.address)))
                .unwrap_or_default();
            format!(
                "<p><strong>{} {}</strong>（店號 {}）{address}</p>",
                esc(chain),
                esc(store_name),
                esc(store_id)
            )
        }
    }
}

fn money(m: Money) -> String {
    let dollars = m.amount / 100;
    let cents = m.amount % 100;
    if cents == 0 {
        format!("NT${dollars}")
    } else {
        format!("NT${dollars}.{cents:02}")
    }
}

/// The list a picker walks the shelves with: every line's SKU, name and quantity (a page's
/// part: see [`page`]).
pub fn pick_list(p: &Paperwork<'_>) -> String {
    let rows: String = p
        .quote
        .lines
        .iter()
        .map(|l| {
            let options = if l.options.zh_tw.is_empty() {
                String::new()
            } else {
                format!("・{}", esc(&l.options.zh_tw))
            };
            format!(
                r#"<tr><td class="check">☐</td><td><code>{}</code></td><td>{}{options}<span class="en">{}</span></td><td class="qty">{}</td></tr>"#,
                esc(l.sku.as_str()),
                esc(&l.title.zh_tw),
                esc(&l.title.en),
                l.qty
            )
        })
        .collect();
    let units: u32 = p.quote.lines.iter().map(|l| l.qty).sum();
    format!(
        r#"<h1>{}</h1>{}<p>{} · {}</p><h2>{}</h2>{}<table><thead><tr><th></th><th>{}</th><th>{}</th><th class="qty">{}</th></tr></thead><tbody>{rows}</tbody><tfoot><tr><td></td><td></td><th>{}</th><td class="qty">{units}</td></tr></tfoot></table><p>{} {} g</p>"#,
        label("揀貨單", "Pick list"),
        barcode_or_note(p.number),
        esc(p.number),
        esc(p.created_at),
        label("配送方式", "Shipping method"),
        method_label(p.method),
        label("品號", "SKU"),
        label("品名", "Item"),
        label("數量", "Qty"),
        label("合計", "Units"),
        label("包裹重量", "Parcel weight"),
        p.quote.shipping.weight_grams,
    )
}

/// The slip stuck on the parcel: where it goes, who gets it, and both barcodes (a page's
/// part: see [`page`]).
pub fn shipping_slip(p: &Paperwork<'_>) -> String {
    let tracking = match p.tracking_number {
        Some(number) => format!(
            "<h2>{}</h2>{}<p>{}</p>",
            label("託運單號", "Tracking number"),
            barcode_or_note(number),
            esc(p.carrier.unwrap_or_default())
        ),
        None => format!(
            "<h2>{}</h2><p>{}</p>",
            label("託運單號", "Tracking number"),
            label("尚未交寄", "Not yet handed to the carrier")
        ),
    };
    let estimate = p
        .estimate
        .map(|e| {
            format!(
                "<h2>{}</h2><p>{} – {}</p>",
                label("預計送達", "Estimated delivery"),
                esc(&e.earliest),
                esc(&e.latest)
            )
        })
        .unwrap_or_default();
    let collect = if p.payment == PaymentMethod::CashOnDelivery {
        format!(
            r#"<p class="cod">{}：{}</p>"#,
            label("貨到付款 代收金額", "Cash on delivery: collect"),
            money(p.quote.total)
        )
    } else {
        format!("<p>{}</p>", label("已付款", "Paid: collect nothing"))
    };
    format!(
        r#"<div class="slip"><h1>{}</h1><p>{}</p><h2>{}</h2><p><strong>{}</strong> {}</p>{}{collect}{tracking}<h2>{}</h2>{}{estimate}<p>{} {} g</p></div>"#,
        label("出貨單", "Shipping slip"),
        method_label(p.method),
        label("收件人", "Recipient"),
        esc(&p.contact.name),
        esc(&p.contact.phone),
        destination(p.delivery),
        label("訂單編號", "Order number"),
        barcode_or_note(p.number),
        label("重量", "Weight"),
        p.quote.shipping.weight_grams,
    )
}
