.program read_dynptr_bytes raw_tp
.map ringbuf ringbuf max_entries=4096
.map array_map array key=4 value=16 max_entries=1
.image .bss 32
.bss buf 16 at=0
.bss global_ptr 16 at=16

    r4 = r10
    r4 += -16
    r1 = buf ll
    r2 = 16
    r3 = 0
    call bpf_dynptr_from_mem
    r0 = *(u64 *)(r10 - 16)
    exit
