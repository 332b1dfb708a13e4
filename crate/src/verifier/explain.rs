//! Plain-English explanations of rejections: why the kernel refuses, what
//! on the failing path created or invalidated the state the instruction
//! needed, and how to fix it. The kernel gives only its one-line message;
//! this is the playground's addition.

use serde::{Deserialize, Serialize};

use super::provenance::{marker, ProvStep, Role};
use super::state::PathEvent;

/// What kind of rule a rejection broke (drives the explanation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RejectKind {
    /// Control flow: unreachable instruction, jump out of range, bad last insn.
    Cfg,
    /// A malformed instruction.
    BadInsn,
    /// A register read before it was written ("R2 !read_ok").
    RegNotInit,
    /// A write to r10.
    FramePointerWrite,
    /// A dynptr argument that is not an initialised dynptr.
    UninitDynptrArg,
    /// A dynptr of the wrong type.
    DynptrTypeMismatch,
    /// A dynptr to be initialised sits on a live dynptr.
    DynptrNotUninit,
    /// An iterator callback's dynptr passed where a new dynptr is built.
    DynptrAlreadyInit,
    /// A dynptr at a misaligned or variable stack offset.
    DynptrOffset,
    /// The stack slots of a referenced dynptr are written over.
    DynptrOverwrite,
    /// A release helper given something that holds no reference.
    UnacquiredRef,
    /// A reference still held at exit.
    UnreleasedRef,
    /// A pointer argument of a release function that is not referenced.
    RefNotAcquired,
    /// A load or store through something that is not (or no longer) a pointer.
    InvalidMemAccess,
    /// A store into read-only memory.
    RdonlyWrite,
    /// A helper or kfunc the program type may not call, or that does not exist.
    UnknownFunc,
    /// A callback returning a value out of its range.
    CallbackReturn,
    /// The program's return value out of range or not a scalar.
    ReturnValue,
    /// A helper argument of the wrong register type.
    ArgType,
    /// A stack access out of bounds.
    StackAccess,
    /// A load or store not aligned to its size where alignment is checked
    /// (the stack, atomics, everything under `BPF_F_STRICT_ALIGNMENT`).
    Misaligned,
    /// A read of stack bytes that were never written (or hold a dynptr).
    StackRead,
    /// A packet access not proven inside the packet.
    PacketAccess,
    /// A writable packet slice asked for where the program type may not
    /// write packet data.
    PacketWrite,
    /// A map value or key access out of bounds.
    MapAccess,
    /// A memory (ring buffer record, slice) access out of bounds.
    MemAccess,
    /// A context access to a field that does not exist or is read-only.
    CtxAccess,
    /// Forbidden pointer arithmetic.
    PointerArithmetic,
    /// A helper size argument that is not a bounded constant.
    SizeArg,
    /// The complexity limit.
    TooComplex,
    /// A loop that provably never ends.
    InfiniteLoop,
    /// Calls nested too deep or bad bpf-to-bpf call.
    Call,
    /// Anything else.
    Other,
}

/// One-paragraph explanation of a rejection: the rule, the chain of events
/// on the failing path that led to it, and the fix. With the provenance
/// chain `steps` ([`super::provenance`]), the chain is its numbered steps
/// (`On this path: ① insn 6: ...; ② insn 12: ...`) and a sentence that
/// ties them together (`In short: ① made it, ③ released it, so the use
/// at ④ is invalid.`); [`display_lines`] splits it for display.
pub fn explain(
    kind: RejectKind,
    message: &str,
    insn: usize,
    focus: (Option<(u32, i32)>, u32),
    events: &[PathEvent],
    steps: &[ProvStep],
) -> String {
    let rule = rule_text(kind, message);
    let chain = if steps.is_empty() {
        chain_text(kind, focus, events)
    } else {
        numbered_chain(kind, message, steps)
    };
    let fix = fix_text(kind, message, events);
    let mut s = format!("Instruction {insn} was refused: {rule}");
    if !chain.is_empty() {
        s.push(' ');
        s.push_str(&chain);
    }
    if !fix.is_empty() {
        s.push(' ');
        s.push_str(fix);
    }
    s
}

