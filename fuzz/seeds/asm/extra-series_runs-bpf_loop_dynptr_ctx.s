.program bpf_loop_dynptr_ctx raw_tp
.map ringbuf ringbuf max_entries=4096
.image .bss 20
.bss buf 16 at=0
.bss small 4 at=16

    r1 = 0
    *(u32 *)(r10 - 20) = r1
    r4 = r10
    r4 += -16
    r1 = ringbuf ll
    r2 = 8
    r3 = 0
    call bpf_ringbuf_reserve_dynptr
    r6 = 1
    if r0 != 0 goto +24 <LBB5_6>
    r3 = r10
    r3 += -16
    r1 = 4
    r2 = write_index ll
    r4 = 0
    call bpf_loop
    r6 = 2
    if r0 != 4 goto +15 <LBB5_6>
    r1 = r10
    r1 += -20
    r3 = r10
    r3 += -16
    r2 = 4
    r4 = 0
    r5 = 0
    call bpf_dynptr_read
    r6 = 3
    if r0 != 0 goto +5 <LBB5_6>
    r6 = 1
    r1 = *(u32 *)(r10 - 20)
    if r1 != 50462976 goto +1 <LBB5_5>
    r6 = 0
LBB5_5:
    r6 <<= 2
LBB5_6:
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r0 = r6
    exit

write_index:
    r4 = r1
    *(u8 *)(r10 - 1) = r4
    r3 = r10
    r3 += -1
    r1 = r2
    r2 = r4
    r4 = 1
    r5 = 0
    call bpf_dynptr_write
    r0 = 0
    exit
