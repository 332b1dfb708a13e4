.program strict_ringbuf_or_null_misaligned syscall
.map align_rb ringbuf max_entries=4096
.image .bss 32
.bss align_words 32 at=0

    r1 = align_rb ll
    r2 = 16
    r3 = 0
    call bpf_ringbuf_reserve
    r1 = 0
    *(u32 *)(r0 + 2) = r1
    r0 = 0
    exit
