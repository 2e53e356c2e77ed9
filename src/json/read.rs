//! serde reading a [`Json`] tree, with an error that carries nothing (see the module above).

use std::fmt;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;

use super::Json;

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
