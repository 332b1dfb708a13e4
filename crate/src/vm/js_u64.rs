//! Serde for `u64`s that may not fit a JavaScript number: those up to 2^53
//! stay numbers, larger ones (pointers, negative errors as u64) become hex
//! strings such as `"0xff00000180000200"` (`BigInt("0x…")` reads them). So a
//! snapshot crosses `serde_wasm_bindgen::Serializer::json_compatible()`,
//! which refuses larger numbers, and still reads back exactly.

use serde::{Deserialize, Deserializer, Serializer};

/// Largest integer a JavaScript number holds exactly.
const MAX_SAFE: u64 = (1 << 53) - 1;

#[derive(Deserialize)]
#[serde(untagged)]
enum Repr {
    Num(u64),
    Str(String),
}

fn parse(r: Repr) -> Result<u64, String> {
    match r {
        Repr::Num(v) => Ok(v),
        Repr::Str(s) => match s.strip_prefix("0x") {
            Some(h) => u64::from_str_radix(h, 16).map_err(|e| format!("{s}: {e}")),
            None => s.parse::<u64>().map_err(|e| format!("{s}: {e}")),
        },
    }
}

/// Serialises one value.
pub fn serialize<S: Serializer>(v: &u64, s: S) -> Result<S::Ok, S::Error> {
    if *v <= MAX_SAFE {
        s.serialize_u64(*v)
    } else {
        s.serialize_str(&format!("{v:#x}"))
    }
}

/// Deserialises one value (a number or a decimal or `0x` string).
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    parse(Repr::deserialize(d)?).map_err(serde::de::Error::custom)
}

/// The same for `Option<u64>`.
pub mod option {
    use super::*;

    /// Serialises an optional value.
    pub fn serialize<S: Serializer>(v: &Option<u64>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => super::serialize(v, s),
            None => s.serialize_none(),
        }
    }

    /// Deserialises an optional value.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
        Option::<Repr>::deserialize(d)?
            .map(parse)
            .transpose()
            .map_err(serde::de::Error::custom)
    }
}

/// The same for `Vec<u64>`.
pub mod vec {
    use super::*;
    use serde::ser::SerializeSeq;

    /// Serialises a list.
    pub fn serialize<S: Serializer>(v: &[u64], s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(v.len()))?;
        for x in v {
            if *x <= MAX_SAFE {
                seq.serialize_element(x)?;
            } else {
                seq.serialize_element(&format!("{x:#x}"))?;
            }
        }
        seq.end()
    }

    /// Deserialises a list.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u64>, D::Error> {
        Vec::<Repr>::deserialize(d)?
            .into_iter()
            .map(parse)
            .collect::<Result<_, _>>()
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct T {
        #[serde(with = "super")]
        a: u64,
        #[serde(with = "super::option")]
        b: Option<u64>,
        #[serde(with = "super::vec")]
        c: Vec<u64>,
    }

    #[test]
    fn small_numbers_stay_numbers_large_ones_are_hex() {
        let t = T {
            a: 5,
            b: Some(0xff00_0001_8000_0200),
            c: vec![1, u64::MAX],
        };
        let j = serde_json::to_string(&t).unwrap();
        assert_eq!(
            j,
            r#"{"a":5,"b":"0xff00000180000200","c":[1,"0xffffffffffffffff"]}"#
        );
        assert_eq!(serde_json::from_str::<T>(&j).unwrap(), t);
    }
}
