.program refine_jne_lower_end syscall

    r1 = 0
    *(u64 *)(r10 - 8) = r1
    call bpf_get_prandom_u32
    r1 = r0
    if r1 > 8 goto +1 <LBB6>
    if r1 != 0 goto +2 <LBB8>
LBB6:
    r0 = 0
    exit
LBB8:
    r1 += -1
    r2 = r10
    r2 += -8
    r2 += r1
    r0 = *(u8 *)(r2 + 0)
    exit
