.program global_ctx_arg tc
.image .rodata 3 = "%d"
.rodata gf_log.____fmt 3 at=0

    r2 = 3
    call gf_len_plus
    exit

gf_len_plus:
    r0 = *(u32 *)(r1 + 0)
    r0 += r2
    exit
