.program dynptr_is_rdonly_invalid raw_tp
.map ringbuf ringbuf max_entries=4096
.image .bss 32
.bss buf 32 at=0

    r1 = 0
    *(u64 *)(r10 - 16) = r1
    r1 = 1152921504606846992 ll
    *(u64 *)(r10 - 8) = r1
    r1 = r10
    r1 += -16
    call bpf_dynptr_is_rdonly
    r0 = 0
    exit
