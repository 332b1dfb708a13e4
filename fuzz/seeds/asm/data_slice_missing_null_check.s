; data_slice_missing_null_check: bpf_dynptr_data returns NULL when the range is
; out of bounds or the dynptr is null or read-only; the result must be checked
; before use.
; expect: reject
; message: invalid mem access 'mem_or_null'
; upstream: reject "R0 invalid mem access 'mem_or_null'"
.program data_slice_missing_null_check raw_tp
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
	r3 = 16
	call bpf_dynptr_data
	r1 = 1
	*(u64 *)(r0 + 0) = r1		; no NULL check
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_submit_dynptr
	r0 = 0
	exit
