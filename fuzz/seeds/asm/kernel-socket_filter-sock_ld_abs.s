.program sock_ld_abs socket

    r6 = r1
    r0 = *(u8 *)skb[9]
    exit
