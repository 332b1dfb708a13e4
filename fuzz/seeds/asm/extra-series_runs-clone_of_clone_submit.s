.program clone_of_clone_submit raw_tp
.map ringbuf ringbuf max_entries=4096
.image .bss 20
.bss buf 16 at=0
.bss small 4 at=16

    r1 = 1234605616436508552 ll
    *(u64 *)(r10 - 56) = r1
    r1 = 0
    *(u64 *)(r10 - 64) = r1
    r6 = r10
    r6 += -16
    r1 = ringbuf ll
    r2 = 16
    r3 = 0
    r4 = r6
    call bpf_ringbuf_reserve_dynptr
    r8 = r0
    r9 = r10
    r9 += -32
    r1 = r6
    r2 = r9
    r3 = 0
    call bpf_dynptr_clone
    r7 = r0
    r2 = r10
    r2 += -48
    r1 = r9
    r3 = 8
    call bpf_dynptr_clone
    r6 = 1
    if r8 != 0 goto +30 <LBB0_8>
    r6 = 2
    if r7 != 0 goto +28 <LBB0_8>
    r6 = 3
    if r0 != 0 goto +26 <LBB0_8>
    r1 = r10
    r1 += -48
    r3 = r10
    r3 += -56
    r2 = 0
    r4 = 8
    r5 = 0
    call bpf_dynptr_write
    r6 = 4
    if r0 != 0 goto +16 <LBB0_8>
    r1 = r10
    r1 += -64
    r3 = r10
    r3 += -16
    r7 = 0
    r2 = 8
    r4 = 8
    r5 = 0
    call bpf_dynptr_read
    r6 = 5
    if r0 != 0 goto +5 <LBB0_8>
    r1 = *(u64 *)(r10 - 56)
    r2 = *(u64 *)(r10 - 64)
    if r2 == r1 goto +1 <LBB0_7>
    r7 = 6
LBB0_7:
    r6 = r7
LBB0_8:
    r1 = r10
    r1 += -48
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r0 = r6
    exit
