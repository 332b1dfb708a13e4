//! The kernel whose verifier the playground imitates, and the one place
//! that lists what differs between the profiles.
//!
//! `series` is the kernel of the specification's era (v6.1/v6.2 with the
//! dynptr convenience helpers series); `6.18` is the Linux release these
//! machines run, the oracle of `tests/kernel_compare.rs`. Every rule or
//! message that differs is a method below, used by the verifier where the
//! rule applies, and a row of [`DIFFERENCES`], which the README and
//! `docs/verifier.md` print. The rows name the release that changed the
//! rule where it was checked; "after 6.2" where only the two ends were
//! (the era's code in the specification, 6.18 on this machine).

use serde::{Deserialize, Serialize};

/// A kernel profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum KernelProfile {
    /// The specification's era: v6.1/v6.2 plus the series. The default.
    #[default]
    #[serde(rename = "series", alias = "Series")]
    Series,
    /// Linux 6.18, as these machines run it. (`Upstream` was this
    /// profile's name when it only changed the wording.)
    #[serde(
        rename = "6.18",
        alias = "Upstream",
        alias = "upstream",
        alias = "v6.18"
    )]
    Linux6_18,
}

/// One row of the profile table: what differs, in each profile, since when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ProfileDifference {
    /// What the row is about.
    pub what: &'static str,
    /// The series' era.
    pub series: &'static str,
    /// Linux 6.18.
    pub linux_6_18: &'static str,
    /// The release (or commit) that changed it.
    pub changed_in: &'static str,
}

