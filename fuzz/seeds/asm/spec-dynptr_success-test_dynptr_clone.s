.program test_dynptr_clone tc
.map ringbuf ringbuf max_entries=4096
.image .data 16 = "1,23,456,78"
.data str 16 at=0
.image .rodata.str1.1 16 = "hello, dynptr!!"
.image .bss 36
.bss err 4 at=0
.bss buf 32 at=4

    r6 = err ll
    r2 = 1
    *(u32 *)(r6 + 0) = r2
    r3 = 0
    *(u8 *)(r10 - 33) = r3
    *(u8 *)(r10 - 34) = r2
    r3 = r10
    r3 += -16
    r2 = 0
    call bpf_dynptr_from_skb
    if r0 != 0 goto +123 <LBB9_16>
    r1 = 2
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -16
    r2 = r10
    r2 += -32
    r3 = 0
    call bpf_dynptr_clone
    if r0 != 0 goto +114 <LBB9_16>
    r1 = r10
    r1 += -16
    call bpf_dynptr_get_size
    r6 = r0
    r7 = err ll
    r1 = 3
    *(u32 *)(r7 + 0) = r1
    r1 = r10
    r1 += -32
    call bpf_dynptr_get_size
    if r0 != r6 goto +102 <LBB9_16>
    r1 = 4
    *(u32 *)(r7 + 0) = r1
    r1 = r10
    r1 += -32
    call bpf_dynptr_get_offset
    r7 = r0
    r1 = r10
    r1 += -16
    call bpf_dynptr_get_offset
    if r7 != r0 goto +92 <LBB9_16>
    r8 = err ll
    r1 = 5
    *(u32 *)(r8 + 0) = r1
    r1 = r10
    r1 += -32
    call bpf_dynptr_is_rdonly
    r7 = r0
    r1 = r10
    r1 += -16
    call bpf_dynptr_is_rdonly
    if r7 != r0 goto +80 <LBB9_16>
    r1 = 6
    *(u32 *)(r8 + 0) = r1
    r1 = r10
    r1 += -32
    r2 = 4
    call bpf_dynptr_advance
    if r0 != 0 goto +73 <LBB9_16>
    r7 = err ll
    r1 = 7
    *(u32 *)(r7 + 0) = r1
    r1 = r10
    r1 += -16
    call bpf_dynptr_get_offset
    if r0 != 0 goto +65 <LBB9_16>
    r1 = 8
    *(u32 *)(r7 + 0) = r1
    r1 = r10
    r1 += -16
    call bpf_dynptr_get_size
    if r0 != r6 goto +59 <LBB9_16>
    r7 = err ll
    r1 = 9
    *(u32 *)(r7 + 0) = r1
    r1 = r10
    r1 += -32
    call bpf_dynptr_get_offset
    if r0 != 4 goto +51 <LBB9_16>
    r1 = r10
    r1 += -32
    call bpf_dynptr_get_size
    r6 = r0
    r1 = 10
    *(u32 *)(r7 + 0) = r1
    r1 = r10
    r1 += -16
    r2 = 10
    call bpf_dynptr_trim
    if r0 != 0 goto +40 <LBB9_16>
    r7 = err ll
    r1 = 11
    *(u32 *)(r7 + 0) = r1
    r1 = r10
    r1 += -32
    call bpf_dynptr_get_size
    if r0 != r6 goto +32 <LBB9_16>
    r1 = 12
    *(u32 *)(r7 + 0) = r1
    r1 = r10
    r1 += -33
    r3 = r10
    r3 += -16
    r2 = 1
    r4 = 4
    r5 = 0
    call bpf_dynptr_read
    if r0 != 0 goto +21 <LBB9_16>
    r1 = err ll
    r2 = 13
    *(u32 *)(r1 + 0) = r2
    r1 = r10
    r1 += -34
    r3 = r10
    r3 += -32
    r6 = 0
    r2 = 1
    r4 = 0
    r5 = 0
    call bpf_dynptr_read
    if r0 != 0 goto +7 <LBB9_16>
    r1 = *(u8 *)(r10 - 34)
    r2 = *(u8 *)(r10 - 33)
    if r2 == r1 goto +1 <LBB9_15>
    r6 = 14
LBB9_15:
    r1 = err ll
    *(u32 *)(r1 + 0) = r6
LBB9_16:
    r0 = 0
    exit
