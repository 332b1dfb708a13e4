; map_value_dynptr: a local dynptr over an array map's value (looked up and
; NULL-checked): bytes written through the dynptr are in the map value.
; expect: accept
; run: r0 = 0
; upstream: accept
.program map_value_dynptr raw_tp
.map array_map array key=4 value=16 max_entries=1

	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r1 = array_map ll
	r2 = r10
	r2 += -4
	call bpf_map_lookup_elem
	if r0 == 0 goto fail
	r6 = r0
	r1 = r6
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -24
	call bpf_dynptr_from_mem
	if r0 != 0 goto fail
	r1 = 0x1122334455667788 ll
	*(u64 *)(r10 - 32) = r1
	r1 = r10
	r1 += -24
	r2 = 8
	r3 = r10
	r3 += -32
	r4 = 8
	r5 = 0
	call bpf_dynptr_write		; bytes [8, 16) of the value
	if r0 != 0 goto fail
	r1 = *(u64 *)(r6 + 8)
	r2 = 0x1122334455667788 ll
	if r1 != r2 goto fail
	r0 = 0
	exit
fail:
	r0 = 1
	exit
