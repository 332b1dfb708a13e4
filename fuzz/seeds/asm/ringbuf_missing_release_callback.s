; ringbuf_missing_release_callback: a bpf_loop callback reserves a record on
; its own stack and returns without releasing it.
; expect: reject
; message: Unreleased reference id
; upstream: reject "Unreleased reference id=2"
.program ringbuf_missing_release_callback raw_tp
.map ringbuf ringbuf max_entries=4096

	r1 = 4
	r2 = reserve_cb ll
	r3 = 0
	r4 = 0
	call bpf_loop
	r0 = 0
	exit

reserve_cb:
	r1 = ringbuf ll
	r2 = 8
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr
	r0 = 0
	exit
