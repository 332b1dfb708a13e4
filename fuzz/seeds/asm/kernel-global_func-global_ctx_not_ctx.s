.program global_ctx_not_ctx tc
.image .rodata 3 = "%d"
.rodata gf_log.____fmt 3 at=0

    r1 = 0
    *(u64 *)(r10 - 8) = r1
    r1 = r10
    r1 += -8
    r2 = 3
    call gf_len_plus
    exit

gf_len_plus:
    r0 = *(u32 *)(r1 + 0)
    r0 += r2
    exit
