//! Array and hash maps (and globals, which are single-element arrays) with
//! the kernel's update/delete semantics and error codes
//! (`array_map_update_elem`, `htab_map_update_elem`, ...).

use serde::{Deserialize, Serialize};

use super::ringbuf::RingBuf;
use crate::program::{MapDef, MapType};

/// `BPF_ANY`.
pub const BPF_ANY: u64 = 0;
/// `BPF_NOEXIST`.
pub const BPF_NOEXIST: u64 = 1;
/// `BPF_EXIST`.
pub const BPF_EXIST: u64 = 2;
/// `BPF_F_LOCK`.
pub const BPF_F_LOCK: u64 = 4;

/// The most memory one map may take in the playground (the limit
/// `MapDef::check` tells programs about at load).
pub const MAX_MAP_BYTES: usize = crate::program::MAX_ARRAY_BYTES as usize;

const EINVAL: i64 = -22;
const EEXIST: i64 = -17;
const ENOENT: i64 = -2;
const E2BIG: i64 = -7;

/// One slot of a (preallocated) hash map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HashSlot {
    /// The key, when the slot holds an element.
    pub key: Option<Vec<u8>>,
    /// The value bytes.
    pub value: Vec<u8>,
    /// Bumped each time the slot is freed, so old value pointers die.
    pub version: u32,
}

/// A map's contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum MapStore {
    /// `BPF_MAP_TYPE_ARRAY`: `max_entries * value_size` bytes.
    Array {
        /// All values back to back.
        values: Vec<u8>,
    },
    /// `BPF_MAP_TYPE_HASH` with `max_entries` preallocated slots.
    Hash {
        /// The slots.
        slots: Vec<HashSlot>,
    },
    /// `BPF_MAP_TYPE_RINGBUF`.
    Ringbuf(RingBuf),
}

/// A map of the world: its definition and contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Map {
    /// The definition from the program.
    pub def: MapDef,
    /// The contents.
    pub store: MapStore,
}

impl Map {
    /// Creates the map a definition describes (`ringbuf_default` is the data
    /// size of a ring buffer declared with `max_entries` 0).
    pub fn new(def: &MapDef, ringbuf_default: u32) -> Result<Map, String> {
        let vs = def.value_size as usize;
        let store = match def.map_type {
            MapType::Array => {
                let n = def.max_entries as usize;
                let total = n
                    .checked_mul(vs)
                    .filter(|t| *t <= MAX_MAP_BYTES)
                    .ok_or_else(|| {
                        format!(
                            "map {}: {} entries of {} bytes is too large",
                            def.name, n, vs
                        )
                    })?;
                let mut values = vec![0u8; total];
                if let Some(init) = &def.initial_value {
                    if init.len() > total {
                        return Err(format!(
                            "map {}: initial value of {} bytes exceeds the value size {}",
                            def.name,
                            init.len(),
                            total
                        ));
                    }
                    values[..init.len()].copy_from_slice(init);
                }
                MapStore::Array { values }
            }
            MapType::Hash => {
                let per = vs.saturating_add(def.key_size as usize).saturating_add(48);
                if def.max_entries > 65536
                    || per.saturating_mul(def.max_entries as usize) > MAX_MAP_BYTES
                {
                    return Err(format!(
                        "map {}: too large for the playground (16 MiB at most)",
                        def.name
                    ));
                }
                let slot = HashSlot {
                    key: None,
                    value: vec![0; vs],
                    version: 0,
                };
                MapStore::Hash {
                    slots: vec![slot; def.max_entries as usize],
                }
            }
            MapType::Ringbuf => {
                let size = if def.max_entries == 0 {
                    ringbuf_default
                } else {
                    def.max_entries
                };
                if size as usize > MAX_MAP_BYTES {
                    return Err(format!("map {}: ring buffer of {size} bytes is too large for the playground (16 MiB at most)", def.name));
                }
                MapStore::Ringbuf(RingBuf::new(size).map_err(|e| format!("map {}: {e}", def.name))?)
            }
        };
        Ok(Map {
            def: def.clone(),
            store,
        })
    }