fn rule_text(kind: RejectKind, message: &str) -> String {
    use RejectKind::*;
    let t = match kind {
        Cfg => "the verifier first checks the control-flow graph: every instruction must be reachable from the entry, every jump must land inside its own function, and every function must end with an exit or a jump.",
        BadInsn => "the instruction is not one the kernel accepts (bad opcode or a reserved field that is not zero).",
        RegNotInit => "a register is read before anything was written to it on this path. After a helper call only r0 (the result) and r6-r9 survive; r1-r5 are scratched.",
        FramePointerWrite => "r10 is the read-only frame pointer.",
        UninitDynptrArg => "this helper needs an initialized dynptr: the 16 bytes at the argument must be a dynptr that a constructor (bpf_dynptr_from_mem, bpf_ringbuf_reserve_dynptr, bpf_dynptr_from_skb/xdp, bpf_dynptr_clone) filled in and that has not been released or overwritten since.",
        DynptrTypeMismatch => "this helper only takes dynptrs of one type (for example bpf_ringbuf_submit_dynptr only takes ringbuf dynptrs).",
        DynptrNotUninit => "a constructor writes a new dynptr into the 16 stack bytes it is given, and those bytes still hold a live dynptr; building over it would lose the old one (and leak its reference).",
        DynptrAlreadyInit => "the dynptr an iterator callback receives (dynptr_ptr) was initialized by the helper for the callback; it cannot be passed where a constructor expects fresh, uninitialized memory.",
        DynptrOffset => "a dynptr must sit at a constant, 8-byte-aligned stack offset so the verifier knows exactly which two stack slots hold it.",
        DynptrOverwrite => "today's kernels refuse a store into the stack slots of a dynptr that holds a reference (a ring buffer reservation): the reservation could then never be submitted or discarded.",
        UnacquiredRef => "a release helper (bpf_ringbuf_submit_dynptr/discard_dynptr) must be given a ring buffer dynptr that still holds its reference: not a local or packet dynptr, not one already submitted or discarded (directly or through a clone), and not the dynptr an iterator callback receives (the helper's own copy, which holds none).",
        UnreleasedRef => "every reference acquired on a path (a ring buffer reservation, an open-coded iterator) must be released on that same path before exit. A callback must release what it acquires itself; and because the kernel of the era checks a callback body only once, with references copied into the callback, a release inside the callback does not count for the caller.",
        RefNotAcquired => "a release function must be given the exact pointer a reserve returned (not NULL-checked away, not offset).",
        InvalidMemAccess if message.contains("'scalar'") => "the register used as an address holds a plain number, not a pointer. When it held a data slice before, the slice was invalidated: slices die when their dynptr is released (also through a clone sharing its reference), and slices of skb/xdp dynptrs die when a helper may change packet data (bpf_skb_pull_data, bpf_xdp_adjust_head/tail, bpf_dynptr_write on an skb dynptr).",
        InvalidMemAccess if message.contains("_or_null'") => "the pointer may be NULL (a helper returns NULL when it fails) and must be compared with 0 before it is dereferenced.",
        InvalidMemAccess if message.contains("'dynptr_ptr'") => "the dynptr an iterator callback receives is an opaque handle: its bytes may not be read or written directly, only passed to dynptr helpers.",
        InvalidMemAccess => "the register used as an address is not a pointer to memory this instruction may access.",
        RdonlyWrite => "the memory behind this pointer is read-only (for example a slice of a read-only skb dynptr, or bpf_dynptr_slice's result).",
        UnknownFunc => "the function does not exist or is not available to this program type (e.g. bpf_dynptr_from_skb only in tc and cgroup_skb programs, bpf_dynptr_from_xdp only in xdp programs).",
        CallbackReturn => "a callback's return value must be inside the range its helper allows (bpf_loop: 0 or 1; bpf_dynptr_iterator: 0..U32_MAX bytes to advance). A 64-bit value such as 1 << 32 is outside; a 32-bit move (w0 = ...) zero-extends and is inside.",
        ReturnValue => "this program type only allows certain return values.",
        ArgType => "a helper argument has the wrong register type for its prototype.",
        StackAccess => "stack accesses must stay inside the 512-byte frame and be aligned to their size.",
        Misaligned => "where the kernel checks alignment a load or store must sit at a multiple of its size: always on the stack and for atomic operations, and everywhere when the program is loaded with BPF_F_STRICT_ALIGNMENT, where packet data counts as starting 2 bytes (NET_IP_ALIGN) past an aligned address. Single bytes are always aligned.",
        StackRead => "stack bytes may only be read after they were written, and never while they hold a dynptr (use the dynptr helpers instead).",
        PacketAccess => "direct packet access needs a comparison against data_end proving the bytes are inside the packet.",
        PacketWrite => "this program type may not write packet data (only xdp and tc may), and since Linux 6.3 the verifier refuses bpf_dynptr_slice_rdwr in it at the call, whatever the dynptr's kind.",
        MapAccess => "the access must stay inside the map value (or key) for every value the offset can have.",
        MemAccess => "the access must stay inside the memory region (ring buffer record or dynptr slice) for every value the offset can have.",
        CtxAccess => "only the context fields the program type defines may be accessed, with their exact size for pointer fields, and only writable fields may be stored to.",
        PointerArithmetic => "the verifier only allows pointer arithmetic it can track: adding or subtracting bounded scalars to pointers that are not NULL-able or packet ends.",
        SizeArg => "helper size arguments must be bounded (constant where the prototype asks for a known constant).",
        TooComplex => "the verifier walks every path of the program and stops after 1,000,000 instructions.",
        InfiniteLoop => "the verifier found the same state twice at the head of a loop, so the loop can run forever.",
        Call => "bpf-to-bpf calls and callbacks must target a function start and may nest at most 8 frames.",
        Other => "",
    };
    if t.is_empty() {
        format!(
            "the kernel says \"{}\".",
            message.lines().next().unwrap_or(message)
        )
    } else {
        t.to_string()
    }
}

