.program global_calls_global tc
.image .rodata 3 = "%d"
.rodata gf_log.____fmt 3 at=0

    r1 = *(u32 *)(r1 + 0)
    call gf_twice_inc
    r6 = r0
    r1 = 3
    call gf_inc
    r0 += r6
    exit

gf_twice_inc:
    call gf_inc
    r0 <<= 1
    exit

gf_inc:
    r0 = r1
    r0 += 1
    exit
