.program xdp_slice xdp
.image .bss 4
.bss seen_size 4 at=0

    r6 = 0
    *(u32 *)(r10 - 20) = r6
    r3 = r10
    r3 += -16
    r2 = 0
    call kfunc bpf_dynptr_from_xdp
    r0 <<= 32
    r0 >>= 32
    if r0 != 0 goto +27 <LBB0_5>
    r1 = r10
    r1 += -16
    r2 = 2
    r3 = 10
    call bpf_dynptr_adjust
    r0 <<= 32
    r0 >>= 32
    if r0 != 0 goto +19 <LBB0_5>
    r6 = r10
    r6 += -16
    r1 = r6
    call bpf_dynptr_size
    r1 = seen_size ll
    *(u32 *)(r1 + 0) = r0
    r3 = r10
    r3 += -20
    r1 = r6
    r2 = 0
    r4 = 4
    call bpf_dynptr_slice
    r6 = 1
    if r0 == 0 goto +4 <LBB0_5>
    r1 = *(u8 *)(r0 + 0)
    r6 = 1
    if r1 == 255 goto +1 <LBB0_5>
    r6 = 2
LBB0_5:
    r0 = r6
    exit
