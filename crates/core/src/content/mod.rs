//! What marketers write and shoppers read: the home page and landing pages built from blocks,
//! help articles, and product copy — each a document with numbered versions, a draft, and at
//! most one published version. This holds the bodies, the rules a body must keep, the line
//! diff between two versions, and the pages shoppers get (HTML already sanitised by the
//! server).

mod diff;

use serde::{Deserialize, Serialize};

use crate::catalog::{ProductSummary, Slug};
use crate::{FieldError, Localized};

pub use diff::{diff, DiffLine};

/// What a document is, which decides its URL and what its body must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContentKind {
    /// The storefront's home page (its slug is `home`).
    Home,
    /// A campaign page at `/pages/{slug}`.
    Landing,
    /// An article at `/help/{slug}`.
    Help,
    /// The copy of the product at `/products/{slug}`.
    Product,
}

impl ContentKind {
    pub const ALL: [ContentKind; 4] = [
        ContentKind::Home,
        ContentKind::Landing,
        ContentKind::Help,
        ContentKind::Product,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            ContentKind::Home => "home",
            ContentKind::Landing => "landing",
            ContentKind::Help => "help",
            ContentKind::Product => "product",
        }
    }

    pub fn parse(field: &str, raw: &str) -> Result<ContentKind, FieldError> {
        ContentKind::ALL
            .into_iter()
            .find(|k| k.as_str() == raw)
            .ok_or_else(|| {
                FieldError::said(
                    field,
                    "must be home, landing, help or product",
                    "必須是 home、landing、help 或 product",
                )
            })
    }
}

/// A document's body: every kind uses the parts it needs (see [`ContentBody::check`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContentBody {
    pub title: Localized,
    /// A line under the title (product summary, article standfirst).
    #[serde(default)]
    pub summary: Localized,
    /// Markdown, rendered and sanitised on the server.
    #[serde(default)]
    pub markdown: Localized,
    /// For search engines and link previews; the title when empty.
    #[serde(default)]
    pub seo_title: Localized,
    #[serde(default)]
    pub seo_description: Localized,
    /// Home and landing pages: what the page shows, top to bottom.
    #[serde(default)]
    pub blocks: Vec<Block>,
}

/// One part of a page built by a marketer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A banner: image, headline, a line of text and a call to action.
    Hero {
        image: String,
        headline: Localized,
        #[serde(default)]
        text: Localized,
        cta: Localized,
        link: String,
    },
    /// A thin strip announcing an offer.
    PromoStrip {
        text: Localized,
        #[serde(default)]
        link: Option<String>,
    },
    /// Chosen products under a title.
    Collection {
        title: Localized,
        products: Vec<Slug>,
    },
    /// Free text, in Markdown.
    Text { markdown: Localized },
}

const MAX_LINE: usize = 120;
const MAX_MARKDOWN: usize = 20_000;
const MAX_BLOCKS: usize = 30;

impl ContentBody {
    /// What a body of `kind` must be; the error names the field (`blocks[2].link`).
    pub fn check(&self, kind: ContentKind) -> Result<(), FieldError> {
        line("title", &self.title, true)?;
        sentence("summary", &self.summary)?;
        line("seo_title", &self.seo_title, false)?;
        for (name, text) in [
            ("markdown", &self.markdown),
            ("seo_description", &self.seo_description),
        ] {
            let limit = if name == "markdown" {
                MAX_MARKDOWN
            } else {
                300
            };
            for (locale, t) in [("zh_tw", &text.zh_tw), ("en", &text.en)] {
                if t.chars().count() > limit {
                    return Err(FieldError::said(
                        format!("{name}.{locale}"),
                        format!("must be at most {limit} characters"),
                        format!("最多 {limit} 個字"),
                    ));
                }
            }
        }
        let pages = matches!(kind, ContentKind::Home | ContentKind::Landing);
        if pages && self.blocks.is_empty() {
            return Err(FieldError::said(
                "blocks",
                "a page needs at least one block",
                "頁面至少需要一個區塊",
            ));
        }
        if !pages && !self.blocks.is_empty() {
            return Err(FieldError::said(
                "blocks",
                "only pages have blocks",
                "只有首頁和活動頁可以有區塊",
            ));
        }
        if self.blocks.len() > MAX_BLOCKS {
            return Err(FieldError::said(
                "blocks",
                "at most 30 blocks",
                "最多 30 個區塊",
            ));
        }
        if kind == ContentKind::Help && self.markdown.zh_tw.trim().is_empty() {
            return Err(FieldError::said(
                "markdown.zh_tw",
                "an article needs its text",
                "說明文章需要內文",
            ));
        }
        for (i, block) in self.blocks.iter().enumerate() {
            let at = |name: &str| format!("blocks[{i}].{name}");
            match block {
                Block::Hero {
                    image,
                    headline,
                    text,
                    cta,
                    link,
                } => {
                    image_path(&at("image"), image)?;
                    line(&at("headline"), headline, true)?;
                    line(&at("text"), text, false)?;
                    line(&at("cta"), cta, true)?;
                    link_target(&at("link"), link)?;
                }
                Block::PromoStrip { text, link } => {
                    line(&at("text"), text, true)?;
                    if let Some(link) = link {
                        link_target(&at("link"), link)?;
                    }
                }
                Block::Collection { title, products } => {
                    line(&at("title"), title, true)?;
                    if products.is_empty() || products.len() > 24 {
                        return Err(FieldError::said(
                            at("products"),
                            "name 1 to 24 products",
                            "請指定 1 到 24 項商品",
                        ));
                    }
                }
                Block::Text { markdown } => {
                    if markdown.zh_tw.trim().is_empty() {
                        return Err(FieldError::said(
                            at("markdown.zh_tw"),
                            "is empty",
                            "不能空白",
                        ));
                    }
                }
            }
        }
        Ok(())
    }
}

