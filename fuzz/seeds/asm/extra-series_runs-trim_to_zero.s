.program trim_to_zero raw_tp
.map ringbuf ringbuf max_entries=4096
.image .bss 20
.bss buf 16 at=0
.bss small 4 at=16

    r4 = r10
    r4 += -16
    r1 = buf ll
    r2 = 16
    r3 = 0
    call bpf_dynptr_from_mem
    r1 = r0
    r0 = 1
    if r1 != 0 goto +37 <LBB2_8>
    r1 = r10
    r1 += -16
    r2 = 16
    call bpf_dynptr_trim
    r1 = r0
    r0 = 2
    if r1 != 0 goto +30 <LBB2_8>
    r1 = r10
    r1 += -16
    call bpf_dynptr_get_size
    r1 = r0
    r0 = 3
    if r1 != 0 goto +24 <LBB2_8>
    r1 = r10
    r1 += -16
    call bpf_dynptr_get_offset
    r1 = r0
    r0 = 4
    if r1 != 0 goto +18 <LBB2_8>
    r1 = r10
    r1 += -17
    r3 = r10
    r3 += -16
    r6 = 0
    r2 = 1
    r4 = 0
    r5 = 0
    call bpf_dynptr_read
    r1 = r0
    r0 = 5
    if r1 != -7 goto +6 <LBB2_8>
    r1 = r10
    r1 += -16
    call bpf_dynptr_is_null
    if r0 == 0 goto +1 <LBB2_7>
    r6 = 6
LBB2_7:
    r0 = r6
LBB2_8:
    exit
