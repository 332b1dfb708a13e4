.program global_dynptr_arg tc
.image .rodata 3 = "%d"
.rodata gf_log.____fmt 3 at=0

    r3 = r10
    r3 += -16
    r2 = 0
    call kfunc bpf_dynptr_from_skb
    r1 = r0
    r0 = 4294967295 ll
    r1 <<= 32
    r1 >>= 32
    if r1 != 0 goto +3 <LBB7_2>
    r1 = r10
    r1 += -16
    call gf_sum_ports
LBB7_2:
    exit

gf_sum_ports:
    r3 = r1
    r1 = r10
    r1 += -2
    r2 = 2
    r4 = 12
    r5 = 0
    call bpf_dynptr_read
    r1 = r0
    r2 = *(u8 *)(r10 - 2)
    r0 = *(u8 *)(r10 - 1)
    r0 += r2
    if r1 == 0 goto +1 <LBB0_2>
    r0 = -5
LBB0_2:
    exit
