//! County, district and postal code as Taiwanese forms ask for them: the county first, then
//! one of its districts, whose three-digit postal code fills itself in (the shopper may add
//! the last two or three digits). The list comes from the API (`/address-areas`), so that it
//! stays out of the download (and the browser keeps it a day, offline too).
//!
//! The fields take and give plain strings (the types every form already has), and the
//! choices are written as `<option>` markup: a few hundred districts as one string instead of
//! a view per option, which keeps the checkout's bundle in its budget.

use fourflow_core::delivery::areas::{AddressAreas, County};
use leptos::prelude::*;

use super::field::{SelectField, TextField};
use crate::api;
use crate::i18n::use_i18n;

/// One of the three fields: its id, value, what typing or choosing does, and its message.
pub struct AreaField {
    pub id: &'static str,
    pub value: Signal<String>,
    pub set: Callback<String>,
    pub error: Signal<Option<&'static str>>,
}

#[component]
pub fn AreaFields(city: AreaField, district: AreaField, postal_code: AreaField) -> impl IntoView {
    let i18n = use_i18n();
    let c = i18n.c();
    let areas = RwSignal::new(None::<AddressAreas>);
    leptos::task::spawn_local(async move {
        if let Ok(list) = api::address_areas().await {
            areas.set(Some(list));
        }
    });
    let (city_value, set_city) = (city.value, city.set);
    let (district_value, set_district) = (district.value, district.set);
    let (postal, set_postal) = (postal_code.value, postal_code.set);
    // The county chosen, as the list has it (an address kept as 台北市 is 臺北市's).
    let county = move |areas: &AddressAreas| -> Option<County> {
        city_value.with(|name| {
            areas
                .counties
                .iter()
                .find(|c| same(&c.name.zh_tw, name))
                .cloned()
        })
    };
    // Until the list is here (or if it cannot come), what the address holds is the one choice.
    let counties = Signal::derive(move || {
        let chosen = city_value.get();
        areas.with(|a| match a {
            Some(a) => options(
                a.counties
                    .iter()
                    .map(|c| (c.name.zh_tw.as_str(), i18n.text(&c.name))),
                &chosen,
            ),
            None => options([(chosen.as_str(), chosen.clone())].into_iter(), &chosen),
        })
    });
    let districts = Signal::derive(move || {
        let chosen = district_value.get();
        match areas.with(|a| a.as_ref().and_then(county)) {
            Some(county) => options(
                county.districts.iter().map(|d| {
                    (
                        d.name.zh_tw.as_str(),
                        format!("{} {}", d.postal_code, i18n.text(&d.name)),
                    )
                }),
                &chosen,
            ),
            None => options([(chosen.as_str(), chosen.clone())].into_iter(), &chosen),
        }
    });
    let pick_county = move |name: String| {
        set_city.run(name);
        set_district.run(String::new());
        set_postal.run(String::new());
    };
    // A district brings its postal code, unless the one typed is already that district's.
    let pick_district = move |name: String| {
        let code = areas.with_untracked(|a| {
            let county = a.as_ref().and_then(county)?;
            let district = county
                .districts
                .into_iter()
                .find(|d| d.name.zh_tw == name)?;
            Some(district.postal_code)
        });
        let typed = postal.get_untracked();
        match code {
            Some(code) if typed.starts_with(&code) => {}
            code => set_postal.run(code.unwrap_or_default()),
        }
        set_district.run(name);
    };
    view! {
        <div class="field-row area-fields">
            <SelectField id=city.id label=c.city placeholder=c.choose_city autocomplete="address-level1"
                options=counties on_change=pick_county error=city.error/>
            <SelectField id=district.id label=c.district placeholder=c.choose_district autocomplete="address-level2"
                options=districts on_change=pick_district error=district.error/>
            <TextField id=postal_code.id label=c.postal_code autocomplete="postal-code" inputmode="numeric"
                value=postal on_input=set_postal error=postal_code.error/>
        </div>
    }
}

/// `<option>` markup for `(value, label)` pairs, `chosen` selected (臺 and 台 alike); an
/// empty value is the placeholder's, already there.
fn options<'a>(pairs: impl Iterator<Item = (&'a str, String)>, chosen: &str) -> String {
    let mut html = String::new();
    for (value, label) in pairs.filter(|(value, _)| !value.is_empty()) {
        let selected = if same(value, chosen) { " selected" } else { "" };
        html.push_str(&format!(
            "<option value=\"{}\"{selected}>{}</option>",
            escape(value),
            escape(&label)
        ));
    }
    html
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;")
}

/// 臺 and 台 are one character in an address.
fn same(a: &str, b: &str) -> bool {
    a.replace('台', "臺") == b.replace('台', "臺")
}
