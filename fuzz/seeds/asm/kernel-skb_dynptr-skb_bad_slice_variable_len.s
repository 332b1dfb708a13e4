.program skb_bad_slice_variable_len tc
.image .bss 4
.bss slice_len 4 at=0

    r6 = 0
    *(u64 *)(r10 - 24) = r6
    *(u64 *)(r10 - 32) = r6
    r7 = r10
    r7 += -16
    r2 = 0
    r3 = r7
    call kfunc bpf_dynptr_from_skb
    r1 = slice_len ll
    r4 = *(u32 *)(r1 + 0)
    r4 &= 7
    r3 = r10
    r3 += -32
    r1 = r7
    r2 = 0
    call bpf_dynptr_slice
    if r0 == 0 goto +1 <LBB5_2>
    r6 = *(u8 *)(r0 + 0)
LBB5_2:
    r0 = r6
    exit
