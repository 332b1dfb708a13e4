.program atomic_value_aligned syscall
.map align_rb ringbuf max_entries=4096
.image .bss 32
.bss align_words 32 at=0

    r1 = align_words ll
    r2 = 1
    *(u64 *)(r1 + 8) = r2
    lock *(u64 *)(r1 + 8) += r2
    r0 = *(u64 *)(r1 + 8)
    r0 += -1
    exit