    /// The slot holding `key`: the array index, or the hash slot.
    pub fn lookup(&self, key: &[u8]) -> Option<u32> {
        match &self.store {
            MapStore::Array { .. } => {
                let idx = u32::from_le_bytes(key.get(..4)?.try_into().ok()?);
                (idx < self.def.max_entries).then_some(idx)
            }
            MapStore::Hash { slots } => slots
                .iter()
                .position(|s| s.key.as_deref() == Some(key))
                .map(|i| i as u32),
            MapStore::Ringbuf(_) => None,
        }
    }

    /// The value bytes of a slot.
    pub fn value(&self, slot: u32) -> Option<&[u8]> {
        let vs = self.def.value_size as usize;
        match &self.store {
            MapStore::Array { values } => {
                let start = (slot as usize).checked_mul(vs)?;
                values.get(start..start.checked_add(vs)?)
            }
            MapStore::Hash { slots } => slots
                .get(slot as usize)
                .filter(|s| s.key.is_some())
                .map(|s| s.value.as_slice()),
            MapStore::Ringbuf(_) => None,
        }
    }

    /// The value bytes of a slot, mutable.
    pub fn value_mut(&mut self, slot: u32) -> Option<&mut [u8]> {
        let vs = self.def.value_size as usize;
        match &mut self.store {
            MapStore::Array { values } => {
                let start = (slot as usize).checked_mul(vs)?;
                values.get_mut(start..start.checked_add(vs)?)
            }
            MapStore::Hash { slots } => slots
                .get_mut(slot as usize)
                .filter(|s| s.key.is_some())
                .map(|s| s.value.as_mut_slice()),
            MapStore::Ringbuf(_) => None,
        }
    }

    /// The memory of a slot whether or not it holds an element: what a
    /// value pointer reaches. A program may keep using a value pointer
    /// after the element is deleted: the kernel's preallocated hash slot
    /// goes back to the free list (and a later update may reuse it, which
    /// the old pointer then sees), and an element of a map without
    /// preallocation is freed only after an RCU grace period, after the
    /// program. Either way the access is safe, and the verifier allows it.
    pub fn slot_memory(&self, slot: u32) -> Option<&[u8]> {
        match &self.store {
            MapStore::Hash { slots } => slots.get(slot as usize).map(|s| s.value.as_slice()),
            _ => self.value(slot),
        }
    }

    /// [`Map::slot_memory`], mutable.
    pub fn slot_memory_mut(&mut self, slot: u32) -> Option<&mut [u8]> {
        if !matches!(self.store, MapStore::Hash { .. }) {
            return self.value_mut(slot);
        }
        match &mut self.store {
            MapStore::Hash { slots } => {
                slots.get_mut(slot as usize).map(|s| s.value.as_mut_slice())
            }
            _ => None,
        }
    }

    /// The version of a hash slot (0 for arrays), which value pointers carry.
    pub fn slot_version(&self, slot: u32) -> u32 {
        match &self.store {
            MapStore::Hash { slots } => slots.get(slot as usize).map_or(u32::MAX, |s| s.version),
            _ => 0,
        }
    }