/// Every behaviour and message that differs between the profiles.
pub const DIFFERENCES: &[ProfileDifference] = &[
    ProfileDifference {
        what: "a `bpf_loop` callback",
        series: "walked once, with the caller's state at the call; the caller's stack joined with what it left (unsound for a second iteration, see `run --check-states`)",
        linux_6_18: "walked as a loop: pushed at the call, back to the call at its exit, until the caller's state converges or the loop count is reached",
        changed_in: "6.7 (ab5cfac139ab, verify callbacks as if they are called unknown number of times)",
    },
    ProfileDifference {
        what: "`bpf_dynptr_data` on an skb or xdp dynptr (a run)",
        series: "a pointer into the linear packet (NULL past it)",
        linux_6_18: "NULL: skb and xdp data is read through `bpf_dynptr_slice`",
        changed_in: "6.4 (skb and xdp dynptrs upstream, read through bpf_dynptr_slice)",
    },
    ProfileDifference {
        what: "the series' helpers 212-221",
        series: "exist, as the specification writes them",
        linux_6_18: "do not exist: `call unknown#213`, `invalid func unknown#213` (upstream took the kfuncs instead)",
        changed_in: "never merged",
    },
    ProfileDifference {
        what: "bounds after an ALU operation",
        series: "32-bit bounds from the tnum and the other 32-bit bounds",
        linux_6_18: "also from 64-bit bounds whose upper halves agree, signed and unsigned mixed (`fp-8 + [0, 8]` has `umax32=8`)",
        changed_in: "6.7 (\"bpf: improve deduction of 64-bit bounds from 32-bit bounds\" and its series)",
    },
    ProfileDifference {
        what: "the entry's BTF prototype",
        series: "not read: only global subprograms' prototypes are",
        linux_6_18: "read before the walk; a `void *ctx` argument leaves the log note `arg#0 reference type('UNKNOWN ') size cannot be determined: -22`",
        changed_in: "after 6.2",
    },
    ProfileDifference {
        what: "C source lines in the log",
        series: "the line's text: `; if (!ip)`",
        linux_6_18: "the text, the file's base name and the line: `; if (!ip) @ packet.c:25`; a record for the line printed last (another column) is not printed again",
        changed_in: "6.8 (\"bpf: emit source code file name and line number in verifier log\")",
    },
    ProfileDifference {
        what: "dynptr argument numbers in messages",
        series: "counted from #1 (`Expected an initialized dynptr as arg #1`)",
        linux_6_18: "counted from #0 (`... as arg #0`)",
        changed_in: "after 6.2",
    },
    ProfileDifference {
        what: "a dynptr argument at an offset not a multiple of 8",
        series: "`cannot pass in dynptr at an offset`",
        linux_6_18: "`cannot pass in dynptr at an offset=-12`, then `Dynptr has to be an uninitialized dynptr` for constructors or `Expected an initialized dynptr as arg #0` for an initialised-dynptr argument",
        changed_in: "6.3 (process_dynptr_func rework)",
    },
    ProfileDifference {
        what: "expected types of a dynptr argument",
        series: "`fp, dynptr_ptr, dynptr_ptr, dynptr_ptr, dynptr_ptr`",
        linux_6_18: "`fp, dynptr_ptr`",
        changed_in: "after 6.2",
    },
    ProfileDifference {
        what: "a store into a dynptr's stack slots",
        series: "turns the bytes into STACK_MISC",
        linux_6_18: "destroys an unreferenced dynptr (its slices too); `cannot overwrite referenced dynptr` for a referenced one",
        changed_in: "6.3 (\"Invalidate slices on destruction of dynptrs on stack\")",
    },
    ProfileDifference {
        what: "a constructor over an initialised dynptr",
        series: "refused: the slots must be uninitialised",
        linux_6_18: "allowed for an unreferenced dynptr (destroyed first)",
        changed_in: "6.3 (\"Allow reinitializing unreferenced dynptr stack slots\")",
    },
    ProfileDifference {
        what: "a dynptr that does not fit in the stack frame",
        series: "left to the stack write check",
        linux_6_18: "not an uninitialised dynptr",
        changed_in: "6.3",
    },
    ProfileDifference {
        what: "a helper's output buffer over a dynptr",
        series: "allowed (the bytes become STACK_MISC)",
        linux_6_18: "`potential write to dynptr at off=-16 disallowed`",
        changed_in: "6.3",
    },
    ProfileDifference {
        what: "`bpf_dynptr_slice_rdwr` where the program type may not write packet data",
        series: "allowed; a store through a packet slice is refused (`R0 cannot write into rdonly_mem`)",
        linux_6_18: "refused at the call, whatever the dynptr's kind: `the prog does not allow writes to packet data`",
        changed_in: "6.3 (the kfunc came with the check)",
    },
    ProfileDifference {
        what: "dynptr ids",
        series: "a counter of the playground's (the era's kernel gave dynptrs none)",
        linux_6_18: "the verifier's id counter, shared with references",
        changed_in: "6.4",
    },
    ProfileDifference {
        what: "`*(u64 *)(r10 - 8) = 5` (BPF_ST of an immediate to the stack)",
        series: "an unknown scalar",
        linux_6_18: "the constant, as a spilled scalar",
        changed_in: "6.3 (\"track immediate values written to stack by BPF_ST\")",
    },
    ProfileDifference {
        what: "reading uninitialised stack through a helper",
        series: "`invalid indirect read from stack R1 off -8+0 size 8`",
        linux_6_18: "`invalid read from stack R1 off -8+0 size 8`",
        changed_in: "after 6.2",
    },
    ProfileDifference {
        what: "register and stack state in the log",
        series: "`R1_w=ctx(off=0,imm=0)`, `fp-8=dynptr_ringbuf`",
        linux_6_18: "`R1=ctx()`, `fp-16=dynptr_ringbuf(ref_id=1)`",
        changed_in: "6.7/6.8 (the log's state printing reworked)",
    },
    ProfileDifference {
        what: "the level-1 log of an accepted program",
        series: "the walk and the statistics",
        linux_6_18: "the statistics only",
        changed_in: "after 6.2",
    },
    ProfileDifference {
        what: "a return value out of range (program exit, callback)",
        series: "`At program exit the register R0 has value (0x2; 0x0) should have been in (0x0; 0x1)`",
        linux_6_18: "`At program exit the register R0 has smin=2 smax=2 should have been in [0, 1]`",
        changed_in: "after 6.2",
    },
    ProfileDifference {
        what: "`ld_abs`/`ld_ind` while holding a reference",
        series: "`Unreleased reference ...` and `BPF_LD_[ABS|IND] cannot be mixed with socket references`",
        linux_6_18: "`Unreleased reference ...` and `BPF_LD_[ABS|IND] would lead to reference leak`",
        changed_in: "after 6.2",
    },
    ProfileDifference {
        what: "a reference leaked in a callback",
        series: "`Unreleased reference id=2 alloc_insn=9` at the callback's exit",
        linux_6_18: "the same message, and the leak of a `bpf_loop` callback noted as `... would lead to reference leak`",
        changed_in: "after 6.2",
    },
    ProfileDifference {
        what: "reading stack that was never written (a privileged loader, as the playground is)",
        series: "refused: `invalid read from stack off -8+0 size 8`",
        linux_6_18: "allowed (`allow_uninit_stack`, CAP_PERFMON): the bytes read are an unknown scalar, in direct loads, variable-offset loads and helper arguments",
        changed_in: "6.3 (\"bpf: allow reads from uninit stack\")",
    },
    ProfileDifference {
        what: "when global functions are verified",
        series: "every global function, in order, before the main program",
        linux_6_18: "after the main program, only those a verified path calls",
        changed_in: "6.8 (\"bpf: validate global subprogs lazily\")",
    },
    ProfileDifference {
        what: "global function messages",
        series: "`Func#1 is global and assumed valid.`, `Caller passes invalid args into func#1`, `Func#1 is safe for any args that match its prototype`",
        linux_6_18: "the function named: `Func#1 ('parse') is global and assumed valid.`, `Validating parse() func#1...`",
        changed_in: "6.8 (\"bpf: emit global subprog name in verifier logs\")",
    },
    ProfileDifference {
        what: "a global function's context argument that is not the context",
        series: "`arg#0 expected pointer to ctx, but got fp`",
        linux_6_18: "`arg#0 expects pointer to ctx`",
        changed_in: "6.8 (global subprog argument tags)",
    },
    ProfileDifference {
        what: "a dynptr argument that is neither on the stack nor a dynptr pointer",
        series: "`arg#0 expected pointer to stack or dynptr_ptr`",
        linux_6_18: "`arg#0 expected pointer to stack or const struct bpf_dynptr`",
        changed_in: "after 6.2",
    },
    ProfileDifference {
        what: "a stack access out of bounds through a helper, or at a variable offset",
        series: "`invalid indirect access to stack R1 off=-8 size=16`; `invalid variable-offset read from stack R1 var_off=(0x0; 0xf) size=1`",
        linux_6_18: "`invalid write to stack R1 off=-8 size=16` (`read from` for a helper that reads); `... var_off=(0x0; 0xf) off=-8 size=1`",
        changed_in: "after 6.2 (enum bpf_access_src removed)",
    },
    ProfileDifference {
        what: "a map key or value argument of the wrong type",
        series: "`R2 type=scalar expected=fp, pkt, pkt_meta, map_key, map_value`",
        linux_6_18: "`... map_value, mem, ringbuf_mem, buf, trusted_ptr_`, the list of a memory argument (which gains `trusted_ptr_`)",
        changed_in: "after 6.2",
    },
    ProfileDifference {
        what: "`==`/`!=` with a constant at an end of the other register's range",
        series: "narrows only the branch where they are equal (`r1` in [0, 8], `if r1 == 8`: still [0, 8] on the other)",
        linux_6_18: "the branch where they differ moves that end by one ([0, 7]); the signed and, for JMP32, the 32-bit ends too",
        changed_in: "after 6.2 (\"bpf: make the verifier tracks the \"not equal\" for regs\")",
    },
    ProfileDifference {
        what: "a comparison of two registers neither of which is a constant (`if r1 < r2`)",
        series: "decides nothing and narrows neither (`==`/`!=` merge the two ranges)",
        linux_6_18: "decided when the ranges cannot meet; on each branch each register is narrowed by the other's bounds",
        changed_in: "after 6.2 (\"BPF register bounds range vs range support\")",
    },
    ProfileDifference {
        what: "`==`/`!=` where the known bits differ (`r1 &= 0xe; if r1 == 1`)",
        series: "undecided while the constant is inside the range: both branches are walked",
        linux_6_18: "decided by the known bits (`tnum_overlap`)",
        changed_in: "after 6.2 (\"bpf: Use tnums for JEQ/JNE is_branch_taken logic\")",
    },
    ProfileDifference {
        what: "the branch where `r1 & imm` is zero (JSET not taken)",
        series: "clears the bits and keeps the ranges (`r1` in [0, 8], `if r1 & 1`: [0, 8], even)",
        linux_6_18: "clears the bits and learns the ranges again from them ([0, 14])",
        changed_in: "after 6.2",
    },
    ProfileDifference {
        what: "a variable-offset stack access outside the frame",
        series: "`invalid variable-offset read from stack R2 var_off=(0x0; 0xe) size=1`",
        linux_6_18: "the fixed offset too: `... var_off=(0x0; 0xe) off=-9 size=1`",
        changed_in: "after 6.2",
    },
    ProfileDifference {
        what: "a known variable offset in messages (`tnum_strn`)",
        series: "as a tnum: `misaligned stack access off (0x0; 0x0)+-31+0 size 8`",
        linux_6_18: "as a number: `misaligned stack access off 0+-31+0 size 8` (hex above 65535)",
        changed_in: "after 6.2 (`tnum_strn` moved to `kernel/bpf/log.c`)",
    },
];