/// The provenance chain, numbered, and what it adds up to.
fn numbered_chain(kind: RejectKind, message: &str, steps: &[ProvStep]) -> String {
    let parts: Vec<String> = steps
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{} insn {}: {}", marker(i + 1), s.insn, s.text))
        .collect();
    let mut s = format!("On this path: {}.", parts.join("; "));
    let summary = summary(kind, message, steps);
    if !summary.is_empty() {
        s.push_str(" In short: ");
        s.push_str(&summary);
    }
    s
}

/// The sentence that ties the steps together, by their numbers.
fn summary(kind: RejectKind, message: &str, steps: &[ProvStep]) -> String {
    let n = |pred: &dyn Fn(&ProvStep) -> bool| -> Option<String> {
        steps.iter().position(pred).map(|i| marker(i + 1))
    };
    let last = |pred: &dyn Fn(&ProvStep) -> bool| -> Option<String> {
        steps.iter().rposition(pred).map(|i| marker(i + 1))
    };
    let Some(rej) = last(&|s| s.role == Role::Rejected) else {
        return String::new();
    };
    let made = n(&|s| {
        matches!(
            s.role,
            Role::Created | Role::Cloned | Role::Acquired | Role::Slice
        )
    });
    if kind == RejectKind::UnreleasedRef {
        if let Some(m) = made {
            let inside = steps
                .iter()
                .position(|s| s.role == Role::Released)
                .map(|i| {
                    format!(
                        "; {} released it inside a callback, which does not count for the caller",
                        marker(i + 1)
                    )
                })
                .unwrap_or_default();
            return format!(
                "{m} took the reference{inside}, so the exit at {rej} leaks it: nothing on this path released it."
            );
        }
    }
    if kind == RejectKind::DynptrNotUninit {
        if let Some(m) = made {
            return format!(
                "{m} built a dynptr there and it is still live, so building another over it at {rej} is refused."
            );
        }
    }
    if kind == RejectKind::StackRead {
        if let Some(m) = made {
            return format!(
                "{m} built a dynptr in these stack bytes, so reading them directly at {rej} is refused."
            );
        }
    }
    if kind == RejectKind::UninitDynptrArg
        && steps
            .last()
            .is_some_and(|s| s.text.contains("not the start of a dynptr"))
    {
        if let Some(m) = made {
            return format!(
                "{m} built the dynptr, and {rej} points into its middle instead of at its start."
            );
        }
    }
    if matches!(kind, RejectKind::CallbackReturn | RejectKind::ReturnValue) {
        if let Some(v) = last(&|s| matches!(s.role, Role::Value | Role::Unbounded)) {
            return format!("{v} set the return value, which is out of range at {rej}.");
        }
    }
    if kind == RejectKind::UnknownFunc {
        if let Some(c) = n(&|s| s.role == Role::Ctx) {
            return format!(
                "{c} is this program type's context, and the function called at {rej} is only offered to other program types."
            );
        }
    }
    let killed = steps.iter().rposition(|s| {
        matches!(
            s.role,
            Role::Released | Role::Overwritten | Role::Invalidated
        )
    });
    if let Some(k) = killed {
        let verb = match steps[k].role {
            Role::Released => "released",
            Role::Overwritten => "destroyed",
            _ => "invalidated",
        };
        let k = marker(k + 1);
        return match made {
            Some(m) => format!("{m} made it, {k} {verb} it, so the use at {rej} is invalid."),
            None => format!("{k} {verb} it, so the use at {rej} is invalid."),
        };
    }
    if let Some(c) = n(&|s| s.role == Role::Callback) {
        match kind {
            RejectKind::DynptrAlreadyInit => {
                return format!(
                    "{c} hands the callback a dynptr the helper built, so building a new one in it at {rej} is refused."
                )
            }
            RejectKind::UnacquiredRef => {
                return format!(
                    "{c} hands the callback the helper's own copy of the dynptr, which holds no reference, so releasing it at {rej} is refused."
                )
            }
            _ if message.contains("'dynptr_ptr'") => {
                return format!(
                    "{c} hands the callback the helper's own dynptr (dynptr_ptr), which only dynptr helpers may read, so the direct access at {rej} is refused."
                )
            }
            _ => {}
        }
    }
    if message.contains("_or_null'") {
        if let Some(s) = n(&|s| matches!(s.role, Role::Slice | Role::Pointer | Role::Acquired)) {
            return format!("{s} may give NULL, and {rej} uses it without a NULL check.");
        }
    }
    if let Some(u) = n(&|s| s.role == Role::Unbounded) {
        return match n(&|s| s.role == Role::Offset) {
            Some(o) => format!(
                "{u} made the register unbounded, {o} added it to the pointer, so the access at {rej} is refused."
            ),
            None => format!("{u} made the register unbounded, so its use at {rej} is refused."),
        };
    }
    if let Some(s) = n(&|s| s.role == Role::Scratched) {
        return format!("{s} scratched the register, so reading it at {rej} is refused.");
    }
    if kind == RejectKind::RdonlyWrite {
        if let Some(s) = n(&|s| s.role == Role::Slice) {
            return format!("{s} gave a read-only slice, so the store at {rej} is refused.");
        }
    }
    String::new()
}

