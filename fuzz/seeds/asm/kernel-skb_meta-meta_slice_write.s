.program meta_slice_write tc

    r6 = r10
    r6 += -16
    r2 = 0
    r3 = r6
    call bpf_dynptr_from_skb_meta
    r7 = 1
    r1 = r6
    r2 = 0
    r3 = 0
    r4 = 1
    call bpf_dynptr_slice
    if r0 == 0 goto +1 <LBB4_2>
    *(u8 *)(r0 + 0) = r7
LBB4_2:
    r0 = 0
    exit
