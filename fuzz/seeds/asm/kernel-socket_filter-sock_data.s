.program sock_data socket

    r2 = *(u32 *)(r1 + 76)
    r0 = *(u32 *)(r1 + 80)
    r0 -= r2
    exit
