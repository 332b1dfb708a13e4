; loop_callback_bad_return: a bpf_loop callback returns 0 (continue) or 1
; (stop); here it returns the number of bytes it wrote into the caller's
; dynptr, 2.
; expect: reject
; message: At callback return the register R0 has value (0x2; 0x0) should have been in (0x0; 0x1)
; upstream: reject "At callback return the register R0 has smin=2 smax=2 should have been in [0, 1]"
.program loop_callback_bad_return raw_tp
.map ringbuf ringbuf max_entries=4096

	r1 = ringbuf ll
	r2 = 8
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr
	r1 = 1
	r2 = write_two ll
	r3 = r10
	r3 += -16
	r4 = 0
	call bpf_loop
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_submit_dynptr
	r0 = 0
	exit

write_two:
	r1 = 0x0101
	*(u16 *)(r10 - 8) = r1
	r1 = r2				; the caller's dynptr
	r2 = 0
	r3 = r10
	r3 += -8
	r4 = 2
	r5 = 0
	call bpf_dynptr_write
	r0 = 2				; "bytes written": not 0 or 1
	exit
