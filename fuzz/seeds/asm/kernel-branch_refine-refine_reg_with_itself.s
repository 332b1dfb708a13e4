.program refine_reg_with_itself syscall

    call bpf_get_prandom_u32
    r1 = r0
    if r1 > r1 goto +2 <LBB5>
    r0 = 0
    exit
LBB5:
    r0 = 0
    r0 = *(u64 *)(r0 + 0)
    exit
