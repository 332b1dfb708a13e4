.program mem_bad_misaligned syscall
.image .data 54 = "dynptr playground, kernel check\0xxxxxxxxxxxxxxx\0xxxxx"
.data buf 32 at=0
.data comm 16 at=32
.data comm_short 6 at=48
.image .bss 120
.bss out 8 at=0
.bss errs 32 at=8
.bss edges 80 at=40

    r1 = 0
    *(u64 *)(r10 - 8) = r1
    *(u64 *)(r10 - 16) = r1
    *(u64 *)(r10 - 24) = r1
    r6 = r10
    r6 += -20
    r1 = buf ll
    r2 = 32
    r3 = 0
    r4 = r6
    call bpf_dynptr_from_mem
    r1 = r6
    call bpf_dynptr_size
    exit
