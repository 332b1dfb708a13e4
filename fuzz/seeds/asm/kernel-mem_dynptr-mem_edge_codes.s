.program mem_edge_codes syscall
.image .data 54 = "dynptr playground, kernel check\0xxxxxxxxxxxxxxx\0xxxxx"
.data buf 32 at=0
.data comm 16 at=32
.data comm_short 6 at=48
.image .bss 120
.bss out 8 at=0
.bss errs 32 at=8
.bss edges 80 at=40

    r1 = 0
    *(u32 *)(r10 - 36) = r1
    r4 = r10
    r4 += -16
    r1 = buf ll
    r2 = 8
    r3 = 0
    call bpf_dynptr_from_mem
    r1 = r0
    r0 = 4294967295 ll
    if r1 != 0 goto +91 <LBB5_2>
    r7 = r10
    r7 += -16
    r6 = r10
    r6 += -36
    r1 = r7
    r2 = 8
    r3 = r6
    r4 = 0
    r5 = 0
    call bpf_dynptr_write
    r1 = edges ll
    *(u64 *)(r1 + 0) = r0
    r8 = edges ll
    r1 = r6
    r2 = 0
    r3 = r7
    r4 = 8
    r5 = 0
    call bpf_dynptr_read
    *(u64 *)(r8 + 8) = r0
    r1 = r6
    r2 = 1
    r3 = r7
    r4 = 0
    r5 = 1
    call bpf_dynptr_read
    *(u64 *)(r8 + 16) = r0
    r9 = edges ll
    r1 = r7
    r2 = 0
    r3 = 9
    call bpf_dynptr_adjust
    r0 <<= 32
    r0 s>>= 32
    *(u64 *)(r9 + 24) = r0
    r8 = r10
    r8 += -32
    r1 = r7
    r2 = r8
    call kfunc bpf_dynptr_clone
    r0 <<= 32
    r0 s>>= 32
    *(u64 *)(r9 + 32) = r0
    r1 = r8
    r2 = 8
    r3 = 8
    call bpf_dynptr_adjust
    r0 <<= 32
    r0 s>>= 32
    *(u64 *)(r9 + 40) = r0
    r1 = r8
    call bpf_dynptr_size
    r9 = r0
    r9 *= 100
    r1 = r7
    call bpf_dynptr_size
    r9 += r0
    r9 <<= 32
    r9 >>= 32
    r1 = edges ll
    *(u64 *)(r1 + 48) = r9
    r1 = r6
    r2 = 1
    r3 = r8
    r4 = 0
    r5 = 0
    call bpf_dynptr_read
    r6 = edges ll
    *(u64 *)(r6 + 56) = r0
    r1 = 16777216
    r2 = nop ll
    r3 = 0
    r4 = 0
    call bpf_loop
    *(u64 *)(r6 + 64) = r0
    r6 = edges ll
    r1 = 1
    r2 = nop ll
    r3 = 0
    r4 = 1
    call bpf_loop
    *(u64 *)(r6 + 72) = r0
    r0 = 0
LBB5_2:
    exit

nop:
    r0 = 0
    exit
