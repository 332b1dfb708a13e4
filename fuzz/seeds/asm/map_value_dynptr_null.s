; map_value_dynptr_null: a hash map lookup may return NULL; a dynptr over its
; result needs the NULL check first. (A hash map, because Linux 6.15 and later
; know that an array lookup with a constant in-range key cannot fail.)
; expect: reject
; message: R1 type=map_value_or_null expected=fp
; upstream: reject "R1 type=map_value_or_null expected=fp"
.program map_value_dynptr_null raw_tp
.map hash_map hash key=4 value=16 max_entries=1

	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r1 = hash_map ll
	r2 = r10
	r2 += -4
	call bpf_map_lookup_elem
	r1 = r0				; no NULL check
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -24
	call bpf_dynptr_from_mem
	r0 = 0
	exit
