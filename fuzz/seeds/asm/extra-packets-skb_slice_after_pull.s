.program skb_slice_after_pull tc

    r6 = r1
    r7 = 0
    r8 = r10
    r8 += -16
    r2 = 0
    r3 = r8
    call bpf_dynptr_from_skb
    r1 = r8
    r2 = 12
    r3 = 2
    call bpf_dynptr_data
    r8 = r0
    if r8 == 0 goto +4 <LBB0_2>
    r1 = r6
    r2 = 64
    call bpf_skb_pull_data
    r7 = *(u16 *)(r8 + 0)
LBB0_2:
    r0 = r7
    exit
