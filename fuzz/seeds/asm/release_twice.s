; release_twice: the reference of a ring buffer dynptr is dropped by the first
; release; a second release (discard after submit) has nothing to release.
; expect: reject
; message: arg 1 is an unacquired reference
; upstream: reject "arg 1 is an unacquired reference"
.program release_twice raw_tp
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
	call bpf_ringbuf_submit_dynptr
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_discard_dynptr
	r0 = 0
	exit
