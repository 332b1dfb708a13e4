.program smp_processor_id syscall
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

    call bpf_get_smp_processor_id
    r1 = r0
    r1 <<= 32
    r1 >>= 32
    r0 = 7
    r2 = 8192
    if r2 > r1 goto +1 <LBB3_2>
    r0 = 0
LBB3_2:
    exit
