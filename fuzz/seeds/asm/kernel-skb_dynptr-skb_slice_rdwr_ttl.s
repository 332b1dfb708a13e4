.program skb_slice_rdwr_ttl tc
.image .bss 4
.bss slice_len 4 at=0

    r2 = 0
    *(u32 *)(r10 - 24) = r2
    *(u64 *)(r10 - 32) = r2
    *(u64 *)(r10 - 40) = r2
    r3 = r10
    r3 += -16
    r2 = 0
    call kfunc bpf_dynptr_from_skb
    r1 = r0
    r0 = 4294967295 ll
    r1 <<= 32
    r1 >>= 32
    if r1 != 0 goto +15 <LBB2_3>
    r1 = r10
    r1 += -16
    r3 = r10
    r3 += -40
    r2 = 14
    r4 = 20
    call bpf_dynptr_slice_rdwr
    r1 = r0
    r0 = 4294967294 ll
    if r1 == 0 goto +4 <LBB2_3>
    r0 = *(u8 *)(r1 + 8)
    r0 += -1
    *(u8 *)(r1 + 8) = r0
    r0 &= 255
LBB2_3:
    exit
