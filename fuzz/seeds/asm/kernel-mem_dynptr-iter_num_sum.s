.program iter_num_sum syscall
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
    r1 = r6
    r2 = 3
    r3 = 10
    call bpf_iter_num_new
    r1 = r6
    call bpf_iter_num_next
    r6 = 0
    if r0 == 0 goto +8 <LBB4_3>
    r1 = 0
LBB4_2:
    r6 = *(u32 *)(r0 + 0)
    r6 += r1
    r1 = r10
    r1 += -8
    call bpf_iter_num_next
    r1 = r6
    if r0 != 0 goto -7 <LBB4_2>
LBB4_3:
    r1 = r10
    r1 += -8
    call bpf_iter_num_destroy
    r0 = r6
    exit
