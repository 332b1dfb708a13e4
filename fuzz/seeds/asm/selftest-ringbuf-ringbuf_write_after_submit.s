.program ringbuf_write_after_submit syscall
.map events ringbuf max_entries=4096
.image .rodata 24 = [0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]

    r1 = 1
    *(u64 *)(r10 - 24) = r1
    r4 = r10
    r4 += -16
    r1 = events ll
    r2 = 8
    r3 = 0
    call bpf_ringbuf_reserve_dynptr
    if r0 == 0 goto +5 <LBB4_2>
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    goto +12 <LBB4_3>
LBB4_2:
    r6 = r10
    r6 += -16
    r1 = r6
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r3 = r10
    r3 += -24
    r1 = r6
    r2 = 0
    r4 = 8
    r5 = 0
    call bpf_dynptr_write
LBB4_3:
    r0 = 0
    exit
