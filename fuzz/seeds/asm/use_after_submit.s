; use_after_submit: after bpf_ringbuf_submit_dynptr the dynptr is no longer
; initialized; reading from it is refused (bpf_dynptr_read's dynptr is arg 3).
; expect: reject
; message: Expected an initialized dynptr as arg #3
; upstream: reject "Expected an initialized dynptr as arg #2"
.program use_after_submit raw_tp
.map ringbuf ringbuf max_entries=4096

	r1 = ringbuf ll
	r2 = 8
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr
	r1 = r10
	r1 += -24
	r2 = 8
	r3 = r10
	r3 += -16
	r4 = 0
	r5 = 0
	call bpf_dynptr_read		; fine while reserved
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_submit_dynptr
	r1 = r10
	r1 += -24
	r2 = 8
	r3 = r10
	r3 += -16
	r4 = 0
	r5 = 0
	call bpf_dynptr_read		; use after submit
	r0 = 0
	exit
