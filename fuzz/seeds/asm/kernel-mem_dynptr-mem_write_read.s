.program mem_write_read syscall
.image .data 54 = "dynptr playground, kernel check\0xxxxxxxxxxxxxxx\0xxxxx"
.data buf 32 at=0
.data comm 16 at=32
.data comm_short 6 at=48
.image .bss 120
.bss out 8 at=0
.bss errs 32 at=8
.bss edges 80 at=40

    r1 = 578437695752307201 ll
    *(u64 *)(r10 - 24) = r1
    r4 = r10
    r4 += -16
    r1 = buf ll
    r2 = 32
    r3 = 0
    call bpf_dynptr_from_mem
    r1 = r0
    r0 = 4294967295 ll
    if r1 != 0 goto +46 <LBB0_4>
    r1 = r10
    r1 += -16
    r3 = r10
    r3 += -24
    r2 = 4
    r4 = 8
    r5 = 0
    call bpf_dynptr_write
    r1 = r0
    r0 = 4294967294 ll
    if r1 != 0 goto +34 <LBB0_4>
    r6 = out ll
    r3 = r10
    r3 += -16
    r1 = out ll
    r2 = 8
    r4 = 2
    r5 = 0
    call bpf_dynptr_read
    r1 = r0
    r0 = 4294967293 ll
    if r1 != 0 goto +20 <LBB0_4>
    r1 = *(u8 *)(r6 + 7)
    r2 = *(u8 *)(r6 + 3)
    r2 += r1
    r1 = *(u8 *)(r6 + 5)
    r3 = *(u8 *)(r6 + 1)
    r3 += r1
    r3 += r2
    r1 = *(u8 *)(r6 + 6)
    r2 = *(u8 *)(r6 + 2)
    r2 += r1
    r1 = *(u8 *)(r6 + 4)
    r6 = *(u8 *)(r6 + 0)
    r6 += r1
    r6 += r2
    r6 += r3
    r1 = r10
    r1 += -16
    call bpf_dynptr_size
    r0 *= 1000
    r0 += r6
LBB0_4:
    exit
