.program wrong_expects_success syscall
.image .bss 16
.bss buf 16 at=0

    r1 = r10
    r1 += -16
    call bpf_dynptr_size
    exit
