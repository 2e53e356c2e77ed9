//! Orders as a shopper places and pays them, and the shop's clock moved on for the outbox,
//! the warehouse and the carrier to do their part.

use fourflow_api::jobs::run_due;
use fourflow_api::store::catalog::VariantInput;
use serde_json::{json, Value};

use super::app::TestApp;
use super::browser::Browser;

/// An order as placed: its number and the token of the guest's link that opens it.
pub struct Order {
    pub number: String,
    pub token: String,
}

/// The demo's products of a single variant that no automatic promotion touches (tea and
/// snacks have them): a line's price is its unit price times its quantity.
pub fn plain_variants() -> impl Iterator<Item = VariantInput> {
    fourflow_api::demo::catalog()
        .unwrap()
        .products
        .into_iter()
        .filter(|p| p.variants.len() == 1 && !matches!(p.category.as_str(), "tea" | "snacks"))
        .map(|p| p.variants.into_iter().next().unwrap())
}

/// A light plain variant in stock, cheap enough for cash on delivery.
pub fn light_sku() -> String {
    plain_variants()
        .find(|v| v.stock >= 5 && v.weight_grams <= 2000 && v.price <= 500_000)
        .map(|v| v.sku.to_string())
        .expect("a light SKU in stock")
}

/// The shopper's home, as an order's delivery.
pub fn address() -> Value {
    json!({ "type": "address", "postal_code": "10617", "city": "台北市", "district": "大安區", "line": "羅斯福路四段 1 號" })
}

/// The same home, as an entry of the account's address book, under `label`.
pub fn saved_address(label: &str) -> Value {
    let mut entry = address();
    let fields = entry.as_object_mut().unwrap();
    fields.remove("type");
    fields.insert("label".into(), json!(label));
    fields.insert("name".into(), json!("王小明"));
    fields.insert("phone".into(), json!("0911222333"));
    entry
}

/// The body of `POST /api/v1/orders`: `lines` of (SKU, quantity), delivered home to
/// [`address`] and paid by `payment`.
pub fn order_body(lines: &[(&str, u32)], payment: &str) -> Value {
    let lines: Vec<Value> = lines
        .iter()
        .map(|(sku, qty)| json!({ "sku": sku, "qty": qty }))
        .collect();
    json!({
        "lines": lines,
        "shipping_method": "home_delivery",
        "payment_method": payment,
        "contact": { "name": "王小明", "email": "ming@example.tw", "phone": "0911222333" },
        "delivery": address(),
    })
}

/// Places, as a guest, an order of one [`light_sku`] sent by `method` to `delivery`.
pub async fn place(app: &TestApp, payment: &str, method: &str, delivery: Value) -> Order {
    let mut body = order_body(&[(&light_sku(), 1)], payment);
    body["shipping_method"] = json!(method);
    body["delivery"] = delivery;
    Browser::new(app).place_order(&body).await
}

/// Pays `order` as its guest, with `payment` (the body of the payments call), under a key
/// of its own: the status and the payment.
pub async fn pay(app: &TestApp, order: &Order, payment: &Value) -> (u16, Value) {
    let key = format!("pay-{}", rand::random::<u64>());
    let path = format!(
        "/api/v1/orders/{}/payments?token={}",
        order.number, order.token
    );
    let answer = Browser::new(app)
        .send_with("POST", &path, Some(payment), &[("idempotency-key", &key)])
        .await;
    (answer.status, answer.body)
}

/// Pays `order` by a card the sandbox approves; confirmed a second later, by webhook.
pub async fn pay_by_card(app: &TestApp, order: &Order) {
    let card =
        json!({ "type": "card", "number": "4242 4242 4242 4242", "expiry": "12/30", "cvc": "123" });
    let (status, payment) = pay(app, order, &card).await;
    assert_eq!(status, 201, "{payment}");
}

/// The order as its guest's link shows it.
pub async fn view(app: &TestApp, order: &Order) -> Value {
    app.ok(&format!(
        "/api/v1/orders/{}?token={}",
        order.number, order.token
    ))
    .await
}

/// How many times [`at`] runs the outbox before it gives up on it.
const ROUNDS: usize = 500;

/// Moves the clock to `at` and runs the outbox until nothing more is due; no job may fail,
/// and the outbox must empty. The server's own runner works the same outbox meanwhile, so
/// this waits for the jobs it took, too.
pub async fn at(app: &TestApp, at: i64) {
    app.state.clock.set(at);
    let mut due: Vec<String> = Vec::new();
    for _ in 0..ROUNDS {
        run_due(&app.state).await.unwrap();
        due = sqlx::query_scalar(
            "SELECT kind FROM outbox WHERE done_at IS NULL AND run_at <= $1 ORDER BY id",
        )
        .bind(at)
        .fetch_all(app.state.db.pool())
        .await
        .unwrap();
        if due.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert!(
        due.is_empty(),
        "still due at {at} after {ROUNDS} rounds of the outbox: {due:?}"
    );
    let failed: Vec<(String, String)> = sqlx::query_as(
        "SELECT kind, last_error FROM outbox WHERE last_error IS NOT NULL ORDER BY id",
    )
    .fetch_all(app.state.db.pool())
    .await
    .unwrap();
    assert!(failed.is_empty(), "outbox jobs failed: {failed:?}");
}

/// When the carrier took the order's parcel.
pub async fn handed_over_at(app: &TestApp, order: &Order) -> i64 {
    sqlx::query_scalar(
        "SELECT s.handed_over_at FROM shipments s JOIN orders o ON o.id = s.order_id \
         WHERE o.number = $1",
    )
    .bind(&order.number)
    .fetch_one(app.state.db.pool())
    .await
    .unwrap_or_else(|e| panic!("{} was never handed over: {e}", order.number))
}

/// An operator's refund of order `number` (whole, or the lines `body` names) under `key`.
pub async fn refund(ops: &Browser<'_>, number: &str, key: &str, body: &Value) -> (u16, Value) {
    let path = format!("/api/v1/admin/orders/{number}/refunds");
    let answer = ops
        .send_with("POST", &path, Some(body), &[("idempotency-key", key)])
        .await;
    (answer.status, answer.body)
}
