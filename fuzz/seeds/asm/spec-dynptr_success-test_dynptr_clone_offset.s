.program test_dynptr_clone_offset tc
.map ringbuf ringbuf max_entries=4096
.image .data 16 = "1,23,456,78"
.data str 16 at=0
.image .rodata.str1.1 16 = "hello, dynptr!!"
.image .bss 36
.bss err 4 at=0
.bss buf 32 at=4

    r8 = err ll
    r2 = 1
    *(u32 *)(r8 + 0) = r2
    r3 = r10
    r3 += -16
    r2 = 0
    call bpf_dynptr_from_skb
    if r0 != 0 goto +73 <LBB10_10>
    r7 = r10
    r7 += -16
    r1 = r7
    call bpf_dynptr_get_size
    r6 = r0
    r1 = 2
    *(u32 *)(r8 + 0) = r1
    r3 = r6
    r3 += 1
    r2 = r10
    r2 += -32
    r1 = r7
    call bpf_dynptr_clone
    if r0 != -34 goto +59 <LBB10_10>
    r7 = err ll
    r1 = 3
    *(u32 *)(r7 + 0) = r1
    r1 = r10
    r1 += -32
    call bpf_dynptr_is_null
    if r0 != 1 goto +51 <LBB10_10>
    r1 = 4
    *(u32 *)(r7 + 0) = r1
    r1 = r10
    r1 += -16
    r2 = r10
    r2 += -48
    r3 = r6
    call bpf_dynptr_clone
    if r0 != 0 goto +42 <LBB10_10>
    r7 = err ll
    r1 = 5
    *(u32 *)(r7 + 0) = r1
    r1 = r10
    r1 += -48
    call bpf_dynptr_get_size
    if r0 != 0 goto +34 <LBB10_10>
    r1 = 6
    *(u32 *)(r7 + 0) = r1
    r1 = r10
    r1 += -16
    r2 = r10
    r2 += -64
    r3 = 14
    call bpf_dynptr_clone
    if r0 != 0 goto +25 <LBB10_10>
    r7 = err ll
    r1 = 7
    *(u32 *)(r7 + 0) = r1
    r1 = r10
    r1 += -64
    call bpf_dynptr_get_offset
    if r0 != 14 goto +17 <LBB10_10>
    r1 = 8
    *(u32 *)(r7 + 0) = r1
    r1 = r10
    r1 += -64
    call bpf_dynptr_get_size
    r6 += -14
    if r0 != r6 goto +10 <LBB10_10>
    r6 = err ll
    r1 = 9
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -16
    call bpf_dynptr_get_offset
    if r0 != 0 goto +2 <LBB10_10>
    r1 = 0
    *(u32 *)(r6 + 0) = r1
LBB10_10:
    r0 = 0
    exit
