; Lesson (rejected): the callback's dynptr cannot be re-initialized.
;
; The callback receives the iterated view in r1 and tries to make it a
; new local dynptr: "PTR_TO_DYNPTR is already an initialized dynptr"
; (iterator_invalid3).
.program iterator_invalid3 syscall
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
    r4 = r1                     ; the callback's dynptr
    r1 = 0
    *(u64 *)(r10 - 8) = r1
    r1 = r10
    r1 += -8
    r2 = 8
    r3 = 0
    call bpf_dynptr_from_mem    ; into an initialized dynptr
    r0 = 0
    exit
