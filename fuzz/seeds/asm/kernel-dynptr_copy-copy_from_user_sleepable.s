.program copy_from_user_sleepable syscall
.image .data 32 = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x70, 0x72, 0x6f, 0x62, 0x65, 0x20, 0x6d, 0x65]
.data src 16 at=0
.data msg 16 at=16
.image .bss 136
.bss area 32 at=0
.bss errs 64 at=32
.bss dst 16 at=96
.bss out 24 at=112

    r7 = out ll
    r1 = 90
    *(u8 *)(r7 + 7) = r1
    *(u8 *)(r7 + 6) = r1
    *(u8 *)(r7 + 5) = r1
    *(u8 *)(r7 + 3) = r1
    *(u8 *)(r7 + 15) = r1
    *(u8 *)(r7 + 14) = r1
    *(u8 *)(r7 + 13) = r1
    *(u8 *)(r7 + 11) = r1
    *(u8 *)(r7 + 23) = r1
    *(u8 *)(r7 + 22) = r1
    *(u8 *)(r7 + 21) = r1
    *(u8 *)(r7 + 19) = r1
    r1 = 6510615555426900570 ll
    r2 = 6510615555426900570 ll
    r2 >>= 32
    *(u8 *)(r7 + 4) = r2
    *(u8 *)(r7 + 12) = r2
    *(u8 *)(r7 + 20) = r2
    r2 = 6510615555426900570 ll
    r2 >>= 16
    *(u8 *)(r7 + 2) = r2
    *(u8 *)(r7 + 10) = r2
    *(u8 *)(r7 + 18) = r2
    *(u8 *)(r7 + 0) = r1
    *(u8 *)(r7 + 8) = r1
    *(u8 *)(r7 + 16) = r1
    r1 >>= 8
    *(u8 *)(r7 + 1) = r1
    *(u8 *)(r7 + 9) = r1
    *(u8 *)(r7 + 17) = r1
    r1 = 7
    *(u64 *)(r10 - 24) = r1
    r4 = r10
    r4 += -16
    r1 = out ll
    r2 = 24
    r3 = 0
    call bpf_dynptr_from_mem
    r1 = r0
    r0 = 4294967295 ll
    if r1 != 0 goto +50 <LBB3_2>
    r6 = r10
    r6 += -16
    r1 = r6
    r2 = 0
    r3 = 8
    r4 = 0
    call bpf_copy_from_user_dynptr
    r0 <<= 32
    r0 s>>= 32
    r8 = errs ll
    *(u64 *)(r8 + 0) = r0
    r4 = r10
    r4 += -24
    r1 = r6
    r2 = 8
    r3 = 4
    call bpf_copy_from_user_dynptr
    r0 <<= 32
    r0 s>>= 32
    *(u64 *)(r8 + 8) = r0
    r1 = r6
    r2 = 12
    r3 = 4
    r4 = 0
    call bpf_copy_from_user_str_dynptr
    r0 <<= 32
    r0 s>>= 32
    *(u64 *)(r8 + 16) = r0
    r1 = r6
    r2 = 12
    r3 = 0
    r4 = 0
    call bpf_copy_from_user_str_dynptr
    r0 <<= 32
    r0 s>>= 32
    *(u64 *)(r8 + 24) = r0
    r1 = r6
    r2 = 20
    r3 = 8
    r4 = 0
    call bpf_copy_from_user_dynptr
    r0 <<= 32
    r0 s>>= 32
    *(u64 *)(r8 + 32) = r0
    r1 = *(u8 *)(r7 + 0)
    r0 = *(u8 *)(r7 + 12)
    r0 += r1
    r1 = *(u8 *)(r7 + 16)
    r0 += r1
LBB3_2:
    exit
