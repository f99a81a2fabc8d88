//! Typed values read from a parsed `Value`, with the path of what could not be read.
//!
//! Every type is read through this one small deserializer. serde's derives are generic over
//! the deserializer, and serde_json's text deserializer inlines its parsing into each one
//! (`deserialize_seq` alone once per list's element type): reading the text into a `Value`
//! once (one instantiation of the parser) and each type from the `Value` here keeps the
//! per-type code to a match on the value's kind. It also tracks where it is, so an error
//! names its place without a second pass over the text or a wrapping deserializer.

use std::fmt;

use serde::de::{
    self, value::StrDeserializer, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor,
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
}

/// A deserializer over `value` that leaves in `path` the keys and indexes down to a value
/// that failed (on success, `path` is as it was).
pub(super) struct De<'a, 'p> {
    pub value: &'a Value,
    pub path: &'p mut Vec<Step>,
}

impl<'de> de::Deserializer<'de> for De<'de, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => visitor.visit_seq(Seq {
                items: items.iter(),
                index: 0,
                path: self.path,
            }),
            Value::Object(members) => visitor.visit_map(Members::new(members, self.path)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
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
            Value::String(s) => visitor
                .visit_enum(IntoDeserializer::<Error>::into_deserializer(s.as_str())
                    as StrDeserializer<'_, Error>),
            // a variant with data: {"Variant": …}
            Value::Object(m) if m.len() == 1 => {
                let (key, value) = m.iter().next().expect("one member");
                visitor.visit_enum(Variant {
                    key,
                    value,
                    path: self.path,
                })
            }
            other => Err(de::Error::invalid_type(unexpected(other), &"enum")),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

fn unexpected(value: &Value) -> de::Unexpected<'_> {
    match value {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Number(_) => de::Unexpected::Other("number"),
        Value::String(s) => de::Unexpected::Str(s),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    }
}

struct Seq<'a, 'p> {
    items: std::slice::Iter<'a, Value>,
    index: usize,
    path: &'p mut Vec<Step>,
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
        self.path.push(Step::Index(self.index));
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
    path: &'p mut Vec<Step>,
}

impl<'a, 'p> Members<'a, 'p> {
    fn new(members: &'a Map<String, Value>, path: &'p mut Vec<Step>) -> Self {
        Members {
            members: members.iter(),
            value: None,
            path,
        }
    }
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
        self.path.push(Step::Key(key.clone()));
        let key = seed.deserialize(IntoDeserializer::<Error>::into_deserializer(key.as_str())
            as StrDeserializer<'_, Error>)?;
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = self
            .value
            .take()
            .ok_or_else(|| <Error as de::Error>::custom("value asked before its key"))?;
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
    path: &'p mut Vec<Step>,
}

impl<'de, 'p> de::EnumAccess<'de> for Variant<'de, 'p> {
    type Error = Error;
    type Variant = De<'de, 'p>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, De<'de, 'p>), Error> {
        let tag = seed
            .deserialize(IntoDeserializer::<Error>::into_deserializer(self.key)
                as StrDeserializer<'_, Error>)?;
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
            other => Err(de::Error::invalid_type(unexpected(other), &"unit variant")),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_any(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_any(self, visitor)
    }
}
