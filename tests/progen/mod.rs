//! Program generators shared by the property tests (`accepted_never_fault`,
//! `soundness`) and the differential test against the kernel
//! (`kernel_diff`): one seeded random number generator ([`Rng`]), the
//! differential test's snippet generator ([`kernel_gen`], which also
//! writes its programs in the playground's assembler), the first property
//! test's dynptr-shaped programs ([`snippets`]), the soundness test's
//! world-dependent families ([`families`]) and mutations of existing
//! programs ([`mutate`]).

#[path = "../kernel_diff/gen.rs"]
pub mod kernel_gen;

pub mod families;
pub mod mutate;
pub mod snippets;

pub use kernel_gen::Rng;
