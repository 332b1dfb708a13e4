.program global_scalar_not_scalar tc
.image .rodata 3 = "%d"
.rodata gf_log.____fmt 3 at=0

    call gf_inc
    exit

gf_inc:
    r0 = r1
    r0 += 1
    exit
