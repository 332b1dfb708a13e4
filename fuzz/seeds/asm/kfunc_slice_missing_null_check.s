; kfunc_slice_missing_null_check: the upstream kfunc bpf_dynptr_slice returns
; a read-only pointer or NULL; it must be checked before use.
; expect: reject
; message: invalid mem access 'rdonly_mem_or_null'
; upstream: reject "R0 invalid mem access 'rdonly_mem_or_null'"
.program kfunc_slice_missing_null_check raw_tp
.map ringbuf ringbuf max_entries=4096

	r1 = ringbuf ll
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr
	r1 = r10
	r1 += -16
	r2 = 0
	r3 = 0				; no bounce buffer
	r4 = 8
	call bpf_dynptr_slice
	r6 = *(u64 *)(r0 + 0)		; no NULL check
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_discard_dynptr
	r0 = r6
	exit
