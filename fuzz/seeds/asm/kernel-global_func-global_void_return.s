.program global_void_return tc
.image .rodata 3 = "%d"
.rodata gf_log.____fmt 3 at=0

    r1 = *(u32 *)(r1 + 0)
    call gf_log
    r0 = 0
    exit

gf_log:
    r3 = r1
    r1 = gf_log.____fmt ll
    r2 = 3
    call bpf_trace_printk
    exit
