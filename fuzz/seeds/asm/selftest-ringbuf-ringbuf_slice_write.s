.program ringbuf_slice_write syscall
.map events ringbuf max_entries=4096
.image .rodata 24 = [0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]

    r4 = r10
    r4 += -16
    r1 = events ll
    r2 = 8
    r3 = 0
    call bpf_ringbuf_reserve_dynptr
    if r0 == 0 goto +7 <LBB2_2>
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    r6 = 4294967295 ll
    goto +19 <LBB2_5>
LBB2_2:
    r1 = r10
    r1 += -16
    r2 = 0
    r3 = 8
    call bpf_dynptr_data
    if r0 != 0 goto +7 <LBB2_4>
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    r6 = 4294967294 ll
    goto +6 <LBB2_5>
LBB2_4:
    r6 = 42
    *(u32 *)(r0 + 4) = r6
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_submit_dynptr
LBB2_5:
    r0 = r6
    exit
