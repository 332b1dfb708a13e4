; dynptr_as_helper_memory: a dynptr is not plain memory: passing its stack
; slots as the data of bpf_ringbuf_output would read them byte by byte.
; expect: reject
; message: invalid indirect read from stack
; upstream: reject "invalid read from stack R2 off -16+0 size 16"
.program dynptr_as_helper_memory raw_tp
.map ringbuf ringbuf max_entries=4096
.bss buf 16

	r1 = buf ll
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_dynptr_from_mem
	r1 = ringbuf ll
	r2 = r10
	r2 += -16
	r3 = 16
	r4 = 0
	call bpf_ringbuf_output		; leaks the dynptr's kernel pointer
	r0 = 0
	exit
