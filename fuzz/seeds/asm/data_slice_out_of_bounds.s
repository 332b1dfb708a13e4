; data_slice_out_of_bounds: a slice of 8 bytes of a ring buffer record gives
; access to exactly those 8 bytes.
; expect: reject
; message: value is outside of the allowed memory range
; upstream: reject "R0 min value is outside of the allowed memory range"
.program data_slice_out_of_bounds raw_tp
.map ringbuf ringbuf max_entries=4096

	r1 = ringbuf ll
	r2 = 8
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr
	r1 = r10
	r1 += -16
	r2 = 0
	r3 = 8
	call bpf_dynptr_data
	if r0 == 0 goto out
	r1 = 0
	*(u8 *)(r0 + 8) = r1		; one past the slice
out:
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_submit_dynptr
	r0 = 0
	exit
