.program mem_iter_from_int_min syscall
.image .data 54 = "dynptr playground, kernel check\0xxxxxxxxxxxxxxx\0xxxxx"
.data buf 32 at=0
.data comm 16 at=32
.data comm_short 6 at=48
.image .bss 120
.bss out 8 at=0
.bss errs 32 at=8
.bss edges 80 at=40

    r6 = r10
    r6 += -8
    r7 = 2147483648 ll
    r1 = r6
    r2 = 2147483648 ll
    r3 = 2147483651 ll
    call bpf_iter_num_new
    r1 = r6
    call bpf_iter_num_next
    r6 = 2
    if r0 == 0 goto +4 <LBB12_3>
    r1 = *(u32 *)(r0 + 0)
    r6 = 1
    if r1 == r7 goto +1 <LBB12_3>
    r6 = 0
LBB12_3:
    r1 = r10
    r1 += -8
    call bpf_iter_num_destroy
    r0 = r6
    exit
