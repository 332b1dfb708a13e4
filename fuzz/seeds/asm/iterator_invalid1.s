; iterator_invalid1: a reference acquired inside an iterator callback must be
; released inside that callback. The callback reserves a ring buffer record for
; every chunk and never submits it. (The iterated dynptr is a local one, so the
; leaked reservation is the program's first reference.)
; expect: reject
; message: Unreleased reference id=1
.program iterator_invalid1 raw_tp
.map ringbuf ringbuf max_entries=4096
.bss buf 16

	r1 = buf ll
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_dynptr_from_mem
	r1 = r10
	r1 += -16
	r2 = iterator_invalid1_cb ll
	r3 = 0
	r4 = 0
	call bpf_dynptr_iterator
	r0 = 0
	exit

iterator_invalid1_cb:
	r1 = ringbuf ll
	r2 = 8
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr	; never submitted or discarded
	r0 = 0
	exit
