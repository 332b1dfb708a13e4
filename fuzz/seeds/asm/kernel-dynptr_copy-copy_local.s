.program copy_local syscall
.image .data 32 = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x70, 0x72, 0x6f, 0x62, 0x65, 0x20, 0x6d, 0x65]
.data src 16 at=0
.data msg 16 at=16
.image .bss 136
.bss area 32 at=0
.bss errs 64 at=32
.bss dst 16 at=96
.bss out 24 at=112

    r4 = r10
    r4 += -16
    r1 = src ll
    r2 = 16
    r3 = 0
    call bpf_dynptr_from_mem
    r1 = r0
    r0 = 4294967295 ll
    if r1 != 0 goto +103 <LBB1_3>
    r4 = r10
    r4 += -32
    r1 = dst ll
    r2 = 16
    r3 = 0
    call bpf_dynptr_from_mem
    r1 = r0
    r0 = 4294967294 ll
    if r1 != 0 goto +92 <LBB1_3>
    r6 = r10
    r6 += -48
    r1 = dst ll
    r2 = 16
    r3 = 1
    r4 = r6
    call bpf_dynptr_from_mem
    r8 = r10
    r8 += -32
    r7 = r10
    r7 += -16
    r1 = r8
    r2 = 2
    r3 = r7
    r4 = 0
    r5 = 8
    call bpf_dynptr_copy
    r0 <<= 32
    r0 s>>= 32
    r9 = errs ll
    *(u64 *)(r9 + 0) = r0
    r1 = r7
    r2 = 1
    r3 = r7
    r4 = 0
    r5 = 8
    call bpf_dynptr_copy
    r0 <<= 32
    r0 s>>= 32
    *(u64 *)(r9 + 8) = r0
    r1 = r8
    r2 = 10
    r3 = r7
    r4 = 0
    r5 = 8
    call bpf_dynptr_copy
    r0 <<= 32
    r0 s>>= 32
    *(u64 *)(r9 + 16) = r0
    r1 = r8
    r2 = 0
    r3 = r7
    r4 = 12
    r5 = 8
    call bpf_dynptr_copy
    r0 <<= 32
    r0 s>>= 32
    *(u64 *)(r9 + 24) = r0
    r1 = r8
    r2 = 0
    r3 = r6
    r4 = 0
    r5 = 4
    call bpf_dynptr_copy
    r0 <<= 32
    r0 s>>= 32
    *(u64 *)(r9 + 32) = r0
    r1 = r6
    r2 = 0
    r3 = r7
    r4 = 0
    r5 = 4
    call bpf_dynptr_copy
    r0 <<= 32
    r0 s>>= 32
    *(u64 *)(r9 + 40) = r0
    r1 = r6
    r2 = 0
    r3 = r6
    r4 = 0
    r5 = 0
    call bpf_dynptr_copy
    r0 <<= 32
    r0 s>>= 32
    *(u64 *)(r9 + 48) = r0
    r1 = r6
    r2 = 0
    r3 = r6
    r4 = 0
    r5 = 1
    call bpf_dynptr_copy
    r0 <<= 32
    r0 s>>= 32
    *(u64 *)(r9 + 56) = r0
    r2 = dst ll
    r1 = *(u8 *)(r2 + 2)
    r0 = *(u8 *)(r2 + 9)
    r0 <<= 8
    r0 |= r1
LBB1_3:
    exit
