.program test_dynptr_is_rdonly cgroup_skb
.map ringbuf ringbuf max_entries=4096
.image .data 16 = "1,23,456,78"
.data str 16 at=0
.image .rodata.str1.1 16 = "hello, dynptr!!"
.image .bss 36
.bss err 4 at=0
.bss buf 32 at=4

    r3 = r10
    r3 += -16
    r2 = 0
    call bpf_dynptr_from_skb
    r6 = r0
    r7 = 1
    r4 = r10
    r4 += -32
    r1 = ringbuf ll
    r2 = 8
    r3 = 1
    call bpf_ringbuf_reserve_dynptr
    r4 = r10
    r4 += -48
    r1 = buf ll
    r2 = 8
    r3 = 0
    call bpf_dynptr_from_mem
    r1 = err ll
    *(u32 *)(r1 + 0) = r7
    if r6 != 0 goto +24 <LBB8_5>
    r2 = 2
    *(u32 *)(r1 + 0) = r2
    r1 = r10
    r1 += -16
    call bpf_dynptr_is_rdonly
    if r0 != 1 goto +18 <LBB8_5>
    r6 = err ll
    r1 = 3
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -32
    call bpf_dynptr_is_rdonly
    if r0 != 0 goto +10 <LBB8_5>
    r1 = 4
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -48
    call bpf_dynptr_is_rdonly
    if r0 != 0 goto +4 <LBB8_5>
    r1 = err ll
    r2 = 0
    *(u32 *)(r1 + 0) = r2
LBB8_5:
    r1 = r10
    r1 += -32
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    r0 = 1
    exit
