.program skb_bad_slice_after_pull tc
.image .bss 4
.bss slice_len 4 at=0

    r6 = r1
    r7 = 0
    *(u32 *)(r10 - 20) = r7
    r8 = r10
    r8 += -16
    r2 = 0
    r3 = r8
    call kfunc bpf_dynptr_from_skb
    r3 = r10
    r3 += -20
    r1 = r8
    r2 = 0
    r4 = 4
    call bpf_dynptr_slice
    r8 = r0
    if r8 == 0 goto +4 <LBB3_2>
    r1 = r6
    r2 = 0
    call bpf_skb_pull_data
    r7 = *(u8 *)(r8 + 0)
LBB3_2:
    r0 = r7
    exit