/// An explanation split for display: the rule, `On this path:`, one line
/// per numbered step (starting with its marker), `In short: ...`, and
/// `Fix: ...`.
pub fn display_lines(explanation: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (body, fix) = match explanation.find(" Fix: ") {
        Some(i) => (&explanation[..i], Some(&explanation[i + 1..])),
        None => (explanation, None),
    };
    let (body, short) = match body.find(" In short: ") {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    match body.find(" On this path: ") {
        Some(i) if body[i..].contains(&marker(1)) => {
            out.push(body[..i].to_string());
            out.push("On this path:".to_string());
            let chain = &body[i + " On this path: ".len()..];
            let chain = chain.strip_suffix('.').unwrap_or(chain);
            // Steps are `; `-separated, each starting with its marker.
            let mut cur = String::new();
            for part in chain.split("; ") {
                let starts =
                    part.chars().next().is_some_and(is_marker_char) || part.starts_with('(');
                if starts && !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                if !cur.is_empty() {
                    cur.push_str("; ");
                }
                cur.push_str(part);
            }
            if !cur.is_empty() {
                out.push(cur);
            }
        }
        _ => {
            // The older form: one line per event.
            let chained = body
                .replace(". What happened", ".\nWhat happened")
                .replace(". On this path", ".\nOn this path")
                .replace(". Where reference", ".\nWhere reference")
                .replace(": at insn ", ":\nat insn ")
                .replace("; at insn ", ";\nat insn ");
            out.extend(chained.lines().map(str::to_string));
        }
    }
    out.extend(short.map(str::to_string));
    out.extend(fix.map(str::to_string));
    out.into_iter()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// True for ① .. ⑳.
fn is_marker_char(c: char) -> bool {
    ('\u{2460}'..='\u{2473}').contains(&c)
}

fn chain_text(kind: RejectKind, focus: (Option<(u32, i32)>, u32), events: &[PathEvent]) -> String {
    use RejectKind::*;
    if !matches!(
        kind,
        UninitDynptrArg
            | UnacquiredRef
            | UnreleasedRef
            | InvalidMemAccess
            | DynptrNotUninit
            | DynptrTypeMismatch
            | DynptrOverwrite
            | RegNotInit
            | StackRead
    ) {
        return String::new();
    }
    // Events about the slot or reference the failing instruction needed;
    // otherwise the last few on the path.
    let (slot, id) = focus;
    let name = slot.map(|(_, off)| format!("fp{off}"));
    let mentions = |e: &PathEvent| {
        (slot.is_some() && e.slot == slot)
            || name
                .as_ref()
                .is_some_and(|n| e.what.contains(&format!("{n} ")) || e.what.ends_with(n.as_str()))
            || (id != 0 && e.id == id)
    };
    let mut relevant: Vec<&PathEvent> = events.iter().filter(|e| mentions(e)).collect();
    let mut prefix = String::new();
    if relevant.is_empty() {
        if let (Some(n), UninitDynptrArg | UnacquiredRef) = (&name, kind) {
            prefix = format!("No dynptr was ever built at {n} on this path. ");
        }
        relevant = events.iter().rev().take(4).collect();
        relevant.reverse();
        if relevant.is_empty() {
            return prefix.trim_end().to_string();
        }
        let parts: Vec<String> = relevant
            .iter()
            .map(|e| format!("at insn {}, {}", e.insn, e.what))
            .collect();
        return format!("{prefix}On this path: {}.", parts.join("; "));
    }
    if relevant.len() > 5 {
        relevant.drain(..relevant.len() - 5);
    }
    if relevant.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = relevant
        .iter()
        .map(|e| format!("at insn {}, {}", e.insn, e.what))
        .collect();
    let head = match (&name, kind) {
        (Some(n), UninitDynptrArg | UnacquiredRef) => {
            format!("What happened to {n} on this path: ")
        }
        (_, UnreleasedRef) if id != 0 => format!("Where reference id={id} comes from: "),
        _ => "On this path: ".to_string(),
    };
    format!("{head}{}.", parts.join("; "))
}

fn fix_text(kind: RejectKind, message: &str, events: &[PathEvent]) -> &'static str {
    use RejectKind::*;
    match kind {
        UninitDynptrArg => "Fix: initialize the dynptr first, do not use it after it (or any clone of it) was submitted or discarded, and do not store to its stack bytes.",
        DynptrNotUninit => "Fix: use a different, unused 16-byte stack slot for the new dynptr, or release the old one first.",
        DynptrAlreadyInit => "Fix: clone into a dynptr on the stack instead of re-initializing the callback's dynptr.",
        UnacquiredRef if events.iter().any(|e| e.what.contains("calls its callback")) => "Fix: release the ring buffer dynptr in the function that reserved it, not the callback's copy.",
        UnacquiredRef => "Fix: submit or discard each ring buffer reservation exactly once, through one of its instances.",
        UnreleasedRef if events.iter().any(|e| e.what.contains("bpf_iter_num_new")) => "Fix: call bpf_iter_num_destroy on every path that called bpf_iter_num_new.",
        UnreleasedRef => "Fix: call bpf_ringbuf_submit_dynptr or bpf_ringbuf_discard_dynptr on every path (even when the reservation failed: the dynptr is then null but still holds the reference), in the same function that reserved it.",
        InvalidMemAccess if message.contains("_or_null'") => "Fix: add `if (!p) return ...;` (`if rN == 0 goto ...`) before the access.",
        InvalidMemAccess if message.contains("'dynptr_ptr'") => "Fix: use bpf_dynptr_read/write/data on the callback's dynptr.",
        InvalidMemAccess => "Fix: take a fresh slice after anything that invalidates slices, and NULL-check it.",
        RdonlyWrite => "Fix: write through bpf_dynptr_write, or use a writable dynptr/slice.",
        UnknownFunc => "Fix: use a program type that offers the function, or the kfunc flavour if it exists.",
        CallbackReturn => "Fix: return a value in range, e.g. with a 32-bit move.",
        RegNotInit => "Fix: write the register first, or save values you need across calls in r6-r9.",
        PacketAccess => "Fix: compare data + offset + size against data_end before the access.",
        PacketWrite => "Fix: take a read-only slice with bpf_dynptr_slice (or copy with bpf_dynptr_read), and write packets only in xdp or tc programs.",
        StackRead => "Fix: initialize the stack bytes before reading or passing them, and never read a dynptr's bytes directly.",
        DynptrOffset => "Fix: pass the address of the dynptr itself (`&ptr`, fp-16 for example), not an address inside it.",
        Misaligned => "Fix: access at an offset that is a multiple of the size (in a packet: offset + 2), or load smaller pieces.",
        TooComplex => "Fix: reduce the number of paths (bounded loops with small bounds, bpf_loop instead of unrolled loops).",
        _ => "",
    }
}
