//! Typed values read from a parsed `Value`, with the path of what could not be read.
//!
//! Every type is read through this one small deserializer. serde's derives are generic over
//! the deserializer, and serde_json's text deserializer inlines its parsing into each one
//! (`deserialize_seq` alone once per list's element type). Here the text is parsed into a
//! `Value` once, and each request calls only the visitor method it asks for (a struct is read
//! from an object only, so no struct's `visit_seq` is compiled), with one shared, non-generic
//! error path: a wrong kind costs each type a call, not a copy of the formatting. It also
//! tracks where it is, so an error names its place without a second pass or a wrapper.

use std::fmt;

use serde::de::{
    self, value::StrDeserializer, DeserializeSeed, Expected, IntoDeserializer, MapAccess,
    SeqAccess, Unexpected, Visitor,
};
use serde_json::{Map, Value};

use super::Step;

/// What could not be read: serde's own message ("invalid type: integer `10`, expected a
/// string"), which `file::errors` puts in a user's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(pub String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }

    // as serde_json words them (a float through its own printer: core's would be linked in)
    fn invalid_type(unexp: Unexpected, exp: &dyn Expected) -> Self {
        Error(format!("invalid type: {}, expected {exp}", shown(unexp)))
    }

    fn invalid_value(unexp: Unexpected, exp: &dyn Expected) -> Self {
        Error(format!("invalid value: {}, expected {exp}", shown(unexp)))
    }
}

fn shown(unexp: Unexpected) -> String {
    match unexp {
        Unexpected::Unit => "null".into(),
        // serde quotes it with `{:?}`, which the wasm build makes write nothing
        // (.cargo/config.toml)
        Unexpected::Str(s) => format!("string \"{s}\""),
        Unexpected::Float(v) => match serde_json::Number::from_f64(v) {
            Some(n) => format!("floating point `{n}`"),
            None => "floating point".into(),
        },
        other => other.to_string(),
    }
}

/// One step down, borrowed from the value while reading (owned only in an error's path).
#[derive(Clone, Copy)]
pub(super) enum Pos<'a> {
    Key(&'a str),
    Index(usize),
}

impl Pos<'_> {
    pub(super) fn step(self) -> Step {
        match self {
            Pos::Key(k) => Step::Key(k.to_string()),
            Pos::Index(i) => Step::Index(i),
        }
    }
}

/// A deserializer over `value` that leaves in `path` the keys and indexes down to a value
/// that failed (on success, `path` is as it was).
pub(super) struct De<'a, 'p> {
    pub value: &'a Value,
    pub path: &'p mut Vec<Pos<'a>>,
}

/// The value read as the kind `exp` wanted, and is not: one function for every type.
#[cold]
fn mismatch(value: &Value, exp: &dyn Expected) -> Error {
    let unexp = match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Unexpected::Unsigned(u),
            (_, Some(i)) => Unexpected::Signed(i),
            _ => Unexpected::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    };
    de::Error::invalid_type(unexp, exp)
}

impl<'de> De<'de, '_> {
    fn seq<V: Visitor<'de>>(self, items: &'de [Value], visitor: V) -> Result<V::Value, Error> {
        visitor.visit_seq(Seq {
            items: items.iter(),
            index: 0,
            path: self.path,
        })
    }

    fn map<V: Visitor<'de>>(
        self,
        members: &'de Map<String, Value>,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_map(Members {
            members: members.iter(),
            value: None,
            path: self.path,
        })
    }

    fn number<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => visitor.visit_u64(u),
                (_, Some(i)) => visitor.visit_i64(i),
                _ => visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN)),
            },
            other => Err(mismatch(other, &visitor)),
        }
    }
}

/// Each number request reads the number as it is; the visitor checks its range.
macro_rules! numbers {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.number(visitor)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for De<'de, '_> {
    type Error = Error;

    /// Only for what must look at the value first: a tagged enum buffering its content, a
    /// figure written as text or as a number.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(_) => self.number(visitor),
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => self.seq(items, visitor),
            Value::Object(members) => self.map(members, visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Bool(b) => visitor.visit_bool(*b),
            other => Err(mismatch(other, &visitor)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::String(s) => visitor.visit_borrowed_str(s),
            other => Err(mismatch(other, &visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Array(items) => self.seq(items, visitor),
            other => Err(mismatch(other, &visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Object(members) => self.map(members, visitor),
            other => Err(mismatch(other, &visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            other => Err(mismatch(other, &visitor)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            // a unit variant, as serde_json writes it
            Value::String(s) => visitor.visit_enum(text(s)),
            // a variant with data: {"Variant": …}
            Value::Object(m) if m.len() == 1 => match m.iter().next() {
                Some((key, value)) => visitor.visit_enum(Variant {
                    key,
                    value,
                    path: self.path,
                }),
                None => Err(mismatch(self.value, &visitor)),
            },
            other => Err(mismatch(other, &visitor)),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    numbers! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64
    }

    serde::forward_to_deserialize_any! { bytes byte_buf }
}

fn text(s: &str) -> StrDeserializer<'_, Error> {
    s.into_deserializer()
}

struct Seq<'a, 'p> {
    items: std::slice::Iter<'a, Value>,
    index: usize,
    path: &'p mut Vec<Pos<'a>>,
}

impl<'de> SeqAccess<'de> for Seq<'de, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(value) = self.items.next() else {
            return Ok(None);
        };
        self.path.push(Pos::Index(self.index));
        let out = seed.deserialize(De {
            value,
            path: self.path,
        })?;
        self.path.pop();
        self.index += 1;
        Ok(Some(out))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Members<'a, 'p> {
    members: serde_json::map::Iter<'a>,
    value: Option<&'a Value>,
    path: &'p mut Vec<Pos<'a>>,
}

impl<'de> MapAccess<'de> for Members<'de, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.members.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        self.path.push(Pos::Key(key));
        seed.deserialize(text(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = self.value.take().unwrap_or(&Value::Null);
        let out = seed.deserialize(De {
            value,
            path: self.path,
        })?;
        self.path.pop();
        Ok(out)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.members.len())
    }
}

/// `{"Variant": value}` (the path stops at the member that holds it: a variant is no field).
struct Variant<'a, 'p> {
    key: &'a str,
    value: &'a Value,
    path: &'p mut Vec<Pos<'a>>,
}

impl<'de, 'p> de::EnumAccess<'de> for Variant<'de, 'p> {
    type Error = Error;
    type Variant = De<'de, 'p>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, De<'de, 'p>), Error> {
        let tag = seed.deserialize(text(self.key))?;
        Ok((
            tag,
            De {
                value: self.value,
                path: self.path,
            },
        ))
    }
}

impl<'de> de::VariantAccess<'de> for De<'de, '_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.value {
            Value::Null => Ok(()),
            other => Err(mismatch(other, &"unit variant")),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_map(self, visitor)
    }
}
