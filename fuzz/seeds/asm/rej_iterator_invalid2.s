; Lesson (rejected): the iterator needs an initialized dynptr.
;
; "Expected an initialized dynptr as arg #1" (iterator_invalid2).
.program iterator_invalid2 syscall

    r1 = r10
    r1 += -16                   ; never initialized
    r2 = cb ll
    r3 = 0
    r4 = 0
    call bpf_dynptr_iterator
    r0 = 0
    exit

cb:
    r0 = 0
    exit
