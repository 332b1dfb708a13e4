; submit_in_subprog: a bpf-to-bpf subprogram may release the caller's
; dynptr, passed as a pointer into the caller's stack: the reference is the
; program's, not the frame's.
; expect: accept
; run: r0 = 0
; ringbuf-records: 1
; upstream: accept
.program submit_in_subprog raw_tp
.map ringbuf ringbuf max_entries=4096

	r1 = ringbuf ll
	r2 = 8
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr
	r1 = r10
	r1 += -16
	call finish_record
	exit

finish_record:
	; r1: the caller's dynptr
	r6 = r1
	r1 = 7
	*(u64 *)(r10 - 8) = r1
	r1 = r6
	r2 = 0
	r3 = r10
	r3 += -8
	r4 = 8
	r5 = 0
	call bpf_dynptr_write
	r1 = r6
	r2 = 0
	call bpf_ringbuf_submit_dynptr
	r0 = 0
	exit
