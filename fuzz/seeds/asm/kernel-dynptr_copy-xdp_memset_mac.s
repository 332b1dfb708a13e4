.program xdp_memset_mac xdp
.image .data 32 = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x70, 0x72, 0x6f, 0x62, 0x65, 0x20, 0x6d, 0x65]
.data src 16 at=0
.data msg 16 at=16
.image .bss 136
.bss area 32 at=0
.bss errs 64 at=32
.bss dst 16 at=96
.bss out 24 at=112

    r2 = 0
    *(u8 *)(r10 - 17) = r2
    r3 = r10
    r3 += -16
    r2 = 0
    call kfunc bpf_dynptr_from_xdp
    r1 = r0
    r0 = 1
    r1 <<= 32
    r1 >>= 32
    if r1 != 0 goto +33 <LBB4_4>
    r1 = r10
    r1 += -16
    r2 = 0
    r3 = 6
    r4 = 238
    call bpf_dynptr_memset
    r1 = r0
    r0 = 2
    r1 <<= 32
    r1 >>= 32
    if r1 != 0 goto +22 <LBB4_4>
    r1 = r10
    r1 += -16
    r2 = 48
    r3 = 4
    r4 = 0
    call bpf_dynptr_memset
    r1 = r0
    r0 = 3
    r1 <<= 32
    r1 >>= 32
    r2 = 4294967289 ll
    if r1 != r2 goto +9 <LBB4_4>
    r1 = r10
    r1 += -17
    r3 = r10
    r3 += -16
    r2 = 1
    r4 = 5
    r5 = 0
    call bpf_dynptr_read
    r0 = *(u8 *)(r10 - 17)
LBB4_4:
    exit
