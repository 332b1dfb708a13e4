; Lesson (rejected): only an initialized dynptr can be cloned.
;
; fp-16 was never initialized, so bpf_dynptr_clone(&ptr, &clone, 0) is
; refused: "Expected an initialized dynptr as arg #1" (clone_invalid1).
.program clone_invalid1 syscall

    r1 = r10
    r1 += -16                   ; not a dynptr
    r2 = r10
    r2 += -32
    r3 = 0
    call bpf_dynptr_clone
    r0 = 0
    exit
