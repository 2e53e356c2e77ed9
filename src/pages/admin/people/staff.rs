//! `/admin/staff`: staff accounts and their roles, and giving a role to an account that
//! signed up in the shop. The server refuses an admin's removing their own admin role, and
//! says so beside the role.

use fourflow_core::staff::{Role, RoleGrant, StaffMember};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::admin::staff as api;
use crate::components::use_title;
use crate::i18n::use_i18n;
use crate::pages::admin::failure;
use crate::pages::admin::problem::{invalid, problem_id, FieldProblem, FormProblem, Problem};
use crate::state::remote::Remote;

#[component]
pub fn StaffPage() -> impl IntoView {
    let i18n = use_i18n();
    let b = i18n.b();
    let pe = b.people;
    use_title(move || Some(pe.staff.to_owned()));
    let staff = Remote::new(|| (), |()| api::staff());
    let changed = Callback::new(move |()| staff.refetch());
    view! {
        <header class="admin-header"><h1>{pe.staff}</h1></header>
        {move || match staff.get() {
            None => view! { <p class="muted" aria-busy="true">{i18n.t().loading}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="form-problem" role="alert">{failure(b, &e)}</p> }.into_any(),
            Some(Ok(list)) if list.is_empty() => view! { <p class="admin-empty">{pe.no_staff}</p> }.into_any(),
            Some(Ok(list)) => view! {
                <div class="admin-table-wrap">
                    <table class="admin-table stacked staff-table">
                        <thead><tr><th>{pe.name}</th><th>{pe.email}</th><th>{pe.role}</th></tr></thead>
                        <tbody>{list.into_iter().map(|member| view! { <StaffRow member changed/> }).collect_view()}</tbody>
                    </table>
                </div>
            }
            .into_any(),
        }}
        <Grant changed/>
    }
}

fn role_options(b: &'static crate::i18n::AdminStrings) -> impl IntoView {
    Role::ALL
        .into_iter()
        .map(|r| view! { <option value=r.as_str()>{(b.role)(r.as_str())}</option> })
        .collect_view()
}

#[component]
fn StaffRow(member: StaffMember, changed: Callback<()>) -> impl IntoView {
    let b = use_i18n().b();
    let pe = b.people;
    let role = RwSignal::new(member.role.as_str().to_owned());
    let held = StoredValue::new(member.role.as_str());
    let problem = RwSignal::new(None::<Problem>);
    let done = RwSignal::new(None::<String>);
    let id = member.customer_id;
    let name = StoredValue::new(member.name.clone());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(new) = Role::parse("role", &role.get_untracked()) else {
            return;
        };
        problem.set(None);
        spawn_local(async move {
            match api::change_role(id, new).await {
                // The row already shows the new role; only a role taken away changes the list.
                Ok(m) => {
                    held.set_value(m.role.as_str());
                    done.set(Some((pe.role_saved)(&m.name, (b.role)(m.role.as_str()))));
                    if m.role == Role::Customer {
                        changed.run(());
                    }
                }
                Err(e) => {
                    // The select goes back to the role the account still has.
                    role.set(held.get_value().to_owned());
                    problem.set(Some(Problem::from_api(b, &e)));
                }
            }
        });
    };
    let field_id = format!("role-{id}");
    view! {
        <tr>
            <td>{member.name.clone()}" "<span class="muted small">"#"{id}</span></td>
            <td data-label=pe.email>{member.email.clone()}</td>
            <td data-label=pe.role>
                <form class="inline-form" on:submit=save>
                    <select id=field_id aria-label=(pe.change_role)(&name.get_value()) bind:value=role
                        aria-invalid=invalid(problem, "role") aria-describedby=problem_id("role")>
                        {role_options(b)}
                    </select>
                    <button type="submit" class="button button-quiet button-small">{pe.save_role}</button>
                </form>
                <FieldProblem problem field="role"/>
                <FormProblem problem fields=&["role"]/>
                {move || done.get().map(|d| view! { <span class="form-ok small" role="status">{d}</span> })}
            </td>
        </tr>
    }
}

#[component]
fn Grant(changed: Callback<()>) -> impl IntoView {
    let b = use_i18n().b();
    let pe = b.people;
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Marketer.as_str().to_owned());
    let problem = RwSignal::new(None::<Problem>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(role) = Role::parse("role", &role.get_untracked()) else {
            return;
        };
        let grant = RoleGrant {
            email: email.get_untracked(),
            role,
        };
        // The same check the server makes, so a typo is named before a round trip.
        if grant.email().is_err() {
            return problem.set(Some(Problem::at("email", pe.not_an_email)));
        }
        problem.set(None);
        spawn_local(async move {
            match api::grant(grant.email, grant.role).await {
                Ok(_) => {
                    email.set(String::new());
                    changed.run(());
                }
                Err(e) => problem.set(Some(Problem::from_api(b, &e))),
            }
        });
    };
    view! {
        <form class="admin-card admin-form grant-form" on:submit=submit novalidate>
            <h2>{pe.grant}</h2>
            <p class="muted small">{pe.grant_note}</p>
            <label>
                <span>{pe.account_email}</span>
                <input type="email" name="email" autocomplete="off" bind:value=email
                    aria-invalid=invalid(problem, "email") aria-describedby=problem_id("email")/>
                <FieldProblem problem field="email"/>
            </label>
            <label>
                <span>{pe.role}</span>
                <select name="role" bind:value=role>{role_options(b)}</select>
                <FieldProblem problem field="role"/>
            </label>
            <FormProblem problem fields=&["email", "role"]/>
            <div><button type="submit" class="button">{pe.save_role}</button></div>
        </form>
    }
}
