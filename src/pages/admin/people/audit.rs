//! `/admin/audit?page=…`: what staff did, newest first — who (by name, from the staff
//! list), what, when, to what, and the fields it changed, before and after.

use std::collections::HashMap;

use fourflow_core::staff::AuditEntry;
use fourflow_core::{Locale, Money};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde_json::Value;

use crate::api::admin::staff as api;
use crate::components::{use_title, Pager};
use crate::i18n::use_i18n;
use crate::pages::admin::failure;
use crate::state::remote::Remote;

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let b = i18n.b();
    let pe = b.people;
    use_title(move || Some(pe.audit.to_owned()));
    let query = use_query_map();
    let page = Memo::new(move |_| {
        query.with(|q| q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1u32))
    });
    let log = Remote::new(move || page.get(), api::audit);
    // Names for the actors' ids: staff are few, and an admin may read them.
    let names = Remote::new(|| (), |()| api::staff());
    view! {
        <header class="admin-header"><h1>{pe.audit}</h1></header>
        {move || match log.get() {
            None => view! { <p class="muted" aria-busy="true">{i18n.t().loading}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="form-problem" role="alert">{failure(b, &e)}</p> }.into_any(),
            Some(Ok(list)) if list.items.is_empty() => view! { <p class="admin-empty">{pe.no_entries}</p> }.into_any(),
            Some(Ok(list)) => {
                let names: HashMap<i64, String> = names
                    .get()
                    .and_then(Result::ok)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|m| (m.customer_id, m.name))
                    .collect();
                let pages = list.total.div_ceil(list.per_page.max(1));
                let href = Callback::new(|page: u32| format!("/admin/audit?page={page}"));
                let rows = list
                    .items
                    .into_iter()
                    .map(|entry| view! { <EntryRow entry names=names.clone()/> })
                    .collect_view();
                view! {
                    <p class="muted">{(pe.entries)(list.total)}</p>
                    <div class="admin-table-wrap">
                        <table class="admin-table stacked audit-table">
                            <thead>
                                <tr><th>{pe.when}</th><th>{pe.who}</th><th>{pe.what}</th><th>{pe.subject}</th><th>{pe.change}</th></tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                    <Pager page=list.page pages href/>
                }
                .into_any()
            }
        }}
    }
}

#[component]
fn EntryRow(entry: AuditEntry, names: HashMap<i64, String>) -> impl IntoView {
    let i18n = use_i18n();
    let b = i18n.b();
    let pe = b.people;
    let who = match entry.actor_id {
        Some(id) => names.get(&id).cloned().unwrap_or_else(|| (b.staff)(id)),
        None => pe.command_line.to_owned(),
    };
    let what = (pe.action)(&entry.action)
        .unwrap_or(entry.action.as_str())
        .to_owned();
    let changes = changes(entry.before.as_ref(), entry.after.as_ref())
        .into_iter()
        .map(|(key, before, after)| {
            // A field only after is new (a reason, a note): shown as it is, not as a change.
            view! {
                <li>
                    {(!key.is_empty()).then(|| view! { <code>{key}</code>": " })}
                    {match (before, after) {
                        (Some(b), Some(a)) => view! { <del>{b}</del>" → "<ins>{a}</ins> }.into_any(),
                        (Some(b), None) => view! { <del>{b}</del> }.into_any(),
                        (None, a) => view! { <ins>{a}</ins> }.into_any(),
                    }}
                </li>
            }
        })
        .collect_view();
    view! {
        <tr>
            <td class="small nowrap" data-label=pe.when>{(i18n.c().date_time)(&entry.at)}</td>
            <td data-label=pe.who>{who}</td>
            <td data-label=pe.what>{what}<br/><code class="muted small">{entry.action.clone()}</code></td>
            <td data-label=pe.subject><code class="small">{entry.subject.clone()}</code></td>
            <td data-label=pe.change><ul class="audit-changes">{changes}</ul></td>
        </tr>
    }
}

/// What changed between two states: for objects, each field whose value differs (`None` on
/// the side that lacks it); anything else, the whole value.
fn changes(
    before: Option<&Value>,
    after: Option<&Value>,
) -> Vec<(String, Option<String>, Option<String>)> {
    match (before, after) {
        (Some(Value::Object(b)), Some(Value::Object(a))) => {
            let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter()
                .filter(|k| b.get(*k) != a.get(*k))
                .map(|k| {
                    let shown = |v: &Value| show(k, v);
                    ((*k).clone(), b.get(k).map(shown), a.get(k).map(shown))
                })
                .collect()
        }
        (None, None) => Vec::new(),
        (b, a) => {
            let shown = |v: &Value| show("", v);
            vec![(String::new(), b.map(shown), a.map(shown))]
        }
    }
}

/// Fields the log keeps as money in minor units (TWD cents).
const MONEY: [&str; 3] = ["price", "compare_at", "amount"];

/// A value as staff read it: text without its quotes, money as money.
fn show(key: &str, v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "—".to_owned(),
        Value::Number(n) if MONEY.contains(&key) => match n.as_i64() {
            Some(minor) => Money::twd(minor).format(Locale::ZhTw),
            None => n.to_string(),
        },
        other => other.to_string(),
    }
}
