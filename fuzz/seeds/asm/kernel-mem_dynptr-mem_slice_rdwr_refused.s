.program mem_slice_rdwr_refused syscall
.image .data 54 = "dynptr playground, kernel check\0xxxxxxxxxxxxxxx\0xxxxx"
.data buf 32 at=0
.data comm 16 at=32
.data comm_short 6 at=48
.image .bss 120
.bss out 8 at=0
.bss errs 32 at=8
.bss edges 80 at=40

    r1 = 0
    *(u32 *)(r10 - 20) = r1
    r6 = r10
    r6 += -16
    r1 = buf ll
    r2 = 32
    r3 = 0
    r4 = r6
    call bpf_dynptr_from_mem
    r3 = r10
    r3 += -20
    r1 = r6
    r2 = 0
    r4 = 4
    call bpf_dynptr_slice_rdwr
    r1 = 1
    if r0 == 0 goto +3 <LBB11_2>
    r1 = 7
    *(u8 *)(r0 + 0) = r1
    r1 = 0
LBB11_2:
    r0 = r1
    exit
