; Lesson (rejected): a clone must go into an uninitialized slot.
;
; Both fp-16 and fp-32 already hold local dynptrs. Cloning into fp-32
; would silently drop the dynptr there, so the verifier refuses:
; "Dynptr has to be an uninitialized dynptr" (clone_invalid2).
.program clone_invalid2 syscall
.data buf 8 = 0

    r1 = buf ll
    r2 = 8
    r3 = 0
    r4 = r10
    r4 += -16
    call bpf_dynptr_from_mem    ; ptr at fp-16

    r1 = buf ll
    r2 = 8
    r3 = 0
    r4 = r10
    r4 += -32
    call bpf_dynptr_from_mem    ; another at fp-32

    r1 = r10
    r1 += -16
    r2 = r10
    r2 += -32                   ; already initialized
    r3 = 0
    call bpf_dynptr_clone
    r0 = 0
    exit
