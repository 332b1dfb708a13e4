.program refine_reg_ranges_apart syscall

    call bpf_get_prandom_u32
    r6 = r0
    r6 &= 7
    r6 += 10
    call bpf_get_prandom_u32
    r7 = r0
    r7 &= 7
    if r6 > r7 goto +3 <LBB11>
    r0 = 0
    r0 = *(u64 *)(r0 + 0)
    exit
LBB11:
    r0 = 0
    exit
