.program skb_slice_unchecked tc

    r6 = r10
    r6 += -16
    r2 = 0
    r3 = r6
    call kfunc bpf_dynptr_from_skb
    r3 = r10
    r3 += -36
    r1 = r6
    r2 = 14
    r4 = 20
    call bpf_dynptr_slice
    r0 = *(u8 *)(r0 + 8)
    exit
