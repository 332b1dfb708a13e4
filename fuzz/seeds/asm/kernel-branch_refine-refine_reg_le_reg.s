.program refine_reg_le_reg syscall

    r1 = 0
    *(u64 *)(r10 - 8) = r1
    call bpf_get_prandom_u32
    r6 = r0
    call bpf_get_prandom_u32
    r7 = r0
    if r7 > 7 goto +6 <LBB13>
    if r6 > r7 goto +5 <LBB13>
    r2 = r10
    r2 += -8
    r2 += r6
    r0 = *(u8 *)(r2 + 0)
    exit
LBB13:
    r0 = 0
    exit
