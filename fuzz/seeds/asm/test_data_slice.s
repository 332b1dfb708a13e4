; test_data_slice: bpf_dynptr_data gives a direct pointer into a ring buffer
; record; what is stored through it is what bpf_dynptr_read sees; a slice
; that would pass the end of the dynptr is NULL.
; expect: accept
; run: r0 = 0
; run: err = 0
; ringbuf-records: 1
; upstream: accept
.program test_data_slice tp
.map ringbuf ringbuf max_entries=4096
.bss err 4

	r1 = ringbuf ll
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr
	r6 = 1
	if r0 != 0 goto done
	r1 = r10
	r1 += -16
	r2 = 0
	r3 = 16
	call bpf_dynptr_data
	r6 = 2
	if r0 == 0 goto done
	r1 = 0x1122334455667788 ll
	*(u64 *)(r0 + 0) = r1
	r1 = r10
	r1 += -24
	r2 = 8
	r3 = r10
	r3 += -16
	r4 = 0
	r5 = 0
	call bpf_dynptr_read
	r6 = 3
	if r0 != 0 goto done
	r1 = *(u64 *)(r10 - 24)
	r2 = 0x1122334455667788 ll
	r6 = 4
	if r1 != r2 goto done
	r1 = r10
	r1 += -16
	r2 = 8
	r3 = 16
	call bpf_dynptr_data		; [8, 24) is past the end: NULL
	r6 = 5
	if r0 != 0 goto done
	r6 = 0
done:
	r1 = err ll
	*(u32 *)(r1 + 0) = r6
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_submit_dynptr
	r0 = 0
	exit
