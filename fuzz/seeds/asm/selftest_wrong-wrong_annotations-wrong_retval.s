.program wrong_retval syscall
.image .bss 16
.bss buf 16 at=0

    r4 = r10
    r4 += -16
    r1 = buf ll
    r2 = 16
    r3 = 0
    call bpf_dynptr_from_mem
    r1 = r0
    r0 = 4294967295 ll
    if r1 != 0 goto +3 <LBB5_2>
    r1 = r10
    r1 += -16
    call bpf_dynptr_size
LBB5_2:
    exit
