.program dynptr_as_helper_memory raw_tp
.map ringbuf ringbuf max_entries=4096
.map array_map array key=4 value=16 max_entries=1
.image .bss 32
.bss buf 16 at=0
.bss global_ptr 16 at=16

    r6 = r10
    r6 += -16
    r1 = buf ll
    r2 = 16
    r3 = 0
    r4 = r6
    call bpf_dynptr_from_mem
    r1 = ringbuf ll
    r2 = r6
    r3 = 16
    r4 = 0
    call bpf_ringbuf_output
    r0 = 0
    exit
