.program local_log_shows_calls syscall
.image .bss 32
.bss scratch 32 at=0

    r6 = 0
    *(u32 *)(r10 - 20) = r6
    r4 = r10
    r4 += -16
    r1 = scratch ll
    r2 = 32
    r3 = 0
    call bpf_dynptr_from_mem
    if r0 != 0 goto +9 <LBB6_2>
    r1 = r10
    r1 += -20
    r3 = r10
    r3 += -16
    r2 = 4
    r4 = 0
    r5 = 0
    call bpf_dynptr_read
    r6 = *(u32 *)(r10 - 20)
LBB6_2:
    r0 = r6
    exit
