.program data_slice_after_meta_write tc

    r7 = r1
    r1 = 1
    *(u8 *)(r10 - 33) = r1
    r6 = 0
    r8 = r10
    r8 += -16
    r1 = r7
    r2 = 0
    r3 = r8
    call kfunc bpf_dynptr_from_skb
    r3 = r10
    r3 += -32
    r1 = r7
    r2 = 0
    call bpf_dynptr_from_skb_meta
    r3 = r10
    r3 += -35
    r1 = r8
    r2 = 0
    r4 = 2
    call bpf_dynptr_slice
    r7 = r0
    if r7 == 0 goto +9 <LBB8_2>
    r1 = r10
    r1 += -32
    r3 = r10
    r3 += -33
    r2 = 0
    r4 = 1
    r5 = 0
    call bpf_dynptr_write
    r6 = *(u8 *)(r7 + 0)
LBB8_2:
    r0 = r6
    exit
