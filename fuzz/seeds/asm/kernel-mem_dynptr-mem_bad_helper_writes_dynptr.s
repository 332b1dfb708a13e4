.program mem_bad_helper_writes_dynptr syscall
.image .data 54 = "dynptr playground, kernel check\0xxxxxxxxxxxxxxx\0xxxxx"
.data buf 32 at=0
.data comm 16 at=32
.data comm_short 6 at=48
.image .bss 120
.bss out 8 at=0
.bss errs 32 at=8
.bss edges 80 at=40

    r6 = r10
    r6 += -16
    r1 = buf ll
    r2 = 32
    r3 = 0
    r4 = r6
    call bpf_dynptr_from_mem
    r7 = r10
    r7 += -32
    r1 = buf ll
    r2 = 8
    r3 = 0
    r4 = r7
    call bpf_dynptr_from_mem
    r1 = r7
    r2 = 16
    r3 = r6
    r4 = 0
    r5 = 0
    call bpf_dynptr_read
    r1 = r6
    call bpf_dynptr_size
    exit
