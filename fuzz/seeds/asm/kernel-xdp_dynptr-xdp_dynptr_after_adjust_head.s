.program xdp_dynptr_after_adjust_head xdp

    r6 = r1
    r1 = 0
    *(u16 *)(r10 - 18) = r1
    r3 = r10
    r3 += -16
    r1 = r6
    r2 = 0
    call kfunc bpf_dynptr_from_xdp
    r1 = r0
    r0 = 1
    r1 <<= 32
    r1 >>= 32
    if r1 != 0 goto +39 <LBB3_4>
    r1 = r6
    r2 = 14
    call bpf_xdp_adjust_head
    r1 = r0
    r0 = 2
    if r1 != 0 goto +33 <LBB3_4>
    r1 = r10
    r1 += -18
    r3 = r10
    r3 += -16
    r2 = 2
    r4 = 0
    r5 = 0
    call bpf_dynptr_read
    r1 = r0
    r0 = 3
    if r1 != 0 goto +22 <LBB3_4>
    r6 = r10
    r6 += -16
    r1 = r6
    call bpf_dynptr_size
    r0 += -2
    r1 = r10
    r1 += -18
    r2 = 1
    r3 = r6
    r4 = r0
    r5 = 0
    call bpf_dynptr_read
    r7 = r0
    r7 = -r7
    r7 &= 255
    r8 = *(u8 *)(r10 - 18)
    r1 = r6
    call bpf_dynptr_size
    r0 <<= 8
    r0 |= r7
    r8 <<= 24
    r0 |= r8
LBB3_4:
    exit
