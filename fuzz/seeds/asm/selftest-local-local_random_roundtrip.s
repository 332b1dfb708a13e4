.program local_random_roundtrip syscall
.image .bss 32
.bss scratch 32 at=0

    call bpf_get_prandom_u32
    *(u32 *)(r10 - 20) = r0
    r1 = 0
    *(u32 *)(r10 - 24) = r1
    r4 = r10
    r4 += -16
    r1 = scratch ll
    r2 = 32
    r3 = 0
    call bpf_dynptr_from_mem
    r1 = r0
    r0 = 4294967295 ll
    if r1 != 0 goto +17 <LBB5_2>
    r6 = r10
    r6 += -16
    r3 = r10
    r3 += -20
    r1 = r6
    r2 = 0
    r4 = 4
    r5 = 0
    call bpf_dynptr_write
    r1 = r10
    r1 += -24
    r2 = 4
    r3 = r6
    r4 = 0
    r5 = 0
    call bpf_dynptr_read
    r0 = *(u32 *)(r10 - 24)
LBB5_2:
    exit
