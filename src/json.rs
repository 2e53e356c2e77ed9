//! Reading the API's answers and what is kept in `localStorage`, sized for the bundle.
//!
//! The shopper's bundle is size-bound (DESIGN: ≤ 200 KB brotli). serde_json inlines its parser
//! into every answer type's decoder, and every serde error explains itself in a formatted
//! message (a float in one needs float printing). Here the text is parsed once, by code that
//! is not generic, into a small tree that serde then reads; and a failed decode is only
//! `None`, so no message is ever formatted and the compiler drops the code that would.
//!
//! Numbers are integers: money is counted in cents and every quantity is whole, so nothing
//! the shop sends has a fraction (a number with one fails the decode, it is not rounded).

use std::fmt;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;

/// `text` as a `T`, or `None` if it is not JSON or not shaped like one.
pub fn decode<T: DeserializeOwned>(text: &str) -> Option<T> {
    let tree = Parser::new(text).document()?;
    T::deserialize(&tree).ok()
}

/// A parsed JSON value. Objects keep their members in order, as a list: answers are small
/// and read once, field by field.
#[derive(Debug, Clone, PartialEq)]
enum Json {
    Null,
    Bool(bool),
    Int(i64),
    Str(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// How deep arrays and objects may nest: far more than any answer needs, and it keeps a
/// hostile text from exhausting the stack.
const MAX_DEPTH: u32 = 64;

struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
    depth: u32,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Parser<'a> {
        Parser {
            bytes: text.as_bytes(),
            at: 0,
            depth: 0,
        }
    }

    /// One value and nothing after it but white space.
    fn document(mut self) -> Option<Json> {
        let value = self.value()?;
        self.skip_space();
        (self.at == self.bytes.len()).then_some(value)
    }

    fn value(&mut self) -> Option<Json> {
        self.skip_space();
        match *self.bytes.get(self.at)? {
            b'n' => self.word(b"null", Json::Null),
            b't' => self.word(b"true", Json::Bool(true)),
            b'f' => self.word(b"false", Json::Bool(false)),
            b'"' => self.string().map(Json::Str),
            b'[' => self.nested(|p| p.array()),
            b'{' => self.nested(|p| p.object()),
            _ => self.integer().map(Json::Int),
        }
    }

    fn word(&mut self, word: &[u8], value: Json) -> Option<Json> {
        let end = self.at + word.len();
        (self.bytes.get(self.at..end)? == word).then(|| {
            self.at = end;
            value
        })
    }

    fn nested(&mut self, read: impl FnOnce(&mut Self) -> Option<Json>) -> Option<Json> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        let value = read(self);
        self.depth -= 1;
        value
    }

    fn array(&mut self) -> Option<Json> {
        self.at += 1; // [
        let mut items = Vec::new();
        if self.next_is(b']') {
            return Some(Json::Array(items));
        }
        loop {
            items.push(self.value()?);
            if self.next_is(b']') {
                return Some(Json::Array(items));
            }
            self.expect(b',')?;
        }
    }

    fn object(&mut self) -> Option<Json> {
        self.at += 1; // {
        let mut members = Vec::new();
        if self.next_is(b'}') {
            return Some(Json::Object(members));
        }
        loop {
            self.skip_space();
            if self.bytes.get(self.at) != Some(&b'"') {
                return None;
            }
            let key = self.string()?;
            self.expect(b':')?;
            members.push((key, self.value()?));
            if self.next_is(b'}') {
                return Some(Json::Object(members));
            }
            self.expect(b',')?;
        }
    }

    /// A whole number: JSON's grammar, without a fraction or an exponent.
    fn integer(&mut self) -> Option<i64> {
        let negative = self.bytes.get(self.at) == Some(&b'-');
        if negative {
            self.at += 1;
        }
        let start = self.at;
        let mut value: i64 = 0;
        while let Some(digit) = self.bytes.get(self.at).filter(|b| b.is_ascii_digit()) {
            let digit = i64::from(digit - b'0');
            value = value
                .checked_mul(10)?
                .checked_add(if negative { -digit } else { digit })?;
            self.at += 1;
        }
        let digits = self.at - start;
        let leading_zero = digits > 1 && self.bytes[start] == b'0';
        (digits > 0 && !leading_zero).then_some(value)
    }

    fn string(&mut self) -> Option<String> {
        self.at += 1; // "
        let mut out = String::new();
        loop {
            // Copy the run of plain characters up to the next quote or escape at once.
            let run = self.bytes[self.at..]
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
            // The text is a `str`, and quotes and backslashes are ASCII: a char boundary.
            out.push_str(std::str::from_utf8(&self.bytes[self.at..self.at + run]).ok()?);
            self.at += run;
            match self.bytes[self.at] {
                b'"' => {
                    self.at += 1;
                    return Some(out);
                }
                b'\\' => {
                    let escaped = *self.bytes.get(self.at + 1)?;
                    self.at += 2;
                    out.push(match escaped {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return None,
                    });
                }
                _ => return None, // a raw control character
            }
        }
    }

    /// After `\u`: four hex digits, and a second `\uXXXX` for a surrogate pair.
    fn unicode_escape(&mut self) -> Option<char> {
        let first = self.hex4()?;
        if !(0xD800..0xDC00).contains(&first) {
            return char::from_u32(first);
        }
        if self.bytes.get(self.at..self.at + 2)? != b"\\u" {
            return None;
        }
        self.at += 2;
        let second = self.hex4()?;
        if !(0xDC00..0xE000).contains(&second) {
            return None;
        }
        char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = std::str::from_utf8(self.bytes.get(self.at..self.at + 4)?).ok()?;
        self.at += 4;
        u32::from_str_radix(digits, 16).ok()
    }

    fn skip_space(&mut self) {
        while matches!(self.bytes.get(self.at), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    /// Consumes `byte` (after white space) if it is next.
    fn next_is(&mut self, byte: u8) -> bool {
        self.skip_space();
        let found = self.bytes.get(self.at) == Some(&byte);
        if found {
            self.at += 1;
        }
        found
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.next_is(byte).then_some(())
    }
}

/// Why a decode failed: deliberately nothing. serde builds an explanation for every error
/// through `custom`; dropping it unread lets the compiler remove all of them.
#[derive(Debug)]
pub struct Invalid;

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid JSON")
    }
}

