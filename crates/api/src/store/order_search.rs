//! Finding orders for the orders console: by status, text (number, email, the shopper's name
//! or phone), payment and shipping method and the day they were placed; newest first.

use sqlx::{AnyPool, FromRow};

/// The search, as the store reads it: text already lowered, days as RFC 3339 bounds.
#[derive(Debug, Default)]
pub struct Filter {
    pub status: Option<&'static str>,
    /// Lower-case; matched anywhere in the number, email or contact.
    pub text: Option<String>,
    pub payment_method: Option<&'static str>,
    pub shipping_method: Option<&'static str>,
    /// `created_at >= from`.
    pub from: Option<String>,
    /// `created_at < until`.
    pub until: Option<String>,
}

#[derive(Debug, Clone, FromRow)]
pub struct SummaryRow {
    pub number: String,
    pub status: String,
    pub email: String,
    pub contact: String,
    pub payment_method: String,
    pub shipping_method: String,
    pub currency: String,
    pub total: i64,
    pub units: i64,
    pub created_at: String,
}

/// `WHERE …` for the filter and its values in placeholder order; `with_status` false leaves the
/// status out (for counting by status).
fn conditions(filter: &Filter, with_status: bool) -> (String, Vec<String>) {
    let mut clauses = Vec::new();
    let mut values: Vec<String> = Vec::new();
    // Each `?` of the clause becomes the next numbered placeholder, bound to `value`.
    let mut add = |clause: &str, value: &str| {
        let mut numbered = String::new();
        for (i, part) in clause.split('?').enumerate() {
            if i > 0 {
                values.push(value.to_owned());
                numbered.push_str(&format!("${}", values.len()));
            }
            numbered.push_str(part);
        }
        clauses.push(numbered);
    };
    if let (true, Some(status)) = (with_status, filter.status) {
        add("status = ?", status);
    }
    if let Some(text) = &filter.text {
        // LIKE's own characters in the text are matched as themselves.
        let escaped = text
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        add(
            "(LOWER(number) LIKE ? ESCAPE '\\' OR LOWER(email) LIKE ? ESCAPE '\\' \
             OR LOWER(contact) LIKE ? ESCAPE '\\')",
            &format!("%{escaped}%"),
        );
    }
    if let Some(method) = filter.payment_method {
        add("payment_method = ?", method);
    }
    if let Some(method) = filter.shipping_method {
        add("shipping_method = ?", method);
    }
    if let Some(from) = &filter.from {
        add("created_at >= ?", from);
    }
    if let Some(until) = &filter.until {
        add("created_at < ?", until);
    }
    if clauses.is_empty() {
        (String::new(), values)
    } else {
        (format!(" WHERE {}", clauses.join(" AND ")), values)
    }
}

/// One page of matching orders, newest first, and how many match in all.
pub async fn page(
    pool: &AnyPool,
    filter: &Filter,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<SummaryRow>, i64)> {
    let (clause, values) = conditions(filter, true);
    let sql = format!(
        "SELECT number, status, email, contact, payment_method, shipping_method, currency, total, \
         CAST((SELECT COALESCE(SUM(l.qty), 0) FROM order_lines l WHERE l.order_id = orders.id) AS BIGINT) AS units, \
         created_at FROM orders{clause} ORDER BY created_at DESC, id DESC LIMIT {limit} OFFSET {offset}"
    );
    let mut rows = sqlx::query_as::<_, SummaryRow>(&sql);
    for value in &values {
        rows = rows.bind(value);
    }
    let rows = rows.fetch_all(pool).await?;
    let count_sql = format!("SELECT COUNT(*) FROM orders{clause}");
    let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
    for value in &values {
        count = count.bind(value);
    }
    Ok((rows, count.fetch_one(pool).await?))
}

/// How many orders of each status match the filter's other parts.
pub async fn count_by_status(pool: &AnyPool, filter: &Filter) -> sqlx::Result<Vec<(String, i64)>> {
    let (clause, values) = conditions(filter, false);
    let sql = format!("SELECT status, COUNT(*) FROM orders{clause} GROUP BY status");
    let mut query = sqlx::query_as(&sql);
    for value in &values {
        query = query.bind(value);
    }
    query.fetch_all(pool).await
}