/// A line of text in both languages: at most 120 characters, none a line break; `required`
/// means the zh-TW text must be there (English falls back to it).
fn line(field: &str, text: &Localized, required: bool) -> Result<(), FieldError> {
    if required && text.zh_tw.trim().is_empty() {
        return Err(FieldError::said(
            format!("{field}.zh_tw"),
            "is required",
            "必填",
        ));
    }
    for (locale, t) in [("zh_tw", &text.zh_tw), ("en", &text.en)] {
        if t.chars().count() > MAX_LINE || t.contains(['\n', '\r']) {
            return Err(FieldError::said(
                format!("{field}.{locale}"),
                "must be one line of at most 120 characters",
                "必須是一行，最多 120 個字",
            ));
        }
    }
    Ok(())
}

/// A sentence or two: at most 300 characters, one paragraph.
fn sentence(field: &str, text: &Localized) -> Result<(), FieldError> {
    for (locale, t) in [("zh_tw", &text.zh_tw), ("en", &text.en)] {
        if t.chars().count() > 300 || t.contains(['\n', '\r']) {
            return Err(FieldError::said(
                format!("{field}.{locale}"),
                "must be one paragraph of at most 300 characters",
                "必須是一段，最多 300 個字",
            ));
        }
    }
    Ok(())
}

/// Where a banner or strip may send the shopper: a path of this shop, or an https page.
/// Nothing that runs (`javascript:`, `data:`), and no protocol-relative `//host`.
pub fn link_target(field: &str, link: &str) -> Result<(), FieldError> {
    let ok = (link.starts_with('/') && !link.starts_with("//"))
        || link
            .strip_prefix("https://")
            .is_some_and(|rest| !rest.is_empty());
    let clean = !link
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<');
    if ok && clean && link.len() <= 500 {
        Ok(())
    } else {
        Err(FieldError::said(
            field,
            "must be a path of this shop (/categories/tea) or an https:// address",
            "必須是本店的路徑（/categories/tea）或 https:// 網址",
        ))
    }
}

/// An image of this shop (`/demo/…`, `/media/…`): a path, never another site's or a script.
fn image_path(field: &str, path: &str) -> Result<(), FieldError> {
    let ok = path.starts_with('/')
        && !path.starts_with("//")
        && path.len() <= 300
        && path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/-_.".contains(c));
    if ok {
        Ok(())
    } else {
        Err(FieldError::said(
            field,
            "must be an image of this shop, e.g. /media/…",
            "必須是本店的圖片，例如 /media/…",
        ))
    }
}

/// One version of a document as the back office lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionInfo {
    pub version: u32,
    pub author_id: Option<i64>,
    pub created_at: String,
    pub note: Option<String>,
}

/// `GET /api/v1/admin/content/{kind}/{slug}`: the document, its latest version's body, what
/// is published and scheduled, and the secret preview link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContentDocument {
    pub kind: ContentKind,
    pub slug: String,
    /// The latest version; a save must name it (`base_version`) or be refused as stale.
    pub version: u32,
    pub body: ContentBody,
    pub published_version: Option<u32>,
    /// Unix seconds; the version to publish then.
    pub publish_at: Option<i64>,
    pub scheduled_version: Option<u32>,
    pub unpublish_at: Option<i64>,
    /// The shopper's page showing the latest draft, for anyone given the link.
    pub preview_url: String,
    pub versions: Vec<VersionInfo>,
}

