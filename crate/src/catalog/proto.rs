//! Prototypes of helpers and kfuncs as the verifier sees them, in the
//! kernel's vocabulary (`enum bpf_arg_type`, `enum bpf_return_type`, the
//! type flags of `include/linux/bpf.h`).

use serde::{Deserialize, Serialize};

/// Base argument types (`enum bpf_arg_type` without flags).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ArgBase {
    /// `ARG_ANYTHING`: any initialised value.
    Anything,
    /// `ARG_CONST_MAP_PTR`.
    ConstMapPtr,
    /// `ARG_PTR_TO_MAP_KEY`.
    PtrToMapKey,
    /// `ARG_PTR_TO_MAP_VALUE`.
    PtrToMapValue,
    /// `ARG_PTR_TO_MEM` (with `MEM_UNINIT`: `ARG_PTR_TO_UNINIT_MEM`); its size
    /// is the next argument.
    PtrToMem,
    /// `ARG_CONST_SIZE`: size of the previous memory argument, non-zero.
    ConstSize,
    /// `ARG_CONST_SIZE_OR_ZERO`.
    ConstSizeOrZero,
    /// `ARG_CONST_ALLOC_SIZE_OR_ZERO`: a constant size the return value has.
    ConstAllocSizeOrZero,
    /// `ARG_PTR_TO_CTX`.
    PtrToCtx,
    /// `ARG_PTR_TO_FUNC`: a callback (`ld_imm64` with `BPF_PSEUDO_FUNC`).
    PtrToFunc,
    /// `ARG_PTR_TO_STACK` (with `PTR_MAYBE_NULL`: `ARG_PTR_TO_STACK_OR_NULL`).
    PtrToStack,
    /// `ARG_PTR_TO_DYNPTR`.
    PtrToDynptr,
    /// `ARG_PTR_TO_ALLOC_MEM`: memory returned by an acquiring helper.
    PtrToAllocMem,
    /// A kfunc's open-coded iterator state on the stack (`struct bpf_iter_num *`).
    PtrToIterNum,
    /// A kfunc's optional buffer argument (`void *buffer__opt`), sized by the
    /// next argument (`buffer__szk`, a constant).
    PtrToMemOpt,
    /// A kfunc's constant size argument for the previous buffer (`__szk`).
    ConstSizeK,
    /// `ARG_PTR_TO_CONST_STR`: a NUL-terminated string at a constant offset
    /// of a read-only map value (`.rodata`).
    PtrToConstStr,
    /// A kfunc argument the verifier does not check (`__ign` suffix): any
    /// initialised register (`const void *unsafe_ptr__ign`).
    Ign,
}

/// Type flags (`enum bpf_type_flag`), as a bit set.
pub mod flags {
    /// `PTR_MAYBE_NULL`.
    pub const PTR_MAYBE_NULL: u32 = 1 << 0;
    /// `MEM_RDONLY`.
    pub const MEM_RDONLY: u32 = 1 << 1;
    /// `MEM_UNINIT`: the helper initialises the memory (or the dynptr).
    pub const MEM_UNINIT: u32 = 1 << 2;
    /// `OBJ_RELEASE`: the helper releases the reference.
    pub const OBJ_RELEASE: u32 = 1 << 3;
    /// `DYNPTR_TYPE_LOCAL`.
    pub const DYNPTR_TYPE_LOCAL: u32 = 1 << 4;
    /// `DYNPTR_TYPE_RINGBUF`.
    pub const DYNPTR_TYPE_RINGBUF: u32 = 1 << 5;
    /// `DYNPTR_TYPE_SKB`.
    pub const DYNPTR_TYPE_SKB: u32 = 1 << 6;
    /// `DYNPTR_TYPE_XDP`.
    pub const DYNPTR_TYPE_XDP: u32 = 1 << 7;
    /// `DYNPTR_TYPE_SKB_META`.
    pub const DYNPTR_TYPE_SKB_META: u32 = 1 << 11;
    /// `MEM_ALLOC`-style fixed size memory.
    pub const MEM_FIXED_SIZE: u32 = 1 << 8;
    /// Kfunc iterator argument: `__uninit` (`bpf_iter_num_new`).
    pub const ITER_NEW: u32 = 1 << 9;
    /// Kfunc iterator argument: destroys the iterator.
    pub const ITER_DESTROY: u32 = 1 << 10;
    /// All dynptr type flags.
    pub const DYNPTR_TYPE_FLAG_MASK: u32 = DYNPTR_TYPE_LOCAL
        | DYNPTR_TYPE_RINGBUF
        | DYNPTR_TYPE_SKB
        | DYNPTR_TYPE_XDP
        | DYNPTR_TYPE_SKB_META;
}

/// An argument type: base plus flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ArgType {
    /// Base type.
    pub base: ArgBase,
    /// Flags from [`flags`].
    pub flags: u32,
}

impl ArgType {
    /// An argument type without flags.
    pub const fn plain(base: ArgBase) -> Self {
        ArgType { base, flags: 0 }
    }

    /// An argument type with flags.
    pub const fn with(base: ArgBase, flags: u32) -> Self {
        ArgType { base, flags }
    }

    /// True when `flag` is set.
    pub fn has(self, flag: u32) -> bool {
        self.flags & flag != 0
    }
}

/// Return types (`enum bpf_return_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RetType {
    /// `RET_INTEGER`.
    Integer,
    /// `RET_VOID`.
    Void,
    /// `RET_PTR_TO_MAP_VALUE_OR_NULL`.
    PtrToMapValueOrNull,
    /// `RET_PTR_TO_ALLOC_MEM_OR_NULL` (ring buffer reservation; acquires a reference).
    PtrToAllocMemOrNull,
    /// `RET_PTR_TO_DYNPTR_MEM_OR_NULL` (`bpf_dynptr_data`).
    PtrToDynptrMemOrNull,
    /// A kfunc's `void *` slice of a dynptr or NULL (`bpf_dynptr_slice`), read-only.
    DynptrSliceRdonlyOrNull,
    /// A kfunc's `void *` slice of a dynptr or NULL (`bpf_dynptr_slice_rdwr`).
    DynptrSliceOrNull,
    /// A kfunc's `int *` into the iterator state or NULL (`bpf_iter_num_next`).
    IterNumNextOrNull,
}

/// What a function is, and how a program calls it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FuncKind {
    /// A helper: `call N`, part of the stable UAPI.
    Helper {
        /// `BPF_FUNC_*` number.
        id: u32,
    },
    /// A kfunc: `call` with `src_reg = BPF_PSEUDO_KFUNC_CALL` and a BTF id.
    Kfunc {
        /// The BTF id the playground's simulated vmlinux gives it.
        btf_id: u32,
    },
}

/// A prototype: return type and up to five argument types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FuncProto {
    /// Return type.
    pub ret: RetType,
    /// Argument types, r1 first.
    pub args: &'static [ArgType],
}
