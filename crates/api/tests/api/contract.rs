//! The API's contract, tried from outside as a client or a fuzzer would, from nothing but the
//! description at `/api/openapi.json`: the description resolves, and every operation in it
//! answers hostile text, a wrong method and malformed parameters with the contract's JSON error
//! (`{"error":{"code","message","field"}}`), never a 500 — on SQLite and PostgreSQL alike.

use fourflow_core::staff::Role;
use serde_json::{json, Map, Value};

use crate::support::{light_sku, member, order_body, Browser, TestApp};

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

#[tokio::test]
async fn the_description_defines_every_schema_it_refers_to() {
    let app = TestApp::spawn().await;
    let spec = app.ok("/api/openapi.json").await;
    let schemas = spec["components"]["schemas"]
        .as_object()
        .expect("components.schemas");
    let mut refs = Vec::new();
    references(&spec, &mut refs);
    assert!(refs.len() > 100, "only {} references", refs.len());
    for reference in &refs {
        let name = reference
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("{reference} is not a schema reference"));
        assert!(schemas.contains_key(name), "{reference} is not defined");
    }
    // Each operation has an id of its own (a generated client names its methods by them) and
    // says what it answers.
    let mut ids = std::collections::BTreeMap::new();
    for (path, operation) in operations(&spec) {
        let id = operation["operationId"]
            .as_str()
            .unwrap_or_else(|| panic!("{path} has no operationId"));
        if let Some(other) = ids.insert(id.to_owned(), path.clone()) {
            panic!("{path} and {other} are both {id}");
        }
        assert!(
            operation["responses"]
                .as_object()
                .is_some_and(|r| !r.is_empty()),
            "{path}"
        );
    }
    // A path's parameters are its `{parameters}`, no more and no fewer: a client fills them.
    for (path, operation) in operations(&spec) {
        let declared: Vec<&str> = operation["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["in"] == "path")
            .filter_map(|p| p["name"].as_str())
            .collect();
        let mut in_path = path_parameters(&path);
        in_path.sort();
        let mut declared_sorted: Vec<String> = declared.iter().map(|d| d.to_string()).collect();
        declared_sorted.sort();
        assert_eq!(declared_sorted, in_path, "{path}: path parameters");
    }
}

