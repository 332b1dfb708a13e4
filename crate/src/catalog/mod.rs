//! The one table of every helper and kfunc the playground knows: number or
//! name, prototype as the verifier sees it, the documentation shown in the
//! UI, which program types may call it, and (filled by `vm`) the function
//! the VM runs. The verifier, the VM, the assembler (`call name`) and the UI
//! all read this table; nothing else lists helpers.

pub mod proto;

use serde::Serialize;

pub use proto::{flags, ArgBase, ArgType, FuncKind, FuncProto, RetType};

use crate::program::ProgType;

/// Documentation of a function, as the UI shows it on hover.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Doc {
    /// The C signature (`long bpf_dynptr_advance(struct bpf_dynptr *ptr, u32 len)`).
    pub signature: &'static str,
    /// What it does.
    pub description: &'static str,
    /// Return values and error codes.
    pub returns: &'static str,
}

/// Which program types may call a function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Availability {
    /// Every program type (`bpf_base_func_proto`).
    All,
    /// Only the listed types.
    Only(&'static [ProgType]),
}

impl Availability {
    /// True when a program of type `t` may call the function.
    pub fn allows(self, t: ProgType) -> bool {
        match self {
            Availability::All => true,
            Availability::Only(list) => list.contains(&t),
        }
    }
}

/// One helper or kfunc.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct FuncDef {
    /// Its name (`bpf_dynptr_read`).
    pub name: &'static str,
    /// Helper number or kfunc BTF id.
    pub kind: FuncKind,
    /// Prototype.
    #[serde(skip)]
    pub proto: FuncProto,
    /// Documentation.
    pub doc: Doc,
    /// Where it comes from (`v5.19`, `series v2`, `v6.4 kfunc`, ...).
    pub origin: &'static str,
    /// Program types that may call it.
    #[serde(skip)]
    pub availability: Availability,
    /// True for helpers that may change packet data
    /// (`bpf_helper_changes_pkt_data`): every packet pointer and every slice of
    /// an skb/xdp dynptr is invalidated after the call.
    pub changes_pkt_data: bool,
    /// True for a function only sleepable programs may call (`KF_SLEEPABLE`:
    /// it may fault user memory in); the playground's sleepable program
    /// type is `syscall`.
    pub sleepable: bool,
    /// The function the VM runs for a call (r1..r5 in, r0 or a callback out).
    #[serde(skip)]
    pub imp: crate::vm::HelperFn,
}

impl FuncDef {
    /// True for a helper (`call N`).
    pub fn is_helper(&self) -> bool {
        matches!(self.kind, FuncKind::Helper { .. })
    }

    /// True for a kfunc.
    pub fn is_kfunc(&self) -> bool {
        matches!(self.kind, FuncKind::Kfunc { .. })
    }
}

/// Every function of the playground.
pub fn all() -> &'static [FuncDef] {
    table::TABLE
}

/// The helper with number `id`.
pub fn helper(id: u32) -> Option<&'static FuncDef> {
    all().iter().find(|f| f.kind == FuncKind::Helper { id })
}

/// The helper numbers of the dynptr series (212-221): they exist in no
/// kernel, only in the specification's era.
pub const SERIES_HELPERS: std::ops::RangeInclusive<u32> = 212..=221;

/// Whether helper `id` is one of the series' helpers.
pub fn is_series_helper(id: u32) -> bool {
    SERIES_HELPERS.contains(&id)
}

/// The kfunc with BTF id `btf_id`.
pub fn kfunc(btf_id: u32) -> Option<&'static FuncDef> {
    all().iter().find(|f| f.kind == FuncKind::Kfunc { btf_id })
}

/// The helper or kfunc with this name; helpers first, since some names
/// (`bpf_dynptr_clone`) exist in both flavours.
pub fn by_name(name: &str) -> Option<&'static FuncDef> {
    all().iter().find(|f| f.name == name)
}

/// The kfunc with this name.
pub fn kfunc_by_name(name: &str) -> Option<&'static FuncDef> {
    all().iter().find(|f| f.name == name && f.is_kfunc())
}

/// The helper with this name.
pub fn helper_by_name(name: &str) -> Option<&'static FuncDef> {
    all().iter().find(|f| f.name == name && f.is_helper())
}

mod table;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_names_are_unique_per_flavour() {
        for (i, f) in all().iter().enumerate() {
            for g in &all()[i + 1..] {
                assert_ne!(f.kind, g.kind, "{} and {} share a number", f.name, g.name);
                assert!(
                    !(f.name == g.name && f.is_helper() == g.is_helper()),
                    "{} listed twice",
                    f.name
                );
            }
        }
    }

    #[test]
    fn lookups() {
        assert_eq!(
            helper(198).map(|f| f.name),
            Some("bpf_ringbuf_reserve_dynptr")
        );
        assert!(kfunc_by_name("bpf_dynptr_clone").is_some_and(|f| f.is_kfunc()));
        assert!(helper_by_name("bpf_dynptr_clone").is_some_and(|f| f.is_helper()));
        assert!(by_name("bpf_nonexistent").is_none());
    }
}
