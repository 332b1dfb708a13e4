.program kfunc_skb_slice_after_pull tc
.map ringbuf ringbuf max_entries=4096

    r6 = r1
    r7 = 0
    r8 = r10
    r8 += -16
    r2 = 0
    r3 = r8
    call kfunc bpf_dynptr_from_skb
    r3 = r10
    r3 += -30
    r1 = r8
    r2 = 0
    r4 = 14
    call bpf_dynptr_slice
    r8 = r0
    if r8 == 0 goto +4 <LBB7_2>
    r1 = r6
    r2 = 0
    call bpf_skb_pull_data
    r7 = *(u8 *)(r8 + 12)
LBB7_2:
    r0 = r7
    exit
