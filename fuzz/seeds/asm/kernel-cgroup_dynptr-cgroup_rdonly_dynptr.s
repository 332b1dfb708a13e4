.program cgroup_rdonly_dynptr cgroup_skb
.image .bss 32
.bss results 32 at=0

    r2 = 85
    *(u8 *)(r10 - 17) = r2
    r2 = 0
    *(u16 *)(r10 - 20) = r2
    r3 = r10
    r3 += -16
    r2 = 0
    call kfunc bpf_dynptr_from_skb
    r0 <<= 32
    r0 >>= 32
    if r0 != 0 goto +39 <LBB0_6>
    r6 = r10
    r6 += -16
    r1 = r6
    call kfunc bpf_dynptr_is_rdonly
    r1 = 1
    if r0 != 0 goto +1 <LBB0_3>
    r1 = 2
LBB0_3:
    r8 = results ll
    *(u64 *)(r8 + 0) = r1
    r7 = r10
    r7 += -17
    r1 = r6
    r2 = 0
    r3 = r7
    r4 = 1
    r5 = 0
    call bpf_dynptr_write
    *(u64 *)(r8 + 8) = r0
    r1 = r7
    r2 = 1
    r3 = r6
    r4 = 9
    r5 = 0
    call bpf_dynptr_read
    *(u64 *)(r8 + 16) = r0
    r3 = r10
    r3 += -20
    r1 = r6
    r2 = 12
    r4 = 2
    call bpf_dynptr_slice
    r1 = -1
    if r0 == 0 goto +4 <LBB0_5>
    r2 = *(u8 *)(r0 + 1)
    r1 = *(u8 *)(r0 + 0)
    r1 <<= 8
    r1 |= r2
LBB0_5:
    *(u64 *)(r8 + 24) = r1
LBB0_6:
    r0 = 1
    exit
