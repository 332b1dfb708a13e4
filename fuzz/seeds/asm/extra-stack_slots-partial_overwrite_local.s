.program partial_overwrite_local raw_tp
.map ringbuf ringbuf max_entries=4096
.map array_map array key=4 value=16 max_entries=1
.image .bss 32
.bss buf 16 at=0
.bss global_ptr 16 at=16

    r7 = 0
    r6 = r10
    r6 += -16
    r1 = buf ll
    r2 = 16
    r3 = 0
    r4 = r6
    call bpf_dynptr_from_mem
    *(u8 *)(r10 - 16) = r7
    r1 = r6
    r2 = 0
    r3 = 1
    call bpf_dynptr_data
    r0 = 0
    exit
