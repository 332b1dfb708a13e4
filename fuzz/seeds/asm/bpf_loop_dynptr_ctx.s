; bpf_loop_dynptr_ctx: a bpf_loop callback writes into the caller's ring
; buffer dynptr, reached through the loop's context pointer: byte i = i.
; expect: accept
; run: r0 = 0
; ringbuf-records: 1
.program bpf_loop_dynptr_ctx raw_tp
.map ringbuf ringbuf max_entries=4096

	r1 = ringbuf ll
	r2 = 8
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr
	r6 = 1
	if r0 != 0 goto done
	r1 = 4
	r2 = write_index ll
	r3 = r10
	r3 += -16
	r4 = 0
	call bpf_loop
	r6 = 2
	if r0 != 4 goto done
	r1 = r10
	r1 += -24
	r2 = 4
	r3 = r10
	r3 += -16
	r4 = 0
	r5 = 0
	call bpf_dynptr_read
	r6 = 3
	if r0 != 0 goto done
	r1 = *(u32 *)(r10 - 24)
	r6 = 4
	if r1 != 0x3020100 goto done
	r6 = 0
done:
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_submit_dynptr
	r0 = r6
	exit

write_index:
	; r1: the index; r2: the caller's dynptr
	*(u8 *)(r10 - 8) = r1
	r4 = r1
	r1 = r2
	r2 = r4
	r3 = r10
	r3 += -8
	r4 = 1
	r5 = 0
	call bpf_dynptr_write
	r0 = 0
	exit
