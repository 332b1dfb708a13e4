.program ringbuf_slice_unchecked syscall
.map events ringbuf max_entries=4096
.image .rodata 24 = [0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]

    r4 = r10
    r4 += -16
    r1 = events ll
    r2 = 8
    r3 = 0
    call bpf_ringbuf_reserve_dynptr
    if r0 == 0 goto +5 <LBB5_2>
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    goto +11 <LBB5_3>
LBB5_2:
    r6 = r10
    r6 += -16
    r1 = r6
    r2 = 0
    r3 = 8
    call bpf_dynptr_data
    r1 = 1
    *(u32 *)(r0 + 0) = r1
    r1 = r6
    r2 = 0
    call bpf_ringbuf_submit_dynptr
LBB5_3:
    r0 = 0
    exit
