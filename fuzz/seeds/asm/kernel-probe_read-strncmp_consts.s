.program strncmp_consts syscall
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

    r1 = 24929
    *(u32 *)(r10 - 20) = r1
    r1 = 98
    *(u32 *)(r10 - 24) = r1
    r1 = 25441
    *(u32 *)(r10 - 28) = r1
    r6 = r10
    r6 += -16
    r1 = r6
    r2 = 16
    call bpf_get_current_comm
    r1 = r6
    r2 = 16
    r3 = want ll
    call bpf_strncmp
    r7 = r0
    r1 = r10
    r1 += -20
    r2 = 4
    r3 = ab ll
    call bpf_strncmp
    r6 = 2221
    if r7 == 0 goto +1 <LBB2_2>
    r6 = 2220
LBB2_2:
    r0 *= 10
    r6 += r0
    r1 = r10
    r1 += -24
    r2 = 4
    r3 = ab ll
    call bpf_strncmp
    r0 *= 100
    r6 += r0
    r1 = r10
    r1 += -28
    r2 = 1
    r3 = ab ll
    call bpf_strncmp
    r0 *= 1000
    r6 += r0
    r0 = r6
    exit
