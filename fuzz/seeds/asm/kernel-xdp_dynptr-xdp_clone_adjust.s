.program xdp_clone_adjust xdp

    r2 = 0
    *(u8 *)(r10 - 33) = r2
    r3 = r10
    r3 += -16
    r2 = 0
    call kfunc bpf_dynptr_from_xdp
    r6 = 1
    r0 <<= 32
    r0 >>= 32
    if r0 != 0 goto +38 <LBB2_5>
    r1 = r10
    r1 += -16
    r2 = r10
    r2 += -32
    call kfunc bpf_dynptr_clone
    r6 = 2
    r0 <<= 32
    r0 >>= 32
    if r0 != 0 goto +29 <LBB2_5>
    r1 = r10
    r1 += -32
    r2 = 14
    r3 = 30
    call bpf_dynptr_adjust
    r6 = 3
    r0 <<= 32
    r0 >>= 32
    if r0 != 0 goto +20 <LBB2_5>
    r1 = r10
    r1 += -32
    r3 = r10
    r3 += -33
    r2 = 0
    r4 = 1
    call bpf_dynptr_slice
    r6 = 4
    if r0 == 0 goto +11 <LBB2_5>
    r6 = *(u8 *)(r0 + 0)
    r6 <<= 16
    r1 = r10
    r1 += -32
    call bpf_dynptr_size
    r0 <<= 8
    r6 |= r0
    r1 = r10
    r1 += -16
    call bpf_dynptr_size
    r6 |= r0
LBB2_5:
    r0 = r6
    exit
