.program strict_ringbuf_misaligned syscall
.map align_rb ringbuf max_entries=4096
.image .bss 32
.bss align_words 32 at=0

    r1 = align_rb ll
    r2 = 16
    r3 = 0
    call bpf_ringbuf_reserve
    if r0 == 0 goto +5 <LBB11>
    r1 = 0
    *(u32 *)(r0 + 2) = r1
    r1 = r0
    r2 = 0
    call bpf_ringbuf_discard
LBB11:
    r0 = 0
    exit
