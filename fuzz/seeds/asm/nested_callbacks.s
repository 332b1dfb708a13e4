; nested_callbacks: an iterator callback runs a bpf_loop of its own: three
; frames deep. The iterator advances one byte per call over a 4-byte view and
; the inner loop counts 3 per byte: 12.
; expect: accept
; run: r0 = 12
.program nested_callbacks raw_tp
.bss buf 4

	r1 = buf ll
	r2 = 4
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_dynptr_from_mem
	r1 = 0
	*(u64 *)(r10 - 24) = r1		; the counter
	r1 = r10
	r1 += -16
	r2 = per_byte ll
	r3 = r10
	r3 += -24
	r4 = 0
	call bpf_dynptr_iterator
	r0 = *(u64 *)(r10 - 24)
	exit

per_byte:
	r6 = r2
	call bpf_dynptr_get_size	; r1: the view
	if r0 == 0 goto stop		; the empty view after the last byte
	r1 = 3
	r2 = count ll
	r3 = r6
	r4 = 0
	call bpf_loop
	r0 = 1
	exit
stop:
	r0 = 0
	exit

count:
	r1 = *(u64 *)(r2 + 0)
	r1 += 1
	*(u64 *)(r2 + 0) = r1
	r0 = 0
	exit
