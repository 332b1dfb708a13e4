.program xdp_adjust_size xdp

    r3 = r10
    r3 += -16
    r2 = 0
    call kfunc bpf_dynptr_from_xdp
    r7 = 1
    r0 <<= 32
    r0 >>= 32
    if r0 != 0 goto +26 <LBB1_3>
    r7 = r10
    r7 += -16
    r1 = r7
    call bpf_dynptr_size
    r6 = r0
    r1 = r7
    r2 = 6
    r3 = 20
    call bpf_dynptr_adjust
    r7 = 2
    r0 <<= 32
    r0 >>= 32
    if r0 != 0 goto +13 <LBB1_3>
    r8 = r10
    r8 += -16
    r1 = r8
    call bpf_dynptr_size
    r7 = r0
    r1 = r8
    r2 = 15
    r3 = 14
    call bpf_dynptr_adjust
    r6 *= 10000
    r7 *= 100
    r7 += r6
    r7 -= r0
LBB1_3:
    r0 = r7
    exit
