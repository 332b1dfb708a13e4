.program meta_in_xdp xdp

    r3 = r10
    r3 += -16
    r2 = 0
    call bpf_dynptr_from_skb_meta
    exit
