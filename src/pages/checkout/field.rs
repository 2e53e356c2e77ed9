//! A labelled text field of the checkout form: its error shows once the shopper has left the
//! field (or tried to go on), and then follows every keystroke.

use leptos::prelude::*;

/// Whether a step's errors show everywhere: after "continue" was pressed once.
#[derive(Clone, Copy)]
pub struct ShowErrors(pub RwSignal<bool>);

#[component]
pub fn TextField(
    id: &'static str,
    label: &'static str,
    #[prop(into)] value: Signal<String>,
    // A callback, not a generic closure: the field's view is compiled once, not once for
    // every field of every form (a good part of the checkout's download).
    #[prop(into)] on_input: Callback<String>,
    /// The message for what is wrong with the value now, if anything.
    #[prop(into)]
    error: Signal<Option<&'static str>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "on")] autocomplete: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let touched = RwSignal::new(false);
    let shown = shown_error(error, touched);
    let error_id = format!("{id}-error");
    let described = match hint {
        Some(_) => format!("{id}-hint {error_id}"),
        None => error_id.clone(),
    };
    view! {
        <div class="field" class:invalid=move || shown().is_some()>
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p class="field-hint" id=format!("{id}-hint")>{h}</p> })}
            <input id=id name=id type=kind autocomplete=autocomplete inputmode=inputmode
                placeholder=placeholder
                aria-invalid=move || shown().is_some().to_string()
                aria-describedby=described
                prop:value=move || value.get()
                on:input:target=move |ev| on_input.run(ev.target().value())
                on:blur=move |_| touched.set(true)/>
            <p class="field-error" id=error_id>{shown}</p>
        </div>
    }
}

/// A labelled choice, shown and checked like [`TextField`]: `options` is its `<option>`
/// markup (the chosen one marked `selected`), after `placeholder`, which stands for none.
#[component]
pub fn SelectField(
    id: &'static str,
    label: &'static str,
    placeholder: &'static str,
    #[prop(into)] options: Signal<String>,
    #[prop(into)] on_change: Callback<String>,
    #[prop(into)] error: Signal<Option<&'static str>>,
    #[prop(default = "on")] autocomplete: &'static str,
) -> impl IntoView {
    let touched = RwSignal::new(false);
    let shown = shown_error(error, touched);
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:invalid=move || shown().is_some()>
            <label for=id>{label}</label>
            <select id=id name=id autocomplete=autocomplete
                aria-invalid=move || shown().is_some().to_string()
                aria-describedby=error_id.clone()
                inner_html=move || format!("<option value=\"\">{placeholder}</option>{}", options.get())
                on:change:target=move |ev| on_change.run(ev.target().value())
                on:blur=move |_| touched.set(true)>
            </select>
            <p class="field-error" id=error_id>{shown}</p>
        </div>
    }
}

/// A field's message, once the shopper has left it (`touched`) or tried to go on.
fn shown_error(
    error: Signal<Option<&'static str>>,
    touched: RwSignal<bool>,
) -> impl Fn() -> Option<&'static str> + Copy {
    let show_all = use_context::<ShowErrors>().map(|s| s.0);
    move || {
        let visible = touched.get() || show_all.is_some_and(|s| s.get());
        error.get().filter(|_| visible)
    }
}

/// Moves the focus to the first field the form marks invalid, so that a keyboard or screen
/// reader user lands on what needs fixing.
pub fn focus_first_invalid() {
    use wasm_bindgen::JsCast;
    let first = document()
        .query_selector(".checkout-step [aria-invalid=true]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = first {
        let _ = element.focus();
    }
}
