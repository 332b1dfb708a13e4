.program skb_invalid_write cgroup_skb
.map ringbuf ringbuf max_entries=4096
.image .bss 32
.bss buf 32 at=0

    r7 = 0
    r6 = r10
    r6 += -16
    r2 = 0
    r3 = r6
    call bpf_dynptr_from_skb
    r1 = r6
    r2 = 0
    r3 = 8
    call bpf_dynptr_data
    if r0 == 0 goto +1 <LBB2_2>
    *(u64 *)(r0 + 0) = r7
LBB2_2:
    r0 = 1
    exit
