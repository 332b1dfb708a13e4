.program refine_jset_false_forgets_range syscall

    r1 = 0
    *(u64 *)(r10 - 16) = r1
    *(u64 *)(r10 - 8) = r1
    call bpf_get_prandom_u32
    r1 = r0
    if r1 > 8 goto +6 <LBB12>
    if r1 & 1 goto +5 <LBB12>
    r2 = r10
    r2 += -9
    r2 += r1
    r0 = *(u8 *)(r2 + 0)
    exit
LBB12:
    r0 = 0
    exit
