.program test_zero_size_dynptr tp
.map ringbuf ringbuf max_entries=4096
.image .data 16 = "1,23,456,78"
.data str 16 at=0
.image .rodata.str1.1 16 = "hello, dynptr!!"
.image .bss 36
.bss err 4 at=0
.bss buf 32 at=4

    r1 = 0
    *(u64 *)(r10 - 40) = r1
    r6 = r10
    r6 += -16
    r1 = ringbuf ll
    r2 = 16
    r3 = 0
    r4 = r6
    call bpf_ringbuf_reserve_dynptr
    r7 = r0
    r2 = r10
    r2 += -32
    r1 = r6
    r3 = 0
    call bpf_dynptr_clone
    r1 = err ll
    r2 = 1
    *(u32 *)(r1 + 0) = r2
    if r7 != 0 goto +101 <LBB6_12>
    r2 = 8
    *(u32 *)(r1 + 0) = r2
    if r0 != 0 goto +98 <LBB6_12>
    r6 = err ll
    r1 = 2
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -16
    r2 = 16
    call bpf_dynptr_advance
    if r0 != 0 goto +89 <LBB6_12>
    r1 = 3
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -16
    call bpf_dynptr_get_size
    if r0 != 0 goto +83 <LBB6_12>
    r6 = err ll
    r1 = 4
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -40
    r3 = r10
    r3 += -16
    r2 = 0
    r4 = 0
    r5 = 0
    call bpf_dynptr_read
    if r0 != 0 goto +70 <LBB6_12>
    r1 = 5
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -16
    r3 = r10
    r3 += -40
    r2 = 0
    r4 = 0
    r5 = 0
    call bpf_dynptr_write
    if r0 != 0 goto +59 <LBB6_12>
    r6 = err ll
    r1 = 6
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -40
    r3 = r10
    r3 += -16
    r2 = 1
    r4 = 0
    r5 = 0
    call bpf_dynptr_read
    if r0 != -7 goto +46 <LBB6_12>
    r1 = 7
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -16
    r3 = r10
    r3 += -40
    r2 = 0
    r4 = 1
    r5 = 0
    call bpf_dynptr_write
    if r0 != -7 goto +35 <LBB6_12>
    r6 = err ll
    r1 = 9
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -32
    r2 = 16
    call bpf_dynptr_trim
    if r0 != 0 goto +26 <LBB6_12>
    r1 = 10
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -40
    r3 = r10
    r3 += -32
    r2 = 0
    r4 = 0
    r5 = 0
    call bpf_dynptr_read
    if r0 != 0 goto +15 <LBB6_12>
    r6 = err ll
    r1 = 11
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -32
    r3 = r10
    r3 += -40
    r7 = 0
    r2 = 0
    r4 = 1
    r5 = 0
    call bpf_dynptr_write
    if r0 != -7 goto +1 <LBB6_12>
    *(u32 *)(r6 + 0) = r7
LBB6_12:
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    r0 = 0
    exit
