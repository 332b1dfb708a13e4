; Lesson (rejected): bpf_dynptr_get_offset needs an initialized dynptr.
;
; fp-16 holds no dynptr: the verifier tracks every stack slot's type and
; refuses the call with "Expected an initialized dynptr as arg #1"
; (the specification's test dynptr_get_offset_invalid). Click the log line to see
; the stack slots at that instruction: they are not STACK_DYNPTR.
.program dynptr_get_offset_invalid syscall

    r1 = 0
    *(u64 *)(r10 - 16) = r1     ; plain data, not a dynptr
    *(u64 *)(r10 - 8) = r1
    r1 = r10
    r1 += -16
    call bpf_dynptr_get_offset
    r0 = 0
    exit
