; data_slice_use_after_release: a slice dies with its dynptr: after the submit
; the slice register is a plain scalar.
; expect: reject
; message: invalid mem access 'scalar'
; upstream: reject "R6 invalid mem access 'scalar'"
.program data_slice_use_after_release raw_tp
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
	if r0 == 0 goto discard
	r6 = r0
	r1 = 123
	*(u32 *)(r6 + 0) = r1		; fine: the record is still reserved
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_submit_dynptr
	r1 = 456
	*(u32 *)(r6 + 4) = r1		; the record belongs to the consumer now
	r0 = 0
	exit
discard:
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_discard_dynptr
	r0 = 0
	exit
