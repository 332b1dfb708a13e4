.program stack_store_misaligned_var syscall

    call bpf_get_prandom_u32
    r0 &= 8
    r1 = r10
    r1 += -32
    r1 += r0
    r2 = 0
    *(u32 *)(r1 + 2) = r2
    r0 = 0
    exit
