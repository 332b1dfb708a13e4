.program test_dynptr_is_null tp
.map ringbuf ringbuf max_entries=4096
.image .data 16 = "1,23,456,78"
.data str 16 at=0
.image .rodata.str1.1 16 = "hello, dynptr!!"
.image .bss 36
.bss err 4 at=0
.bss buf 32 at=4

    r7 = 1
    r4 = r10
    r4 += -16
    r1 = ringbuf ll
    r2 = 8
    r3 = 1
    call bpf_ringbuf_reserve_dynptr
    r6 = r0
    r4 = r10
    r4 += -32
    r1 = ringbuf ll
    r2 = 8
    r3 = 0
    call bpf_ringbuf_reserve_dynptr
    r1 = err ll
    *(u32 *)(r1 + 0) = r7
    if r6 != -22 goto +21 <LBB7_5>
    r2 = 2
    *(u32 *)(r1 + 0) = r2
    if r0 != 0 goto +18 <LBB7_5>
    r6 = err ll
    r1 = 3
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -16
    call bpf_dynptr_is_null
    if r0 != 1 goto +10 <LBB7_5>
    r1 = 4
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -32
    call bpf_dynptr_is_null
    if r0 != 0 goto +4 <LBB7_5>
    r1 = err ll
    r2 = 0
    *(u32 *)(r1 + 0) = r2
LBB7_5:
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    r1 = r10
    r1 += -32
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    r0 = 0
    exit