    /// `map_update_elem(map, key, value, flags)`.
    pub fn update(&mut self, key: &[u8], value: &[u8], flags: u64) -> i64 {
        if (flags & !BPF_F_LOCK) > BPF_EXIST {
            return EINVAL;
        }
        let max = self.def.max_entries;
        let existing = self.lookup(key);
        match &mut self.store {
            MapStore::Array { values } => {
                let Some(idx) = key
                    .get(..4)
                    .and_then(|k| k.try_into().ok())
                    .map(u32::from_le_bytes)
                else {
                    return EINVAL;
                };
                if idx >= max {
                    return E2BIG;
                }
                if flags & BPF_NOEXIST != 0 {
                    return EEXIST;
                }
                let vs = value.len();
                let start = idx as usize * vs;
                if let Some(dst) = values.get_mut(start..start + vs) {
                    dst.copy_from_slice(value);
                }
                0
            }
            MapStore::Hash { slots } => {
                let f = flags & !BPF_F_LOCK;
                if existing.is_some() && f == BPF_NOEXIST {
                    return EEXIST;
                }
                if existing.is_none() && f == BPF_EXIST {
                    return ENOENT;
                }
                let slot = match existing {
                    Some(s) => s as usize,
                    None => match slots.iter().position(|s| s.key.is_none()) {
                        Some(s) => s,
                        None => return E2BIG,
                    },
                };
                let s = &mut slots[slot];
                s.key = Some(key.to_vec());
                s.value.copy_from_slice(value);
                0
            }
            MapStore::Ringbuf(_) => EINVAL,
        }
    }

    /// `map_delete_elem(map, key)`.
    pub fn delete(&mut self, key: &[u8]) -> i64 {
        let existing = self.lookup(key);
        match &mut self.store {
            MapStore::Array { .. } | MapStore::Ringbuf(_) => EINVAL,
            MapStore::Hash { slots } => match existing {
                None => ENOENT,
                Some(i) => {
                    let s = &mut slots[i as usize];
                    s.key = None;
                    s.value.fill(0);
                    s.version = s.version.wrapping_add(1);
                    0
                }
            },
        }
    }

    /// The ring buffer, when this is one.
    pub fn ringbuf(&self) -> Option<&RingBuf> {
        match &self.store {
            MapStore::Ringbuf(rb) => Some(rb),
            _ => None,
        }
    }

    /// The ring buffer, mutable.
    pub fn ringbuf_mut(&mut self) -> Option<&mut RingBuf> {
        match &mut self.store {
            MapStore::Ringbuf(rb) => Some(rb),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::MapOrigin;

    fn def(t: MapType, max: u32) -> MapDef {
        MapDef {
            name: "m".into(),
            map_type: t,
            key_size: 4,
            value_size: 8,
            max_entries: max,
            initial_value: None,
            origin: MapOrigin::Declared,
            key_type: None,
            value_type: None,
            map_flags: 0,
        }
    }

    #[test]
    fn array_errors() {
        let mut m = Map::new(&def(MapType::Array, 2), 4096).unwrap();
        let v = [7u8; 8];
        assert_eq!(m.update(&2u32.to_le_bytes(), &v, BPF_ANY), E2BIG);
        assert_eq!(m.update(&1u32.to_le_bytes(), &v, BPF_NOEXIST), EEXIST);
        assert_eq!(m.update(&1u32.to_le_bytes(), &v, 3), EINVAL);
        assert_eq!(m.update(&1u32.to_le_bytes(), &v, BPF_EXIST), 0);
        assert_eq!(m.value(1), Some(&v[..]));
        assert_eq!(m.delete(&1u32.to_le_bytes()), EINVAL);
        assert_eq!(m.lookup(&2u32.to_le_bytes()), None);
    }

    #[test]
    fn hash_errors() {
        let mut m = Map::new(&def(MapType::Hash, 1), 4096).unwrap();
        let v = [1u8; 8];
        assert_eq!(m.update(b"k1\0\0", &v, BPF_EXIST), ENOENT);
        assert_eq!(m.update(b"k1\0\0", &v, BPF_NOEXIST), 0);
        assert_eq!(m.update(b"k1\0\0", &v, BPF_NOEXIST), EEXIST);
        assert_eq!(m.update(b"k2\0\0", &v, BPF_ANY), E2BIG);
        assert_eq!(m.delete(b"k2\0\0"), ENOENT);
        assert_eq!(m.slot_version(0), 0);
        assert_eq!(m.delete(b"k1\0\0"), 0);
        assert_eq!(m.slot_version(0), 1);
        assert_eq!(m.lookup(b"k1\0\0"), None);
    }
}
