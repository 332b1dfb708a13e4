.program rb_bad_use_after_submit syscall
.map rb ringbuf max_entries=4096
.image .rodata.cst16 16 = [0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x00, 0xff, 0xee, 0xdd, 0xcc, 0xbb, 0xaa, 0x99]

    r1 = 0
    *(u8 *)(r10 - 17) = r1
    r6 = r10
    r6 += -16
    r1 = rb ll
    r2 = 8
    r3 = 0
    r4 = r6
    call bpf_ringbuf_reserve_dynptr
    r1 = r6
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r1 = r10
    r1 += -17
    r2 = 1
    r3 = r6
    r4 = 0
    r5 = 0
    call bpf_dynptr_read
    r0 = *(u8 *)(r10 - 17)
    exit
