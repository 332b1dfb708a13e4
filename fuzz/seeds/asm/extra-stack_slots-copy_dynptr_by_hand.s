.program copy_dynptr_by_hand raw_tp
.map ringbuf ringbuf max_entries=4096
.map array_map array key=4 value=16 max_entries=1
.image .bss 32
.bss buf 16 at=0
.bss global_ptr 16 at=16

    r4 = r10
    r4 += -16
    r1 = ringbuf ll
    r2 = 16
    r3 = 0
    call bpf_ringbuf_reserve_dynptr
    r1 = *(u64 *)(r10 - 16)
    *(u64 *)(r10 - 32) = r1
    r1 = *(u64 *)(r10 - 8)
    *(u64 *)(r10 - 24) = r1
    r1 = r10
    r1 += -32
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r0 = 0
    exit
