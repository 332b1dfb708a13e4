; Found by tests/soundness.rs (seed 10, a mutant of the selftest
; skb_slice_rdwr_dec_ttl, series profile): after `bpf_dynptr_slice` the
; verifier took its stack buffer for written, but the kfunc returns a
; pointer into the packet when the bytes are contiguous and leaves the
; buffer alone; the run read an unwritten stack byte (a fault where
; uninitialised stack reads are refused). The buffer is now clobbered, not
; marked written, as the write pass of the kernel's check_kfunc_mem_size_reg
; does: unwritten bytes stay unwritten where such reads are refused (series:
; this read is refused), and become STACK_MISC for a loader that may read
; them (6.18, privileged: accepted, and the run reads what the stack holds).
; expect series: reject
; expect 6.18: accept
.program slice_buffer_maybe_unwritten tc
	r6 = r1
	r1 = r6
	r2 = 0
	r3 = r10
	r3 += -16
	call kfunc bpf_dynptr_from_skb
	r1 = r10
	r1 += -16
	r2 = 0
	r3 = r10
	r3 += -40
	r4 = 8
	call kfunc bpf_dynptr_slice
	r0 = *(u8 *)(r10 - 40)
	r0 = 0
	exit
