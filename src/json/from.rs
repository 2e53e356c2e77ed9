//! The storefront's answers read straight from the [`Json`] tree, without serde (and what it
//! keeps in `localStorage` written back, in `to.rs`).
//!
//! A serde derive writes, for every type, a visitor that matches member names, remembers each
//! field in a slot, refuses duplicates and checks what is missing: per type, several times the
//! code of simply looking each member up. The storefront is the download every visit starts
//! with (≤ 200 KB brotli), so the types it reads are read here, one line per type
//! ([`json_struct!`]). The struct literal that line expands to must name every field, so a field
//! added to a type stops the build until it is read here too; the tests check that what is read
//! equals what serde_json reads from the server's own encoding.

use super::Json;

/// A value read from a [`Json`] tree; `None` when the tree is not shaped like one.
pub trait FromJson: Sized {
    fn from_json(json: &Json) -> Option<Self>;

    /// What a member left out of an object reads as: nothing, except for an `Option`, as
    /// with serde.
    fn absent() -> Option<Self> {
        None
    }
}

/// `text` as a `T`, or `None` if it is not JSON or not shaped like one.
pub fn read<T: FromJson>(text: &str) -> Option<T> {
    T::from_json(&parse(text)?)
}

/// `text` as a tree, for a caller that reads it in parts.
pub fn parse(text: &str) -> Option<Json> {
    super::Parser::new(text).document()
}

impl Json {
    pub(crate) fn members(&self) -> Option<&[(String, Json)]> {
        match self {
            Json::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The member called `name`. Not generic, so it exists once in the bundle.
    pub(crate) fn member(&self, name: &str) -> Option<&Json> {
        self.members()?
            .iter()
            .find_map(|(key, value)| (key == name).then_some(value))
    }

    pub(crate) fn str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// The member `name` of the object `json` as a `T`; `absent` when there is none.
pub fn member<T: FromJson>(json: &Json, name: &str, absent: fn() -> Option<T>) -> Option<T> {
    match json.member(name) {
        Some(value) => T::from_json(value),
        None => absent(),
    }
}

/// For members with `#[serde(default)]`.
pub fn default_absent<T: Default>() -> Option<T> {
    Some(T::default())
}

/// `json_struct!(Type { field, field @ "wire name", field = default })`: a struct read and
/// written member by member (`@` for a member renamed on the wire, `= default` for one that
/// may be left out when read).
#[macro_export]
macro_rules! json_struct {
    ($ty:ident { $($field:ident $(@ $wire:literal)? $(= $default:ident)?),* $(,)? }) => {
        impl $crate::json::FromJson for $ty {
            fn from_json(json: &$crate::json::Json) -> Option<Self> {
                json.members()?;
                Some($ty {
                    $($field: $crate::json::member(
                        json,
                        $crate::json_struct!(@wire $field $($wire)?),
                        $crate::json_struct!(@absent $($default)?),
                    )?,)*
                })
            }
        }
        impl $crate::json::ToJson for $ty {
            fn write_json(&self, out: &mut String) {
                let mut object = $crate::json::Object::open(out);
                $(object.member($crate::json_struct!(@wire $field $($wire)?), &self.$field);)*
                object.close();
            }
        }
    };
    (@wire $field:ident) => { stringify!($field) };
    (@wire $field:ident $wire:literal) => { $wire };
    (@absent) => { $crate::json::FromJson::absent };
    (@absent default) => { $crate::json::default_absent };
}

/// `json_enum!(Type { Variant = "wire name", … })`: an enum of unit variants, read and written
/// as its name.
#[macro_export]
macro_rules! json_enum {
    ($ty:ident { $($variant:ident = $wire:literal),* $(,)? }) => {
        impl $crate::json::FromJson for $ty {
            fn from_json(json: &$crate::json::Json) -> Option<Self> {
                match json.str()? {
                    $($wire => Some($ty::$variant),)*
                    _ => None,
                }
            }
        }
        impl $crate::json::ToJson for $ty {
            fn write_json(&self, out: &mut String) {
                $crate::json::ToJson::write_json(match self { $($ty::$variant => $wire,)* }, out)
            }
        }
    };
}

/// Kept values of the other apps, read and written through serde (their types are not the
/// storefront's).
#[macro_export]
macro_rules! json_by_serde {
    ($($ty:ty),* $(,)?) => {$(
        impl $crate::json::FromJson for $ty {
            fn from_json(json: &$crate::json::Json) -> Option<Self> {
                serde::Deserialize::deserialize(json).ok()
            }
        }
        impl $crate::json::ToJson for $ty {
            fn write_json(&self, out: &mut String) {
                out.push_str(&serde_json::to_string(self).unwrap_or_else(|_| "null".into()));
            }
        }
    )*};
}

impl FromJson for String {
    fn from_json(json: &Json) -> Option<Self> {
        json.str().map(str::to_owned)
    }
}

impl FromJson for bool {
    fn from_json(json: &Json) -> Option<Self> {
        match json {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }
}

/// Integers are checked against their type's range, as serde does.
macro_rules! integers {
    ($($t:ty)*) => {$(
        impl FromJson for $t {
            fn from_json(json: &Json) -> Option<Self> {
                match json {
                    Json::Int(n) => <$t>::try_from(*n).ok(),
                    _ => None,
                }
            }
        }
    )*};
}
integers! { u8 u16 u32 u64 i32 i64 }

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(json: &Json) -> Option<Self> {
        match json {
            Json::Null => Some(None),
            other => T::from_json(other).map(Some),
        }
    }

    fn absent() -> Option<Self> {
        Some(None)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(json: &Json) -> Option<Self> {
        let Json::Array(items) = json else {
            return None;
        };
        // A plain loop: `collect` into `Option<Vec<_>>` costs an adapter per type.
        let mut read = Vec::with_capacity(items.len());
        for item in items {
            read.push(T::from_json(item)?);
        }
        Some(read)
    }
}
