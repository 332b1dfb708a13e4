.program names syscall
.map samples array key=4 value=32 max_entries=2
.image .data 40 = [0x01, 0x00, 0x09, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x61, 0x62, 0x63]
.data cfg 24 at=0
.data text 16 at=24

    r1 = 0
    *(u32 *)(r10 - 100) = r1
    r6 = r10
    r6 += -80
    r1 = text ll
    r2 = 16
    r3 = 0
    r4 = r6
    call bpf_dynptr_from_mem
    r7 = r10
    r7 += -96
    r1 = r6
    r2 = r7
    r3 = 4
    call bpf_dynptr_clone
    r1 = r7
    r2 = 0
    r3 = 8
    call bpf_dynptr_data
    r6 = r0
    r0 = 1
    if r6 == 0 goto +42 <LBB0_4>
    r1 = 120
    *(u8 *)(r6 + 0) = r1
    r1 = r10
    r1 += -64
    r3 = r10
    r3 += -80
    r2 = 16
    r4 = 0
    r5 = 0
    call bpf_dynptr_read
    r0 = 3
    r1 = *(u8 *)(r10 - 64)
    if r1 != 97 goto +29 <LBB0_4>
    r2 = r10
    r2 += -100
    r1 = samples ll
    call bpf_map_lookup_elem
    r7 = r0
    r0 = 2
    if r7 == 0 goto +21 <LBB0_4>
    r1 = 6
    *(u64 *)(r7 + 8) = r1
    r1 = 42
    *(u32 *)(r7 + 0) = r1
    r1 = r7
    r1 += 16
    r3 = r10
    r3 += -80
    r2 = 4
    r4 = 0
    r5 = 0
    call bpf_dynptr_read
    r1 = 7
    *(u32 *)(r7 + 24) = r1
    r1 = *(u8 *)(r6 + 1)
    r2 = cfg ll
    r3 = *(u32 *)(r2 + 4)
    r3 += r1
    *(u32 *)(r2 + 4) = r3
    call bump
LBB0_4:
    exit

bump:
    r6 = 0
    *(u32 *)(r10 - 4) = r6
    r2 = r10
    r2 += -4
    r1 = samples ll
    call bpf_map_lookup_elem
    if r0 == 0 goto +4 <LBB1_2>
    r1 = *(u64 *)(r0 + 8)
    r1 += 1
    *(u64 *)(r0 + 8) = r1
    r6 = 1
LBB1_2:
    r0 = r6
    exit
