; submit_local_dynptr: bpf_ringbuf_submit_dynptr takes ring buffer dynptrs
; only. A local dynptr (over a global) holds no reference, and the release
; check comes before the type check, so that is what the verifier says.
; expect: reject
; message: arg 1 is an unacquired reference
; upstream: reject "arg 1 is an unacquired reference"
.program submit_local_dynptr raw_tp
.bss buf 16

	r1 = buf ll
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_dynptr_from_mem
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_submit_dynptr
	r0 = 0
	exit
