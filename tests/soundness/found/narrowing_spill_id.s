; Found by tests/soundness.rs (seed 10, families#1403, Linux 6.18 profile):
; a 2-byte spill of a wider scalar kept the register's id, so the branch on
; the 2-byte fill bounded the original: the verifier took r0 for 0..3 at the
; `r0 >>= 2` (and for 4..0xffff at `out`), and every run has r0 >= 0x10000. Both profiles had the hole (the
; era's 6.1.0 too); fixed as upstream did in 713274f1f2c8 ("bpf: Fix
; verifier id tracking of scalars on spill", 6.4, 6.1.36): a narrowing
; spill clears the slot's id. crate/src/verifier/tests.rs has the rejected
; form (the offset used for a stack access).
; expect: accept
.program narrowing_spill_id xdp
	call bpf_get_prandom_u32
	r0 &= 0xfffff
	r0 |= 0x10000
	r8 = r0
	*(u16 *)(r10 - 16) = r8
	r8 = *(u16 *)(r10 - 16)
	if r8 > 3 goto out
	r0 >>= 2
out:
	r0 = 0
	exit
