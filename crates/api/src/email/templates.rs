//! The emails' words: one template per letter and language, `templates/{locale}/{letter}.html`,
//! each giving a `subject`, the HTML `content` (set in `layout.html`) and the plain `text`.
//! The templates are compiled into the binary: a server never runs with some of them missing.

use std::sync::LazyLock;

use anyhow::Context;
use fourflow_core::Locale;
use minijinja::{context, AutoEscape, Environment, Value};

use super::Letter;

/// A letter written out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub subject: String,
    pub html: String,
    pub text: String,
}

macro_rules! sources {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("templates/", $name)))),*]
    };
}

const SOURCES: &[(&str, &str)] = sources!(
    "layout.html",
    "parts.html",
    "en/order_placed.html",
    "en/payment_received.html",
    "en/verify_email.html",
    "en/password_reset.html",
    "en/account_exists.html",
    "en/shipped.html",
    "en/arrived_at_store.html",
    "en/delivered.html",
    "en/return_requested.html",
    "en/refunded.html",
    "en/invoice_issued.html",
    "zh-TW/order_placed.html",
    "zh-TW/payment_received.html",
    "zh-TW/verify_email.html",
    "zh-TW/password_reset.html",
    "zh-TW/account_exists.html",
    "zh-TW/shipped.html",
    "zh-TW/arrived_at_store.html",
    "zh-TW/delivered.html",
    "zh-TW/return_requested.html",
    "zh-TW/refunded.html",
    "zh-TW/invoice_issued.html",
);

/// The same templates twice: escaped for HTML (the body), and as they are for the subject and
/// the plain-text part, where `&amp;` would be a mistake.
struct Templates {
    html: Environment<'static>,
    text: Environment<'static>,
}

static TEMPLATES: LazyLock<Templates> = LazyLock::new(|| {
    let environment = |escape: bool| {
        let mut env = Environment::new();
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        if !escape {
            env.set_auto_escape_callback(|_| AutoEscape::None);
        }
        for (name, source) in SOURCES {
            env.add_template(name, source)
                .unwrap_or_else(|e| panic!("email template {name}: {e}"));
        }
        env
    };
    Templates {
        html: environment(true),
        text: environment(false),
    }
});

pub fn write(letter: &Letter, locale: Locale, origin: &str) -> anyhow::Result<Written> {
    let name = format!("{}/{}.html", locale.tag(), letter.template());
    let context = context! {
        lang => locale.tag(),
        origin => origin,
        ..Value::from_serialize(letter)
    };
    let html = TEMPLATES
        .html
        .get_template(&name)?
        .render(&context)
        .with_context(|| format!("writing {name}"))?;
    let mut captured = TEMPLATES
        .text
        .get_template(&name)?
        .render_captured(&context)?;
    let (subject, text) = captured.with_state_mut(|state| {
        Ok::<_, minijinja::Error>((state.render_block("subject")?, state.render_block("text")?))
    })?;
    let subject = subject.trim().to_owned();
    let text = format!("{}\n\n-- \n四流選物 Fourflow\n{origin}\n", text.trim());
    Ok(Written {
        subject,
        html,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::email::letter::Day;
    use fourflow_core::invoice::InvoiceChoice;

    fn letters() -> Vec<Letter> {
        let link = |path: &str| format!("https://shop.example.tw{path}");
        vec![
            Letter::OrderPlaced {
                number: "FF20261125-ABC123".into(),
                order_link: link("/orders/FF20261125-ABC123?token=t0k"),
            },
            Letter::PaymentReceived {
                number: "FF20261125-ABC123".into(),
                order_link: link("/orders/FF20261125-ABC123"),
            },
            Letter::VerifyEmail {
                verify_link: link("/account/verify?token=v&x=1"),
            },
            Letter::PasswordReset {
                reset_link: link("/account/reset?token=r"),
            },
            Letter::AccountExists {
                sign_in_link: link("/account/login"),
                reset_link: link("/account/forgot"),
            },
            Letter::Shipped {
                number: "FF20261125-ABC123".into(),
                order_link: link("/orders/FF20261125-ABC123"),
                carrier: "sandbox".into(),
                tracking_number: "SB123456789TW".into(),
                earliest: Day {
                    year: 2026,
                    month: 11,
                    day: 26,
                },
                latest: Day {
                    year: 2026,
                    month: 11,
                    day: 27,
                },
                to_store: false,
            },
            Letter::ArrivedAtStore {
                number: "FF20261125-ABC123".into(),
                order_link: link("/orders/FF20261125-ABC123"),
                store: "7-ELEVEN 大安門市".into(),
                address: "台北市大安區復興南路一段 1 號".into(),
                collect_by: Day {
                    year: 2026,
                    month: 12,
                    day: 2,
                },
            },
            Letter::Delivered {
                number: "FF20261125-ABC123".into(),
                order_link: link("/orders/FF20261125-ABC123"),
                return_by: Day {
                    year: 2026,
                    month: 12,
                    day: 2,
                },
            },
            Letter::ReturnRequested {
                number: "FF20261125-ABC123".into(),
                order_link: link("/orders/FF20261125-ABC123"),
            },
            Letter::Refunded {
                number: "FF20261125-ABC123".into(),
                order_link: link("/orders/FF20261125-ABC123"),
                amount: "NT$1,280".into(),
            },
            Letter::InvoiceIssued {
                number: "FF20261125-ABC123".into(),
                order_link: link("/orders/FF20261125-ABC123"),
                invoice_number: "AB00000001".into(),
                period: "115年11-12月".into(),
                amount: "NT$1,280".into(),
                choice: InvoiceChoice::Company {
                    tax_id: "04595257".into(),
                    title: "四流選物股份有限公司".into(),
                },
            },
        ]
    }

    #[test]
    fn every_letter_is_written_in_each_language_with_its_links() {
        for letter in letters() {
            let links: Vec<String> = serde_json::to_value(&letter)
                .unwrap()
                .as_object()
                .unwrap()
                .iter()
                .filter(|(k, _)| k.ends_with("_link"))
                .map(|(_, v)| v.as_str().unwrap().to_owned())
                .collect();
            assert!(!links.is_empty(), "{letter:?} has links");
            for locale in Locale::ALL {
                let written = write(&letter, locale, "https://shop.example.tw").unwrap();
                assert!(!written.subject.is_empty(), "{letter:?} {locale:?}");
                assert!(!written.subject.contains('\n'));
                for link in &links {
                    assert!(
                        written.text.contains(link.as_str()),
                        "{link} in {}",
                        written.text
                    );
                    // Escaped in HTML as the template engine does (`&amp;`, `&#x2f;`): a mail
                    // client reads the same address.
                    let escaped = link.replace('&', "&amp;").replace('/', "&#x2f;");
                    assert!(
                        written.html.contains(&format!("href=\"{escaped}\"")),
                        "{link}"
                    );
                }
                assert!(written.html.contains(&format!("lang=\"{}\"", locale.tag())));
                for part in [&written.subject, &written.html, &written.text] {
                    assert!(!part.contains("{{") && !part.contains("{%"), "{part}");
                }
            }
        }
    }

    #[test]
    fn each_language_speaks_only_itself() {
        let letter = &letters()[0];
        let zh = write(letter, Locale::ZhTw, "https://shop.example.tw").unwrap();
        let en = write(letter, Locale::En, "https://shop.example.tw").unwrap();
        assert!(zh.subject.contains("訂單") && !zh.subject.contains("Order"));
        assert!(en.subject.contains("Order") && !en.subject.contains("訂單"));
        assert!(!en.text.contains("謝謝"), "{}", en.text);
    }
}
