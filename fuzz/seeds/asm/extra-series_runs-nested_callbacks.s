.program nested_callbacks raw_tp
.map ringbuf ringbuf max_entries=4096
.image .bss 20
.bss buf 16 at=0
.bss small 4 at=16

    r1 = 0
    *(u64 *)(r10 - 24) = r1
    r6 = r10
    r6 += -16
    r1 = small ll
    r2 = 4
    r3 = 0
    r4 = r6
    call bpf_dynptr_from_mem
    r3 = r10
    r3 += -24
    r1 = r6
    r2 = per_byte ll
    r4 = 0
    call bpf_dynptr_iterator
    r0 = *(u64 *)(r10 - 24)
    exit

per_byte:
    r6 = r2
    call bpf_dynptr_get_size
    r1 = r0
    r0 = 0
    if r1 == 0 goto +7 <LBB8_2>
    r1 = 3
    r2 = count ll
    r3 = r6
    r4 = 0
    call bpf_loop
    r0 = 1
LBB8_2:
    exit

count:
    r1 = *(u64 *)(r2 + 0)
    r1 += 1
    *(u64 *)(r2 + 0) = r1
    r0 = 0
    exit
