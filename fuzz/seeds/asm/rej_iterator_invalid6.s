; Lesson (rejected): the callback cannot write into its dynptr.
;
; r1 in the callback points to the dynptr itself, not to its data:
; storing through it is refused, "invalid mem access 'dynptr_ptr'"
; (iterator_invalid6).
.program iterator_invalid6 syscall
.data buf 16 = 0

    r1 = buf ll                 ; 16 bytes of a global: a map value
    r2 = 16
    r3 = 0
    r4 = r10
    r4 += -16
    call bpf_dynptr_from_mem    ; local dynptr at fp-16

    r1 = r10
    r1 += -16
    r2 = cb ll
    r3 = 0
    r4 = 0
    call bpf_dynptr_iterator
    r0 = 0
    exit

cb:
    r2 = 0
    *(u64 *)(r1 + 0) = r2       ; overwrite the dynptr's data pointer
    r0 = 0
    exit
