//! The provenance chain of rejections ([`super::provenance`]): the steps'
//! instructions and roles for each family of rejection, and the numbers the
//! explanation refers to them by.

use super::*;
use crate::asm;

fn verify_src(src: &str, kernel: KernelProfile, record_states: bool) -> Report {
    let p = asm::assemble(src).unwrap_or_else(|e| panic!("assembles: {e:?}"));
    verify(
        &p,
        &VerifierOptions {
            log_level: 1,
            kernel,
            record_states,
            ..Default::default()
        },
    )
}

/// The chain as (insn, role) pairs.
fn chain_of(r: &Report) -> Vec<(usize, &'static str)> {
    r.provenance
        .iter()
        .map(|s| (s.insn, s.role.name()))
        .collect()
}

#[track_caller]
fn chain(src: &str, message: &str) -> Report {
    let r = verify_src(src, KernelProfile::Series, true);
    assert_eq!(r.verdict, Verdict::Rejected, "accepted; log:\n{}", r.log);
    let m = r.message.clone().unwrap_or_default();
    assert!(m.contains(message), "{m:?} lacks {message:?}");
    assert_eq!(
        r.provenance.last().map(|s| (s.insn, s.role)),
        Some((r.insn.unwrap_or(usize::MAX), Role::Rejected)),
        "the chain ends at the rejected instruction: {:?}",
        r.provenance
    );
    // The explanation numbers every step, in order, with its instruction.
    let ex = r.explanation.clone().unwrap_or_default();
    for (i, s) in r.provenance.iter().enumerate() {
        let tag = format!("{} insn {}: ", provenance::marker(i + 1), s.insn);
        assert!(ex.contains(&tag), "explanation lacks {tag:?}: {ex}");
    }
    r
}

macro_rules! example {
    ($f:literal) => {
        include_str!(concat!("../../../static/examples/", $f))
    };
}

#[test]
fn use_after_release_through_a_clone() {
    let r = chain(
        example!("rej_clone_invalidate1.s"),
        "Expected an initialized dynptr",
    );
    assert_eq!(
        chain_of(&r),
        [
            (6, "created"),
            (12, "cloned"),
            (16, "released"),
            (24, "rejected")
        ]
    );
    let t: Vec<&str> = r.provenance.iter().map(|s| s.text.as_str()).collect();
    assert!(
        t[0].contains("ringbuf dynptr fp-16") && t[0].contains("bpf_ringbuf_reserve_dynptr"),
        "{}",
        t[0]
    );
    assert!(t[1].contains("cloned into fp-32"), "{}", t[1]);
    assert!(
        t[2].contains("released by bpf_ringbuf_submit_dynptr") && t[2].contains("fp-16"),
        "{}",
        t[2]
    );
    let ex = r.explanation.unwrap_or_default();
    assert!(
        ex.contains("In short: ① made it, ③ released it, so the use at ④ is invalid."),
        "{ex}"
    );
    // Every step happened on the one path of this walk.
    assert!(r
        .provenance
        .iter()
        .all(|s| s.path == Some(0) && s.visit == 0));
}

#[test]
fn the_clone_is_released_and_the_original_used() {
    let r = chain(
        example!("rej_clone_invalidate2.s"),
        "Expected an initialized dynptr",
    );
    assert_eq!(
        chain_of(&r),
        [
            (6, "created"),
            (12, "cloned"),
            (16, "released"),
            (26, "rejected")
        ]
    );
    // Three clones, one submitted: the chain keeps the whole family.
    let r = chain(
        example!("rej_clone_invalidate3.s"),
        "Expected an initialized dynptr",
    );
    assert_eq!(
        chain_of(&r),
        [
            (6, "created"),
            (12, "cloned"),
            (18, "cloned"),
            (22, "released"),
            (32, "rejected")
        ]
    );
}

#[test]
fn a_slice_dies_with_its_dynptr() {
    let r = chain(
        example!("rej_clone_invalidate4.s"),
        "invalid mem access 'scalar'",
    );
    assert_eq!(
        chain_of(&r),
        [
            (6, "created"),
            (12, "cloned"),
            (17, "slice"),
            (23, "released"),
            (24, "rejected")
        ]
    );
    assert!(r.provenance[2].text.contains("bpf_dynptr_data"));
    assert!(r.provenance[4].text.starts_with("r6 is used as a pointer"));
}

