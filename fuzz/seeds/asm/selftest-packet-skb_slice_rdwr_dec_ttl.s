.program skb_slice_rdwr_dec_ttl tc

    r2 = 0
    *(u8 *)(r10 - 37) = r2
    r3 = r10
    r3 += -16
    r2 = 0
    call kfunc bpf_dynptr_from_skb
    r1 = r0
    r0 = 4294967295 ll
    r1 <<= 32
    r1 >>= 32
    if r1 != 0 goto +27 <LBB1_4>
    r1 = r10
    r1 += -16
    r3 = r10
    r3 += -36
    r2 = 14
    r4 = 20
    call bpf_dynptr_slice_rdwr
    r1 = r0
    r0 = 4294967294 ll
    if r1 == 0 goto +16 <LBB1_4>
    r2 = *(u8 *)(r1 + 8)
    r2 += -1
    *(u8 *)(r1 + 8) = r2
    r1 = r10
    r1 += -37
    r3 = r10
    r3 += -16
    r2 = 1
    r4 = 22
    r5 = 0
    call bpf_dynptr_read
    r1 = r0
    r0 = 4294967293 ll
    if r1 != 0 goto +1 <LBB1_4>
    r0 = *(u8 *)(r10 - 37)
LBB1_4:
    exit
