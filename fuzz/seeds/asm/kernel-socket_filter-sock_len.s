.program sock_len socket

    r0 = *(u32 *)(r1 + 0)
    exit
