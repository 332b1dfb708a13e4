.program refine_jne_known_bits syscall

    call bpf_get_prandom_u32
    r6 = r0
    r6 &= 14
    if r6 != 1 goto +3 <LBB7>
    r0 = 0
    r0 = *(u64 *)(r0 + 0)
    exit
LBB7:
    r0 = 0
    exit
