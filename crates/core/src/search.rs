//! How text is cut into search terms, for the index and for the query alike.
//!
//! Chinese has no spaces and its commonest product words are two characters (洋裝, 耳機, 外套),
//! which trigram indexes cannot find. So a run of CJK characters becomes its overlapping
//! bigrams (plus its single characters, for one-character queries), and everything else is
//! split into lowercase words with a light English plural folding (shirts → shirt).
//! Index and query go through the same functions, so they always agree.

/// A term of a query: all of them must match for a product to be found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryTerm {
    pub text: String,
    /// A word the shopper may still be typing: also matches words that start with it.
    pub prefix: bool,
}

/// Terms under which a text is indexed.
pub fn index_terms(text: &str) -> Vec<String> {
    let mut terms = Vec::new();
    for token in tokens(text) {
        match token {
            Token::Word(word) => terms.push(fold_plural(&word)),
            Token::Cjk(chars) => {
                terms.extend(chars.iter().map(char::to_string));
                terms.extend(chars.windows(2).map(|w| w.iter().collect()));
            }
        }
    }
    terms.sort();
    terms.dedup();
    terms
}

/// Terms a query must match. Words of three letters or more also match as prefixes, so that a
/// search box typed into ("headph") already finds something.
pub fn query_terms(text: &str) -> Vec<QueryTerm> {
    let mut terms: Vec<QueryTerm> = Vec::new();
    for token in tokens(text) {
        match token {
            Token::Word(word) => {
                let prefix = word.chars().count() >= 3;
                terms.push(QueryTerm {
                    text: fold_plural(&word),
                    prefix,
                });
            }
            Token::Cjk(chars) if chars.len() == 1 => terms.push(QueryTerm {
                text: chars[0].to_string(),
                prefix: false,
            }),
            Token::Cjk(chars) => terms.extend(chars.windows(2).map(|w| QueryTerm {
                text: w.iter().collect(),
                prefix: false,
            })),
        }
    }
    let mut seen = Vec::new();
    terms.retain(|t| {
        let new = !seen.contains(&t.text);
        seen.push(t.text.clone());
        new
    });
    terms
}

/// Lowercase, full-width forms folded to ASCII (ＡＢＣ１２３ → abc123), 臺 read as 台,
/// whitespace collapsed. Also what a phrase match compares.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars().map(fold_char) {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

enum Token {
    Word(String),
    Cjk(Vec<char>),
}

fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut cjk = Vec::new();
    for c in normalize(text).chars() {
        if is_cjk(c) {
            if !word.is_empty() {
                out.push(Token::Word(std::mem::take(&mut word)));
            }
            cjk.push(c);
        } else if c.is_alphanumeric() {
            if !cjk.is_empty() {
                out.push(Token::Cjk(std::mem::take(&mut cjk)));
            }
            word.push(c);
        } else {
            if !word.is_empty() {
                out.push(Token::Word(std::mem::take(&mut word)));
            }
            if !cjk.is_empty() {
                out.push(Token::Cjk(std::mem::take(&mut cjk)));
            }
        }
    }
    if !word.is_empty() {
        out.push(Token::Word(word));
    }
    if !cjk.is_empty() {
        out.push(Token::Cjk(cjk));
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'   // kana
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{AC00}'..='\u{D7AF}' // Hangul
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
        | '\u{20000}'..='\u{2FFFF}')
}

/// One character as search compares it: a full-width form as ASCII, and 臺 as 台 — the same
/// character to a Taiwanese reader, written either way in place names (臺北市, 台北市).
fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '臺' => '台',
        _ => c,
    }
}

/// Enough English plural folding for product words: shirts → shirt, boxes → box,
/// accessories → accessory; short words and "-ss" words are left alone.
fn fold_plural(word: &str) -> String {
    if !word.is_ascii() || word.len() <= 3 || word.ends_with("ss") {
        return word.to_owned();
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suffix in ["ches", "shes", "xes", "sses"] {
        if word.ends_with(suffix) {
            return word[..word.len() - 2].to_owned();
        }
    }
    word.strip_suffix('s').unwrap_or(word).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn texts(terms: Vec<QueryTerm>) -> Vec<String> {
        terms.into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn chinese_is_cut_into_bigrams_and_characters() {
        assert_eq!(index_terms("洋裝"), ["洋", "洋裝", "裝"]);
        assert!(index_terms("碎花中長洋裝").contains(&"洋裝".to_string()));
        assert_eq!(texts(query_terms("洋裝")), ["洋裝"]);
        assert_eq!(texts(query_terms("碎花洋裝")), ["碎花", "花洋", "洋裝"]);
        assert_eq!(texts(query_terms("茶")), ["茶"]);
    }

    #[test]
    fn words_are_lowercased_folded_and_mixed_with_chinese() {
        assert_eq!(
            index_terms("Wireless Earbuds 藍牙耳機"),
            ["earbud", "wireless", "機", "牙", "牙耳", "耳", "耳機", "藍", "藍牙"]
        );
        assert_eq!(texts(query_terms("ＡＩＲ  Boxes")), ["air", "box"]);
        assert_eq!(fold_plural("accessories"), "accessory");
        assert_eq!(fold_plural("dress"), "dress");
        assert_eq!(fold_plural("bus"), "bus");
    }

    #[test]
    fn short_words_are_not_prefixes() {
        let terms = query_terms("a tea headph");
        assert_eq!(
            terms.iter().map(|t| t.prefix).collect::<Vec<_>>(),
            [false, true, true]
        );
    }

    #[test]
    fn tai_is_one_character_however_it_is_written() {
        assert_eq!(normalize("臺北市"), normalize("台北市"));
        assert_eq!(index_terms("臺南 擔仔麵"), index_terms("台南 擔仔麵"));
        assert_eq!(query_terms("臺灣"), query_terms("台灣"));
    }

    #[test]
    fn normalizes_whitespace_and_width() {
        assert_eq!(normalize("  Hello\u{3000}  ＷＯＲＬＤ "), "hello world");
    }

    proptest! {
        #[test]
        fn every_query_term_of_a_text_is_among_its_index_terms(text in "[a-z 洋裝耳機外套碎花]{0,30}") {
            let indexed = index_terms(&text);
            for term in query_terms(&text) {
                prop_assert!(indexed.contains(&term.text), "{} not in {:?}", term.text, indexed);
            }
        }
    }
}
