; Found while fixing helper_write_clobbers_spill.s (the same rule, another
; memory): `bpf_probe_read_kernel` into a `.rodata` value with a variable
; size was accepted, and the run faulted writing read-only memory. A
; variable size drops raw mode (the kernel's `meta = NULL`), and the
; read-only check looked at raw mode instead of whether the helper writes.
; Linux 6.18 refuses it ("write into map forbidden, value_size=16 off=0
; size=7": the access type comes from the argument since 37cce22dbd51,
; "bpf: verifier: Refactor helper access type tracking", 6.13); the era's
; 6.1 let it through (check_map_access_type with BPF_READ). Both profiles
; refuse it now.
; expect: reject
; message: write into map forbidden, value_size=16 off=0 size=7
.program var_size_write_into_rodata syscall
.rodata k 16 = 5
	*(u64 *)(r10 - 8) = 0
	*(u64 *)(r10 - 16) = 0
	call bpf_get_prandom_u32
	r0 &= 7
	r2 = r0
	r1 = k ll
	r3 = r10
	r3 += -16
	call bpf_probe_read_kernel
	r0 = 0
	exit
