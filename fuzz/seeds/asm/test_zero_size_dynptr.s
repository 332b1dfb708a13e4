; test_zero_size_dynptr: once a dynptr is advanced to its end, or trimmed to
; nothing (size 0), reads and writes of 0 bytes succeed and reads and writes
; of 1 byte fail with -E2BIG. The trimmed one is a clone of the record.
; expect: accept
; run: r0 = 0
; run: err = 0
; ringbuf-records: 0
.program test_zero_size_dynptr tp
.map ringbuf ringbuf max_entries=4096
.bss err 4

	r1 = 0
	*(u64 *)(r10 - 24) = r1
	r1 = ringbuf ll
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr
	r6 = r0
	r1 = r10
	r1 += -16
	r2 = r10
	r2 += -48
	r3 = 0
	call bpf_dynptr_clone		; before any early exit: released with fp-16
	r7 = r0
	if r6 != 0 goto reserve_failed
	r6 = 8
	if r7 != 0 goto done
	r1 = r10
	r1 += -16
	r2 = 16
	call bpf_dynptr_advance
	r6 = 2
	if r0 != 0 goto done
	r1 = r10
	r1 += -16
	call bpf_dynptr_get_size
	r6 = 3
	if r0 != 0 goto done
	r1 = r10
	r1 += -24
	r2 = 0
	r3 = r10
	r3 += -16
	r4 = 0
	r5 = 0
	call bpf_dynptr_read
	r6 = 4
	if r0 != 0 goto done
	r1 = r10
	r1 += -16
	r2 = 0
	r3 = r10
	r3 += -24
	r4 = 0
	r5 = 0
	call bpf_dynptr_write
	r6 = 5
	if r0 != 0 goto done
	r1 = r10
	r1 += -24
	r2 = 1
	r3 = r10
	r3 += -16
	r4 = 0
	r5 = 0
	call bpf_dynptr_read
	r6 = 6
	if r0 != -7 goto done		; -E2BIG
	r1 = r10
	r1 += -16
	r2 = 0
	r3 = r10
	r3 += -24
	r4 = 1
	r5 = 0
	call bpf_dynptr_write
	r6 = 7
	if r0 != -7 goto done
	; the same for the clone, trimmed to nothing
	r1 = r10
	r1 += -48
	r2 = 16
	call bpf_dynptr_trim
	r6 = 9
	if r0 != 0 goto done
	r1 = r10
	r1 += -24
	r2 = 0
	r3 = r10
	r3 += -48
	r4 = 0
	r5 = 0
	call bpf_dynptr_read
	r6 = 10
	if r0 != 0 goto done
	r1 = r10
	r1 += -48
	r2 = 0
	r3 = r10
	r3 += -24
	r4 = 1
	r5 = 0
	call bpf_dynptr_write
	r6 = 11
	if r0 != -7 goto done
	r6 = 0
	goto done
reserve_failed:
	r6 = 1
done:
	r1 = err ll
	*(u32 *)(r1 + 0) = r6
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_discard_dynptr
	r0 = 0
	exit