#[test]
fn a_packet_slice_dies_when_packet_data_may_change() {
    let r = chain(
        example!("rej_clone_skb_packet_data.s"),
        "invalid mem access 'scalar'",
    );
    assert_eq!(
        chain_of(&r),
        [
            (4, "created"),
            (10, "cloned"),
            (15, "slice"),
            (20, "invalidated"),
            (21, "rejected")
        ]
    );
    assert!(r.provenance[3].text.contains("bpf_skb_pull_data"));
}

#[test]
fn a_slice_used_without_its_null_check() {
    let src = "\
.program null_slice xdp
    r2 = 0
    r3 = r10
    r3 += -16
    call bpf_dynptr_from_xdp
    r1 = r10
    r1 += -16
    r2 = 0
    r3 = 8
    call bpf_dynptr_data
    r0 = *(u8 *)(r0 + 0)
    r0 = 2
    exit
";
    let r = chain(src, "invalid mem access 'mem_or_null'");
    assert_eq!(
        chain_of(&r),
        [(3, "created"), (8, "slice"), (9, "rejected")]
    );
    let ex = r.explanation.unwrap_or_default();
    assert!(
        ex.contains("② may give NULL, and ③ uses it without a NULL check"),
        "{ex}"
    );
}

#[test]
fn a_read_only_slice_is_written() {
    let r = chain(
        example!("rej_skb_invalid_write.s"),
        "cannot write into rdonly_mem",
    );
    assert_eq!(
        chain_of(&r),
        [(3, "created"), (8, "slice"), (11, "rejected")]
    );
    assert!(
        r.provenance[1].text.contains("read-only"),
        "{}",
        r.provenance[1].text
    );
}

/// A length loaded from a map value, spilled to the stack and passed as a
/// helper's size: the chain starts at the load, through the spill.
const UNBOUNDED_SIZE: &str = "\
.program unbounded_size xdp
.map cfg array key=4 value=4 max_entries=1
    r6 = r1
    r1 = 0
    *(u32 *)(r10 - 4) = r1
    r1 = cfg ll
    r2 = r10
    r2 += -4
    call bpf_map_lookup_elem
    if r0 == 0 goto out
    r7 = *(u32 *)(r0 + 0)
    *(u64 *)(r10 - 8) = r7
    r1 = r6
    r2 = 0
    r3 = r10
    r3 += -32
    call bpf_dynptr_from_xdp
    r1 = r10
    r1 += -96
    r2 = *(u64 *)(r10 - 8)
    r3 = r10
    r3 += -32
    r4 = 0
    r5 = 0
    call bpf_dynptr_read
out:
    r0 = 2
    exit
";

#[test]
fn an_unbounded_size_goes_back_to_its_load_through_a_spill() {
    let r = chain(UNBOUNDED_SIZE, "R2 unbounded memory access");
    assert_eq!(chain_of(&r), [(9, "unbounded"), (23, "rejected")]);
    let t = &r.provenance[0].text;
    assert!(
        t.starts_with("r7 became unbounded here (r7 = *(u32 *)(r0 + 0))"),
        "{t}"
    );
    assert!(t.contains("r7 → fp-8 → r2"), "{t}");
    // The path forked at insn 8: the failing path is the walk's first,
    // the fallthrough of the NULL check.
    assert_eq!(r.provenance[1].path, Some(0));
    // Without recorded states (the command line without --json) the walk
    // finds the same spill from the instructions alone.
    let bare = verify_src(UNBOUNDED_SIZE, KernelProfile::Series, false);
    assert_eq!(chain_of(&bare), chain_of(&r));
}

