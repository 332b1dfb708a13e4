.program xdp_slice_ethertype xdp

    r2 = 0
    *(u16 *)(r10 - 18) = r2
    r3 = r10
    r3 += -16
    r2 = 0
    call kfunc bpf_dynptr_from_xdp
    r1 = r0
    r0 = 100
    r1 <<= 32
    r1 >>= 32
    if r1 != 0 goto +14 <LBB0_3>
    r1 = r10
    r1 += -16
    r3 = r10
    r3 += -18
    r2 = 12
    r4 = 2
    call bpf_dynptr_slice
    r1 = r0
    r0 = 101
    if r1 == 0 goto +4 <LBB0_3>
    r2 = *(u8 *)(r1 + 1)
    r0 = *(u8 *)(r1 + 0)
    r0 <<= 8
    r0 |= r2
LBB0_3:
    exit
