.program strict_stack_aligned syscall
.map align_rb ringbuf max_entries=4096
.image .bss 32
.bss align_words 32 at=0

    r1 = 5
    *(u32 *)(r10 - 4) = r1
    r0 = *(u32 *)(r10 - 4)
    exit
