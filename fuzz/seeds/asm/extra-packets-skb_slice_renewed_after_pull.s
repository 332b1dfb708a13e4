.program skb_slice_renewed_after_pull tc

    r7 = r1
    r6 = 0
    r3 = r10
    r3 += -16
    r2 = 0
    call bpf_dynptr_from_skb
    if r0 != 0 goto +10 <LBB4_3>
    r1 = r7
    r2 = 34
    call bpf_skb_pull_data
    r1 = r10
    r1 += -16
    r2 = 14
    r3 = 1
    call bpf_dynptr_data
    if r0 == 0 goto +1 <LBB4_3>
    r6 = *(u8 *)(r0 + 0)
LBB4_3:
    r0 = r6
    exit
