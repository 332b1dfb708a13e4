.program skb_slice_ttl tc

    r3 = r10
    r3 += -16
    r2 = 0
    call kfunc bpf_dynptr_from_skb
    r1 = r0
    r0 = 4294967295 ll
    r1 <<= 32
    r1 >>= 32
    if r1 != 0 goto +12 <LBB0_3>
    r1 = r10
    r1 += -16
    r3 = r10
    r3 += -36
    r2 = 14
    r4 = 20
    call bpf_dynptr_slice
    r1 = r0
    r0 = 4294967294 ll
    if r1 == 0 goto +1 <LBB0_3>
    r0 = *(u8 *)(r1 + 8)
LBB0_3:
    exit
