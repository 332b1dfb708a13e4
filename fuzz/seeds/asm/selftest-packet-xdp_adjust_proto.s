.program xdp_adjust_proto xdp

    r2 = 0
    *(u8 *)(r10 - 17) = r2
    r3 = r10
    r3 += -16
    r2 = 0
    call kfunc bpf_dynptr_from_xdp
    r1 = r0
    r0 = 4294967295 ll
    r1 <<= 32
    r1 >>= 32
    if r1 != 0 goto +33 <LBB2_5>
    r1 = r10
    r1 += -16
    r2 = 14
    r3 = 34
    call bpf_dynptr_adjust
    r1 = r0
    r0 = 4294967294 ll
    r1 <<= 32
    r1 >>= 32
    if r1 != 0 goto +22 <LBB2_5>
    r1 = r10
    r1 += -16
    call bpf_dynptr_size
    r1 = r0
    r0 = 4294967293 ll
    r1 <<= 32
    r1 >>= 32
    if r1 != 20 goto +13 <LBB2_5>
    r1 = r10
    r1 += -17
    r3 = r10
    r3 += -16
    r2 = 1
    r4 = 9
    r5 = 0
    call bpf_dynptr_read
    r1 = r0
    r0 = 4294967292 ll
    if r1 != 0 goto +1 <LBB2_5>
    r0 = *(u8 *)(r10 - 17)
LBB2_5:
    exit
