.program clone_xdp_packet_data xdp
.map ringbuf ringbuf max_entries=4096
.image .bss 32
.bss buf 32 at=0

    r6 = r1
    r9 = 0
    r7 = r10
    r7 += -16
    r2 = 0
    r3 = r7
    call bpf_dynptr_from_xdp
    r8 = r10
    r8 += -32
    r1 = r7
    r2 = r8
    r3 = 0
    call bpf_dynptr_clone
    r1 = r8
    r2 = 0
    r3 = 2
    call bpf_dynptr_data
    r7 = r0
    if r7 == 0 goto +4 <LBB16_2>
    r1 = r6
    r2 = 4
    call bpf_xdp_adjust_head
    *(u16 *)(r7 + 0) = r9
LBB16_2:
    r0 = 2
    exit
