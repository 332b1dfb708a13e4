.program probe_into_dynptr syscall
.image .data 32 = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x70, 0x72, 0x6f, 0x62, 0x65, 0x20, 0x6d, 0x65]
.data src 16 at=0
.data msg 16 at=16
.image .bss 136
.bss area 32 at=0
.bss errs 64 at=32
.bss dst 16 at=96
.bss out 24 at=112

    r1 = 72623859790382856 ll
    *(u64 *)(r10 - 24) = r1
    r7 = out ll
    r4 = r10
    r4 += -16
    r1 = out ll
    r2 = 24
    r3 = 0
    call bpf_dynptr_from_mem
    r1 = r0
    r0 = 4294967295 ll
    if r1 != 0 goto +76 <LBB2_2>
    r6 = r10
    r6 += -16
    r4 = r10
    r4 += -24
    r1 = r6
    r2 = 0
    r3 = 8
    call bpf_probe_read_kernel_dynptr
    r0 <<= 32
    r0 s>>= 32
    r8 = errs ll
    *(u64 *)(r8 + 0) = r0
    r1 = r6
    r2 = 20
    r3 = 8
    r4 = msg ll
    call bpf_probe_read_kernel_dynptr
    r0 <<= 32
    r0 s>>= 32
    *(u64 *)(r8 + 8) = r0
    r1 = r6
    r2 = 0
    r3 = 4
    r4 = 4096
    call bpf_probe_read_kernel_dynptr
    r0 <<= 32
    r0 s>>= 32
    *(u64 *)(r8 + 16) = r0
    r1 = r6
    r2 = 0
    r3 = 4
    r4 = 0
    call bpf_probe_read_user_dynptr
    r0 <<= 32
    r0 s>>= 32
    *(u64 *)(r8 + 24) = r0
    r1 = r6
    r2 = 8
    r3 = 6
    r4 = msg ll
    call bpf_probe_read_kernel_str_dynptr
    r0 <<= 32
    r0 s>>= 32
    *(u64 *)(r8 + 32) = r0
    r1 = r6
    r2 = 16
    r3 = 8
    r4 = msg ll
    call bpf_probe_read_kernel_str_dynptr
    r0 <<= 32
    r0 s>>= 32
    *(u64 *)(r8 + 40) = r0
    r1 = r6
    r2 = 16
    r3 = 8
    r4 = 0
    call bpf_probe_read_user_str_dynptr
    r0 <<= 32
    r0 s>>= 32
    *(u64 *)(r8 + 48) = r0
    r1 = r6
    r2 = 16
    r3 = 8
    r4 = 4096
    call bpf_probe_read_kernel_str_dynptr
    r0 <<= 32
    r0 s>>= 32
    *(u64 *)(r8 + 56) = r0
    r1 = *(u8 *)(r7 + 0)
    r0 = *(u8 *)(r7 + 13)
    r0 <<= 8
    r0 |= r1
LBB2_2:
    exit
