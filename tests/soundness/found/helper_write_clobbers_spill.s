; Found by tests/soundness.rs (seed 3, families#706, Linux 6.18 profile; the
; series profile has the same hole with an initialised buffer): a helper that
; writes a variable number of bytes (`bpf_probe_read_kernel` with a size in
; 0..255) into the stack left the spilled constant at fp-144 in the
; verifier's state (-1), though the helper may overwrite it. The kernel
; drops raw mode for a variable size and clobbers every byte the helper may
; write (`check_stack_range_initialized`'s `clobber`: spilled scalars become
; unknown STACK_MISC); so does the playground now, in both profiles (and for
; the stack arguments of global functions). The run's fill at the end had
; r1 = 0 where the verifier assumed -1; crate/src/verifier/tests.rs has the
; rejected form (the fill used as a stack offset), which Linux 6.18 refuses.
; expect: accept
.program helper_write_clobbers_spill syscall
	r1 = 0
	*(u64 *)(r10 - 256) = r1
	*(u64 *)(r10 - 248) = r1
	*(u64 *)(r10 - 240) = r1
	*(u64 *)(r10 - 232) = r1
	*(u64 *)(r10 - 224) = r1
	*(u64 *)(r10 - 216) = r1
	*(u64 *)(r10 - 208) = r1
	*(u64 *)(r10 - 200) = r1
	*(u64 *)(r10 - 192) = r1
	*(u64 *)(r10 - 184) = r1
	*(u64 *)(r10 - 176) = r1
	*(u64 *)(r10 - 168) = r1
	*(u64 *)(r10 - 160) = r1
	*(u64 *)(r10 - 152) = r1
	*(u64 *)(r10 - 136) = r1
	*(u64 *)(r10 - 128) = r1
	*(u64 *)(r10 - 120) = r1
	*(u64 *)(r10 - 112) = r1
	*(u64 *)(r10 - 104) = r1
	*(u64 *)(r10 - 96) = r1
	*(u64 *)(r10 - 88) = r1
	*(u64 *)(r10 - 80) = r1
	*(u64 *)(r10 - 72) = r1
	*(u64 *)(r10 - 64) = r1
	*(u64 *)(r10 - 56) = r1
	*(u64 *)(r10 - 48) = r1
	*(u64 *)(r10 - 40) = r1
	*(u64 *)(r10 - 32) = r1
	*(u64 *)(r10 - 24) = r1
	*(u64 *)(r10 - 16) = r1
	*(u64 *)(r10 - 8) = r1
	r1 = -1
	*(u64 *)(r10 - 144) = r1
	*(u64 *)(r10 - 192) = r1
	call bpf_get_prandom_u32
	r0 &= 0xff
	r2 = r0
	r1 = r10
	r1 += -256
	r3 = r10
	r3 += -192
	call bpf_probe_read_kernel
	r1 = *(u64 *)(r10 - 144)
	r0 = r1
	exit