impl std::error::Error for Invalid {}

impl de::Error for Invalid {
    fn custom<T: fmt::Display>(_: T) -> Invalid {
        Invalid
    }
}

/// Every integer is read as an `i64`; serde's visitors check the range of narrower ones.
macro_rules! forward_integers {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
            self.deserialize_i64(visitor)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for &'de Json {
    type Error = Invalid;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        match self {
            Json::Null => visitor.visit_unit(),
            Json::Bool(b) => visitor.visit_bool(*b),
            Json::Int(n) => visitor.visit_i64(*n),
            Json::Str(s) => visitor.visit_borrowed_str(s),
            Json::Array(items) => visitor.visit_seq(Items(items.iter())),
            Json::Object(members) => visitor.visit_map(Members {
                members: members.iter(),
                value: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        match self {
            Json::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Invalid> {
        visitor.visit_newtype_struct(self)
    }

    /// A unit variant is a string; a variant with data, an object of one member.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Invalid> {
        match self {
            Json::Str(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            Json::Object(members) if members.len() == 1 => visitor.visit_enum(Variant {
                name: &members[0].0,
                value: &members[0].1,
            }),
            _ => Err(Invalid),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        visitor.visit_unit()
    }

    // Asked for a kind, only that kind is read: serde then never calls, say, a struct's
    // `visit_seq` (a struct written as an array), and that code leaves the bundle.
    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        match self {
            Json::Bool(b) => visitor.visit_bool(*b),
            _ => Err(Invalid),
        }
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        match self {
            Json::Int(n) => visitor.visit_i64(*n),
            _ => Err(Invalid),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        match self {
            Json::Str(s) => visitor.visit_borrowed_str(s),
            _ => Err(Invalid),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        match self {
            Json::Null => visitor.visit_unit(),
            _ => Err(Invalid),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        match self {
            Json::Array(items) => visitor.visit_seq(Items(items.iter())),
            _ => Err(Invalid),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        match self {
            Json::Object(members) => visitor.visit_map(Members {
                members: members.iter(),
                value: None,
            }),
            _ => Err(Invalid),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Invalid> {
        self.deserialize_map(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Invalid> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Invalid> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Invalid> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        self.deserialize_str(visitor)
    }

    forward_integers! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
    }

    forward_to_deserialize_any! { f32 f64 char bytes byte_buf }
}

struct Items<'de>(std::slice::Iter<'de, Json>);

impl<'de> de::SeqAccess<'de> for Items<'de> {
    type Error = Invalid;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Invalid> {
        self.0.next().map(|item| seed.deserialize(item)).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Members<'de> {
    members: std::slice::Iter<'de, (String, Json)>,
    value: Option<&'de Json>,
}

impl<'de> de::MapAccess<'de> for Members<'de> {
    type Error = Invalid;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Invalid> {
        let Some((key, value)) = self.members.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Invalid> {
        seed.deserialize(self.value.take().ok_or(Invalid)?)
    }
}

struct Variant<'de> {
    name: &'de str,
    value: &'de Json,
}

impl<'de> de::EnumAccess<'de> for Variant<'de> {
    type Error = Invalid;
    type Variant = &'de Json;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, &'de Json), Invalid> {
        let name = seed.deserialize(BorrowedStrDeserializer::new(self.name))?;
        Ok((name, self.value))
    }
}

impl<'de> de::VariantAccess<'de> for &'de Json {
    type Error = Invalid;

    fn unit_variant(self) -> Result<(), Invalid> {
        match self {
            Json::Null => Ok(()),
            _ => Err(Invalid),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Invalid> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Invalid> {
        de::Deserializer::deserialize_any(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Invalid> {
        de::Deserializer::deserialize_any(self, visitor)
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

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
