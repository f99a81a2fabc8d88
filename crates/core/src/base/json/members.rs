//! `Deserialize` for the model's structs and unit enums, in fewer bytes than serde's derive:
//! the draft, the packs and the store's files are most of what the app reads.
//!
//! The derive gives each struct a field enum with three visitors (by name, by bytes, by index),
//! an `Option` per member and a `Default` built at the end to fill the gaps. Here each struct
//! starts from its `Default` and sets a member as it comes (`deserialize_members!`); a key is
//! found in the struct's list of names by one function shared by all, and a member the struct
//! must have is checked at the end. An enum of unit variants finds its name in a list the same
//! way (`deserialize_names!`). What a user sees is the same (the tests below read the same
//! values by a derived twin): the members' own types word a wrong value, an unknown member is
//! passed over, a missing one is "missing field `x`", a struct that is not an object is
//! "expected struct Name". (A member named twice cannot reach here: the text is parsed into a
//! `Value` first, which keeps the last.)

use std::fmt;

use serde::de::{
    Deserialize, DeserializeSeed, Deserializer, EnumAccess, MapAccess, VariantAccess, Visitor,
};

/// A key, as its place in `names` (`None` if the struct has no such member).
pub struct Key(pub &'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl Visitor<'_> for Key {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a member's name")
    }

    fn visit_str<E>(self, key: &str) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|name| *name == key))
    }
}

/// `slot` set to the map's next value: one copy per member type, called by every struct that
/// has a member of that type (set inline, each member would bring its own copy of the old
/// value's drop and the error's way out).
#[inline(never)]
pub fn set<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    slot: &mut T,
    map: &mut A,
) -> Result<(), A::Error> {
    *slot = map.next_value()?;
    Ok(())
}

/// `Deserialize` for `$ty`, a struct with `Default`, from an object whose members are named as
/// the fields (or `field = "name"`); a member missing keeps the default, or is refused as
/// serde refuses it ("missing field `name`", the first in the list) where marked
/// `field: required`.
macro_rules! deserialize_members {
    ($ty:ident { $($field:ident $(= $name:literal)? $(: $required:ident)?),* $(,)? }) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct Members;
                impl<'de> serde::de::Visitor<'de> for Members {
                    type Value = $ty;

                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str(concat!("struct ", stringify!($ty)))
                    }

                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> Result<$ty, A::Error> {
                        const NAMES: &[&str] = &[$($crate::base::json::members::name!($field $(= $name)?)),*];
                        const _: () = assert!(NAMES.len() <= 64, "one bit of `seen` each");
                        let mut out = <$ty>::default();
                        // the members read, by their place in NAMES
                        let mut seen = 0u64;
                        while let Some(key) =
                            map.next_key_seed($crate::base::json::members::Key(NAMES))?
                        {
                            let mut at = 0usize;
                            $(
                                if key == Some(at) {
                                    $crate::base::json::members::set(&mut out.$field, &mut map)?;
                                    seen |= 1 << at;
                                    continue;
                                }
                                at += 1;
                            )*
                            let _ = at;
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                        let mut at = 0usize;
                        $(
                            $(
                                let _: $crate::base::json::members::Required = $crate::base::json::members::Required::$required;
                                if seen & (1 << at) == 0 {
                                    return Err(<A::Error as serde::de::Error>::missing_field(NAMES[at]));
                                }
                            )?
                            at += 1;
                        )*
                        let _ = (at, seen);
                        Ok(out)
                    }
                }
                d.deserialize_struct(stringify!($ty), &[], Members)
            }
        }
    };
}

/// A unit variant's name, as its place in `names` (`aliases`: other names, each with the name
/// it stands for); an unknown name is refused as serde refuses it.
pub struct Variant {
    pub names: &'static [&'static str],
    /// Every name and alias, as serde lists them in "expected one of": a variant's aliases,
    /// then its name.
    pub listed: &'static [&'static str],
    pub aliases: &'static [(&'static str, &'static str)],
    pub expecting: &'static str,
}

impl<'de> DeserializeSeed<'de> for &Variant {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl Visitor<'_> for &Variant {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("variant identifier")
    }

    fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<usize, E> {
        let name = match self.aliases.iter().find(|(alias, _)| *alias == name) {
            Some((_, canonical)) => canonical,
            None => name,
        };
        (self.names.iter().position(|n| *n == name))
            .ok_or_else(|| E::unknown_variant(name, self.listed))
    }
}

impl<'de> Visitor<'de> for Variant {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.expecting)
    }

    // "fiscal", or (as serde also reads a unit variant) {"fiscal": null}
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<usize, A::Error> {
        let (at, variant) = data.variant_seed(&self)?;
        variant.unit_variant()?;
        Ok(at)
    }
}

/// `Deserialize` for `$ty`, an enum of unit variants, each from its name (and its aliases),
/// as serde's derive reads it: one small function per enum, the rest shared.
macro_rules! deserialize_names {
    ($ty:ident { $($variant:ident = $name:literal $(| $alias:literal)*),* $(,)? }) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                const NAMES: &[&str] = &[$($name),*];
                const ALL: &[$ty] = &[$($ty::$variant),*];
                const ALIASES: &[(&str, &str)] = &[$($(($alias, $name),)*)*];
                const LISTED: &[&str] = &[$($($alias,)* $name,)*];
                let found = d.deserialize_enum(
                    stringify!($ty),
                    NAMES,
                    $crate::base::json::members::Variant {
                        names: NAMES,
                        aliases: ALIASES,
                        listed: LISTED,
                        expecting: concat!("enum ", stringify!($ty)),
                    },
                )?;
                Ok(ALL[found])
            }
        }
    };
}

