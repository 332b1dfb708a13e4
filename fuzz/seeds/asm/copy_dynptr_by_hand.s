; copy_dynptr_by_hand: copying a dynptr with two 8-byte loads and stores is not
; a clone (bpf_dynptr_clone is): the first load is already refused.
; expect: reject
; message: invalid read from stack
; upstream: reject "invalid read from stack off"
.program copy_dynptr_by_hand raw_tp
.map ringbuf ringbuf max_entries=4096

	r1 = ringbuf ll
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr
	r1 = *(u64 *)(r10 - 8)		; size and offset words
	*(u64 *)(r10 - 24) = r1
	r1 = *(u64 *)(r10 - 16)
	*(u64 *)(r10 - 32) = r1
	r1 = r10
	r1 += -32
	r2 = 0
	call bpf_ringbuf_submit_dynptr
	r0 = 0
	exit
