.program sock_mark_write socket

    r2 = 1
    *(u32 *)(r1 + 8) = r2
    r0 = 0
    exit
