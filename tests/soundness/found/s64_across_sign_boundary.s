; Found by tests/soundness.rs (seed 10, kernel_gen#36430, Linux 6.18
; profile): r8 = [32, U64_MAX] << 55 has s64 bounds across the sign
; boundary; on the false branch of `if r8 s<= -4` (smin = -3) the u64 range
; meets only the non-negative part, and `__reg64_deduce_bounds` must take
; the u64 maximum from the s64 maximum. The playground took the s64 maximum
; from the u64 one, emptied the range and concluded r8 = 0 (an escape at
; `r0 = r8`; with r8 as a stack offset the program was accepted). Linux 6.18
; keeps r8 in [0, 0x7f80000000000000] (00bf8d0c6c9b, "bpf: Improve bounds when s64 crosses
; sign boundary", in 6.18); the series profile never had this rule.
; expect: accept
.program s64_across_sign_boundary xdp
	call bpf_get_prandom_u32
	r8 = r0
	call bpf_get_prandom_u32
	r8 <<= 32
	r8 |= r0
	r9 = 55
	if r8 <= 31 goto out
	r8 <<= r9
	if r8 s<= -4 goto out
	r0 = r8
	exit
out:
	r0 = 0
	exit
