.program stack_store_misaligned syscall

    r1 = r10
    r1 += -31
    r2 = 0
    *(u64 *)(r1 + 0) = r2
    r0 = 0
    exit
