.program meta_slice tc

    r6 = r10
    r6 += -16
    r2 = 0
    r3 = r6
    call bpf_dynptr_from_skb_meta
    r1 = r6
    r2 = 0
    r3 = 0
    r4 = 1
    call bpf_dynptr_slice
    r1 = r0
    r0 = 3
    if r1 == 0 goto +1 <LBB3_2>
    r0 = *(u8 *)(r1 + 0)
LBB3_2:
    exit
