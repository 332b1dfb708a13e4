.program strict_ctx_misaligned xdp
.map align_rb ringbuf max_entries=4096
.image .bss 32
.bss align_words 32 at=0

    r0 = *(u32 *)(r1 + 2)
    exit
