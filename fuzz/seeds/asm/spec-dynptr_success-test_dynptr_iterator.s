.program test_dynptr_iterator tc
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
    r2 = 0
    *(u64 *)(r10 - 8) = r2
    *(u64 *)(r10 - 16) = r2
    r3 = r10
    r3 += -32
    r2 = 0
    call bpf_dynptr_from_skb
    if r0 != 0 goto +39 <LBB11_7>
    r1 = 2
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -32
    r3 = r10
    r3 += -16
    r2 = iterator_chunk_cb ll
    r4 = 0
    call bpf_dynptr_iterator
    if r0 != 0 goto +28 <LBB11_7>
    r1 = err ll
    r2 = 3
    *(u32 *)(r1 + 0) = r2
    r2 = *(u64 *)(r10 - 16)
    if r2 != 7 goto +22 <LBB11_7>
    r2 = 4
    *(u32 *)(r1 + 0) = r2
    r1 = *(u64 *)(r10 - 8)
    if r1 != 54 goto +18 <LBB11_7>
    r6 = err ll
    r1 = 5
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -32
    call bpf_dynptr_get_offset
    if r0 != 0 goto +10 <LBB11_7>
    r1 = 6
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -32
    call bpf_dynptr_get_size
    if r0 != 54 goto +4 <LBB11_7>
    r1 = err ll
    r2 = 0
    *(u32 *)(r1 + 0) = r2
LBB11_7:
    r0 = 0
    exit

iterator_chunk_cb:
    r6 = r2
    call bpf_dynptr_get_size
    r1 = *(u64 *)(r6 + 0)
    r1 += 1
    *(u64 *)(r6 + 0) = r1
    r1 = 10
    if r1 > r0 goto +1 <LBB12_2>
    r0 = 10
LBB12_2:
    r1 = *(u64 *)(r6 + 8)
    r1 += r0
    *(u64 *)(r6 + 8) = r1
    exit
