.program sock_dynptr socket

    r3 = r10
    r3 += -16
    r2 = 0
    call kfunc bpf_dynptr_from_skb
    r6 = 4294967295 ll
    r0 <<= 32
    r0 >>= 32
    if r0 != 0 goto +22 <LBB4_5>
    r1 = r10
    r1 += -18
    r3 = r10
    r3 += -16
    r2 = 2
    r4 = 0
    r5 = 0
    call bpf_dynptr_read
    r6 = 4294967294 ll
    if r0 != 0 goto +11 <LBB4_5>
    r7 = *(u8 *)(r10 - 17)
    r6 = *(u8 *)(r10 - 18)
    r1 = r10
    r1 += -16
    call kfunc bpf_dynptr_is_rdonly
    r1 = 100000
    if r0 != 0 goto +1 <LBB4_4>
    r1 = 0
LBB4_4:
    r6 <<= 8
    r6 |= r7
    r6 += r1
LBB4_5:
    r0 = r6
    exit
