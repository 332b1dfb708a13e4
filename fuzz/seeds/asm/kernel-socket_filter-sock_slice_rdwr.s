.program sock_slice_rdwr socket

    r3 = r10
    r3 += -16
    r2 = 0
    call kfunc bpf_dynptr_from_skb
    r1 = r0
    r0 = 4294967295 ll
    r1 <<= 32
    r1 >>= 32
    if r1 != 0 goto +12 <LBB6_3>
    r1 = r10
    r1 += -16
    r3 = r10
    r3 += -20
    r2 = 0
    r4 = 4
    call bpf_dynptr_slice_rdwr
    r1 = r0
    r0 = 4294967293 ll
    if r1 == 0 goto +1 <LBB6_3>
    r0 = *(u8 *)(r1 + 0)
LBB6_3:
    exit
