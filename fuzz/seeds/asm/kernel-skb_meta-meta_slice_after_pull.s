.program meta_slice_after_pull tc

    r6 = r1
    r7 = 0
    r8 = r10
    r8 += -16
    r2 = 0
    r3 = r8
    call bpf_dynptr_from_skb_meta
    r1 = r8
    r2 = 0
    r3 = 0
    r4 = 1
    call bpf_dynptr_slice_rdwr
    r8 = r0
    if r8 == 0 goto +4 <LBB6_2>
    r1 = r6
    r2 = 0
    call bpf_skb_pull_data
    r7 = *(u8 *)(r8 + 0)
LBB6_2:
    r0 = r7
    exit
