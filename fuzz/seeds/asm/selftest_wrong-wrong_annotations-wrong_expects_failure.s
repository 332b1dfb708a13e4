.program wrong_expects_failure syscall
.image .bss 16
.bss buf 16 at=0

    r4 = r10
    r4 += -16
    r1 = buf ll
    r2 = 16
    r3 = 0
    call bpf_dynptr_from_mem
    r0 = 0
    exit
