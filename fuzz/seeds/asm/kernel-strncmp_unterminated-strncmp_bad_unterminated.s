.program strncmp_bad_unterminated syscall
.image .rodata 4 = 0x616f6c6b
.rodata unterminated 4 at=0

    r6 = r10
    r6 += -16
    r1 = r6
    r2 = 16
    call bpf_get_current_comm
    r1 = r6
    r2 = 16
    r3 = unterminated ll
    call bpf_strncmp
    exit
