//! Link previews. LINE, Facebook and search engines read a product URL's `<title>`, description
//! and OpenGraph tags without running the app, so for `/products/{slug}` the server writes the
//! product's into the page shell. Text is in zh-TW, the shop's default language.

use fourflow_core::catalog::ProductDetail;
use fourflow_core::Locale;

/// `index_html` with the product's title, description and OpenGraph tags. `origin` is the
/// shop's own `scheme://host`, since OpenGraph images must be absolute URLs.
pub fn product_page(index_html: &str, product: &ProductDetail, origin: &str) -> String {
    let locale = Locale::default();
    // The store's name is what index.html's own title starts with: "四流選物 | …".
    let store = between(index_html, "<title>", "</title>")
        .and_then(|t| t.split(" | ").next())
        .unwrap_or_default();
    // The copy's SEO title and description when it sets them (the rule is core's).
    let title = format!("{} | {store}", product.head_title(locale));
    let description = product.head_description(locale);
    let price = product.variants.iter().map(|v| v.price).min();

    let mut tags = format!(
        "<meta property=\"og:type\" content=\"product\">\
         <meta property=\"og:title\" content=\"{}\">\
         <meta property=\"og:description\" content=\"{}\">\
         <meta property=\"og:url\" content=\"{origin}/products/{}\">",
        escape(product.head_title(locale)),
        escape(description),
        product.slug,
    );
    if let Some(image) = product.images.first() {
        tags.push_str(&format!(
            "<meta property=\"og:image\" content=\"{origin}{}\">",
            escape(&image.src)
        ));
    }
    if let Some(price) = price {
        let unit = price.currency.unit();
        tags.push_str(&format!(
            "<meta property=\"product:price:amount\" content=\"{}.{:02}\">\
             <meta property=\"product:price:currency\" content=\"{}\">",
            price.amount / unit,
            price.amount % unit,
            price.currency.code()
        ));
    }

    let mut html = replace_between(index_html, "<title>", "</title>", &escape(&title));
    html = replace_between(
        &html,
        "<meta name=\"description\" content=\"",
        "\">",
        &escape(description),
    );
    html.replacen("</head>", &format!("{tags}</head>"), 1)
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let to = from + text[from..].find(end)?;
    Some(&text[from..to])
}

fn replace_between(text: &str, start: &str, end: &str, with: &str) -> String {
    match text.find(start).map(|i| i + start.len()) {
        Some(from) => match text[from..].find(end) {
            Some(len) => format!("{}{with}{}", &text[..from], &text[from + len..]),
            None => text.to_owned(),
        },
        None => text.to_owned(),
    }
}

/// Text for an HTML attribute or element.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_and_escapes() {
        let html =
            "<head><title>店 | 標語</title><meta name=\"description\" content=\"old\"></head>";
        assert_eq!(
            replace_between(html, "<title>", "</title>", "x"),
            "<head><title>x</title><meta name=\"description\" content=\"old\"></head>"
        );
        assert_eq!(between(html, "<title>", "</title>"), Some("店 | 標語"));
        assert_eq!(
            escape("<a href=\"x\">&"),
            "&lt;a href=&quot;x&quot;&gt;&amp;"
        );
    }
}
