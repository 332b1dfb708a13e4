; kfunc_clone_submit: the upstream bpf_dynptr_clone (no offset argument) makes
; a clone that shares the reservation; submitting the clone releases both.
; `call kfunc` picks the kfunc where a series helper has the same name.
; expect: accept
; run: r0 = 0
; ringbuf-records: 1
; upstream: accept
.program kfunc_clone_submit raw_tp
.map ringbuf ringbuf max_entries=4096

	r1 = ringbuf ll
	r2 = 8
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr
	r1 = r10
	r1 += -16
	r2 = r10
	r2 += -32
	call kfunc bpf_dynptr_clone
	r1 = 0x0807060504030201 ll
	*(u64 *)(r10 - 40) = r1
	r1 = r10
	r1 += -32
	r2 = 0
	r3 = r10
	r3 += -40
	r4 = 8
	r5 = 0
	call bpf_dynptr_write		; through the clone
	r1 = r10
	r1 += -32
	r2 = 0
	call bpf_ringbuf_submit_dynptr	; releases the parent too
	r0 = 0
	exit
