; iterator_over_ringbuf: bpf_dynptr_iterator over a 32-byte ring buffer record;
; the callback fills each 8-byte chunk through its own view with
; bpf_dynptr_write, and returns 0 (stop) once the view is too short.
; expect: accept
; run: r0 = 0
; ringbuf-records: 1
.program iterator_over_ringbuf raw_tp
.map ringbuf ringbuf max_entries=4096

	r1 = ringbuf ll
	r2 = 32
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr
	r6 = 1
	if r0 != 0 goto done
	r1 = r10
	r1 += -16
	r2 = fill_chunk ll
	r3 = 0
	r4 = 0
	call bpf_dynptr_iterator
	r6 = 2
	if r0 != 0 goto done
	r1 = r10
	r1 += -24
	r2 = 8
	r3 = r10
	r3 += -16
	r4 = 24				; the last chunk
	r5 = 0
	call bpf_dynptr_read
	r6 = 3
	if r0 != 0 goto done
	r1 = *(u64 *)(r10 - 24)
	r2 = 0xabababababababab ll
	r6 = 4
	if r1 != r2 goto done
	r6 = 0
done:
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_submit_dynptr
	r0 = r6
	exit

fill_chunk:
	r2 = 0xabababababababab ll
	*(u64 *)(r10 - 8) = r2
	r2 = 0
	r3 = r10
	r3 += -8
	r4 = 8
	r5 = 0
	call bpf_dynptr_write		; r1: this chunk's view
	if r0 != 0 goto stop
	r0 = 8
	exit
stop:
	r0 = 0
	exit
