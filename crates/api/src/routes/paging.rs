//! `?page=&per_page=` of the API's lists (orders, the audit log): a 1-based page and a page
//! size up to a ceiling, each refused with a 400 that names it.

use std::collections::HashMap;

use fourflow_core::FieldError;

/// The highest page asked for: far beyond any real list, low enough that `page × per_page`
/// cannot overflow an offset.
const MAX_PAGE: u32 = 10_000;

/// `(page, per_page)` from a query, `per_page` defaulting to `default` and at most `max`.
pub fn paging(
    query: &HashMap<String, String>,
    default: u32,
    max: u32,
) -> Result<(u32, u32), FieldError> {
    let number = |name: &str, default: u32, max: u32| match query.get(name) {
        None => Ok(default),
        Some(raw) => raw
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| {
                FieldError::said(
                    name,
                    format!("must be a number from 1 to {max}"),
                    format!("必須是 1 到 {max} 的數字"),
                )
            }),
    };
    Ok((
        number("page", 1, MAX_PAGE)?,
        number("per_page", default, max)?,
    ))
}
