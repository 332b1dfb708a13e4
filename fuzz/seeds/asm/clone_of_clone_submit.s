; clone_of_clone_submit: a grandchild clone, 8 bytes into the record, writes
; there; the original sees the bytes at offset 8; submitting the grandchild
; releases the whole family, so nothing leaks. (The clones are made before any
; early exit: a path that skipped them would submit an uninitialized dynptr.)
; expect: accept
; run: r0 = 0
; ringbuf-records: 1
.program clone_of_clone_submit raw_tp
.map ringbuf ringbuf max_entries=4096

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
	r2 += -32
	r3 = 0
	call bpf_dynptr_clone
	r7 = r0
	r1 = r10
	r1 += -32
	r2 = r10
	r2 += -48
	r3 = 8
	call bpf_dynptr_clone		; the grandchild views bytes [8, 16)
	r8 = r0
	; every instance exists on every path from here on, so that the
	; grandchild can be submitted on all of them
	if r6 != 0 goto reserve_failed
	r6 = 2
	if r7 != 0 goto done
	r6 = 3
	if r8 != 0 goto done
	r1 = 0x1122334455667788 ll
	*(u64 *)(r10 - 56) = r1
	r1 = r10
	r1 += -48
	r2 = 0
	r3 = r10
	r3 += -56
	r4 = 8
	r5 = 0
	call bpf_dynptr_write
	r6 = 4
	if r0 != 0 goto done
	r1 = r10
	r1 += -64
	r2 = 8
	r3 = r10
	r3 += -16
	r4 = 8
	r5 = 0
	call bpf_dynptr_read		; the original, at offset 8
	r6 = 5
	if r0 != 0 goto done
	r1 = *(u64 *)(r10 - 64)
	r2 = 0x1122334455667788 ll
	r6 = 6
	if r1 != r2 goto done
	r6 = 0
	goto done
reserve_failed:
	r6 = 1
done:
	r1 = r10
	r1 += -48
	r2 = 0
	call bpf_ringbuf_submit_dynptr	; via the grandchild: releases all three
	r0 = r6
	exit
