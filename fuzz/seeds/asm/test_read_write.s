; test_read_write: bytes written into a ring buffer dynptr with
; bpf_dynptr_write read back the same with bpf_dynptr_read.
; (SETUP_SYSCALL_SLEEP: a tracepoint; the record is discarded at the end.)
; expect: accept
; run: r0 = 0
; run: err = 0
; ringbuf-records: 0
; upstream: accept
.program test_read_write tp
.map ringbuf ringbuf max_entries=4096
.bss err 4

	r1 = 0x64202c6f6c6c6568 ll	; "hello, d"
	*(u64 *)(r10 - 32) = r1
	r1 = 0x0021217274706e79 ll	; "ynptr!!\0"
	*(u64 *)(r10 - 24) = r1
	r1 = 0
	*(u64 *)(r10 - 48) = r1
	*(u64 *)(r10 - 40) = r1
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
	r3 = r10
	r3 += -32
	r4 = 16
	r5 = 0
	call bpf_dynptr_write
	r6 = 2
	if r0 != 0 goto done
	r1 = r10
	r1 += -48
	r2 = 16
	r3 = r10
	r3 += -16
	r4 = 0
	r5 = 0
	call bpf_dynptr_read
	r6 = 3
	if r0 != 0 goto done
	r6 = 4
	r1 = *(u64 *)(r10 - 48)
	r2 = *(u64 *)(r10 - 32)
	if r1 != r2 goto done
	r1 = *(u64 *)(r10 - 40)
	r2 = *(u64 *)(r10 - 24)
	if r1 != r2 goto done
	r6 = 0
done:
	r1 = err ll
	*(u32 *)(r1 + 0) = r6
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_discard_dynptr	; released on every path, even a failed reserve
	r0 = 0
	exit
