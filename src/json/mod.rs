//! Reading the API's answers and what is kept in `localStorage`, sized for the bundle.
//!
//! The shopper's bundle is size-bound (ARCHITECTURE.md: ≤ 200 KB brotli). serde_json inlines its parser
//! into every answer type's decoder, and every serde error explains itself in a formatted
//! message (a float in one needs float printing). Here the text is parsed once, by code that
//! is not generic, into a small tree that serde then reads; and a failed decode is only
//! `None`, so no message is ever formatted and the compiler drops the code that would. The
//! storefront's own types skip serde too (`from.rs`, `shop.rs`): they are read from the tree
//! member by member, with a fraction of the code.
//!
//! Numbers are integers: money is counted in cents and every quantity is whole, so nothing
//! the shop sends has a fraction (a number with one fails the decode, it is not rounded).

mod checkout;
mod from;
mod parse;
mod pricing;
mod read;
mod shop;
mod to;

use serde::de::DeserializeOwned;

pub use from::{default_absent, member, parse, read, FromJson};
pub use to::{write, Object, ToJson};

use parse::Parser;

/// `text` as a `T`, or `None` if it is not JSON or not shaped like one.
pub fn decode<T: DeserializeOwned>(text: &str) -> Option<T> {
    let tree = Parser::new(text).document()?;
    T::deserialize(&tree).ok()
}

/// A parsed JSON value. Objects keep their members in order, as a list: answers are small
/// and read once, field by field.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Int(i64),
    Str(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use std::fmt;

    use super::*;

    /// What serde_json makes of `text`, and what `decode` does: the same, or both nothing.
    fn same<T: DeserializeOwned + PartialEq + fmt::Debug>(text: &str) {
        let expected = serde_json::from_str::<T>(text).ok();
        assert_eq!(decode::<T>(text), expected, "{text}");
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Line {
        sku: String,
        qty: u32,
        #[serde(default)]
        note: Option<String>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Method {
        HomeDelivery,
        StorePickup { store: String },
        Express(u8),
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(tag = "type", rename_all = "snake_case")]
    enum Block {
        Hero { headline: String },
        Strip { text: String, until: Option<i64> },
    }

    #[test]
    fn reads_what_serde_json_reads() {
        same::<Vec<Line>>(
            r#"[{"sku":"A-1","qty":2},{"qty":1,"sku":"B","note":"gift","extra":[1,{"x":null}]}]"#,
        );
        same::<Line>(r#" { "sku" : "茶\u8449 \ud83c\udf75 \"quoted\" \\ \/ \n" , "qty" : 0 } "#);
        same::<Vec<Method>>(
            r#"["home_delivery",{"store_pickup":{"store":"131386"}},{"express":3}]"#,
        );
        same::<Vec<Block>>(
            r#"[{"type":"hero","headline":"秋茶"},{"type":"strip","text":"免運","until":-5}]"#,
        );
        same::<Option<i64>>("null");
        same::<(bool, i64, u64)>("[true, -9223372036854775808, 9007199254740993]");
        same::<serde_json::Value>(&json!({"a": [1, "b", null, true, {"c": {}}]}).to_string());
    }

    #[test]
    fn refuses_what_is_not_json_or_not_the_shape() {
        for text in [
            "",
            " ",
            "[1,]",
            "{\"sku\":\"A\",}",
            "[1 2]",
            "{\"qty\" 1}",
            "tru",
            "nul",
            "01",
            "-",
            "1.5",
            "1e3",
            "\"open",
            "\"bad \\x escape\"",
            "\"\\ud800 alone\"",
            "[1] 2",
            "\"tab\there\"",
            "{1:2}",
        ] {
            assert_eq!(decode::<serde_json::Value>(text), None, "{text:?}");
        }
        same::<Line>(r#"{"sku":"A"}"#); // missing qty
        same::<Line>(r#"{"sku":"A","qty":-1}"#); // out of u32
        same::<Line>(r#"{"sku":"A","qty":4294967296}"#);
        same::<Method>(r#""by_air""#);
        same::<Method>(r#"{"express":3,"store_pickup":{}}"#);
        assert_eq!(decode::<i64>("9223372036854775808"), None, "beyond i64");
    }

    #[test]
    fn a_hostile_depth_is_refused_not_a_stack_overflow() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert_eq!(decode::<serde_json::Value>(&deep), None);
        let fine = "[".repeat(60) + &"]".repeat(60);
        assert!(decode::<serde_json::Value>(&fine).is_some());
    }
}
