.program test_advance_trim_err tp
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
    r1 = buf ll
    r2 = 32
    r3 = 0
    call bpf_dynptr_from_mem
    if r0 != 0 goto +57 <LBB5_9>
    r1 = 2
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -16
    r2 = 33
    call bpf_dynptr_advance
    if r0 != -34 goto +50 <LBB5_9>
    r6 = err ll
    r1 = 3
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -16
    r2 = 33
    call bpf_dynptr_trim
    if r0 != -34 goto +41 <LBB5_9>
    r1 = 4
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -16
    call bpf_dynptr_get_offset
    if r0 != 0 goto +35 <LBB5_9>
    r6 = err ll
    r1 = 5
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -16
    call bpf_dynptr_get_size
    if r0 != 32 goto +27 <LBB5_9>
    r1 = 6
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -16
    r2 = 32
    call bpf_dynptr_advance
    if r0 != 0 goto +20 <LBB5_9>
    r6 = err ll
    r1 = 7
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -16
    r2 = 1
    call bpf_dynptr_advance
    if r0 != -34 goto +11 <LBB5_9>
    r1 = 8
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -16
    r2 = 1
    call bpf_dynptr_trim
    if r0 != -34 goto +4 <LBB5_9>
    r1 = err ll
    r2 = 0
    *(u32 *)(r1 + 0) = r2
LBB5_9:
    r0 = 0
    exit
