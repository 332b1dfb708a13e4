.program ringbuf_read_past_end syscall
.map events ringbuf max_entries=4096
.image .rodata 24 = [0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]

    r4 = r10
    r4 += -16
    r1 = events ll
    r2 = 8
    r3 = 0
    call bpf_ringbuf_reserve_dynptr
    r6 = 4294967295 ll
    if r0 != 0 goto +9 <LBB1_2>
    r1 = r10
    r1 += -32
    r3 = r10
    r3 += -16
    r2 = 16
    r4 = 0
    r5 = 0
    call bpf_dynptr_read
    r6 = r0
LBB1_2:
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    r0 = r6
    exit
