//! `/account/addresses`: the address book — add, change, delete, and which one is the
//! default (offered first at checkout). Each field is checked as it is typed, by the rules
//! the server applies (`AddressInput::check`, checkout's own address rules).

use fourflow_core::account::{Address, AddressInput};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{AccountFrame, Submission};
use crate::api::{self, ApiError};
use crate::components::use_title;
use crate::i18n::use_i18n;
use crate::pages::checkout::{AreaField, AreaFields, TextField};
use crate::state::session::use_session;

/// Which form is open: none, a new address, or the address with this id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Editing {
    Nothing,
    New,
    Entry(i64),
}

#[component]
pub fn AddressesPage() -> impl IntoView {
    let a = use_i18n().a();
    use_title(move || Some(a.addresses.to_owned()));
    view! {
        <AccountFrame here="/account/addresses">
            <AddressBook/>
        </AccountFrame>
    }
}

#[component]
fn AddressBook() -> impl IntoView {
    let i18n = use_i18n();
    let a = i18n.a();
    let session = use_session();
    let book = session.address_book();
    let editing = RwSignal::new(Editing::Nothing);
    let problem = RwSignal::new(None::<String>);
    let entries = move || {
        book.get().map(|list| {
            if list.is_empty() && editing.get() != Editing::New {
                return view! { <p class="account-card muted">{a.no_addresses}</p> }.into_any();
            }
            list.into_iter()
                .map(|entry| {
                    let id = entry.id;
                    view! {
                        <li>
                            {move || if editing.get() == Editing::Entry(id) {
                                view! { <AddressForm existing=Some(entry.clone()) editing/> }.into_any()
                            } else {
                                view! { <AddressCard entry=entry.clone() editing problem/> }.into_any()
                            }}
                        </li>
                    }
                })
                .collect_view()
                .into_any()
        })
    };
    view! {
        <section class="address-book">
            <header class="account-card-head">
                <div>
                    <h2>{a.addresses}</h2>
                    <p class="muted small">{a.addresses_why}</p>
                </div>
                {move || (editing.get() == Editing::Nothing).then(|| view! {
                    <button type="button" class="button add-address" on:click=move |_| editing.set(Editing::New)>
                        "+ "{a.add_address}
                    </button>
                })}
            </header>
            <p class="form-problem" role="alert">{move || problem.get()}</p>
            {move || (editing.get() == Editing::New).then(|| view! { <AddressForm existing=None editing/> })}
            {move || match book.get() {
                None => Some(view! { <p class="muted" aria-busy="true">{i18n.t().loading}</p> }),
                Some(_) => None,
            }}
            <ul class="address-list">{entries}</ul>
        </section>
    }
}

#[component]
fn AddressCard(
    entry: Address,
    editing: RwSignal<Editing>,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let a = i18n.a();
    let session = use_session();
    let busy = RwSignal::new(false);
    let f = entry.fields.clone();
    let id = entry.id;
    let after = move |result: Result<(), ApiError>| match result {
        Ok(()) => {
            problem.set(None);
            session.reload_addresses();
        }
        Err(e) => {
            busy.set(false);
            problem.set(Some(a.problem(&e).1));
        }
    };
    let delete = move |_| {
        busy.set(true);
        spawn_local(async move { after(api::delete_address(id).await) });
    };
    let fields = f.clone();
    let make_default = move |_| {
        busy.set(true);
        let input = AddressInput {
            is_default: true,
            ..fields.clone()
        };
        spawn_local(async move { after(api::update_address(id, &input).await.map(|_| ())) });
    };
    view! {
        <article class="account-card address-card" class:default=f.is_default>
            <header class="address-card-head">
                <strong class="address-label">{f.label.clone()}</strong>
                {f.is_default.then(|| view! { <span class="verified-badge">{a.default_badge}</span> })}
            </header>
            <p class="address-text">
                {f.name.clone()}" · "{f.phone.clone()}<br/>
                {format!("{} {}{}{}", f.postal_code, f.city, f.district, f.line)}
            </p>
            <div class="form-actions">
                <button type="button" class="button button-quiet button-small" on:click=move |_| editing.set(Editing::Entry(id))>{a.edit}</button>
                {(!f.is_default).then(|| view! {
                    <button type="button" class="button button-quiet button-small" on:click=make_default disabled=move || busy.get()>{a.make_default}</button>
                })}
                <button type="button" class="button button-quiet button-small button-danger" on:click=delete disabled=move || busy.get()>{a.delete}</button>
            </div>
        </article>
    }
}

