//! Faults: what stopped a run, with the instruction index.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Read or write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    /// A load.
    Read,
    /// A store.
    Write,
}

impl std::fmt::Display for Access {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Access::Read => "read",
            Access::Write => "write",
        })
    }
}

/// A fault and where it happened.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[error("insn {insn}: {kind}")]
pub struct Fault {
    /// Index of the faulting instruction (slot).
    pub insn: usize,
    /// What went wrong.
    pub kind: FaultKind,
}

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "fault", content = "detail", rename_all = "snake_case")]
pub enum FaultKind {
    /// An access outside its region.
    #[error("out-of-bounds {access} of {size} bytes at {at} (valid: {valid})")]
    OutOfBounds {
        /// Read or write.
        access: Access,
        /// Bytes.
        size: usize,
        /// Where.
        at: String,
        /// The region's valid range.
        valid: String,
    },
    /// An access through a NULL (or small) pointer.
    #[error("null pointer dereference: {access} of {size} bytes at {addr:#x}")]
    NullDeref {
        /// Read or write.
        access: Access,
        /// Bytes.
        size: usize,
        /// The address.
        #[serde(with = "super::js_u64")]
        addr: u64,
    },
    /// An access through a value that is no pointer.
    #[error("{access} of {size} bytes at {addr:#x}, which is not a pointer")]
    NotAPointer {
        /// Read or write.
        access: Access,
        /// Bytes.
        size: usize,
        /// The value used as address.
        #[serde(with = "super::js_u64")]
        addr: u64,
    },
    /// An access through a pointer whose memory is gone or was invalidated.
    #[error("{access} of {size} bytes at {at} through an invalidated pointer: {why}")]
    Stale {
        /// Read or write.
        access: Access,
        /// Bytes.
        size: usize,
        /// Where.
        at: String,
        /// Why it is invalid.
        why: String,
    },
    /// A pointer to something that is not memory (a map, code).
    #[error("{access} of {size} bytes at {at}, which is not readable memory")]
    NotAccessible {
        /// Read or write.
        access: Access,
        /// Bytes.
        size: usize,
        /// Where.
        at: String,
    },
    /// A write into read-only memory.
    #[error("write into read-only memory at {at} ({what})")]
    ReadOnly {
        /// Where.
        at: String,
        /// What is read-only.
        what: String,
    },
    /// A read of stack bytes never written.
    #[error("read of uninitialised stack at {at} ({size} bytes)")]
    UninitStack {
        /// First uninitialised byte.
        at: String,
        /// Bytes of the access.
        size: usize,
    },
    /// A bad context access.
    #[error("invalid context access: {0}")]
    CtxAccess(String),
    /// A read of a register never written (or clobbered by a call).
    #[error("uninitialised register r{0}")]
    UninitRegister(u8),
    /// A register number above r10.
    #[error("invalid register r{0}")]
    BadRegister(u8),
    /// A write to r10.
    #[error("r10 is read-only")]
    FramePointerWrite,
    /// The instruction budget ran out.
    #[error("instruction budget of {0} exhausted")]
    BudgetExhausted(u64),
    /// Too many nested calls.
    #[error("call stack deeper than 8 frames")]
    CallDepth,
    /// A jump or call outside the program, or falling off its end.
    #[error("jump to instruction {0}, outside the program")]
    PcOutOfRange(usize),
    /// An instruction the VM cannot execute.
    #[error("invalid instruction: {0}")]
    InvalidInsn(String),
    /// `call N` with no such helper.
    #[error("unknown helper {0}")]
    UnknownHelper(i32),
    /// A kfunc call with no such BTF id.
    #[error("unknown kfunc with btf_id {0}")]
    UnknownKfunc(i32),
    /// A helper the program type may not call.
    #[error("{name} is not available to {prog_type} programs")]
    NotAvailable {
        /// Helper name.
        name: String,
        /// Program type.
        prog_type: String,
    },
    /// An argument a helper cannot work with (the verifier would refuse it).
    #[error("{helper}: arg{arg} {what}")]
    BadHelperArg {
        /// Helper name.
        helper: String,
        /// Argument number (1..5).
        arg: u8,
        /// What is wrong.
        what: String,
    },
    /// A map index with no map.
    #[error("no map with index {0}")]
    NoSuchMap(u32),
    /// A callback returned a value its helper forbids.
    #[error("{helper}: callback returned {value:#x}, outside {range}")]
    CallbackReturn {
        /// Helper name.
        helper: String,
        /// The value.
        #[serde(with = "super::js_u64")]
        value: u64,
        /// The allowed range.
        range: String,
    },
    /// More than 2^24 regions were handed out.
    #[error("too many memory regions")]
    TooManyRegions,
    /// The world cannot be built.
    #[error("cannot build the world: {0}")]
    BadWorld(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages() {
        let f = Fault {
            insn: 7,
            kind: FaultKind::OutOfBounds {
                access: Access::Read,
                size: 4,
                at: "stack+4".into(),
                valid: "stack-512..stack+0".into(),
            },
        };
        assert_eq!(
            f.to_string(),
            "insn 7: out-of-bounds read of 4 bytes at stack+4 (valid: stack-512..stack+0)"
        );
        assert_eq!(
            FaultKind::UninitRegister(3).to_string(),
            "uninitialised register r3"
        );
        assert_eq!(
            FaultKind::BudgetExhausted(10).to_string(),
            "instruction budget of 10 exhausted"
        );
        assert_eq!(
            FaultKind::CallDepth.to_string(),
            "call stack deeper than 8 frames"
        );
    }
}
