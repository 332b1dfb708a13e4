.program cgroup_bad_slice_rdwr cgroup_skb
.image .bss 32
.bss results 32 at=0

    r2 = 0
    *(u16 *)(r10 - 18) = r2
    r6 = r10
    r6 += -16
    r2 = 0
    r3 = r6
    call kfunc bpf_dynptr_from_skb
    r3 = r10
    r3 += -18
    r1 = r6
    r2 = 0
    r4 = 2
    call bpf_dynptr_slice_rdwr
    if r0 == 0 goto +2 <LBB1_2>
    r1 = 1
    *(u8 *)(r0 + 0) = r1
LBB1_2:
    r0 = 1
    exit
