//! The CSV import: a file (or text pasted from a spreadsheet) is first read by the server as
//! a dry run, which lists every change and every error by line and column; only a clean file
//! can then be confirmed. The confirmed import sends the very text that was tried.

use fourflow_core::admin::sku_csv::ImportReport;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::api::admin::merchandising as api;
use crate::i18n::use_i18n;
use crate::pages::admin::problem::{FormProblem, Problem};

#[component]
pub fn CsvImport(imported: Callback<()>) -> impl IntoView {
    let b = use_i18n().b();
    let m = b.merch;
    let csv = RwSignal::new(String::new());
    // The report of the last dry run, and the text it was run on.
    let report = RwSignal::new(None::<(ImportReport, String)>);
    let problem = RwSignal::new(None::<Problem>);
    let done = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let read_file = move |ev: leptos::ev::Event| {
        let Some(file) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0))
        else {
            return;
        };
        spawn_local(async move {
            if let Ok(text) = wasm_bindgen_futures::JsFuture::from(file.text()).await {
                csv.set(text.as_string().unwrap_or_default());
                report.set(None);
            }
        });
    };
    let run = move |dry_run: bool| {
        let text = if dry_run {
            csv.get_untracked()
        } else {
            report.with_untracked(|r| r.as_ref().map(|(_, text)| text.clone()).unwrap_or_default())
        };
        if text.trim().is_empty() {
            return problem.set(Some(Problem::at("body", m.nothing_to_read)));
        }
        problem.set(None);
        done.set(None);
        busy.set(true);
        spawn_local(async move {
            match api::import(&text, dry_run).await {
                Ok(answer) if answer.applied => {
                    done.set(Some((m.applied)(answer.changes.len())));
                    report.set(None);
                    imported.run(());
                }
                Ok(answer) => report.set(Some((answer, text))),
                Err(e) => problem.set(Some(Problem::from_api(b, &e))),
            }
            busy.set(false);
        });
    };
    let can_confirm = move || {
        report.with(|r| {
            r.as_ref().is_some_and(|(r, text)| {
                r.errors.is_empty() && !r.changes.is_empty() && *text == csv.get()
            })
        })
    };
    view! {
        <section class="admin-card csv-import" aria-labelledby="csv-import-title">
            <h2 id="csv-import-title">{m.import}</h2>
            <p class="muted small">{m.import_note}</p>
            <div class="admin-form">
                <label>
                    <span>{m.choose_file}</span>
                    <input type="file" accept=".csv,text/csv" on:change=read_file/>
                </label>
                <label>
                    <span>{m.paste}</span>
                    <textarea name="csv" rows="6" spellcheck="false" bind:value=csv></textarea>
                </label>
            </div>
            <FormProblem problem fields=&[]/>
            <div class="admin-actions">
                <button type="button" class="button button-quiet" disabled=move || busy.get() on:click=move |_| run(true)>
                    {m.dry_run}
                </button>
                <button type="button" class="button" disabled=move || busy.get() || !can_confirm() on:click=move |_| run(false)>
                    {m.confirm_import}
                </button>
            </div>
            {move || done.get().map(|d| view! { <p class="form-ok" role="status">{d}</p> })}
            {move || report.get().map(|(r, _)| view! { <Report report=r/> })}
        </section>
    }
}

#[component]
fn Report(report: ImportReport) -> impl IntoView {
    let m = use_i18n().b().merch;
    let errors = (!report.errors.is_empty()).then(|| {
        let rows = report
            .errors
            .iter()
            .map(|e| {
                view! {
                    <tr>
                        <td class="num">{e.line}</td>
                        <td><code>{e.column.clone()}</code></td>
                        <td>{e.message.clone()}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <h3 class="report-errors">{(m.errors_found)(report.errors.len())}</h3>
            <p class="muted small">{m.fix_first}</p>
            <div class="admin-table-wrap">
                <table class="admin-table compact import-errors">
                    <thead><tr><th class="num">{m.line}</th><th>{m.column}</th><th>{m.problem}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    });
    let changes = (!report.changes.is_empty()).then(|| {
        let rows = report
            .changes
            .iter()
            .map(|c| {
                view! {
                    <tr>
                        <td class="num">{c.line}</td>
                        <td class="sku-code">{c.sku.clone()}</td>
                        <td><code>{c.column.clone()}</code></td>
                        <td class="num">{c.before.clone()}</td>
                        <td class="num">{c.after.clone()}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <h3>{(m.changes_found)(report.changes.len())}</h3>
            <div class="admin-table-wrap">
                <table class="admin-table compact import-changes">
                    <thead>
                        <tr>
                            <th class="num">{m.line}</th><th>{m.sku}</th><th>{m.column}</th>
                            <th class="num">{m.before}</th><th class="num">{m.after}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    });
    view! {
        <div class="import-report" role="status">
            <p><strong>{(m.rows_read)(report.rows)}</strong></p>
            {errors}
            {changes}
        </div>
    }
}
