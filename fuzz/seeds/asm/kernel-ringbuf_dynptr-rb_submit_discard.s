.program rb_submit_discard syscall
.map rb ringbuf max_entries=4096
.image .rodata.cst16 16 = [0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x00, 0xff, 0xee, 0xdd, 0xcc, 0xbb, 0xaa, 0x99]

    r1 = .rodata.cst16 ll
    r2 = *(u64 *)(r1 + 8)
    *(u64 *)(r10 - 40) = r2
    r1 = *(u64 *)(r1 + 0)
    *(u64 *)(r10 - 48) = r1
    r6 = r10
    r6 += -16
    r1 = rb ll
    r2 = 16
    r3 = 0
    r4 = r6
    call bpf_ringbuf_reserve_dynptr
    r8 = 4294967295 ll
    if r0 != 0 goto +36 <LBB0_3>
    r6 = r10
    r6 += -16
    r3 = r10
    r3 += -48
    r1 = r6
    r2 = 0
    r4 = 16
    r5 = 0
    call bpf_dynptr_write
    r1 = r6
    call bpf_dynptr_size
    r7 = r0
    r1 = r6
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r6 = r10
    r6 += -32
    r1 = rb ll
    r2 = 8
    r3 = 0
    r4 = r6
    call bpf_ringbuf_reserve_dynptr
    r8 = 4294967294 ll
    if r0 != 0 goto +10 <LBB0_3>
    r6 = r10
    r6 += -32
    r3 = r10
    r3 += -48
    r1 = r6
    r2 = 0
    r4 = 8
    r5 = 0
    call bpf_dynptr_write
    r8 = r7
LBB0_3:
    r1 = r6
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    r0 = r8
    exit
