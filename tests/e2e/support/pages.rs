//! What the journeys do on the shop's pages beyond the browser's own verbs: type into a
//! field, go on a checkout step, call the API as the app does, and read the numbers a page
//! shows (a count read as text would match any number with the same digits in it).

use super::browser::{js_str, Tab};

/// Types into the field matching `selector` (emptied first), as a keyboard would.
pub async fn fill(tab: &Tab, selector: &str, text: &str) {
    tab.wait_for(selector).await;
    tab.eval(&format!(
        "(() => {{ const i = document.querySelector({}); i.focus(); i.select(); }})()",
        js_str(selector)
    ))
    .await;
    tab.type_text(text).await;
}

/// Chooses `value` in the select matching `selector` once it offers it, as a pick with the
/// mouse or keyboard does: the page hears `change`.
pub async fn choose(tab: &Tab, selector: &str, value: &str) {
    tab.wait_until(
        &format!(
            "[...(document.querySelector({})?.options ?? [])].some(o => o.value === {})",
            js_str(selector),
            js_str(value)
        ),
        &format!("{value} among the choices of {selector}"),
    )
    .await;
    tab.eval(&format!(
        "(() => {{ const s = document.querySelector({}); s.focus(); s.value = {}; \
         s.dispatchEvent(new Event('change', {{ bubbles: true }})); }})()",
        js_str(selector),
        js_str(value)
    ))
    .await;
}

/// Goes on from the checkout step on screen, and waits for `step`.
pub async fn next_step(tab: &Tab, step: &str) {
    tab.click(".checkout-form button[type=submit]").await;
    tab.wait_until(
        &format!("location.search === '?step={step}'"),
        &format!("the {step} step"),
    )
    .await;
}

/// Calls the API from the page as the app does (the CSRF header on every mutation, a fresh
/// idempotency key); answers the status. An empty `body` sends none.
pub async fn call(tab: &Tab, method: &str, path: &str, body: &str) -> u64 {
    let js = format!(
        "(async () => (await fetch({}, {{ method: {}, credentials: 'same-origin', \
         headers: {{ 'content-type': 'application/json', 'x-fourflow-csrf': '1', \
         'idempotency-key': 'e2e-' + Math.random() }}, body: {} }})).status)()",
        js_str(path),
        js_str(method),
        if body.is_empty() {
            "undefined".to_owned()
        } else {
            js_str(body)
        }
    );
    let status = tab.eval(&js).await;
    status
        .as_u64()
        .unwrap_or_else(|| panic!("{method} {path} answered no status: {status}"))
}

/// The whole numbers in `text`, in order ("1,280" is one number).
pub fn numbers(text: &str) -> Vec<u64> {
    let mut found = Vec::new();
    let mut digits = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let grouping =
            *c == ',' && !digits.is_empty() && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() {
            digits.push(*c);
        } else if !grouping && !digits.is_empty() {
            found.push(digits.parse().expect("digits"));
            digits.clear();
        }
    }
    if !digits.is_empty() {
        found.push(digits.parse().expect("digits"));
    }
    found
}

/// JavaScript that is true when the text of the element matching `selector` holds the whole
/// number `n` (not merely its digits inside another number).
pub fn js_shows_number(selector: &str, n: u64) -> String {
    format!(
        "(document.querySelector({})?.textContent.replace(/(\\d),(?=\\d)/g, '$1').match(/\\d+/g) || []).includes('{n}')",
        js_str(selector)
    )
}

#[test]
fn numbers_are_read_whole() {
    assert_eq!(numbers("共 12 件商品"), [12]);
    assert_eq!(numbers("NT$1,280 → NT$599, 3 件"), [1280, 599, 3]);
    assert_eq!(numbers("沒有數字"), Vec::<u64>::new());
    assert!(!numbers("共 12 件商品").contains(&1), "1 is not 12");
}
