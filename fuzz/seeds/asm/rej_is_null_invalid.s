; Lesson (rejected): only an initialized dynptr may be asked anything.
;
; The stack slots at fp-16 were never made a dynptr, so the verifier
; refuses bpf_dynptr_is_null with the kernel's message
; "Expected an initialized dynptr as arg #1". Compare with the
; specification's test dynptr_is_null_invalid.
.program dynptr_is_null_invalid syscall

    r1 = r10
    r1 += -16                   ; &ptr: never initialized
    call bpf_dynptr_is_null
    r0 = 0
    exit
