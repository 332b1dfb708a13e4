//! Loops: long bounded loops with a register counter (every iteration is
//! processed until the complexity limit) and open-coded iterator loops
//! (which converge at `bpf_iter_num_next`).

use super::*;
use crate::asm::assemble;

fn counter_loop(bound: u32) -> Program {
    let src = format!(
        ".program l syscall\n    r0 = 0\n    r1 = 0\nloop:\n    r0 += r1\n    r1 += 1\n    if r1 < {bound} goto loop\n    exit\n"
    );
    assemble(&src).expect("the loop assembles")
}

/// The counter is compared with a constant, so it is exact and no two
/// iterations' states match: like the kernel, the verifier walks every
/// iteration and stops at the limit. The states the loop head saved are
/// evicted as they keep missing, so few are alive at once (a list that
/// grew with the iterations made each step slower than the last).
#[test]
fn long_counter_loop_hits_the_complexity_limit() {
    let r = verify(&counter_loop(499_000), &VerifierOptions::default());
    assert_eq!(r.verdict, Verdict::Rejected);
    assert_eq!(
        r.message.as_deref(),
        Some("BPF program is too large. Processed 1000001 insn")
    );
    assert_eq!(r.kind, Some(RejectKind::TooComplex));
    assert_eq!(r.stats.insns_processed, 1_000_001);
    assert!(r.stats.peak_states <= 8, "{:?}", r.stats);
    assert!(r.stats.max_states_per_insn <= 8, "{:?}", r.stats);
    assert!(r.states.iter().all(|s| s.states.len() <= 8));
}

/// Just under the limit: every iteration is processed (nothing is pruned
/// away wrongly) and the program is accepted.
#[test]
fn counter_loop_under_the_limit_is_walked_in_full() {
    let r = verify(&counter_loop(300_000), &VerifierOptions::default());
    assert_eq!(r.verdict, Verdict::Accepted, "{:?}", r.message);
    assert_eq!(r.stats.insns_processed, 3 * 300_000 + 3);
    assert!(r.stats.peak_states <= 8, "{:?}", r.stats);
}

/// A loop that cannot change its state is still found while the states
/// saved at its head are being evicted.
#[test]
fn infinite_loop_found_among_evicted_states() {
    let src = ".program l syscall\n    r0 = 0\n    r1 = 0\nloop:\n    r1 += 1\n    if r1 < 1000 goto loop\n    r2 = 0\nspin:\n    r0 += 0\n    if r2 == 0 goto spin\n    exit\n";
    let r = verify(
        &assemble(src).expect("assembles"),
        &VerifierOptions::default(),
    );
    assert_eq!(
        r.message.as_deref(),
        Some("infinite loop detected at insn 5"),
        "{}",
        r.log
    );
}

/// At level 1 the log of the failing path ends with the message and the
/// statistics.
#[test]
fn limit_log_ends_with_message_and_statistics() {
    let opts = VerifierOptions {
        log_level: 1,
        complexity_limit: 5000,
        ..Default::default()
    };
    let r = verify(&counter_loop(499_000), &opts);
    let tail: Vec<&str> = r.log.lines().rev().take(2).collect();
    assert!(
        tail[0].starts_with("processed 5001 insns (limit 5000)"),
        "{tail:?}"
    );
    assert_eq!(tail[1], "BPF program is too large. Processed 5001 insn");
}

fn iter_loop(body: &str, after: &str) -> Program {
    let src = format!(
        ".program it syscall\n.data sum 8 = 0\n    r1 = r10\n    r1 += -8\n    r2 = 0\n    r3 = 100\n    call kfunc bpf_iter_num_new\n    r6 = 0\n    r7 = 0\nloop:\n    r1 = r10\n    r1 += -8\n    call kfunc bpf_iter_num_next\n    if r0 == 0 goto done\n{body}    goto loop\ndone:\n    r1 = r10\n    r1 += -8\n    call kfunc bpf_iter_num_destroy\n{after}    r0 = 0\n    exit\n"
    );
    assemble(&src).expect("the iterator loop assembles")
}

/// The sum of 0..100 kept in r6 and stored to a global after the loop:
/// every pass has a different range, so without widening the walk never
/// converges ("The sequence of 8193 jumps is too complex" before). As in
/// Linux 6.7+, the next iteration is queued with r6 widened to unknown
/// (its value decides nothing) and the loop converges at `next`.
#[test]
fn iterator_sum_in_a_register_converges() {
    let p = iter_loop(
        "    r1 = *(u32 *)(r0 + 0)\n    r6 += r1\n",
        "    r1 = sum ll\n    *(u64 *)(r1 + 0) = r6\n",
    );
    let r = verify(&p, &VerifierOptions::default());
    assert_eq!(r.verdict, Verdict::Accepted, "{:?}", r.message);
    assert!(r.stats.insns_processed < 200, "{:?}", r.stats);
    let p = iter_loop(
        "    r6 += 1\n",
        "    r1 = sum ll\n    *(u64 *)(r1 + 0) = r6\n",
    );
    assert!(verify(&p, &VerifierOptions::default()).accepted());
}

/// A counter used as a stack offset decides memory safety: it is not
/// widened (that would fail the second pass with a variable-offset
/// write), each pass is walked, and the pass whose write reaches the
/// iterator's own slot at fp-8 breaks it.
#[test]
fn iterator_index_used_as_offset_is_not_widened() {
    let body = "    r1 = r10\n    r1 += -64\n    r1 += r7\n    r2 = 0\n    *(u8 *)(r1 + 0) = r2\n    r7 += 1\n";
    let r = verify(&iter_loop(body, ""), &VerifierOptions::default());
    assert_eq!(r.verdict, Verdict::Rejected, "accepted: {:?}", r.stats);
    assert_eq!(
        r.message.as_deref(),
        Some("expected an initialized iter_num as arg #0")
    );
    assert!(r.stats.insns_processed > 56 * 8, "{:?}", r.stats);
}

/// A long walk tells its progress every 16,384 instructions processed.
#[test]
fn verify_with_progress_counts_the_instructions_processed() {
    let mut seen = Vec::new();
    let r = verify_with_progress(
        &counter_loop(20_000),
        &VerifierOptions::default(),
        &mut |n| seen.push(n),
    );
    assert_eq!(r.stats.insns_processed, 3 * 20_000 + 3);
    assert_eq!(seen, vec![16_384, 32_768, 49_152]);
}