/// `PUT /api/v1/admin/content/{kind}/{slug}`: a new version. `base_version` is the version
/// the editor started from (0 for a new document): if another was saved since, 409.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SaveDraft {
    pub base_version: u32,
    pub body: ContentBody,
    #[serde(default)]
    pub note: Option<String>,
}

/// `POST …/publish`: this version, now or at `at`; with `unpublish_at`, until then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Publish {
    pub version: u32,
    #[serde(default)]
    pub at: Option<i64>,
    #[serde(default)]
    pub unpublish_at: Option<i64>,
}

/// `POST …/unpublish`: now, or at `at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Unpublish {
    #[serde(default)]
    pub at: Option<i64>,
}

/// `POST …/revert`: a new version with an old one's body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Revert {
    pub base_version: u32,
    pub to_version: u32,
}

/// What a shopper's page gets: the body with every Markdown part rendered to sanitised HTML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishedContent {
    pub kind: ContentKind,
    pub slug: String,
    pub version: u32,
    pub title: Localized,
    pub summary: Localized,
    pub html: Localized,
    pub seo_title: Localized,
    pub seo_description: Localized,
    pub blocks: Vec<PublishedBlock>,
    /// True when this is a draft seen through a preview link.
    pub preview: bool,
}

/// A block as shoppers get it: a text block's Markdown as sanitised HTML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PublishedBlock {
    Hero {
        image: String,
        headline: Localized,
        text: Localized,
        cta: Localized,
        link: String,
    },
    PromoStrip {
        text: Localized,
        link: Option<String>,
    },
    /// The products as cards (price and stock as now); those no longer sold are left out.
    Collection {
        title: Localized,
        products: Vec<ProductSummary>,
    },
    Text {
        html: Localized,
    },
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    fn text(zh: &str, en: &str) -> Localized {
        Localized {
            zh_tw: zh.into(),
            en: en.into(),
        }
    }

    pub(super) fn home() -> ContentBody {
        ContentBody {
            title: text("四流選物", "Fourflow"),
            blocks: vec![
                Block::Hero {
                    image: "/demo/hero/autumn.svg".into(),
                    headline: text("秋日選物", "Autumn picks"),
                    text: text("", ""),
                    cta: text("逛逛", "Shop now"),
                    link: "/categories/apparel".into(),
                },
                Block::PromoStrip {
                    text: text("滿千免運", "Free shipping over NT$1,000"),
                    link: None,
                },
            ],
            ..ContentBody::default()
        }
    }

    #[test]
    fn a_body_keeps_the_rules_of_its_kind() {
        assert_eq!(home().check(ContentKind::Home), Ok(()));
        assert_eq!(home().check(ContentKind::Help).unwrap_err().field, "blocks");
        let mut empty = home();
        empty.blocks.clear();
        assert_eq!(
            empty.check(ContentKind::Landing).unwrap_err().field,
            "blocks"
        );
        let mut untitled = home();
        untitled.title.zh_tw = " ".into();
        assert_eq!(
            untitled.check(ContentKind::Home).unwrap_err().field,
            "title.zh_tw"
        );
        let article = ContentBody {
            title: text("退換貨說明", "Returns"),
            ..ContentBody::default()
        };
        assert_eq!(
            article.check(ContentKind::Help).unwrap_err().field,
            "markdown.zh_tw"
        );
    }

    #[test]
    fn links_go_to_this_shop_or_https_pages_only() {
        for good in [
            "/categories/tea",
            "/pages/autumn?from=hero",
            "https://line.me/R/ti/p/@fourflow",
        ] {
            assert_eq!(link_target("link", good), Ok(()), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "//evil.example/x",
            "http://plain.example",
            "https://",
            "/a\"onmouseover=\"alert(1)",
            "vbscript:msgbox(1)",
        ] {
            assert!(link_target("link", bad).is_err(), "{bad}");
        }
        let mut hostile = home();
        let Block::Hero { image, .. } = &mut hostile.blocks[0] else {
            panic!("the home page opens with its hero");
        };
        *image = "https://evil.example/x.png\" onerror=\"alert(1)".into();
        assert_eq!(
            hostile.check(ContentKind::Home).unwrap_err().field,
            "blocks[0].image"
        );
    }
}
