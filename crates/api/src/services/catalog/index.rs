//! The search index: an inverted index from terms (CJK bigrams and characters, folded words) to
//! the products whose fields contain them, with a weight per field so that a match in the
//! title outranks one in the description.
//!
//! It lives in memory beside the catalog snapshot, which is why search ranks the same on
//! SQLite and PostgreSQL: neither engine's text search is involved.

use std::collections::{BTreeMap, HashMap};

use fourflow_core::search::{index_terms, normalize, query_terms};

use super::snapshot::{CategoryInfo, ProductRecord};

const TITLE: u16 = 100;
const BRAND: u16 = 60;
const CATEGORY: u16 = 40;
const OPTION: u16 = 25;
const SUMMARY: u16 = 15;
const SPEC: u16 = 8;
const DESCRIPTION: u16 = 5;
/// Extra score when the whole query appears, as typed, in a title.
const PHRASE_BONUS: u32 = 200;

#[derive(Debug, Default)]
pub struct SearchIndex {
    /// term → (product index, best field weight), product indexes ascending.
    postings: BTreeMap<String, Vec<(u32, u16)>>,
    /// Normalised titles in both languages, for the phrase bonus.
    titles: Vec<[String; 2]>,
}

impl SearchIndex {
    pub fn build(products: &[ProductRecord], categories: &[CategoryInfo]) -> SearchIndex {
        let mut postings: BTreeMap<String, Vec<(u32, u16)>> = BTreeMap::new();
        let mut titles = Vec::with_capacity(products.len());
        for (idx, p) in products.iter().enumerate() {
            let mut best: HashMap<String, u16> = HashMap::new();
            let mut add = |text: &str, weight: u16| {
                for term in index_terms(text) {
                    let w = best.entry(term).or_insert(0);
                    *w = (*w).max(weight);
                }
            };
            let d = &p.detail;
            for locale_text in [&d.title.zh_tw, &d.title.en] {
                add(locale_text, TITLE);
            }
            add(&d.brand, BRAND);
            for &c in &p.path {
                add(&categories[c].name.zh_tw, CATEGORY);
                add(&categories[c].name.en, CATEGORY);
            }
            for colour in &d.colours {
                add(&colour.name.zh_tw, OPTION);
                add(&colour.name.en, OPTION);
            }
            for size in &d.sizes {
                add(size, OPTION);
            }
            add(&d.summary.zh_tw, SUMMARY);
            add(&d.summary.en, SUMMARY);
            for spec in &d.specs {
                add(&spec.value.zh_tw, SPEC);
                add(&spec.value.en, SPEC);
            }
            add(&text_of_html(&d.description_html.zh_tw), DESCRIPTION);
            add(&text_of_html(&d.description_html.en), DESCRIPTION);
            for (term, weight) in best {
                postings.entry(term).or_default().push((idx as u32, weight));
            }
            titles.push([normalize(&d.title.zh_tw), normalize(&d.title.en)]);
        }
        SearchIndex { postings, titles }
    }

    /// Products matching every term of `query`, with their scores (higher is better), in
    /// product order. A query with no searchable characters matches nothing.
    pub fn search(&self, query: &str) -> Vec<(usize, u32)> {
        let terms = query_terms(query);
        if terms.is_empty() {
            return Vec::new();
        }
        let mut scores: Option<HashMap<u32, u32>> = None;
        for term in &terms {
            let mut hits: HashMap<u32, u32> = HashMap::new();
            if let Some(list) = self.postings.get(&term.text) {
                for &(p, w) in list {
                    hits.insert(p, u32::from(w));
                }
            }
            if term.prefix {
                // Words that merely start with the term count for a bit over half.
                let longer = self
                    .postings
                    .range::<str, _>((
                        std::ops::Bound::Excluded(term.text.as_str()),
                        std::ops::Bound::Unbounded,
                    ))
                    .take_while(|(key, _)| key.starts_with(&term.text));
                for (_, list) in longer {
                    for &(p, w) in list {
                        let hit = hits.entry(p).or_insert(0);
                        *hit = (*hit).max(u32::from(w) * 6 / 10);
                    }
                }
            }
            scores = Some(match scores {
                None => hits,
                Some(mut acc) => {
                    acc.retain(|p, score| match hits.get(p) {
                        Some(w) => {
                            *score += w;
                            true
                        }
                        None => false,
                    });
                    acc
                }
            });
        }
        let phrase = normalize(query);
        let mut results: Vec<(usize, u32)> = scores
            .unwrap_or_default()
            .into_iter()
            .map(|(p, score)| {
                let in_title = self.titles[p as usize].iter().any(|t| t.contains(&phrase));
                (p as usize, score + if in_title { PHRASE_BONUS } else { 0 })
            })
            .collect();
        results.sort_unstable();
        results
    }
}

/// The words of sanitised HTML without its tags and entities, so that `<strong>` or `&amp;`
/// never make a product match "strong" or "amp".
fn text_of_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut in_entity = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            '&' if !in_tag => in_entity = true,
            ';' if in_entity => {
                in_entity = false;
                out.push(' ');
            }
            _ if in_tag || in_entity => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_tags_and_entities_are_not_words() {
        assert_eq!(
            normalize(&text_of_html("<p><strong>Tea</strong> &amp; cake</p>")),
            "tea cake"
        );
    }
}
