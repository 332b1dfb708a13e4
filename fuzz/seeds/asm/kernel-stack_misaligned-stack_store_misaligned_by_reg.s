.program stack_store_misaligned_by_reg syscall

    r6 = -31
    r1 = r10
    r1 += r6
    r2 = 0
    *(u64 *)(r1 + 0) = r2
    r0 = 0
    exit
