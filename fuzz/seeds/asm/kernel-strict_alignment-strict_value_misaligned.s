.program strict_value_misaligned syscall
.map align_rb ringbuf max_entries=4096
.image .bss 32
.bss align_words 32 at=0

    r1 = align_words ll
    r2 = 1
    *(u32 *)(r1 + 2) = r2
    r0 = 0
    exit
