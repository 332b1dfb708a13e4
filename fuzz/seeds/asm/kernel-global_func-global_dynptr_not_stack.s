.program global_dynptr_not_stack tc
.image .rodata 3 = "%d"
.rodata gf_log.____fmt 3 at=0

    call gf_sum_ports
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
