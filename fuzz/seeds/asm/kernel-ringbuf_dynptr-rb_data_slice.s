.program rb_data_slice syscall
.map rb ringbuf max_entries=4096
.image .rodata.cst16 16 = [0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x00, 0xff, 0xee, 0xdd, 0xcc, 0xbb, 0xaa, 0x99]

    r4 = r10
    r4 += -16
    r1 = rb ll
    r2 = 8
    r3 = 0
    call bpf_ringbuf_reserve_dynptr
    if r0 == 0 goto +7 <LBB1_2>
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    r6 = 4294967295 ll
    goto +23 <LBB1_5>
LBB1_2:
    r1 = r10
    r1 += -16
    r6 = 0
    r2 = 0
    r3 = 8
    call bpf_dynptr_data
    if r0 != 0 goto +7 <LBB1_4>
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    r6 = 4294967294 ll
    goto +9 <LBB1_5>
LBB1_4:
    r1 = 42
    *(u32 *)(r0 + 4) = r1
    r1 = 3735928559 ll
    *(u32 *)(r0 + 0) = r1
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_submit_dynptr
LBB1_5:
    r0 = r6
    exit
