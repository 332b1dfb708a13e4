.program mem_error_codes syscall
.image .data 54 = "dynptr playground, kernel check\0xxxxxxxxxxxxxxx\0xxxxx"
.data buf 32 at=0
.data comm 16 at=32
.data comm_short 6 at=48
.image .bss 120
.bss out 8 at=0
.bss errs 32 at=8
.bss edges 80 at=40

    r4 = r10
    r4 += -16
    r1 = buf ll
    r2 = 32
    r3 = 1
    call bpf_dynptr_from_mem
    r8 = errs ll
    *(u64 *)(r8 + 0) = r0
    r4 = r10
    r4 += -32
    r1 = buf ll
    r2 = 16
    r3 = 0
    call bpf_dynptr_from_mem
    r7 = 4294967295 ll
    if r0 != 0 goto +34 <LBB1_4>
    r7 = r10
    r7 += -40
    r6 = r10
    r6 += -32
    r1 = r7
    r2 = 8
    r3 = r6
    r4 = 12
    r5 = 0
    call bpf_dynptr_read
    *(u64 *)(r8 + 8) = r0
    r1 = r6
    r2 = 0
    r3 = r7
    r4 = 0
    r5 = 1
    call bpf_dynptr_write
    *(u64 *)(r8 + 16) = r0
    r1 = r7
    r2 = 0
    r3 = r6
    r4 = 17
    r5 = 0
    call bpf_dynptr_read
    *(u64 *)(r8 + 24) = r0
    r1 = r10
    r1 += -16
    call kfunc bpf_dynptr_is_null
    r7 = 10
    if r0 != 0 goto +1 <LBB1_3>
    r7 = 0
LBB1_3:
    r1 = r6
    call kfunc bpf_dynptr_is_rdonly
    r7 |= r0
LBB1_4:
    r0 = r7
    exit
