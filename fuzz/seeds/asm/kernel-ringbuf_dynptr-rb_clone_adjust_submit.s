.program rb_clone_adjust_submit syscall
.map rb ringbuf max_entries=4096
.image .rodata.cst16 16 = [0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x00, 0xff, 0xee, 0xdd, 0xcc, 0xbb, 0xaa, 0x99]

    r1 = 2712847316 ll
    *(u32 *)(r10 - 52) = r1
    r4 = r10
    r4 += -16
    r1 = rb ll
    r2 = 12
    r3 = 0
    call bpf_ringbuf_reserve_dynptr
    if r0 == 0 goto +7 <LBB2_2>
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    r6 = 4294967295 ll
    goto +45 <LBB2_3>
LBB2_2:
    r1 = r10
    r1 += -16
    r7 = r10
    r7 += -32
    r2 = r7
    call kfunc bpf_dynptr_clone
    r1 = r7
    r2 = 4
    r3 = 8
    call bpf_dynptr_adjust
    r8 = r10
    r8 += -52
    r1 = r7
    r2 = 0
    r3 = r8
    r4 = 4
    r5 = 0
    call bpf_dynptr_write
    r6 = r0
    r1 = r7
    r2 = 1
    r3 = r8
    r4 = 4
    r5 = 0
    call bpf_dynptr_write
    r8 = r0
    r1 = r7
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r7 = r10
    r7 += -48
    r1 = rb ll
    r2 = 0
    r3 = 0
    r4 = r7
    call bpf_ringbuf_reserve_dynptr
    r9 = r0
    r1 = r7
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r6 *= 10
    r6 += r8
    r6 *= 10
    r6 += r9
LBB2_3:
    r0 = r6
    exit
