.program clone_skb_packet_data tc
.map ringbuf ringbuf max_entries=4096
.image .bss 32
.bss buf 32 at=0

    r6 = r1
    r7 = 0
    r8 = r10
    r8 += -16
    r2 = 0
    r3 = r8
    call bpf_dynptr_from_skb
    r9 = r10
    r9 += -32
    r1 = r8
    r2 = r9
    r3 = 0
    call bpf_dynptr_clone
    r1 = r9
    r2 = 0
    r3 = 1
    call bpf_dynptr_data
    r8 = r0
    if r8 == 0 goto +4 <LBB15_2>
    r1 = r6
    r2 = 0
    call bpf_skb_pull_data
    r7 = *(u8 *)(r8 + 0)
LBB15_2:
    r0 = r7
    exit
