; Lesson: the open-coded iterator upstream chose over callbacks.
;
; bpf_iter_num_new/next/destroy keep their state in 8 bytes of the stack
; (fp-8). The loop is ordinary code: no callback frame, and the verifier
; proves it terminates because next() eventually returns NULL.
; Sum of 0..9 = 45.
.program iter_num syscall

    r1 = r10
    r1 += -8
    r2 = 0                      ; start
    r3 = 10                     ; end
    call kfunc bpf_iter_num_new
    r6 = 0
loop:
    r1 = r10
    r1 += -8
    call kfunc bpf_iter_num_next
    if r0 == 0 goto done
    r1 = *(u32 *)(r0 + 0)
    r6 += r1
    goto loop
done:
    r1 = r10
    r1 += -8
    call kfunc bpf_iter_num_destroy
    r0 = r6
    exit
