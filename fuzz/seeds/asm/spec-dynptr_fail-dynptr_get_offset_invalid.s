.program dynptr_get_offset_invalid raw_tp
.map ringbuf ringbuf max_entries=4096
.image .bss 32
.bss buf 32 at=0

    r4 = r10
    r4 += -16
    r1 = buf ll
    r2 = 16
    r3 = 0
    call bpf_dynptr_from_mem
    r1 = r10
    r1 += -32
    call bpf_dynptr_get_offset
    r0 = 0
    exit
