.program probe_kernel_mem syscall
.image .data 22 = "probe me\0\0\0\0\0\0\0\0kload"
.data msg 16 at=0
.data not_const 6 at=16
.image .rodata 9 = "kload\0ab"
.rodata want 6 at=0
.rodata ab 3 at=6
.image .bss 160
.bss got 16 at=0
.bss errs 48 at=16
.bss sbuf 48 at=64
.bss slen 48 at=112

    r1 = 1234605616436508552 ll
    *(u64 *)(r10 - 8) = r1
    r9 = 6148914691236517205 ll
    *(u64 *)(r10 - 16) = r9
    r7 = got ll
    r6 = r10
    r6 += -8
    r1 = got ll
    r2 = 8
    r3 = r6
    call bpf_probe_read_kernel
    r8 = errs ll
    *(u64 *)(r8 + 0) = r0
    r1 = r10
    r1 += -20
    r2 = 4
    r3 = msg ll
    call bpf_probe_read_kernel
    *(u64 *)(r8 + 8) = r0
    *(u64 *)(r7 + 8) = r9
    r7 += 8
    r1 = r7
    r2 = 8
    r3 = 4096
    call bpf_probe_read_kernel
    *(u64 *)(r8 + 16) = r0
    r7 = r10
    r7 += -16
    r1 = r7
    r2 = 8
    r3 = 0
    call bpf_probe_read_user
    *(u64 *)(r8 + 24) = r0
    r1 = r7
    r2 = 8
    r3 = r6
    call bpf_probe_read_user
    *(u64 *)(r8 + 32) = r0
    r1 = r7
    r2 = 0
    r3 = r6
    call bpf_probe_read_kernel
    *(u64 *)(r8 + 40) = r0
    r1 = 1
    r2 = *(u64 *)(r10 - 16)
    if r2 == 0 goto +1 <LBB0_2>
    r1 = 0
LBB0_2:
    r2 = *(u8 *)(r10 - 20)
    r2 <<= 56
    r2 s>>= 56
    r0 = *(u8 *)(r10 - 17)
    r0 <<= 56
    r0 s>>= 56
    r0 <<= 8
    r0 += r2
    r1 <<= 16
    r0 += r1
    exit
