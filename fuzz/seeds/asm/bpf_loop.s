; Lesson: bpf_loop, the callback loop the iterator is modelled on.
;
; bpf_loop(5, add, &sum, 0) calls `add(index, ctx)` five times; the
; callback returns 0 to continue (1 would stop early). The Call stack
; panel lists every iteration. sum = 0 + 1 + 2 + 3 + 4 = 10.
.program loop_sum syscall

    r1 = 0
    *(u64 *)(r10 - 8) = r1      ; sum
    r1 = 5                      ; nr_loops
    r2 = add ll
    r3 = r10
    r3 += -8                    ; ctx
    r4 = 0
    call bpf_loop
    r0 = *(u64 *)(r10 - 8)
    exit

; long add(u32 index, void *ctx)
add:
    r3 = *(u64 *)(r2 + 0)
    r3 += r1
    *(u64 *)(r2 + 0) = r3
    r0 = 0
    exit
