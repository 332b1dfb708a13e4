.program refine_jeq_upper_end syscall

    r1 = 0
    *(u64 *)(r10 - 8) = r1
    call bpf_get_prandom_u32
    r1 = r0
    if r1 > 8 goto +6 <LBB11>
    if r1 == 8 goto +5 <LBB11>
    r2 = r10
    r2 += -8
    r2 += r1
    r0 = *(u8 *)(r2 + 0)
    exit
LBB11:
    r0 = 0
    exit
