.program local_write_read syscall
.image .bss 32
.bss scratch 32 at=0

    r1 = 85
    *(u8 *)(r10 - 17) = r1
    r1 = 0
    *(u8 *)(r10 - 18) = r1
    r4 = r10
    r4 += -16
    r1 = scratch ll
    r2 = 32
    r3 = 0
    call bpf_dynptr_from_mem
    r1 = r0
    r0 = 4294967295 ll
    if r1 != 0 goto +25 <LBB0_4>
    r1 = r10
    r1 += -16
    r3 = r10
    r3 += -17
    r2 = 5
    r4 = 1
    r5 = 0
    call bpf_dynptr_write
    r1 = r0
    r0 = 4294967294 ll
    if r1 != 0 goto +13 <LBB0_4>
    r1 = r10
    r1 += -18
    r3 = r10
    r3 += -16
    r2 = 1
    r4 = 5
    r5 = 0
    call bpf_dynptr_read
    r1 = r0
    r0 = 4294967293 ll
    if r1 != 0 goto +1 <LBB0_4>
    r0 = *(u8 *)(r10 - 18)
LBB0_4:
    exit
