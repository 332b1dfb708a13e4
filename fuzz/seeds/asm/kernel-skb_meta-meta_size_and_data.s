.program meta_size_and_data tc

    r3 = r10
    r3 += -16
    r2 = 0
    call bpf_dynptr_from_skb_meta
    r1 = r0
    r0 = 4294967295 ll
    r1 <<= 32
    r1 >>= 32
    if r1 != 0 goto +21 <LBB0_5>
    r1 = r10
    r1 += -16
    r2 = 0
    r3 = 1
    call bpf_dynptr_data
    r1 = r0
    r0 = 4294967294 ll
    if r1 != 0 goto +12 <LBB0_5>
    r7 = r10
    r7 += -16
    r1 = r7
    call bpf_dynptr_size
    r6 = r0
    r1 = r7
    call kfunc bpf_dynptr_is_rdonly
    r1 = r0
    r0 = 100
    if r1 != 0 goto +1 <LBB0_4>
    r0 = 0
LBB0_4:
    r0 += r6
LBB0_5:
    exit
