.program clone_invalid2 raw_tp
.map ringbuf ringbuf max_entries=4096
.image .bss 32
.bss buf 32 at=0

    r6 = buf ll
    r7 = r10
    r7 += -16
    r1 = buf ll
    r2 = 16
    r3 = 0
    r4 = r7
    call bpf_dynptr_from_mem
    r6 += 16
    r8 = r10
    r8 += -32
    r1 = r6
    r2 = 16
    r3 = 0
    r4 = r8
    call bpf_dynptr_from_mem
    r1 = r7
    r2 = r8
    r3 = 0
    call bpf_dynptr_clone
    r0 = 0
    exit
