; dynptr_get_size_invalid: bpf_dynptr_get_size takes an initialized dynptr
; only. The ring buffer dynptr at fp-16 was discarded before the call: the
; release turned its stack slots back into invalid ones.
; expect: reject
; message: Expected an initialized dynptr as arg #1
.program dynptr_get_size_invalid raw_tp
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
	call bpf_ringbuf_discard_dynptr
	r1 = r10
	r1 += -16
	call bpf_dynptr_get_size		; the dynptr is gone
	r0 = 0
	exit
