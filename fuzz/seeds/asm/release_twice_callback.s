; release_twice_callback: the dynptr is submitted, then a bpf_loop callback
; reached through the loop's context tries to discard it again.
; expect: reject
; message: arg 1 is an unacquired reference
; upstream: reject "arg 1 is an unacquired reference"
.program release_twice_callback raw_tp
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
	r1 = 1
	r2 = discard_cb ll
	r3 = r10
	r3 += -16
	r4 = 0
	call bpf_loop
	r0 = 0
	exit

discard_cb:
	; r1: the index; r2: the context, the caller's (released) dynptr
	r1 = r2
	r2 = 0
	call bpf_ringbuf_discard_dynptr
	r0 = 0
	exit
