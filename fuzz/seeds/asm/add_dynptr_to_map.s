; add_dynptr_to_map: a dynptr cannot be stored into a map: bpf_map_update_elem
; would read the dynptr's stack slots as plain bytes.
; expect: reject
; message: invalid indirect read from stack
; upstream: reject "invalid read from stack R3 off"
.program add_dynptr_to_map raw_tp
.map ringbuf ringbuf max_entries=4096
.map array_map array key=4 value=16 max_entries=1

	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r1 = ringbuf ll
	r2 = 64
	r3 = 0
	r4 = r10
	r4 += -32
	call bpf_ringbuf_reserve_dynptr
	r1 = array_map ll
	r2 = r10
	r2 += -4
	r3 = r10
	r3 += -32
	r4 = 0
	call bpf_map_update_elem	; value = the dynptr's 16 bytes
	r1 = r10
	r1 += -32
	r2 = 0
	call bpf_ringbuf_submit_dynptr
	r0 = 0
	exit
