.program sock_cb_write socket

    r2 = 7
    *(u32 *)(r1 + 52) = r2
    r0 = *(u32 *)(r1 + 16)
    r0 += 7
    exit
