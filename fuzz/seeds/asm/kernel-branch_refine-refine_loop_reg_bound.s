.program refine_loop_reg_bound syscall

    r1 = 0
    *(u64 *)(r10 - 8) = r1
    call bpf_get_prandom_u32
    r6 = r0
    r6 &= 7
    call bpf_get_prandom_u32
    r7 = r0
    r7 &= 3
    r8 = 0
LBB9:
    if r7 >= r6 goto +7 <LBB17>
    r2 = r10
    r2 += -8
    r2 += r7
    r0 = *(u8 *)(r2 + 0)
    r8 += r0
    r7 += 1
    goto -8 <LBB9>
LBB17:
    r0 = r8
    exit
