; overwrite_referenced_dynptr: zeroing the first slot of a reserved ring buffer
; dynptr (e.g. a stray memset) leaves zero bytes, not a dynptr; the record can
; then never be submitted. (Linux 6.3 and later refuse the store itself:
; "cannot overwrite referenced dynptr".)
; expect: reject
; message: Expected an initialized dynptr as arg #1
; upstream: reject "cannot overwrite referenced dynptr"
.program overwrite_referenced_dynptr raw_tp
.map ringbuf ringbuf max_entries=4096

	r1 = ringbuf ll
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr
	r1 = 0
	*(u64 *)(r10 - 16) = r1		; the whole first slot
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_submit_dynptr
	r0 = 0
	exit
