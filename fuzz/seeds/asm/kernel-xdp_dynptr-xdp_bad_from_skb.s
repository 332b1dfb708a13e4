.program xdp_bad_from_skb xdp

    r6 = r10
    r6 += -16
    r2 = 0
    r3 = r6
    call kfunc bpf_dynptr_from_skb
    r1 = r6
    call bpf_dynptr_size
    exit
