; kfunc_slice_write_rdonly: bpf_dynptr_slice gives read-only memory even over
; a writable dynptr; writing needs bpf_dynptr_slice_rdwr.
; expect: reject
; message: cannot write into rdonly_mem
; upstream: reject "R0 cannot write into rdonly_mem"
.program kfunc_slice_write_rdonly raw_tp
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
	r3 = 0
	r4 = 8
	call bpf_dynptr_slice
	if r0 == 0 goto out
	r1 = 1
	*(u64 *)(r0 + 0) = r1		; read-only
out:
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_submit_dynptr
	r0 = 0
	exit