/// A valid address: a field of the form checked in its place tells whether that field is right
/// by the rule the server applies.
fn probe() -> AddressInput {
    AddressInput {
        label: "家".into(),
        name: "林小美".into(),
        phone: "0912345678".into(),
        postal_code: "106".into(),
        city: "台北市".into(),
        district: "大安區".into(),
        line: "復興南路一段 1 號".into(),
        is_default: false,
    }
}

fn field_mut<'a>(input: &'a mut AddressInput, field: &str) -> &'a mut String {
    match field {
        "label" => &mut input.label,
        "name" => &mut input.name,
        "phone" => &mut input.phone,
        "postal_code" => &mut input.postal_code,
        "city" => &mut input.city,
        "district" => &mut input.district,
        _ => &mut input.line,
    }
}

fn bad_field(input: &AddressInput, field: &str) -> bool {
    let mut one = probe();
    *field_mut(&mut one, field) = field_mut(&mut input.clone(), field).clone();
    one.check().is_err()
}

#[component]
fn AddressForm(existing: Option<Address>, editing: RwSignal<Editing>) -> impl IntoView {
    let i18n = use_i18n();
    let a = i18n.a();
    let c = i18n.c();
    let session = use_session();
    let id = existing.as_ref().map(|e| e.id);
    let first = session.known_addresses().is_none_or(|b| b.is_empty());
    let input = RwSignal::new(existing.map(|e| e.fields).unwrap_or(AddressInput {
        label: String::new(),
        name: session.profile().map(|p| p.name).unwrap_or_default(),
        phone: String::new(),
        postal_code: String::new(),
        city: String::new(),
        district: String::new(),
        line: String::new(),
        is_default: first,
    }));
    let sub = Submission::new();
    let error =
        move |name: &'static str| sub.error(name, move || input.with(|i| bad_field(i, name)));
    let field = move |name: &'static str| {
        let value = Signal::derive(move || input.with(|i| field_mut(&mut i.clone(), name).clone()));
        let error = error(name);
        let set = move |text: String| {
            sub.edited();
            input.update(|i| *field_mut(i, name) = text);
        };
        (value, set, error)
    };
    let (label, set_label, label_error) = field("label");
    let (name, set_name, name_error) = field("name");
    let (phone, set_phone, phone_error) = field("phone");
    let (line, set_line, line_error) = field("line");
    let area = move |id: &'static str, name: &'static str| {
        let (value, set, error) = field(name);
        AreaField {
            id,
            value,
            set: Callback::new(set),
            error,
        }
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let address = input.get_untracked();
        if !sub.start(address.check().is_ok()) {
            return;
        }
        spawn_local(async move {
            let saved = match id {
                Some(id) => api::update_address(id, &address).await,
                None => api::add_address(&address).await,
            };
            match saved {
                Ok(_) => {
                    sub.done();
                    session.reload_addresses();
                    editing.set(Editing::Nothing);
                }
                Err(e) => sub.failed(&e),
            }
        });
    };
    let title = if id.is_some() {
        a.edit_address
    } else {
        a.add_address
    };
    view! {
        <form class="account-form account-card address-form" on:submit=submit novalidate>
            <h3>{title}</h3>
            <TextField id="address-label" label=a.label placeholder=a.label_placeholder autocomplete="off"
                value=label on_input=set_label error=label_error/>
            <div class="field-row">
                <TextField id="address-name" label=a.recipient autocomplete="name"
                    value=name on_input=set_name error=name_error/>
                <TextField id="address-phone" label=a.mobile kind="tel" autocomplete="tel" inputmode="tel"
                    placeholder="0912 345 678"
                    value=phone on_input=set_phone error=phone_error/>
            </div>
            <AreaFields city=area("address-city", "city") district=area("address-district", "district")
                postal_code=area("address-postal-code", "postal_code")/>
            <TextField id="address-line" label=c.street autocomplete="address-line1"
                value=line on_input=set_line error=line_error/>
            <label class="choice check-default">
                <input type="checkbox" id="address-default"
                    prop:checked=move || input.with(|i| i.is_default)
                    on:change:target=move |ev| input.update(|i| i.is_default = ev.target().checked())/>
                <span>{a.is_default}</span>
            </label>
            {sub.alert()}
            <div class="form-actions">
                <button type="submit" class="button save-address" disabled=move || sub.busy.get()>
                    {move || if sub.busy.get() { a.saving } else { a.save }}
                </button>
                <button type="button" class="button button-quiet" on:click=move |_| editing.set(Editing::Nothing)>{a.cancel}</button>
            </div>
        </form>
    }
}
