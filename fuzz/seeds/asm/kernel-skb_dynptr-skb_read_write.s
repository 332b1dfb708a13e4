.program skb_read_write tc
.image .bss 4
.bss slice_len 4 at=0

    r6 = r1
    r3 = r10
    r3 += -16
    r2 = 0
    call kfunc bpf_dynptr_from_skb
    r1 = r0
    r0 = 4294967295 ll
    r1 <<= 32
    r1 >>= 32
    if r1 != 0 goto +32 <LBB0_3>
    r1 = r10
    r1 += -22
    r3 = r10
    r3 += -16
    r2 = 6
    r4 = 6
    r5 = 0
    call bpf_dynptr_read
    r1 = r0
    r0 = 4294967294 ll
    if r1 != 0 goto +20 <LBB0_3>
    r7 = r10
    r7 += -16
    r8 = r10
    r8 += -22
    r1 = r7
    r2 = 0
    r3 = r8
    r4 = 6
    r5 = 0
    call bpf_dynptr_write
    r9 = r0
    r4 = *(u32 *)(r6 + 0)
    r4 += -2
    r1 = r8
    r2 = 6
    r3 = r7
    r5 = 0
    call bpf_dynptr_read
    r9 *= 1000
    r0 += r9
LBB0_3:
    exit