/// The one mark a member may carry (`field: required`).
#[allow(non_camel_case_types)]
pub enum Required {
    required,
}

/// A member's name: the field's, or the one given.
macro_rules! name {
    ($field:ident) => {
        stringify!($field)
    };
    ($field:ident = $name:literal) => {
        $name
    };
}

pub(crate) use {deserialize_members, deserialize_names, name};

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use crate::base::json::{from_value_at, Step};

    /// The same struct twice: read by serde's derive and by `deserialize_members!`.
    macro_rules! twins {
        ($derived:ident, $ours:ident, $($attr:meta)?) => {
            #[derive(Debug, Default, PartialEq, Deserialize)]
            $(#[$attr])?
            struct $derived {
                name: String,
                #[serde(rename = "type")]
                kind: u16,
                rows: Vec<Row>,
                note: Option<bool>,
            }
            #[derive(Debug, Default, PartialEq)]
            struct $ours {
                name: String,
                kind: u16,
                rows: Vec<Row>,
                note: Option<bool>,
            }
        };
    }

    #[derive(Debug, Default, PartialEq, Deserialize)]
    #[serde(default)]
    struct Row {
        a: String,
    }

    twins!(Loose, LooseOurs, serde(default));
    deserialize_members!(LooseOurs { name, kind = "type", rows, note });
    twins!(Strict, StrictOurs,);
    deserialize_members!(StrictOurs { name: required, kind = "type": required, rows: required, note });

    type Read<T> = Result<T, (Vec<Step>, String)>;

    fn read<T: serde::de::DeserializeOwned>(v: &serde_json::Value) -> Read<T> {
        from_value_at::<T>(v).map_err(|(path, e)| (path, e.0))
    }

    /// Both read `v` alike: the same value, or the same error at the same place.
    fn alike<D, O>(v: serde_json::Value, same: impl Fn(&D, &O) -> bool)
    where
        D: serde::de::DeserializeOwned + std::fmt::Debug,
        O: serde::de::DeserializeOwned + std::fmt::Debug,
    {
        match (read::<D>(&v), read::<O>(&v)) {
            (Ok(d), Ok(o)) => assert!(same(&d, &o), "{v}: {d:?} / {o:?}"),
            // (the twins' names differ: "expected struct Loose" / "…LooseOurs")
            (Err(d), Err((path, e))) => assert_eq!(d, (path, e.replace("Ours", "")), "{v}"),
            (d, o) => panic!("{v}: {d:?} / {o:?}"),
        }
    }

    #[test]
    fn a_struct_reads_as_serdes_derive_reads_it() {
        let cases = [
            json!({"name": "x", "type": 3, "rows": [{"a": "b"}], "note": true}),
            json!({"name": "x", "type": 3, "rows": [], "other": [1, {"q": 2}]}),
            json!({"type": 3, "rows": []}),
            json!({"name": "x", "rows": []}),
            json!({"name": "x", "type": 3}),
            json!({}),
            json!({"name": 10, "type": 3, "rows": []}),
            json!({"name": "x", "type": "三", "rows": []}),
            json!({"name": "x", "type": 70000, "rows": []}),
            json!({"name": "x", "type": 3, "rows": [{"a": "b"}, {"a": 1}]}),
            json!({"name": "x", "type": 3, "rows": {"a": "b"}}),
            json!({"name": "x", "type": 3, "rows": [], "note": null}),
            json!({"name": "x", "type": 3, "rows": [], "note": "yes"}),
            json!({"name": null, "type": 3, "rows": []}),
            json!([1, 2]),
            json!("text"),
            json!(null),
        ];
        for v in cases {
            alike::<Loose, LooseOurs>(v.clone(), |d, o| {
                (&d.name, d.kind, &d.rows, d.note) == (&o.name, o.kind, &o.rows, o.note)
            });
            alike::<Strict, StrictOurs>(v, |d, o| {
                (&d.name, d.kind, &d.rows, d.note) == (&o.name, o.kind, &o.rows, o.note)
            });
        }
    }

    #[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Fiscal,
        #[serde(rename = "≥", alias = ">=")]
        Ge,
        SpecialAccount,
    }

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum KindOurs {
        Fiscal,
        Ge,
        SpecialAccount,
    }
    deserialize_names!(KindOurs { Fiscal = "fiscal", Ge = "≥" | ">=", SpecialAccount = "special_account" });

    #[test]
    fn an_enum_reads_as_serdes_derive_reads_it() {
        let cases = [
            json!("fiscal"),
            json!("≥"),
            json!(">="),
            json!("special_account"),
            json!("SpecialAccount"),
            json!("gold"),
            json!(""),
            json!({"fiscal": null}),
            json!({"fiscal": 1}),
            json!({"gold": null}),
            json!({"fiscal": null, "ge": null}),
            json!(1),
            json!(null),
            json!(["fiscal"]),
        ];
        for v in cases {
            alike::<Kind, KindOurs>(v, |d, o| {
                format!("{d:?}") == format!("{o:?}").replace("Ours", "")
            });
        }
    }

    #[test]
    fn a_missing_member_is_the_first_in_the_structs_order() {
        let (_, e) = read::<StrictOurs>(&json!({"note": true})).unwrap_err();
        assert_eq!(e, "missing field `name`");
        let (_, e) = read::<StrictOurs>(&json!({"name": "x", "rows": []})).unwrap_err();
        assert_eq!(e, "missing field `type`");
    }
}
