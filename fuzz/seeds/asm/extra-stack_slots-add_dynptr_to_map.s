.program add_dynptr_to_map raw_tp
.map ringbuf ringbuf max_entries=4096
.map array_map array key=4 value=16 max_entries=1
.image .bss 32
.bss buf 16 at=0
.bss global_ptr 16 at=16

    r1 = 0
    *(u32 *)(r10 - 20) = r1
    r6 = r10
    r6 += -16
    r1 = ringbuf ll
    r2 = 64
    r3 = 0
    r4 = r6
    call bpf_ringbuf_reserve_dynptr
    r2 = r10
    r2 += -20
    r1 = array_map ll
    r3 = r6
    r4 = 0
    call bpf_map_update_elem
    r1 = r6
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r0 = 0
    exit
