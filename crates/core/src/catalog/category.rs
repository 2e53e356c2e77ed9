//! Categories form a tree that shoppers browse from the home page down.

use serde::{Deserialize, Serialize};

use super::Slug;
use crate::Localized;

/// `GET /api/v1/categories`: the whole tree, roots in display order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryTree {
    pub items: Vec<CategoryNode>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryNode {
    pub slug: Slug,
    pub name: Localized,
    pub description: Localized,
    pub image: String,
    /// Products in this category and all below it.
    pub product_count: u32,
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    pub children: Vec<CategoryNode>,
}

impl CategoryTree {
    /// The node with this slug, anywhere in the tree.
    pub fn find(&self, slug: &str) -> Option<&CategoryNode> {
        fn walk<'a>(nodes: &'a [CategoryNode], slug: &str) -> Option<&'a CategoryNode> {
            nodes.iter().find_map(|n| {
                (n.slug.as_str() == slug)
                    .then_some(n)
                    .or_else(|| walk(&n.children, slug))
            })
        }
        walk(&self.items, slug)
    }

    /// Root-to-node path, for breadcrumbs; empty when the slug is unknown.
    pub fn path_to(&self, slug: &str) -> Vec<CategoryRef> {
        fn walk(nodes: &[CategoryNode], slug: &str, path: &mut Vec<CategoryRef>) -> bool {
            for n in nodes {
                path.push(n.to_ref());
                if n.slug.as_str() == slug || walk(&n.children, slug, path) {
                    return true;
                }
                path.pop();
            }
            false
        }
        let mut path = Vec::new();
        walk(&self.items, slug, &mut path);
        path
    }
}

impl CategoryNode {
    pub fn to_ref(&self) -> CategoryRef {
        CategoryRef {
            slug: self.slug.clone(),
            name: self.name.clone(),
        }
    }
}

/// Enough of a category to link to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryRef {
    pub slug: Slug,
    pub name: Localized,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(slug: &str, children: Vec<CategoryNode>) -> CategoryNode {
        CategoryNode {
            slug: Slug::parse("slug", slug).unwrap(),
            name: Localized {
                zh_tw: slug.into(),
                en: slug.into(),
            },
            description: Localized::default(),
            image: String::new(),
            product_count: 0,
            children,
        }
    }

    #[test]
    fn finds_nodes_and_paths() {
        let tree = CategoryTree {
            items: vec![
                node(
                    "apparel",
                    vec![node("dresses", vec![]), node("tops", vec![])],
                ),
                node("food", vec![node("tea", vec![])]),
            ],
        };
        assert_eq!(tree.find("tea").unwrap().slug.as_str(), "tea");
        let path: Vec<_> = tree
            .path_to("tops")
            .into_iter()
            .map(|c| c.slug.to_string())
            .collect();
        assert_eq!(path, ["apparel", "tops"]);
        assert!(tree.path_to("nope").is_empty());
        assert!(tree.find("nope").is_none());
    }
}
