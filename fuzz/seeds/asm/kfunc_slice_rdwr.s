; kfunc_slice_rdwr: the upstream way to write a record through a pointer:
; bpf_dynptr_slice_rdwr over a ring buffer dynptr. Upstream offers
; bpf_dynptr_slice_rdwr only to program types that may write packet data, so
; this is a tc program.
; expect: accept
; packet: 00000000000000000000000008004500007b00000000000600000000000000000000000000000000000000000000500000000000007b
; run: r0 = 0
; ringbuf-records: 1
; upstream: accept
.program kfunc_slice_rdwr tc
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
	r3 = 0
	r4 = 16
	call bpf_dynptr_slice_rdwr
	if r0 == 0 goto discard
	r1 = 0x1122334455667788 ll
	*(u64 *)(r0 + 0) = r1
	r1 = 42
	*(u64 *)(r0 + 8) = r1
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_submit_dynptr
	r0 = 0
	exit
discard:
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_discard_dynptr
	r0 = 1
	exit
