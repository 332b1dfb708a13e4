.program skb_dynptr_data tc
.image .bss 4
.bss slice_len 4 at=0

    r3 = r10
    r3 += -16
    r2 = 0
    call kfunc bpf_dynptr_from_skb
    r1 = r0
    r0 = 4294967295 ll
    r1 <<= 32
    r1 >>= 32
    if r1 != 0 goto +9 <LBB1_3>
    r1 = r10
    r1 += -16
    r2 = 0
    r3 = 4
    call bpf_dynptr_data
    r1 = r0
    r0 = 7
    if r1 == 0 goto +1 <LBB1_3>
    r0 = *(u8 *)(r1 + 0)
LBB1_3:
    exit
