.program iterator_over_ringbuf raw_tp
.map ringbuf ringbuf max_entries=4096
.image .bss 20
.bss buf 16 at=0
.bss small 4 at=16

    r1 = 0
    *(u64 *)(r10 - 24) = r1
    r4 = r10
    r4 += -16
    r1 = ringbuf ll
    r2 = 32
    r3 = 0
    call bpf_ringbuf_reserve_dynptr
    r6 = 1
    if r0 != 0 goto +26 <LBB3_6>
    r1 = r10
    r1 += -16
    r2 = fill_chunk ll
    r3 = 0
    r4 = 0
    call bpf_dynptr_iterator
    r6 = 2
    if r0 != 0 goto +17 <LBB3_6>
    r1 = r10
    r1 += -24
    r3 = r10
    r3 += -16
    r2 = 8
    r4 = 24
    r5 = 0
    call bpf_dynptr_read
    r6 = 3
    if r0 != 0 goto +7 <LBB3_6>
    r6 = 1
    r1 = -6076574518398440533 ll
    r2 = *(u64 *)(r10 - 24)
    if r2 != r1 goto +1 <LBB3_5>
    r6 = 0
LBB3_5:
    r6 <<= 2
LBB3_6:
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r0 = r6
    exit

fill_chunk:
    r2 = -6076574518398440533 ll
    *(u64 *)(r10 - 8) = r2
    r3 = r10
    r3 += -8
    r2 = 0
    r4 = 8
    r5 = 0
    call bpf_dynptr_write
    r1 = r0
    r0 = 1
    if r1 == 0 goto +1 <LBB4_2>
    r0 = 0
LBB4_2:
    r0 <<= 3
    exit
