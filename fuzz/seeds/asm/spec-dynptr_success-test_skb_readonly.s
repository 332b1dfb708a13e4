.program test_skb_readonly cgroup_skb
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
    r2 = 513
    *(u16 *)(r10 - 2) = r2
    r3 = r10
    r3 += -24
    r2 = 0
    call bpf_dynptr_from_skb
    if r0 != 0 goto +15 <LBB3_3>
    r1 = 2
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -24
    r3 = r10
    r3 += -2
    r6 = 0
    r2 = 0
    r4 = 2
    r5 = 0
    call bpf_dynptr_write
    if r0 != -22 goto +3 <LBB3_3>
    r1 = err ll
    *(u32 *)(r1 + 0) = r6
LBB3_3:
    r0 = 1
    exit
