.program global_mem_maybe_null tc
.image .rodata 3 = "%d"
.rodata gf_log.____fmt 3 at=0

    r1 = 578437695752307201 ll
    *(u64 *)(r10 - 8) = r1
    r1 = r10
    r1 += -8
    call gf_first_unchecked
    exit

gf_first_unchecked:
    r0 = *(u8 *)(r1 + 0)
    exit
