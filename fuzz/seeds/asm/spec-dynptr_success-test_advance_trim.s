.program test_advance_trim tp
.map ringbuf ringbuf max_entries=4096
.image .data 16 = "1,23,456,78"
.data str 16 at=0
.image .rodata.str1.1 16 = "hello, dynptr!!"
.image .bss 36
.bss err 4 at=0
.bss buf 32 at=4

    r6 = err ll
    r1 = 1
    *(u32 *)(r6 + 0) = r1
    r4 = r10
    r4 += -16
    r1 = ringbuf ll
    r2 = 64
    r3 = 0
    call bpf_ringbuf_reserve_dynptr
    if r0 != 0 goto +46 <LBB4_8>
    r1 = 2
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -16
    r2 = 10
    call bpf_dynptr_advance
    if r0 != 0 goto +39 <LBB4_8>
    r6 = err ll
    r1 = 3
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -16
    call bpf_dynptr_get_offset
    if r0 != 10 goto +31 <LBB4_8>
    r1 = 4
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -16
    call bpf_dynptr_get_size
    if r0 != 54 goto +25 <LBB4_8>
    r6 = err ll
    r1 = 5
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -16
    r2 = 4
    call bpf_dynptr_trim
    if r0 != 0 goto +16 <LBB4_8>
    r1 = 6
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -16
    call bpf_dynptr_get_size
    if r0 != 50 goto +10 <LBB4_8>
    r6 = err ll
    r1 = 7
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -16
    call bpf_dynptr_get_offset
    if r0 != 10 goto +2 <LBB4_8>
    r1 = 0
    *(u32 *)(r6 + 0) = r1
LBB4_8:
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    r0 = 0
    exit
