//! Text from outside, whatever field it fills: what no text the shop keeps may hold.
//!
//! A person never types a control character. A NUL cannot even be stored by PostgreSQL (SQLite
//! takes it), and the rest (escapes, backspaces, bells) only come from a broken or hostile
//! client, and would reach staff screens, emails and CSV exports. So every text the shop reads is
//! held to this one rule, at the edge where it is parsed, and both databases refuse the same
//! input with the same 400 naming the field. Tab and line breaks are a person's, in free text.

use crate::FieldError;

/// Whether `c` may never appear in text: every control character (C0, DEL and C1) but tab, line
/// feed and carriage return.
pub fn is_forbidden(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Refuses `text` for `field` if it holds a character no text may hold.
pub fn check(field: &str, text: &str) -> Result<(), FieldError> {
    if text.chars().any(is_forbidden) {
        Err(FieldError::said(
            field,
            "must not contain control characters",
            "不可包含控制字元",
        ))
    } else {
        Ok(())
    }
}

/// As [`check`], for a field that is one line (a name, a phone, a code): no line breaks or
/// tabs either.
pub fn check_line(field: &str, text: &str) -> Result<(), FieldError> {
    if text.chars().any(char::is_control) {
        Err(FieldError::said(
            field,
            "must be one line, without control characters",
            "必須是單行文字，不可包含控制字元",
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_refused_but_a_persons_line_breaks_are_not() {
        for bad in ["\0", "a\u{0}b", "\u{1b}[31m", "\u{7f}", "\u{85}", "\u{8}"] {
            let error = check("body", bad).expect_err(bad);
            assert_eq!(error.field, "body");
        }
        for good in ["", "台北市", "line one\nline two\r\n\ttabbed", "emoji 🎉"] {
            assert_eq!(check("body", good), Ok(()), "{good:?}");
        }
    }

    #[test]
    fn a_line_refuses_breaks_too() {
        assert!(check_line("name", "陳小美").is_ok());
        for bad in ["a\nb", "a\tb", "a\rb", "\0"] {
            assert_eq!(check_line("name", bad).unwrap_err().field, "name");
        }
    }
}
