; Lesson (rejected): the callback's return value must fit an int.
;
; The iterator advances by the callback's return value; 0x100000000 does
; not fit, and the verifier reports the register's tnum: "At callback
; return the register R0 has value (0x100000000; 0x0)" (iterator_invalid7).
.program iterator_invalid7 syscall
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
    r0 = 0x100000000 ll
    exit
