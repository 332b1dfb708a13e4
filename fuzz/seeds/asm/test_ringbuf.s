; test_ringbuf: reserve a sample { u32 pid; u32 seq; u64 value; } through a
; ring buffer dynptr, fill it through a data slice and submit it.
; expect: accept
; run: r0 = 0
; run: err = 0
; ringbuf-records: 1
; upstream: accept
.program test_ringbuf tp
.map ringbuf ringbuf max_entries=4096
.bss err 4

	r1 = ringbuf ll
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr
	if r0 != 0 goto fail
	r1 = r10
	r1 += -16
	r2 = 0
	r3 = 16
	call bpf_dynptr_data
	if r0 == 0 goto fail
	r6 = r0
	call bpf_get_current_pid_tgid
	r0 >>= 32
	*(u32 *)(r6 + 0) = r0		; sample->pid
	r1 = 1
	*(u32 *)(r6 + 4) = r1		; sample->seq
	r1 = 42
	*(u64 *)(r6 + 8) = r1		; sample->value
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_submit_dynptr
	r0 = 0
	exit
fail:
	r1 = err ll
	r2 = 1
	*(u32 *)(r1 + 0) = r2
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_discard_dynptr
	r0 = 0
	exit
