.program skb_slice_after_dynptr_write tc

    r2 = 255
    *(u8 *)(r10 - 17) = r2
    r7 = 0
    r6 = r10
    r6 += -16
    r2 = 0
    r3 = r6
    call bpf_dynptr_from_skb
    r1 = r6
    r2 = 0
    r3 = 6
    call bpf_dynptr_data
    r6 = r0
    if r6 == 0 goto +9 <LBB1_2>
    r1 = r10
    r1 += -16
    r3 = r10
    r3 += -17
    r2 = 6
    r4 = 1
    r5 = 0
    call bpf_dynptr_write
    *(u8 *)(r6 + 0) = r7
LBB1_2:
    r0 = 0
    exit
