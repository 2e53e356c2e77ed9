//! `/account/signup`: name, email and a password; then "check your email" (the same answer
//! whether or not the email had an account: the server tells no one which emails it knows).

use fourflow_core::account::SignUp;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{bad_email, bad_name, bad_new_password, next_path, with_next, AuthCard, Submission};
use crate::api;
use crate::i18n::use_i18n;
use crate::pages::checkout::TextField;

#[component]
pub fn SignUpPage() -> impl IntoView {
    let a = use_i18n().a();
    let next = next_path();
    let sent_to = RwSignal::new(None::<String>);
    move || {
        match sent_to.get() {
        Some(email) => view! {
            <AuthCard title=a.check_email_title>
                <div class="auth-done" role="status">
                    <p>{(a.check_email_text)(&email)}</p>
                    <p class="muted">{a.check_email_hint}</p>
                    <a class="button button-wide" href=with_next("/account/login", &next.get_untracked())>{a.sign_in}</a>
                </div>
            </AuthCard>
        }
        .into_any(),
        None => view! {
            <AuthCard title=a.sign_up_title lead=a.sign_up_why>
                <SignUpForm sent_to/>
                <p class="auth-alt">
                    {a.have_account}" "
                    <a href=move || with_next("/account/login", &next.get())>{a.sign_in}</a>
                </p>
            </AuthCard>
        }
        .into_any(),
    }
    }
}

#[component]
fn SignUpForm(sent_to: RwSignal<Option<String>>) -> impl IntoView {
    let a = use_i18n().a();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let sub = Submission::new();
    let name_error = sub.error("name", move || name.with(|n| bad_name(n)));
    let email_error = sub.error("email", move || email.with(|e| bad_email(e)));
    let password_error = sub.error("password", move || password.with(|p| bad_new_password(p)));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let valid = [name_error, email_error, password_error]
            .iter()
            .all(|e| e.get_untracked().is_none());
        if !sub.start(valid) {
            return;
        }
        let form = SignUp {
            name: name.get_untracked().trim().to_owned(),
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        spawn_local(async move {
            match api::sign_up(&form).await {
                Ok(_) => {
                    sub.done();
                    sent_to.set(Some(form.email));
                }
                Err(e) => sub.failed(&e),
            }
        });
    };
    view! {
        <form class="account-form" on:submit=submit novalidate>
            <TextField id="signup-name" label=a.name autocomplete="name"
                value=name on_input=move |v| { sub.edited(); name.set(v) } error=name_error/>
            <TextField id="signup-email" label=a.email kind="email" autocomplete="email" inputmode="email"
                value=email on_input=move |v| { sub.edited(); email.set(v) } error=email_error/>
            <TextField id="signup-password" label=a.password kind="password" autocomplete="new-password"
                hint=a.password_hint
                value=password on_input=move |v| { sub.edited(); password.set(v) } error=password_error/>
            {sub.alert()}
            <button type="submit" class="button button-wide" disabled=move || sub.busy.get()>
                {move || if sub.busy.get() { a.creating } else { a.sign_up }}
            </button>
        </form>
    }
}