#[test]
fn an_unbounded_offset_added_to_a_slice() {
    let src = "\
.program unbounded_offset syscall
.map rb ringbuf max_entries=4096
    call bpf_get_prandom_u32
    r8 = r0
    r8 &= 7
    r8 <<= 30
    r1 = rb ll
    r2 = 64
    r3 = 0
    r4 = r10
    r4 += -16
    call bpf_ringbuf_reserve_dynptr
    r1 = r10
    r1 += -16
    r2 = 0
    r3 = 16
    call bpf_dynptr_data
    if r0 == 0 goto out
    r0 += r8
    r1 = *(u8 *)(r0 + 0)
out:
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    r0 = 0
    exit
";
    let r = chain(src, "R0 unbounded memory access");
    assert_eq!(
        chain_of(&r),
        [
            (3, "unbounded"),
            (10, "created"),
            (15, "slice"),
            (17, "offset"),
            (18, "rejected")
        ]
    );
    assert!(
        r.provenance[0].text.contains("r8 <<= 30"),
        "{}",
        r.provenance[0].text
    );
    let ex = r.explanation.unwrap_or_default();
    assert!(
        ex.contains("① made the register unbounded, ④ added it to the pointer"),
        "{ex}"
    );
}

#[test]
fn a_helper_result_used_as_a_signed_size() {
    let src = "\
.program negative_size syscall
    call bpf_get_prandom_u32
    r2 = r0
    r1 = r10
    r1 += -64
    call bpf_get_current_comm
    r0 = 0
    exit
";
    let r = chain(src, "R2 min value is negative");
    assert_eq!(chain_of(&r), [(0, "unbounded"), (4, "rejected")]);
    assert!(r.provenance[0].text.contains("bpf_get_prandom_u32"));
}

#[test]
fn a_leak_names_the_reservation_and_the_branch_that_skips_the_release() {
    let src = "\
.program leak syscall
.map rb ringbuf max_entries=4096
    r1 = rb ll
    r2 = 8
    r3 = 0
    r4 = r10
    r4 += -16
    call bpf_ringbuf_reserve_dynptr
    if r0 != 0 goto fail
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r0 = 0
    exit
fail:
    r0 = 1
    exit
";
    let r = chain(src, "Unreleased reference id=");
    assert_eq!(
        chain_of(&r),
        [(6, "created"), (7, "branch"), (15, "rejected")]
    );
    assert!(
        r.provenance[1].text.contains("jumps"),
        "{}",
        r.provenance[1].text
    );
    // The branch is the fork of the failing path (the walk's second), the
    // creation happened on its parent.
    assert_eq!(r.provenance[0].path, Some(0));
    assert_eq!(r.provenance[2].path, Some(1));
    let ex = r.explanation.unwrap_or_default();
    assert!(
        ex.contains("① took the reference") && ex.contains("the exit at ③ leaks it"),
        "{ex}"
    );
}

#[test]
fn a_release_inside_a_callback_does_not_count() {
    let r = chain(example!("rej_iterator_invalid5.s"), "Unreleased reference");
    assert_eq!(
        chain_of(&r),
        [(13, "created"), (26, "released"), (23, "rejected")]
    );
    assert!(r.provenance[1].text.contains("inside a callback"));
}

#[test]
fn a_register_scratched_by_a_call() {
    let src = ".program scratched syscall\n    r2 = 5\n    call bpf_get_prandom_u32\n    r0 = r2\n    exit\n";
    let r = chain(src, "R2 !read_ok");
    assert_eq!(chain_of(&r), [(1, "scratched"), (2, "rejected")]);
}

#[test]
fn an_invalid_context_traces_r1_to_the_entry() {
    let r = chain(
        example!("rej_skb_invalid_ctx.s"),
        "unknown func bpf_dynptr_from_skb",
    );
    assert_eq!(chain_of(&r), [(0, "ctx"), (3, "rejected")]);
    assert!(
        r.provenance[0].text.contains("raw_tp"),
        "{}",
        r.provenance[0].text
    );
}

#[test]
fn a_callback_return_value_out_of_range() {
    let r = chain(
        example!("rej_iterator_invalid7.s"),
        "At callback return the register R0",
    );
    assert_eq!(
        chain_of(&r),
        [(13, "callback"), (16, "value"), (18, "rejected")]
    );
}

