.program probe_bad_size syscall
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

    call bpf_get_prandom_u32
    r1 = r10
    r1 += -16
    r2 = r0
    r3 = msg ll
    call bpf_probe_read_kernel
    exit
