; kfunc_adjust: the upstream bpf_dynptr_adjust(ptr, start, end) narrows the
; view to [start, end) in one call (the series' advance + trim); start > end
; gives -EINVAL, end > size -ERANGE, and neither changes anything.
; expect: accept
; run: r0 = 0
; ringbuf-records: 0
; upstream: accept
.program kfunc_adjust raw_tp
.map ringbuf ringbuf max_entries=4096

	r1 = ringbuf ll
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr
	r6 = 1
	if r0 != 0 goto done
	r1 = r10
	r1 += -16
	r2 = 4
	r3 = 12
	call bpf_dynptr_adjust
	r6 = 2
	if r0 != 0 goto done
	r1 = r10
	r1 += -16
	call bpf_dynptr_size
	r6 = 3
	if r0 != 8 goto done
	r1 = r10
	r1 += -16
	r2 = 6
	r3 = 2
	call bpf_dynptr_adjust		; start > end
	r6 = 4
	if w0 != -22 goto done		; -EINVAL
	r1 = r10
	r1 += -16
	r2 = 0
	r3 = 9
	call bpf_dynptr_adjust		; end > size
	r6 = 5
	if w0 != -34 goto done		; -ERANGE
	r1 = r10
	r1 += -16
	call bpf_dynptr_size
	r6 = 6
	if r0 != 8 goto done
	r6 = 0
done:
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_discard_dynptr
	r0 = r6
	exit
