//! Markdown written by people (product descriptions, help articles) rendered to HTML that is
//! safe to insert into a shopper's page: ammonia removes scripts, event handlers and
//! `javascript:` links, whatever was typed.

use pulldown_cmark::{html, Options, Parser};

pub fn to_safe_html(markdown: &str) -> String {
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, parser);
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_markdown() {
        let html = to_safe_html("**台灣製**\n\n- 純棉\n- 可機洗");
        assert!(html.contains("<strong>台灣製</strong>"));
        assert!(html.contains("<li>純棉</li>"));
    }

    #[test]
    fn strips_what_could_run() {
        for hostile in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<svg onload=alert(1)>",
        ] {
            let html = to_safe_html(hostile);
            for bad in ["<script", "onerror", "javascript:", "<iframe", "onload"] {
                assert!(!html.contains(bad), "{hostile} → {html}");
            }
        }
    }
}
