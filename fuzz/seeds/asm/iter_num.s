; Lesson: the open-coded iterator upstream chose over callbacks.
;
; bpf_iter_num_new/next/destroy keep their state in 8 bytes of the stack
; (fp-8, a STACK_ITER slot). The loop is ordinary code: no callback frame.
; The verifier follows the loop until the state at bpf_iter_num_next
; repeats: the sum lives in a global, whose value the verifier does not
; track, so every pass looks the same and the walk converges. (Keep the
; sum in a register and every pass has a different range: the walk never
; converges.) Sum of 0..9 = 45.
.program iter_num syscall
.data sum 8 = 0

    r1 = r10
    r1 += -8
    r2 = 0                      ; start
    r3 = 10                     ; end
    call kfunc bpf_iter_num_new
loop:
    r1 = r10
    r1 += -8
    call kfunc bpf_iter_num_next    ; int * or NULL
    if r0 == 0 goto done
    r1 = *(u32 *)(r0 + 0)
    r2 = sum ll
    r3 = *(u64 *)(r2 + 0)
    r3 += r1
    *(u64 *)(r2 + 0) = r3
    goto loop
done:
    r1 = r10
    r1 += -8
    call kfunc bpf_iter_num_destroy
    r1 = sum ll
    r0 = *(u64 *)(r1 + 0)       ; 45
    exit
