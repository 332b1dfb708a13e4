.program meta_read tc

    r6 = r10
    r6 += -16
    r2 = 0
    r3 = r6
    call bpf_dynptr_from_skb_meta
    r1 = r10
    r1 += -20
    r2 = 4
    r3 = r6
    r4 = 0
    r5 = 0
    call bpf_dynptr_read
    exit
