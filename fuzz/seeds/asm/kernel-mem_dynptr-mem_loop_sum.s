.program mem_loop_sum syscall
.image .data 54 = "dynptr playground, kernel check\0xxxxxxxxxxxxxxx\0xxxxx"
.data buf 32 at=0
.data comm 16 at=32
.data comm_short 6 at=48
.image .bss 120
.bss out 8 at=0
.bss errs 32 at=8
.bss edges 80 at=40

    r1 = 0
    *(u32 *)(r10 - 24) = r1
    r4 = r10
    r4 += -16
    *(u64 *)(r10 - 32) = r4
    r1 = buf ll
    r2 = 10
    r3 = 0
    call bpf_dynptr_from_mem
    r1 = r0
    r0 = 4294967295 ll
    if r1 != 0 goto +10 <LBB2_2>
    r3 = r10
    r3 += -32
    r1 = 64
    r2 = add_byte ll
    r4 = 0
    call bpf_loop
    r0 *= 10000
    r1 = *(u32 *)(r10 - 24)
    r0 += r1
LBB2_2:
    exit

add_byte:
    r6 = r2
    r4 = r1
    r3 = *(u64 *)(r6 + 0)
    r1 = r10
    r1 += -1
    r7 = 1
    r2 = 1
    r5 = 0
    call bpf_dynptr_read
    if r0 != 0 goto +5 <LBB3_2>
    r1 = *(u32 *)(r6 + 8)
    r2 = *(u8 *)(r10 - 1)
    r1 += r2
    *(u32 *)(r6 + 8) = r1
    r7 = 0
LBB3_2:
    r0 = r7
    exit
