.program refine_reg_slt_lower syscall

    r1 = 0
    *(u64 *)(r10 - 8) = r1
    call bpf_get_prandom_u32
    r6 = r0
    call bpf_get_prandom_u32
    r7 = r0
    if r6 s< 0 goto +8 <LBB15>
    if r7 s> 8 goto +7 <LBB15>
    if r6 s>= r7 goto +6 <LBB15>
    r7 += -1
    r2 = r10
    r2 += -8
    r2 += r7
    r0 = *(u8 *)(r2 + 0)
    exit
LBB15:
    r0 = 0
    exit