impl KernelProfile {
    /// Both profiles, the default first.
    pub const ALL: [KernelProfile; 2] = [KernelProfile::Series, KernelProfile::Linux6_18];

    /// The name the command line, the facade and share links use.
    pub fn name(self) -> &'static str {
        match self {
            KernelProfile::Series => "series",
            KernelProfile::Linux6_18 => "6.18",
        }
    }

    /// The profile of a name (`series`, `6.18`; `upstream` is an old name
    /// of `6.18`).
    pub fn from_name(name: &str) -> Option<KernelProfile> {
        match name {
            "series" => Some(KernelProfile::Series),
            "6.18" | "v6.18" | "upstream" => Some(KernelProfile::Linux6_18),
            _ => None,
        }
    }

    /// True for today's kernel: the rules and messages that changed after
    /// the series' era (each listed in [`DIFFERENCES`]).
    pub fn is_today(self) -> bool {
        self == KernelProfile::Linux6_18
    }

    /// The number printed for dynptr argument `argno` (0-based).
    pub fn dynptr_arg_number(self, argno: usize) -> usize {
        match self {
            KernelProfile::Series => argno + 1,
            KernelProfile::Linux6_18 => argno,
        }
    }

    /// Whether a store into a dynptr's slots destroys it (or is refused).
    pub fn stores_destroy_dynptrs(self) -> bool {
        self.is_today()
    }

    /// Whether a constructor may overwrite an unreferenced dynptr.
    pub fn reinit_unreferenced_dynptr(self) -> bool {
        self.is_today()
    }

    /// Whether BPF_ST immediates on the stack are tracked as constants.
    pub fn tracks_st_immediates(self) -> bool {
        self.is_today()
    }

    /// Whether dynptrs take their ids from the verifier's id counter.
    pub fn dynptr_ids_from_id_gen(self) -> bool {
        self.is_today()
    }

    /// Whether `bpf_dynptr_slice_rdwr` is refused at the call in a program
    /// type that may not write packet data.
    pub fn slice_rdwr_needs_packet_writes(self) -> bool {
        self.is_today()
    }

    /// Whether a dynptr that does not fit in the stack frame is "not an
    /// uninitialised dynptr" (today) rather than left to the write check.
    pub fn unfit_dynptr_not_uninit(self) -> bool {
        self.is_today()
    }

    /// Whether a dynptr argument at an offset that is not a multiple of 8
    /// gets today's messages (`offset=-12`, no dynptr found there for an
    /// initialised-dynptr argument).
    pub fn dynptr_offset_messages_today(self) -> bool {
        self.is_today()
    }

    /// Whether a read of uninitialised stack through a helper says
    /// `invalid read from stack` (today) or `invalid indirect read`.
    pub fn indirect_read_word(self) -> &'static str {
        if self.is_today() {
            ""
        } else {
            " indirect"
        }
    }

    /// Whether a helper's output buffer may not cover a dynptr's slots.
    pub fn helper_writes_over_dynptr_refused(self) -> bool {
        self.is_today()
    }

    /// Whether an out-of-range return value prints bounds (`smin=2 smax=2
    /// ... [0, 1]`) rather than a tnum.
    pub fn return_range_as_bounds(self) -> bool {
        self.is_today()
    }

    /// Whether a reference leak adds `... would lead to reference leak`
    /// (today) rather than the era's `cannot be mixed with socket
    /// references` for `ld_abs`.
    pub fn leak_says_would_lead(self) -> bool {
        self.is_today()
    }

    /// Whether the log's C lines name the file and line (`; x = 1; @
    /// prog.c:12`) rather than only the text (`; x = 1;`).
    pub fn linfo_names_file(self) -> bool {
        self.is_today()
    }

    /// Whether the entry's arguments are read from its BTF prototype before
    /// the walk, with a log note for one that cannot be sized.
    pub fn main_prog_args_from_btf(self) -> bool {
        self.is_today()
    }

    /// Whether `reg_bounds_sync` after an ALU operation also deduces the
    /// 32-bit bounds from the 64-bit ones (and mixes signed and unsigned):
    /// `r2 = fp-8; r2 += r1` with r1 in [0, 8] gives `umax32=8`, not the
    /// tnum's 15.
    pub fn deduces_32_from_64(self) -> bool {
        self.is_today()
    }

    /// Whether the series' helpers (212-221) exist: only in the
    /// specification's era; today's kernel says `invalid func unknown#212`.
    pub fn has_series_helpers(self) -> bool {
        !self.is_today()
    }

    /// Whether `bpf_dynptr_data` on an skb or xdp dynptr gives a pointer
    /// into the packet (the series' helper 203) rather than NULL (upstream:
    /// "skb and xdp dynptrs should use bpf_dynptr_slice").
    pub fn packet_dynptr_data(self) -> bool {
        !self.is_today()
    }

    /// Whether a callback is walked as a loop, any number of times (Linux
    /// 6.7, ab5cfac139ab), rather than once with the state at the call
    /// and a join after it (the era's kernel).
    pub fn iterates_callbacks(self) -> bool {
        self.is_today()
    }

    /// Whether an accepted program's level-1 log keeps only the statistics.
    pub fn accepted_log_is_stats_only(self) -> bool {
        self.is_today()
    }

    /// Whether a read of never-written stack is allowed (and yields an
    /// unknown scalar) for a privileged loader (`env->allow_uninit_stack`).
    pub fn allow_uninit_stack(self) -> bool {
        self.is_today()
    }

    /// Whether global functions are verified after the main program and
    /// only when called (today), rather than all of them first.
    pub fn global_subprogs_lazily(self) -> bool {
        self.is_today()
    }

    /// Whether the global function messages name the function.
    pub fn global_func_messages_name_it(self) -> bool {
        self.is_today()
    }

    /// Whether conditional jumps are decided and narrowed as today's kernel
    /// does them (`branch_refine.rs`): two registers' ranges against each
    /// other, the known bits of `==`/`!=`, a constant at an end of a range,
    /// JSET's false branch (four rows of [`DIFFERENCES`]).
    pub fn branches_refine_both_registers(self) -> bool {
        self.is_today()
    }

    /// Whether `invalid variable-offset ... stack` prints the fixed offset
    /// (`off=-9`) before the size.
    pub fn var_stack_message_has_off(self) -> bool {
        self.is_today()
    }

    /// Whether `tnum_strn` prints a known tnum as a number (`0`) rather
    /// than `(0x0; 0x0)`.
    pub fn tnum_prints_constants(self) -> bool {
        self.is_today()
    }

    /// Whether the log prints states in today's format.
    pub fn log_today(self) -> bool {
        self.is_today()
    }

    /// Whether a stack access out of bounds through a helper says what the
    /// helper does (` read from`, ` write to`) rather than the era's
    /// ` indirect access to`, and a variable offset's message adds `off=`.
    pub fn stack_bounds_messages_today(self) -> bool {
        self.is_today()
    }
}

impl std::fmt::Display for KernelProfile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_old_names_are_read() {
        for p in KernelProfile::ALL {
            assert_eq!(KernelProfile::from_name(p.name()), Some(p));
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(json, format!("\"{}\"", p.name()));
            assert_eq!(serde_json::from_str::<KernelProfile>(&json).unwrap(), p);
        }
        assert_eq!(
            serde_json::from_str::<KernelProfile>("\"Upstream\"").unwrap(),
            KernelProfile::Linux6_18
        );
        assert_eq!(KernelProfile::from_name("6.1"), None);
    }

    #[test]
    fn every_difference_is_filled_in() {
        for d in DIFFERENCES {
            assert!(
                !d.what.is_empty() && !d.series.is_empty() && !d.linux_6_18.is_empty(),
                "{d:?}"
            );
            assert!(!d.changed_in.is_empty(), "{d:?}");
        }
    }
}
