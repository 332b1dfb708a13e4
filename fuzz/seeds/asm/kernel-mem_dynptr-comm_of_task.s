.program comm_of_task syscall
.image .data 54 = "dynptr playground, kernel check\0xxxxxxxxxxxxxxx\0xxxxx"
.data buf 32 at=0
.data comm 16 at=32
.data comm_short 6 at=48
.image .bss 120
.bss out 8 at=0
.bss errs 32 at=8
.bss edges 80 at=40

    r1 = comm ll
    r2 = 16
    call bpf_get_current_comm
    r6 = r0
    r7 = comm_short ll
    r1 = comm_short ll
    r2 = 4
    call bpf_get_current_comm
    r6 *= 1000
    r0 *= 100
    r0 += r6
    r1 = *(u8 *)(r7 + 3)
    r1 <<= 56
    r1 s>>= 56
    r1 *= 10
    r0 += r1
    r1 = *(u8 *)(r7 + 4)
    r1 <<= 56
    r1 s>>= 56
    r0 += r1
    exit
