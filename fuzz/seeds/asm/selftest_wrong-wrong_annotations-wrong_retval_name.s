.program wrong_retval_name syscall
.image .bss 16
.bss buf 16 at=0

    r0 = 0
    exit
