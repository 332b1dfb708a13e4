.program sock_dynptr_write socket

    r2 = 513
    *(u16 *)(r10 - 18) = r2
    r3 = r10
    r3 += -16
    r2 = 0
    call kfunc bpf_dynptr_from_skb
    r1 = r0
    r0 = 4294967295 ll
    r1 <<= 32
    r1 >>= 32
    if r1 != 0 goto +8 <LBB5_2>
    r1 = r10
    r1 += -16
    r3 = r10
    r3 += -18
    r2 = 0
    r4 = 2
    r5 = 0
    call bpf_dynptr_write
LBB5_2:
    exit
