.program test_data_slice tp
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
    r1 = 0
    *(u64 *)(r10 - 24) = r1
    r4 = r10
    r4 += -16
    r1 = ringbuf ll
    r2 = 16
    r3 = 0
    call bpf_ringbuf_reserve_dynptr
    if r0 != 0 goto +40 <LBB1_6>
    r1 = 2
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -16
    r2 = 0
    r3 = 16
    call bpf_dynptr_data
    if r0 == 0 goto +32 <LBB1_6>
    r6 = 1234605616436508552 ll
    *(u64 *)(r0 + 0) = r6
    r7 = err ll
    r1 = 3
    *(u32 *)(r7 + 0) = r1
    r1 = r10
    r1 += -24
    r3 = r10
    r3 += -16
    r2 = 8
    r4 = 0
    r5 = 0
    call bpf_dynptr_read
    if r0 != 0 goto +16 <LBB1_6>
    r1 = 4
    *(u32 *)(r7 + 0) = r1
    r1 = *(u64 *)(r10 - 24)
    if r1 != r6 goto +12 <LBB1_6>
    r6 = err ll
    r1 = 5
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -16
    r2 = 8
    r3 = 16
    call bpf_dynptr_data
    if r0 != 0 goto +2 <LBB1_6>
    r1 = 0
    *(u32 *)(r6 + 0) = r1
LBB1_6:
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r0 = 0
    exit
