.program ringbuf_submit_size syscall
.map events ringbuf max_entries=4096
.image .rodata 24 = [0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]

    r1 = .rodata ll
    r2 = *(u64 *)(r1 + 16)
    *(u64 *)(r10 - 24) = r2
    r2 = *(u64 *)(r1 + 8)
    *(u64 *)(r10 - 32) = r2
    r1 = *(u64 *)(r1 + 0)
    *(u64 *)(r10 - 40) = r1
    r4 = r10
    r4 += -16
    r1 = events ll
    r2 = 24
    r3 = 0
    call bpf_ringbuf_reserve_dynptr
    if r0 == 0 goto +7 <LBB0_2>
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    r6 = 4294967295 ll
    goto +15 <LBB0_3>
LBB0_2:
    r7 = r10
    r7 += -16
    r3 = r10
    r3 += -40
    r1 = r7
    r2 = 0
    r4 = 24
    r5 = 0
    call bpf_dynptr_write
    r1 = r7
    call bpf_dynptr_size
    r6 = r0
    r1 = r7
    r2 = 0
    call bpf_ringbuf_submit_dynptr
LBB0_3:
    r0 = r6
    exit
