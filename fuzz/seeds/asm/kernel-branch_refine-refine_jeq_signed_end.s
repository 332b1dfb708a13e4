.program refine_jeq_signed_end syscall

    r1 = 0
    *(u64 *)(r10 - 8) = r1
    call bpf_get_prandom_u32
    r1 = r0
    if r1 s> 0 goto +7 <LBB12>
    if r1 s< -8 goto +6 <LBB12>
    if r1 == -8 goto +5 <LBB12>
    r2 = r10
    r2 += -1
    r2 += r1
    r0 = *(u8 *)(r2 + 0)
    exit
LBB12:
    r0 = 0
    exit
