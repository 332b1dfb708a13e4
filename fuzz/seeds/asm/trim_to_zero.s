; trim_to_zero: trimming a dynptr by its whole size leaves an empty view at the
; same offset: size 0, offset 0, and a 1-byte read fails with -E2BIG.
; expect: accept
; run: r0 = 0
.program trim_to_zero raw_tp
.bss buf 16

	r1 = buf ll
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_dynptr_from_mem
	r6 = 1
	if r0 != 0 goto done
	r1 = r10
	r1 += -16
	r2 = 16
	call bpf_dynptr_trim
	r6 = 2
	if r0 != 0 goto done
	r1 = r10
	r1 += -16
	call bpf_dynptr_get_size
	r6 = 3
	if r0 != 0 goto done
	r1 = r10
	r1 += -16
	call bpf_dynptr_get_offset
	r6 = 4
	if r0 != 0 goto done
	r1 = r10
	r1 += -24
	r2 = 1
	r3 = r10
	r3 += -16
	r4 = 0
	r5 = 0
	call bpf_dynptr_read
	r6 = 5
	if r0 != -7 goto done
	r1 = r10
	r1 += -16
	call bpf_dynptr_is_null		; empty is not null
	r6 = 6
	if r0 != 0 goto done
	r6 = 0
done:
	r0 = r6
	exit
