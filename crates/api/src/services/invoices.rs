//! An order's e-invoice (電子發票), kept in line with what the order owes: issued once the shop
//! has the money (paid; cash on delivery, delivered), for its total less what was refunded;
//! voided or given back by allowance as refunds come (`fourflow_core::invoice::adjustment`).
//! One job (`Job::Invoice`) does whichever is due, after a payment, a delivery or a refund;
//! it asks the issuer outside any write transaction, and is safe to run twice or on two
//! replicas at once (the issuer is idempotent, the records conditional).

use fourflow_core::checkout::PaymentMethod;
use fourflow_core::invoice::{
    adjustment, InvoiceAdjustment, InvoiceChoice, InvoicePeriod, InvoiceView,
};
use fourflow_core::order::OrderStatus;
use fourflow_core::{Currency, Money};

use crate::clock::rfc3339;
use crate::invoices::IssueRequest;
use crate::jobs::{self, Job};
use crate::services::notifications::OrderUpdate;
use crate::startup::AppState;
use crate::store::invoices::{self as records, InvoiceRow, NewInvoice};
use crate::store::{self, orders::OrderRow};

/// What the invoice hangs on: the order, and what it owes now.
struct Owed {
    order: OrderRow,
    email: String,
    choice: InvoiceChoice,
    money_received: bool,
    owes: Money,
}

async fn owed(state: &AppState, number: &str) -> anyhow::Result<Option<Owed>> {
    let Some((order, _)) = store::orders::by_number(state.db.pool(), number).await? else {
        return Ok(None);
    };
    let status = OrderStatus::parse(&order.status)
        .ok_or_else(|| anyhow::anyhow!("order {number}: status {}", order.status))?;
    let cod = order.payment_method == PaymentMethod::CashOnDelivery.as_str();
    let charged = store::refunds::read(state.db.pool(), order.id).await?;
    let currency = Currency::parse(&charged.currency)
        .ok_or_else(|| anyhow::anyhow!("order {number}: currency {}", charged.currency))?;
    let choice = serde_json::from_str(&records::choice_of(state.db.pool(), order.id).await?)?;
    let (email, _) = store::orders::recipient(state.db.pool(), number)
        .await?
        .ok_or_else(|| anyhow::anyhow!("order {number} vanished"))?;
    Ok(Some(Owed {
        money_received: status.money_received(cod),
        owes: Money::new(charged.total - charged.refunded, currency),
        order,
        email,
        choice,
    }))
}

/// The job `invoice`: issues, voids or allows what is due for order `number`.
pub async fn settle(state: &AppState, number: &str) -> anyhow::Result<()> {
    let Some(owed) = owed(state, number).await? else {
        return Ok(());
    };
    let mut invoice = records::of_order(state.db.pool(), owed.order.id).await?;
    if invoice.is_none() {
        if !owed.money_received || owed.owes.amount <= 0 {
            return Ok(()); // nothing sold yet, or nothing left sold
        }
        invoice = Some(issue(state, &owed).await?);
    }
    if let Some(invoice) = invoice {
        adjust(state, &owed, &invoice).await?;
    }
    Ok(())
}

async fn issue(state: &AppState, owed: &Owed) -> anyhow::Result<InvoiceRow> {
    let now = state.clock.now();
    let issued = state
        .invoices
        .issue(&IssueRequest {
            order_number: &owed.order.number,
            amount: owed.owes,
            choice: &owed.choice,
            buyer_email: &owed.email,
            at: now,
        })
        .await?;
    let period = issued.period.key();
    let mut tx = state.db.begin_write().await?;
    let recorded = records::insert(
        &mut tx,
        &NewInvoice {
            order_id: owed.order.id,
            number: &issued.number,
            period: &period,
            amount: issued.amount.amount,
            currency: issued.amount.currency.code(),
            issued_at: &rfc3339(now),
        },
    )
    .await?;
    if recorded {
        let email = Job::OrderUpdateEmail {
            order: owed.order.number.clone(),
            update: OrderUpdate::InvoiceIssued,
        };
        jobs::enqueue(&mut tx, &email, now).await?;
    }
    tx.commit().await?;
    records::of_order(state.db.pool(), owed.order.id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("order {}: invoice vanished", owed.order.number))
}

async fn adjust(state: &AppState, owed: &Owed, invoice: &InvoiceRow) -> anyhow::Result<()> {
    if invoice.voided_at.is_some() {
        return Ok(());
    }
    let now = state.clock.now();
    let money = |amount| Money::new(amount, owed.owes.currency);
    let issued_in = period_of(invoice)?;
    let due = adjustment(
        issued_in,
        InvoicePeriod::at(now),
        money(invoice.amount),
        money(invoice.allowance),
        owed.owes,
    );
    match due {
        None => {}
        Some(InvoiceAdjustment::Void) => {
            state.invoices.void(&invoice.number, now).await?;
            let mut tx = state.db.begin_write().await?;
            records::void(&mut tx, owed.order.id, &rfc3339(now)).await?;
            tx.commit().await?;
        }
        Some(InvoiceAdjustment::Allowance(more)) => {
            let total = invoice.allowance + more.amount;
            state
                .invoices
                .allow(&invoice.number, money(total), now)
                .await?;
            let mut tx = state.db.begin_write().await?;
            records::allow(&mut tx, owed.order.id, invoice.allowance, total).await?;
            tx.commit().await?;
        }
    }
    Ok(())
}

fn period_of(invoice: &InvoiceRow) -> anyhow::Result<InvoicePeriod> {
    InvoicePeriod::from_key(&invoice.period)
        .ok_or_else(|| anyhow::anyhow!("invoice {}: period {}", invoice.number, invoice.period))
}

/// The invoice as the order's page shows it.
pub async fn view(state: &AppState, order_id: i64) -> anyhow::Result<InvoiceView> {
    let choice = serde_json::from_str(&records::choice_of(state.db.pool(), order_id).await?)?;
    let invoice = records::of_order(state.db.pool(), order_id).await?;
    let currency = invoice
        .as_ref()
        .and_then(|i| Currency::parse(&i.currency))
        .unwrap_or(Currency::Twd);
    Ok(InvoiceView {
        choice,
        number: invoice.as_ref().map(|i| i.number.clone()),
        period: invoice
            .as_ref()
            .map(|i| period_of(i).map(InvoicePeriod::label))
            .transpose()?,
        voided: invoice.as_ref().is_some_and(|i| i.voided_at.is_some()),
        allowance: invoice
            .as_ref()
            .filter(|i| i.allowance > 0)
            .map(|i| Money::new(i.allowance, currency)),
    })
}
