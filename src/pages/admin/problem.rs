//! What went wrong with a form, said where it went wrong: the API names the field at fault
//! (`{error:{code,message,field}}`), so its message is shown beside that field, and beside
//! the form when it names none the form has.

use fourflow_core::FieldError;
use leptos::prelude::*;

use super::failure;
use crate::api::ApiError;
use crate::i18n::AdminStrings;

#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// As the API names it (`price`, `promotion.offer.percent`); none for the form as a whole.
    pub field: Option<String>,
    pub message: String,
}

impl Problem {
    pub fn from_api(b: &AdminStrings, error: &ApiError) -> Problem {
        let field = match error {
            ApiError::Api { body, .. } => body.error.field.clone(),
            _ => None,
        };
        Problem {
            field,
            message: failure(b, error),
        }
    }

    /// A problem the form found before asking the server.
    pub fn at(field: &str, message: &str) -> Problem {
        Problem {
            field: Some(field.to_owned()),
            message: message.to_owned(),
        }
    }
}

impl From<FieldError> for Problem {
    fn from(e: FieldError) -> Problem {
        Problem {
            field: Some(e.field),
            message: e.message,
        }
    }
}

/// The message for `field`, when the problem is there. The field's input should point at it
/// with `aria-describedby` = [`problem_id`].
#[component]
pub fn FieldProblem(problem: RwSignal<Option<Problem>>, field: &'static str) -> impl IntoView {
    let message = move || {
        problem.with(|p| {
            p.as_ref()
                .filter(|p| p.field.as_deref() == Some(field))
                .map(|p| p.message.clone())
        })
    };
    move || {
        message().map(|m| {
            view! { <span class="field-problem" id=problem_id(field) role="alert">{m}</span> }
        })
    }
}

/// The message when the field named is `path` or inside it (`body.blocks[2]` shows
/// `body.blocks[2].link`'s): for a group of fields drawn together.
#[component]
pub fn ProblemUnder(problem: RwSignal<Option<Problem>>, path: String) -> impl IntoView {
    let message = move || {
        problem.with(|p| {
            p.as_ref()
                .filter(|p| p.field.as_deref().is_some_and(|f| is_under(f, &path)))
                .map(|p| p.message.clone())
        })
    };
    move || message().map(|m| view! { <span class="field-problem" role="alert">{m}</span> })
}

/// `field` is `path` itself or one of its parts (`path.x`, `path[0]`).
pub fn is_under(field: &str, path: &str) -> bool {
    field
        .strip_prefix(path)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// The message when it names none of `fields` (or no field at all).
#[component]
pub fn FormProblem(
    problem: RwSignal<Option<Problem>>,
    fields: &'static [&'static str],
) -> impl IntoView {
    let message = move || {
        problem.with(|p| {
            p.as_ref()
                .filter(|p| !p.field.as_deref().is_some_and(|f| fields.contains(&f)))
                .map(|p| p.message.clone())
        })
    };
    move || message().map(|m| view! { <p class="form-problem" role="alert">{m}</p> })
}

/// The id of `field`'s message, for `aria-describedby`.
pub fn problem_id(field: &str) -> String {
    format!("problem-{}", field.replace(['.', '[', ']'], "-"))
}

/// Whether the problem is at `field`: for `aria-invalid`.
pub fn invalid(
    problem: RwSignal<Option<Problem>>,
    field: &'static str,
) -> impl Fn() -> &'static str {
    move || {
        let at = problem.with(|p| p.as_ref().and_then(|p| p.field.as_deref()) == Some(field));
        if at {
            "true"
        } else {
            "false"
        }
    }
}

/// Whole dollars as typed (`1280`, `1,280`, `NT$1,280`) in minor units; `None` when it is not
/// a whole number of dollars.
pub fn dollars(text: &str) -> Option<i64> {
    let digits: String = text
        .trim()
        .trim_start_matches("NT$")
        .chars()
        .filter(|c| *c != ',')
        .collect();
    digits.parse::<i64>().ok()?.checked_mul(100)
}
