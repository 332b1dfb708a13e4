; partial_overwrite_ringbuf: one byte stored into the second slot of a ring
; buffer dynptr (its size/offset words). The dynptr can no longer be used.
; (Linux 6.3 and later refuse the store itself: "cannot overwrite referenced
; dynptr"; the kernel of the series' era refuses the next use.)
; expect: reject
; message: Expected an initialized dynptr as arg #3
; upstream: reject "cannot overwrite referenced dynptr"
.program partial_overwrite_ringbuf raw_tp
.map ringbuf ringbuf max_entries=4096

	r1 = ringbuf ll
	r2 = 64
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr
	r1 = 0
	*(u8 *)(r10 - 8) = r1		; &ptr + 8
	r1 = r10
	r1 += -32
	r2 = 8
	r3 = r10
	r3 += -16
	r4 = 0
	r5 = 0
	call bpf_dynptr_read
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_submit_dynptr
	r0 = 0
	exit
