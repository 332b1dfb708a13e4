.program skb_slice_rdonly_write tc

    r3 = r10
    r3 += -16
    r2 = 0
    call kfunc bpf_dynptr_from_skb
    r0 <<= 32
    r0 >>= 32
    if r0 != 0 goto +10 <LBB5_3>
    r1 = r10
    r1 += -16
    r3 = r10
    r3 += -36
    r2 = 14
    r4 = 20
    call bpf_dynptr_slice
    if r0 == 0 goto +2 <LBB5_3>
    r1 = 1
    *(u8 *)(r0 + 8) = r1
LBB5_3:
    r0 = 0
    exit
