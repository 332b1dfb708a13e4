.program global_mem_one_byte tc
.image .rodata 3 = "%d"
.rodata gf_log.____fmt 3 at=0

    r1 = 578437695752307201 ll
    *(u64 *)(r10 - 8) = r1
    r1 = r10
    r1 += -8
    call gf_first_last
    exit

gf_first_last:
    r0 = 4294967295 ll
    if r1 == 0 goto +3 <LBB1_2>
    r2 = *(u8 *)(r1 + 0)
    r0 = *(u8 *)(r1 + 7)
    r0 += r2
LBB1_2:
    exit
