.program meta_bad_flags tc

    r6 = r10
    r6 += -16
    r2 = 1
    r3 = r6
    call bpf_dynptr_from_skb_meta
    r7 = r0
    r7 *= 10
    r1 = r6
    call kfunc bpf_dynptr_is_null
    r7 |= r0
    r0 = r7
    exit