/// One hostile value at a time: a NUL in a path parameter, in a query parameter, in every
/// string of a JSON body. Each must be a 400 naming where it was.
#[tokio::test]
async fn every_operation_refuses_a_control_character_naming_where_it_was() {
    let app = TestApp::spawn().await;
    let (admin, _) = member(&app, "root@example.tw", Role::Admin).await;
    // An order of the admin's own, so that calls on an order reach what they read.
    let order = admin
        .place_order(&order_body(&[(&light_sku(), 1)], "card"))
        .await;
    let spec = app.ok("/api/openapi.json").await;
    let mut tried = 0;
    let mut wrong = Vec::new();
    for (path, operation) in operations(&spec) {
        let (method, template) = path.split_once(' ').unwrap();
        for name in parameters(&operation, "path") {
            let url = fill(template, Some((&name, "%00")), &order.number);
            let answer = send(&admin, method, &url, None).await;
            tried += 1;
            if !(answer.status == 400 && answer.field() == Some(name.as_str())) {
                wrong.push(format!("{method} {url}: {} {}", answer.status, answer.body));
            }
        }
        for name in parameters(&operation, "query") {
            let url = format!("{}?{name}=%00", fill(template, None, &order.number));
            let answer = send(&admin, method, &url, None).await;
            tried += 1;
            if !(answer.status == 400 && answer.field() == Some(name.as_str())) {
                wrong.push(format!("{method} {url}: {} {}", answer.status, answer.body));
            }
        }
        if let Some(schema) =
            operation["requestBody"]["content"]["application/json"]["schema"].as_object()
        {
            let body = sample(&spec, &Value::Object(schema.clone()), "\u{0}", 1, 0);
            if !has_text(&body) {
                continue;
            }
            let mut url = fill(template, None, &order.number);
            if parameters(&operation, "query").iter().any(|p| p == "token") {
                url = format!("{url}?token={}", order.token);
            }
            let answer = send(&admin, method, &url, Some(&body)).await;
            tried += 1;
            let at_fault = answer
                .field()
                .map(|field| lookup(&body, field))
                .is_some_and(|v| v.as_str().is_some_and(|s| s.contains('\0')) || v.is_object());
            if !(answer.status == 400 && at_fault) {
                wrong.push(format!(
                    "{method} {url} {body}: {} {}",
                    answer.status, answer.body
                ));
            }
        }
    }
    assert!(tried > 60, "only {tried} requests were tried");
    assert!(
        wrong.is_empty(),
        "{} of {tried}:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// Bodies shaped as the description says, with made-up values — plain, huge, negative, long:
/// whatever the shop makes of them, it answers with a status and the contract's body, and a
/// 5xx only when it is down.
#[tokio::test]
async fn no_operation_answers_a_well_formed_guess_with_a_500() {
    let app = TestApp::spawn().await;
    let (admin, _) = member(&app, "root@example.tw", Role::Admin).await;
    let spec = app.ok("/api/openapi.json").await;
    let long = "長".repeat(20_000);
    let guesses: [(&str, i64); 4] = [("x", 1), ("9", i64::MAX), ("-", -1), (&long, i64::MIN)];
    let mut wrong = Vec::new();
    let mut tried = 0;
    for (path, operation) in operations(&spec) {
        let (method, template) = path.split_once(' ').unwrap();
        for (text, number) in guesses {
            tried += 1;
            let body = operation["requestBody"]["content"]["application/json"]["schema"]
                .as_object()
                .map(|schema| sample(&spec, &Value::Object(schema.clone()), text, number, 0));
            let url = fill(template, None, "FF20261125-ABC123");
            let answer = send(&admin, method, &url, body.as_ref()).await;
            let json_error = answer.status < 400 || answer.code().is_some();
            if answer.status >= 500 || !json_error {
                let shown: String = format!("{}", answer.body).chars().take(300).collect();
                wrong.push(format!(
                    "{method} {url} ({number}): {} {shown}",
                    answer.status
                ));
            }
        }
    }
    assert!(
        tried > 120,
        "only {tried} guesses: the spec lost its operations?"
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[tokio::test]
async fn what_axum_would_answer_in_plain_text_is_the_contracts_json() {
    let app = TestApp::spawn().await;
    let shopper = Browser::new(&app);
    let spec = app.ok("/api/openapi.json").await;
    // A method the path does not take, on every path: a 405 that says which it takes.
    let mut paths = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        let Some(absent) = METHODS.iter().find(|m| item.get(**m).is_none()) else {
            continue;
        };
        let url = fill(path, None, "FF20261125-ABC123");
        let answer = shopper.send(&absent.to_uppercase(), &url, None).await;
        assert_eq!(answer.status, 405, "{absent} {url}: {}", answer.body);
        assert_eq!(answer.code(), Some("method_not_allowed"), "{absent} {url}");
        assert!(answer.headers.contains_key("allow"), "{absent} {url}");
        paths += 1;
    }
    assert!(paths > 30, "only {paths} paths");

    for (url, field) in [
        // Not UTF-8 once decoded.
        ("/api/v1/orders/%FF", "number"),
        ("/api/v1/products/%C3%28", "slug"),
        // A parameter given twice where one is taken.
        ("/api/v1/orders/FF20261125-ABC123?token=a&token=b", "token"),
    ] {
        let answer = shopper.get(url).await;
        assert_eq!(answer.status, 400, "{url}: {}", answer.body);
        assert_eq!(answer.field(), Some(field), "{url}: {}", answer.body);
    }
    for unknown in ["/api/v2/products", "/api"] {
        let answer = shopper.get(unknown).await;
        assert_eq!(
            (answer.status, answer.code()),
            (404, Some("not_found")),
            "{unknown}"
        );
    }
}

#[tokio::test]
async fn paths_no_app_has_a_page_for_are_404s() {
    let app = TestApp::spawn().await;
    for path in [
        "/metrics",
        "/wp-login.php",
        "/.git/config",
        "/admin.php",
        "/productsx",
    ] {
        let (status, _) = app.get(path).await;
        assert_eq!(status, 404, "{path}");
    }
}

async fn send(
    browser: &Browser<'_>,
    method: &str,
    url: &str,
    body: Option<&Value>,
) -> crate::support::Answer {
    let key = format!("contract-{}", rand::random::<u64>());
    browser
        .send_with(
            &method.to_uppercase(),
            url,
            body,
            &[("idempotency-key", &key)],
        )
        .await
}

/// `"post /orders/{number}"` → the operation, for every operation of the description.
fn operations(spec: &Value) -> Vec<(String, Value)> {
    let mut found = Vec::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for method in METHODS {
            if let Some(operation) = item.get(method) {
                found.push((format!("{method} {path}"), operation.clone()));
            }
        }
    }
    assert!(found.len() > 60, "only {} operations", found.len());
    found
}

/// The names of an operation's parameters in `place` (`path`, `query`) that take text.
fn parameters(operation: &Value, place: &str) -> Vec<String> {
    operation["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["in"] == place)
        .filter(|p| {
            let schema = &p["schema"];
            let types = types_of(schema);
            types.is_empty() || types.contains(&"string") || {
                types.contains(&"array") && types_of(&schema["items"]).contains(&"string")
            }
        })
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect()
}

fn path_parameters(path: &str) -> Vec<String> {
    path.split('/')
        .filter_map(|part| part.strip_prefix('{')?.strip_suffix('}'))
        .map(str::to_owned)
        .collect()
}

/// The URL of `template` with each parameter filled with a plausible value, one of them
/// (`hostile`) with the given raw text instead.
fn fill(template: &str, hostile: Option<(&str, &str)>, order: &str) -> String {
    let mut url = format!("/api/v1{template}");
    if template.starts_with("/api") {
        url = template.to_owned();
    }
    for name in path_parameters(template) {
        let value = match hostile {
            Some((bad, raw)) if bad == name => raw.to_owned(),
            _ if name == "number" => order.to_owned(),
            _ => plausible(&name).to_owned(),
        };
        url = url.replace(&format!("{{{name}}}"), &value);
    }
    url
}

fn plausible(name: &str) -> &'static str {
    match name {
        "slug" => "linen-shirt",
        "sku" => "LS-WHT-M",
        "kind" => "help",
        "id" | "version" | "customer_id" | "from" | "to" => "1",
        "code" => "WELCOME10",
        "provider" => "sandbox",
        _ => "x",
    }
}

fn types_of(schema: &Value) -> Vec<&str> {
    match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// A value for `schema` with every string `text`, every number `number`, lists of one.
fn sample(spec: &Value, schema: &Value, text: &str, number: i64, depth: usize) -> Value {
    if depth > 12 {
        return Value::Null;
    }
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.trim_start_matches("#/components/schemas/");
        return sample(
            spec,
            &spec["components"]["schemas"][name],
            text,
            number,
            depth + 1,
        );
    }
    for combined in ["oneOf", "anyOf"] {
        if let Some(first) = schema[combined].as_array().and_then(|options| {
            options
                .iter()
                .find(|o| !types_of(o).contains(&"null") || o.get("$ref").is_some())
        }) {
            return sample(spec, first, text, number, depth + 1);
        }
    }
    if let Some(all) = schema["allOf"].as_array() {
        let mut merged = Map::new();
        for part in all {
            if let Value::Object(fields) = sample(spec, part, text, number, depth + 1) {
                merged.extend(fields);
            }
        }
        return Value::Object(merged);
    }
    if let Some(first) = schema["enum"].as_array().and_then(|e| e.first()) {
        return first.clone();
    }
    let types = types_of(schema);
    if types.contains(&"object") || schema.get("properties").is_some() {
        let mut fields = Map::new();
        if let Some(properties) = schema["properties"].as_object() {
            for (name, property) in properties {
                fields.insert(
                    name.clone(),
                    sample(spec, property, text, number, depth + 1),
                );
            }
        }
        return Value::Object(fields);
    }
    match types.iter().find(|t| **t != "null") {
        Some(&"array") => json!([sample(spec, &schema["items"], text, number, depth + 1)]),
        Some(&"integer") | Some(&"number") => json!(number),
        Some(&"boolean") => json!(true),
        Some(&"string") => json!(text),
        _ => Value::Null,
    }
}

/// Whether `value` holds a NUL somewhere (an enum's value is not free text).
fn has_text(value: &Value) -> bool {
    match value {
        Value::String(text) => text.contains('\0'),
        Value::Array(items) => items.iter().any(has_text),
        Value::Object(fields) => fields.values().any(has_text),
        _ => false,
    }
}

/// The value at `field` (`lines[0].sku`, `body` for the whole) in `body`.
fn lookup<'a>(body: &'a Value, field: &str) -> &'a Value {
    if field == "body" {
        return body;
    }
    let mut at = body;
    for part in field.split('.') {
        let (name, index) = match part.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        at = &at[name];
        if let Some(i) = index {
            at = &at[i];
        }
    }
    at
}

fn references(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(fields) => {
            for (key, item) in fields {
                match (key.as_str(), item) {
                    ("$ref", Value::String(reference)) => found.push(reference.clone()),
                    _ => references(item, found),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| references(item, found)),
        _ => {}
    }
}