#[test]
fn no_dynptr_ever_built() {
    let r = chain(
        example!("rej_is_null_invalid.s"),
        "Expected an initialized dynptr",
    );
    assert_eq!(chain_of(&r), [(2, "rejected")]);
    assert!(r.provenance[0].text.contains("no dynptr was ever built"));
}

#[test]
fn accepted_programs_have_no_chain() {
    let r = verify_src(example!("ringbuf_advance.s"), KernelProfile::Series, true);
    assert!(r.accepted());
    assert!(r.provenance.is_empty());
}

#[test]
fn the_explanation_splits_into_numbered_lines() {
    let r = chain(
        example!("rej_clone_invalidate1.s"),
        "Expected an initialized dynptr",
    );
    let lines = explain::display_lines(r.explanation.as_deref().unwrap_or_default());
    assert!(
        lines[0].starts_with("Instruction 24 was refused"),
        "{lines:?}"
    );
    assert_eq!(lines[1], "On this path:");
    for (i, s) in r.provenance.iter().enumerate() {
        assert!(
            lines[2 + i].starts_with(&format!("{} insn {}: ", provenance::marker(i + 1), s.insn)),
            "{lines:?}"
        );
    }
    assert!(lines[6].starts_with("In short: "), "{lines:?}");
    assert!(lines[7].starts_with("Fix: "), "{lines:?}");
    assert_eq!(lines.len(), 8);
}

#[test]
fn kfuncs_of_today_give_the_same_chain() {
    // rej_clone_invalidate4 with upstream's kfuncs, under the 6.18 profile.
    let src = example!("rej_clone_invalidate4.s")
        .replace("call bpf_dynptr_clone", "call kfunc bpf_dynptr_clone")
        .replace("call bpf_dynptr_data ", "call kfunc bpf_dynptr_slice")
        .replace("    r3 = 8\n", "    r3 = 0\n    r4 = 8\n");
    let r = verify_src(&src, KernelProfile::Linux6_18, true);
    assert_eq!(
        chain_of(&r),
        [
            (6, "created"),
            (12, "cloned"),
            (18, "slice"),
            (24, "released"),
            (25, "rejected")
        ],
        "{:?}",
        r.message
    );
    assert!(r.provenance[2].text.contains("bpf_dynptr_slice"));
}

#[test]
fn a_store_over_a_dynptr_in_the_era() {
    let src = "\
.program overwrite syscall
.map rb ringbuf max_entries=4096
    r1 = rb ll
    r2 = 16
    r3 = 0
    r4 = r10
    r4 += -16
    call bpf_ringbuf_reserve_dynptr
    r1 = 0
    *(u64 *)(r10 - 16) = r1
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r0 = 0
    exit
";
    let r = chain(src, "Expected an initialized dynptr");
    assert_eq!(
        chain_of(&r),
        [(6, "created"), (8, "overwritten"), (12, "rejected")]
    );
    let ex = r.explanation.unwrap_or_default();
    assert!(
        ex.contains("① made it, ② destroyed it, so the use at ③ is invalid"),
        "{ex}"
    );
}

#[test]
fn a_pointer_into_the_middle_of_a_dynptr() {
    let src = "\
.program middle syscall
.map rb ringbuf max_entries=4096
    r1 = rb ll
    r2 = 16
    r3 = 0
    r4 = r10
    r4 += -16
    call bpf_ringbuf_reserve_dynptr
    r1 = r10
    r1 += -8
    call bpf_dynptr_get_size
    r0 = 0
    exit
";
    let r = chain(src, "Expected an initialized dynptr");
    assert_eq!(chain_of(&r), [(6, "created"), (9, "rejected")]);
    assert!(
        r.provenance[1]
            .text
            .contains("fp-8, which is not the start of a dynptr: it lies inside fp-16"),
        "{}",
        r.provenance[1].text
    );
}

#[test]
fn a_series_helper_under_todays_kernel_is_not_a_program_type_matter() {
    let r = verify_src(
        example!("rej_skb_invalid_ctx.s"),
        KernelProfile::Linux6_18,
        true,
    );
    assert_eq!(chain_of(&r), [(3, "rejected")], "{:?}", r.message);
    assert!(r.provenance[0].text.contains("a helper of the series only"));
}
